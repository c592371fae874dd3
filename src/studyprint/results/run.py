"""The one door into reports: a class's results and its quiz plan in, report.pdf and
report.csv out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from studyprint.errors import OptionError, UnreadableFile
from studyprint.output import PDF, TEXT, atomic_output
from studyprint.results.analysis import analyse
from studyprint.results.load import load_results


@dataclass(frozen=True, slots=True)
class ReportResult:
    files: tuple[Path, ...]
    students: int
    questions: int
    flagged: int
    pages: int


def make_report(results: Path, plan_path: Path, out: Path) -> ReportResult:
    from studyprint.read.layout import load_layout
    from studyprint.read.textfile import read_bytes
    from studyprint.results.report import report_csv, write_report
    from studyprint.vocab import default_layout

    try:
        plan = json.loads(read_bytes(plan_path, str(plan_path)).decode("utf-8"))
    except UnreadableFile as exc:
        raise OptionError(str(exc.problems[0])) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OptionError(f"{plan_path}: not a quiz plan (JSON) ({exc})") from None
    if not isinstance(plan, dict) or plan.get("schema") != "studyprint-quiz-plan/1":
        raise OptionError(
            f"{plan_path}: not a studyprint quiz plan; give the --plan file of the quiz"
        )
    loaded = load_results(results, plan)
    if not loaded.students:
        raise OptionError(f"{results}: no graded student of this quiz; check --key is its plan")
    analysis = analyse(loaded)
    table = out.with_suffix(".csv")
    with atomic_output(table, TEXT) as tmp:
        tmp.write_text(report_csv(analysis), encoding="utf-8")
    with atomic_output(out, PDF) as tmp:
        pages = write_report(analysis, str(plan.get("title") or "Quiz"),
                             load_layout(default_layout(False, None)), tmp)  # fmt: skip
    flagged = sum(1 for i in analysis.items if i.flags)
    return ReportResult((out, table), len(loaded.students), len(analysis.items), flagged, pages)


__all__ = ["ReportResult", "make_report"]
