"""The one door into reports: a class's results and its quiz plan in, report.pdf and
report.csv out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studyprint.errors import OptionError
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
    from studyprint.grade.plancheck import load_plan
    from studyprint.read.layout import load_layout
    from studyprint.results.report import report_csv, write_report
    from studyprint.vocab import default_layout

    plan = load_plan(plan_path)
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
