"""The one door into grading: scans and a plan in, results.csv and graded.pdf out.

Every page is read as a job (here, on the local pool, or on Dask: the same
executors packets use); then sheets are grouped into copies (sheet 1 starts
one), scored with the plan, and both files written atomically. A page that
cannot be read is reported with why, never guessed.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyprint.errors import OptionError
from studyprint.grade.marks import MarkRule
from studyprint.grade.pages import PageRead, pages_of, read_page
from studyprint.grade.plancheck import load_plan
from studyprint.grade.report import GradedPage, write_graded
from studyprint.grade.score import Copy, Graded, score
from studyprint.grade.settle import BY_TEACHER, Doubt, apply_settled, doubts, load_settled
from studyprint.output import PDF, TEXT, atomic_output, spreadsheet_safe


@dataclass(frozen=True, slots=True)
class GradeRequest:
    scans: tuple[Path, ...]
    plan: Path  # the quiz plan written with the quiz (--plan) or by a packet
    penalty: float = 0.0  # points taken for a wrong answer, as a share of its points
    #: names for student numbers: a class roster (name, id); None: a packet's
    #: assignments.csv beside the plan, if there is one
    roster: Path | None = None
    #: "strict": a dot, tick, X or circled letter is flagged; "lenient": read as the
    #: answer where it is the row's only mark (--marks)
    marks: MarkRule = "strict"


@dataclass(slots=True)
class GradeResult:
    copies: list[Graded]
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (page, why)
    files: list[Path] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)  # what a person can settle (--review)


def grade(
    request: GradeRequest,
    out_dir: Path,
    executor: Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> GradeResult:
    """Read every scan and write what it says (see :func:`finish`)."""
    plan, reads = read_scans(request, executor, progress)
    return finish(request, plan, reads, out_dir)


def read_scans(
    request: GradeRequest,
    executor: Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, Any], list[PageRead]]:
    """The plan, and every page of the scans as read (the slow part, done once)."""
    from studyprint.batch.jobs import InlineExecutor, run_each

    if not (math.isfinite(request.penalty) and 0 <= request.penalty <= 1):
        raise OptionError(f"--penalty must be from 0 to 1, not {request.penalty:g}")
    plan = load_plan(request.plan)
    jobs = pages_of(request.scans, request.plan.resolve(), request.marks)
    return plan, run_each(read_page, jobs, executor or InlineExecutor(), progress)


def finish(
    request: GradeRequest, plan: dict[str, Any], reads: list[PageRead], out_dir: Path
) -> GradeResult:
    """Pages as read into copies, scored, and written: results.csv, unread.csv (when a
    page could not be read) and graded.pdf; what a teacher settled before (settled.json
    in ``out_dir``) stands in for what was doubtful. Run again after each review."""
    settled = load_settled(out_dir)
    reads = apply_settled(reads, settled)
    copies, unreadable = group(reads, plan)
    points = float(plan.get("points_per_question", 1.0))
    versions = {v["version"]: v for v in plan["versions"]}
    for c in [c for c in copies if c.version not in versions]:  # a plan changed by hand
        copies.remove(c)
        unreadable += [(page, f"version {c.version} is not in the plan") for page in c.pages]
    result = GradeResult(
        [score(c, versions[c.version], points, request.penalty) for c in copies], unreadable
    )
    names = student_names(request.roster or request.plan.with_name("assignments.csv"),
                          required=request.roster is not None)  # fmt: skip
    result.doubts = doubts(result.copies, reads, names)
    results = out_dir / "results.csv"
    with atomic_output(results, TEXT) as tmp:
        tmp.write_text(results_csv(result, names), encoding="utf-8")
    unread = out_dir / "unread.csv"
    if result.unreadable:  # every page the run could not read, to scan again
        with atomic_output(unread, TEXT) as tmp:
            tmp.write_text(unread_csv(reads, result), encoding="utf-8")
        result.files.append(unread)
    graded = out_dir / "graded.pdf"
    with atomic_output(graded, PDF) as tmp:
        write_graded(graded_pages(result, reads, plan), tmp)
    result.files += [results, graded]
    return result


def group(reads: list[PageRead], plan: dict[str, Any]) -> tuple[list[Copy], list[tuple[str, str]]]:
    """Pages into copies, in scan order: sheet 1 starts a copy, and the next sheets of
    the same version join it."""
    sheets = {s["code"]: s for v in plan["versions"] for s in v["answer_sheets"]}
    copies: list[Copy] = []
    unreadable: list[tuple[str, str]] = []
    seen: dict[tuple[object, ...], str] = {}  # what a page read -> the first page that read it
    for page in reads:
        if page.problem:
            unreadable.append((page.name, page.problem))
            continue
        if page.number.value and not page.number.doubtful:  # the same sheet scanned again
            key = (page.payload, page.number.value, tuple(r.value for r in page.rows))
            if key in seen:
                why = f"the same sheet as {seen[key]}, scanned again: counted once"
                unreadable.append((page.name, why))
                continue
            seen[key] = page.name
        sheet = sheets[page.payload]
        current = copies[-1] if copies else None
        if (
            current is None
            or page.sheet == 1
            or current.code != page.code
            or page.sheet in current.sheets_seen
            or _someone_else(current, page)
        ):
            current = Copy(page.version, page.code, sheets=page.sheets)
            copies.append(current)
        current.pages.append(page.name)
        current.sheets_seen.append(page.sheet)
        if page.sheet == 1 or not current.number.value:
            current.number = page.number
            current.number_page = page.name
        for reading, row in zip(page.rows, sheet["rows"], strict=True):
            current.rows[row["number"]] = (reading, row)
            current.where[row["number"]] = page.name
    return copies, unreadable


def graded_pages(
    result: GradeResult, reads: list[PageRead], plan: dict[str, Any]
) -> list[GradedPage]:
    sheets = {s["code"]: s for v in plan["versions"] for s in v["answer_sheets"]}
    by_page = {name: g for g in result.copies for name in g.copy.pages}
    pages = []
    for page in reads:
        graded = by_page.get(page.name)
        if graded is None:
            continue
        sheet = sheets[page.payload]
        mine = {row["number"] for row in sheet["rows"]}
        answers = {a.number: a for a in graded.answers if a.number in mine}
        earned = sum(a.points for a in answers.values())
        who = graded.copy.number.value or "?"
        heading = (
            f"{page.name} · student {who} · version {page.version} · sheet {page.sheet} of "
            f"{page.sheets} · {earned:g} points here · {graded.total:g} / {graded.possible:g}"
        )
        pages.append(GradedPage(page.preview, sheet, answers, heading))
    return pages


def _someone_else(copy: Copy, page: PageRead) -> bool:
    """Does a later sheet carry another student's number than the copy it follows (a
    page 2 stapled behind someone else's page 1)? Then it starts a copy of its own, and
    both are flagged with the sheet they miss, never merged into a stranger's."""
    theirs, mine = copy.number, page.number
    return bool(
        theirs.value
        and mine.value
        and not theirs.doubtful
        and not mine.doubtful
        and theirs.value != mine.value
    )


def student_names(roster: Path, required: bool) -> dict[str, str]:
    """Names by student number (leading zeros aside) from a roster with name and id."""
    from studyprint.errors import StudyprintError
    from studyprint.read.manifest import load_roster

    if not required and not roster.is_file():
        return {}
    try:
        students = load_roster(roster)
    except StudyprintError:
        if required:
            raise
        return {}
    return {s.id.strip().lstrip("0") or "0": s.name for s in students if s.id.strip().isdigit()}


def results_csv(result: GradeResult, names: dict[str, str] | None = None) -> str:
    """One row per copy: who, which version, every answer read and its points, the
    total, and what a person should look at; then one row per unreadable page."""
    names = names or {}
    questions = max((len(g.answers) for g in result.copies), default=0)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = ["scan", "student", "student_number", "version"]
    for n in range(1, questions + 1):
        header += [f"q{n}", f"q{n}_points"]
    writer.writerow([*header, "total", "out_of", "flags"])
    for g in result.copies:
        number = g.copy.number.value
        name = names.get(number.lstrip("0") or "0", "") if number.isdigit() else ""
        flags = list(g.flags)
        if not number:
            flags.insert(0, "no student number bubbled (written only?)")
        elif names and number.isdigit() and not name and g.copy.number.why != BY_TEACHER:
            flags.insert(
                0, f"student number {number} is not on the roster{_nearest(number, names)}"
            )
        row = [spreadsheet_safe(g.copy.pages[0]), spreadsheet_safe(name), number, g.copy.version]
        by_number = {a.number: a for a in g.answers}
        for n in range(1, questions + 1):
            answer = by_number.get(n)
            row += [answer.read, _points(answer.points)] if answer else ["", ""]
        writer.writerow([*row, _points(g.total), _points(g.possible), "; ".join(flags)])
    for page, why in result.unreadable:
        empty = [""] * (3 + 2 * questions + 2)
        writer.writerow([spreadsheet_safe(page), *empty, f"unreadable: {why}"])
    return buffer.getvalue()


def _nearest(number: str, names: dict[str, str]) -> str:
    """The roster entries one or two bubbles away from a number read (a digit mis-bubbled),
    as a hint: " (nearest: 004271 Ana Ruiz)"."""
    width = len(number)

    def away(key: str) -> int:
        other = key.zfill(width)
        return sum(a != b for a, b in zip(number, other, strict=False)) + abs(len(other) - width)

    ranked = sorted(names, key=lambda key: (away(key), key))
    close = [key for key in ranked[:2] if away(key) <= 2]
    if not close:
        return ""
    return " (nearest: " + ", ".join(f"{k.zfill(width)} {names[k]}" for k in close) + ")"


def unread_csv(reads: list[PageRead], result: GradeResult) -> str:
    """One row per page that was not graded: its file, its page there, and why."""
    where = {r.name: (r.source, r.page) for r in reads}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "page", "why"])
    for name, why in result.unreadable:
        source, page = where.get(name, (name, 0))
        writer.writerow([spreadsheet_safe(source), page or "", spreadsheet_safe(why)])
    return buffer.getvalue()


def _points(value: float) -> str:
    return f"{value:g}"


__all__ = [
    "GradeRequest",
    "GradeResult",
    "finish",
    "grade",
    "load_plan",
    "read_scans",
    "results_csv",
]
