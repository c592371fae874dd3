"""Grading scanned answer sheets: grade."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from studyprint.cli.shared import (
    JobsOpt,
    QuietOpt,
    SchedulerOpt,
    app,
    job_executor,
    progress_bar,
    say,
)
from studyprint.errors import OptionError


@app.command()
def grade(
    scans: Annotated[
        list[Path],
        typer.Argument(help="Scanned answer sheets: PDFs or PNG/JPEG photos.", show_default=False),
    ],
    key: Annotated[
        Path,
        typer.Option(
            "--key",
            help="The quiz plan (quiz --plan, or a packet's plan.json).",
            show_default=False,
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for results.csv.")] = Path(
        "results"
    ),
    penalty: Annotated[
        float,
        typer.Option(
            "--penalty", help="Points taken off a wrong answer, as a share of its points."
        ),
    ] = 0.0,
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster",
            help="A class roster (name, id) to name students by number "
            "(default: a packet's assignments.csv beside the plan).",
        ),
    ] = None,
    marks: Annotated[
        str,
        typer.Option(
            "--marks",
            help="strict: a dot, tick, X or circled letter is flagged for you to settle; "
            "lenient: read as the answer where it is the row's only mark.",
        ),
    ] = "strict",
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Grade scanned answer sheets against the quiz plan: results.csv and graded.pdf."""
    try:
        from studyprint.grade.run import GradeRequest
        from studyprint.grade.run import grade as run_grade
    except ImportError:
        raise OptionError("grading needs its extra: pip install 'studyprint[grade]'") from None
    from studyprint.grade.marks import MARK_RULES
    from studyprint.output import output_folder

    rule = next((r for r in MARK_RULES if r == marks.casefold()), None)
    if rule is None:
        raise OptionError(f"--marks takes strict or lenient, not {marks!r}")
    output_folder(output)
    pool, close = job_executor(jobs, scheduler)
    try:
        with progress_bar(quiet, "grading") as update:
            request = GradeRequest(tuple(scans), key, penalty, roster, rule)
            result = run_grade(request, output, pool, update)
    finally:
        close()
    for page, why in result.unreadable:
        say(f"{page}: cannot be graded: {why}", err=True)
    flagged = sum(1 for g in result.copies if g.flags)
    say(
        f"graded {len(result.copies)} copies ({flagged} with something to check), "
        f"{len(result.unreadable)} unreadable page(s); wrote "
        + " and ".join(str(f) for f in result.files)
    )
