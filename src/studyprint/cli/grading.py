"""Grading scanned answer sheets: grade."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from studyprint.grade.review import Review
    from studyprint.grade.run import GradeResult


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
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Then open a page (on this computer) showing each flagged answer's picture "
            "to settle it; results.csv is written again, and what you settle is kept.",
        ),
    ] = False,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="With --review: print the page's address only.")
    ] = False,
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Grade scanned answer sheets against the quiz plan: results.csv and graded.pdf."""
    try:
        from studyprint.grade.run import GradeRequest, finish, read_scans
    except ImportError:
        raise OptionError("grading needs its extra: pip install 'studyprint[grade]'") from None
    from studyprint.grade.marks import MARK_RULES
    from studyprint.output import output_folder

    rule = next((r for r in MARK_RULES if r == marks.casefold()), None)
    if rule is None:
        raise OptionError(f"--marks takes strict or lenient, not {marks!r}")
    if review:
        _review_can_start()
    output_folder(output)
    pool, close = job_executor(jobs, scheduler)
    request = GradeRequest(tuple(scans), key, penalty, roster, rule)
    try:
        with progress_bar(quiet, "grading") as update:
            plan, reads = read_scans(request, pool, update)
    finally:
        close()
    result = finish(request, plan, reads, output)
    for page, why in result.unreadable:
        say(f"{page}: cannot be graded: {why}", err=True)
    _summary(result)
    if not review:
        return
    if not result.doubts:
        say("nothing to settle: every answer was read without a doubt")
        return
    from studyprint.grade.review import Review

    session = Review(request, plan, reads, output, result)
    _serve_review(session, open_browser=not no_browser)
    say(f"settled {session.settled_now} answer(s); {len(session.open)} left to settle")
    _summary(session.result)


def _summary(result: GradeResult) -> None:
    flagged = sum(1 for g in result.copies if g.flags)
    say(
        f"graded {len(result.copies)} copies ({flagged} with something to check), "
        f"{len(result.unreadable)} unreadable page(s); wrote "
        + " and ".join(str(f) for f in result.files)
    )


def _review_can_start() -> None:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise OptionError(
            "--review shows a page: it needs the web extra: pip install 'studyprint[web]'"
        ) from None


def _serve_review(session: Review, open_browser: bool) -> None:
    """The review page on this computer only, on a free port, until Finish (or Ctrl-C)."""
    import socket

    import uvicorn

    from studyprint.web.review import create_review_app

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    server: uvicorn.Server

    def done() -> None:
        server.should_exit = True

    config = uvicorn.Config(create_review_app(session, done), log_level="warning",
                            access_log=False)  # fmt: skip
    server = uvicorn.Server(config)
    say(f"{len(session.open)} answer(s) to settle: open {url} (Finish on the page, or Ctrl-C)")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    server.run(sockets=[listener])


@app.command("report")
def report_command(
    results: Annotated[
        Path, typer.Argument(help="The results.csv grade wrote.", show_default=False)
    ],
    key: Annotated[
        Path,
        typer.Option(
            "--key", help="The quiz plan the results were graded with.", show_default=False
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The report PDF (report.csv goes beside it).")
    ] = Path("report.pdf"),
) -> None:
    """Item analysis of graded results: which questions to look at and why, each
    version's scores, and how well the class knows each term."""
    from studyprint.output import refuse_special
    from studyprint.results.run import make_report

    if output.suffix.lower() != ".pdf":
        raise OptionError(f"-o {output}: the report is a PDF; give a name ending in .pdf")
    refuse_special(output)
    made = make_report(results, key, output)
    say(
        f"wrote {made.files[0]} ({made.pages} pages) and {made.files[1]}: {made.students} "
        f"students, {made.questions} questions, {made.flagged} to look at"
    )
