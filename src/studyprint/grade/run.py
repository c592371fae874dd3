"""The one door into grading: scans and a plan in, results.csv out.

``grade`` reads every page, groups sheets into copies (sheet 1 starts one),
scores them with the plan, and writes the results atomically; a page it cannot
read is reported with why, never guessed.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyprint.errors import OptionError
from studyprint.grade.locate import Unreadable, locate
from studyprint.grade.marks import read_sheet
from studyprint.grade.scans import read_scans
from studyprint.grade.score import Copy, Graded, score
from studyprint.output import atomic_output, spreadsheet_safe


@dataclass(frozen=True, slots=True)
class GradeRequest:
    scans: tuple[Path, ...]
    plan: Path  # the quiz plan written with the quiz (--plan) or by a packet
    penalty: float = 0.0  # points taken for a wrong answer, as a share of its points


@dataclass(slots=True)
class GradeResult:
    copies: list[Graded]
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (page, why)
    files: list[Path] = field(default_factory=list)


def load_plan(path: Path) -> dict[str, Any]:
    """The quiz plan, checked to be one with answer sheets."""
    from studyprint.errors import UnreadableFile
    from studyprint.read.textfile import read_bytes

    try:
        plan = json.loads(read_bytes(path, str(path)).decode("utf-8"))
    except UnreadableFile as exc:
        raise OptionError(str(exc.problems[0])) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OptionError(f"{path}: not a quiz plan (JSON) ({exc})") from None
    if not isinstance(plan, dict) or plan.get("schema") != "studyprint-quiz-plan/1":
        raise OptionError(f"{path}: not a studyprint quiz plan; give the --plan file of the quiz")
    versions = plan.get("versions")
    if not isinstance(versions, list) or not all(
        isinstance(v, dict) and v.get("answer_sheets") for v in versions
    ):
        raise OptionError(
            f"{path}: this quiz was printed without answer sheets; print it with --answer-sheet"
        )
    return plan


def grade(request: GradeRequest, out_dir: Path) -> GradeResult:
    if not (math.isfinite(request.penalty) and 0 <= request.penalty <= 1):
        raise OptionError(f"--penalty must be from 0 to 1, not {request.penalty:g}")
    plan = load_plan(request.plan)
    sheets = {s["code"]: s for v in plan["versions"] for s in v["answer_sheets"]}
    versions = {v["version"]: v for v in plan["versions"]}
    copies: list[Copy] = []
    result = GradeResult([])
    for path in request.scans:
        for scan in read_scans(path):
            try:
                found, sheet = locate(scan.image, sheets)
            except Unreadable as exc:
                result.unreadable.append((scan.name, str(exc)))
                continue
            rows, number = read_sheet(found.page, sheet)
            current = copies[-1] if copies else None
            if (
                current is None
                or found.sheet == 1
                or current.code != found.code
                or found.sheet in current.sheets_seen
            ):
                current = Copy(found.version, found.code, sheets=found.sheets)
                copies.append(current)
            current.pages.append(scan.name)
            current.sheets_seen.append(found.sheet)
            if found.sheet == 1 or not current.number.value:
                current.number = number
            for reading, row in zip(rows, sheet["rows"], strict=True):
                current.rows[row["number"]] = (reading, row)
    points = float(plan.get("points_per_question", 1.0))
    result.copies = [score(c, versions[c.version], points, request.penalty) for c in copies]
    results = out_dir / "results.csv"
    with atomic_output(results) as tmp:
        tmp.write_text(results_csv(result), encoding="utf-8")
    result.files.append(results)
    return result


def results_csv(result: GradeResult) -> str:
    """One row per copy: who, which version, every answer read and its points, the
    total, and what a person should look at; then one row per unreadable page."""
    questions = max((len(g.answers) for g in result.copies), default=0)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = ["scan", "student_number", "version"]
    for n in range(1, questions + 1):
        header += [f"q{n}", f"q{n}_points"]
    writer.writerow([*header, "total", "out_of", "flags"])
    for g in result.copies:
        row = [spreadsheet_safe(g.copy.pages[0]), g.copy.number.value, g.copy.version]
        by_number = {a.number: a for a in g.answers}
        for n in range(1, questions + 1):
            answer = by_number.get(n)
            row += [answer.read, _points(answer.points)] if answer else ["", ""]
        writer.writerow([*row, _points(g.total), _points(g.possible), "; ".join(g.flags)])
    for page, why in result.unreadable:
        empty = [""] * (2 + 2 * questions + 2)
        writer.writerow([spreadsheet_safe(page), *empty, f"unreadable: {why}"])
    return buffer.getvalue()


def _points(value: float) -> str:
    return f"{value:g}"


__all__ = ["GradeRequest", "GradeResult", "grade", "load_plan", "results_csv"]
