"""The Typer app and what its commands share: options, loading, failing, tables.

The CLI is the only part of studyprint that prints or picks exit codes: 0
success, 1 a problem in a deck, layout or output, 2 a usage error. Heavy
modules (ReportLab, pypdf) are imported inside the commands that need them so
that ``studyprint --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from studyprint import __version__
from studyprint.errors import OptionError, Problem, ProblemsError, StudyprintError

if TYPE_CHECKING:
    from studyprint.layouts import Layout
    from studyprint.model import Deck


app = typer.Typer(
    name="studyprint",
    help="Turn study decks written in YAML into printable study sheets, flashcards and quizzes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"studyprint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn study decks written in YAML into printable study sheets, flashcards and quizzes."""


def plural(number: int, word: str) -> str:
    """``1 page``, ``3 pages``."""
    return f"{number} {word}{'' if number == 1 else 's'}"


def fail(error: StudyprintError) -> NoReturn:
    """Report a user-facing error, one line per problem, and exit."""
    if isinstance(error, ProblemsError):
        for problem in error.problems:
            typer.echo(str(problem), err=True)
    else:
        typer.echo(f"error: {error}", err=True)
    raise typer.Exit(2 if isinstance(error, OptionError) else 1)


class Paper(StrEnum):
    letter = "letter"
    a4 = "a4"


DecksArg = Annotated[
    list[Path], typer.Argument(help="Deck files (or folders of decks).", show_default=False)
]


OutputOpt = Annotated[
    Path | None, typer.Option("-o", "--output", help="The PDF to write.", show_default=False)
]


LayoutOpt = Annotated[
    str | None,
    typer.Option("--layout", help="A built-in layout name (see 'studyprint layouts') or a path."),
]


PaperOpt = Annotated[
    Paper | None, typer.Option("--paper", help="Paper size, overriding the layout's.")
]


TermsOpt = Annotated[
    str | None, typer.Option("--terms", help='Only these terms: "term one, term two".')
]


TagsOpt = Annotated[
    str | None, typer.Option("--tags", help="Only terms with any of these tags: a,b.")
]


def warn(problems: list[Problem]) -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)


def decks_from_args(paths: list[Path], terms: str | None, tags: str | None) -> list[Deck]:
    """Load every deck (reporting all problems of all files), then apply the selection."""
    return decks_and_all_from_args(paths, terms, tags)[0]


def decks_and_all_from_args(
    paths: list[Path], terms: str | None, tags: str | None
) -> tuple[list[Deck], list[Deck]]:
    """(selected decks, all decks as loaded)."""
    from studyprint.deck import expand_deck_paths, load_decks
    from studyprint.selection import select, split_list

    files = expand_deck_paths(paths)
    if not files:
        fail(OptionError("no deck files found in the folders given"))
    decks, problems = load_decks(files)
    for deck in decks:
        warn(list(deck.warnings))
    if problems:
        fail(ProblemsError(problems))
    try:
        return select(decks, split_list(terms), split_list(tags)), decks
    except StudyprintError as exc:
        fail(exc)


def layout_from_options(name: str | None, paper: Paper | None, default: str = "letter") -> Layout:
    from studyprint.layouts import load_layout

    try:
        return load_layout(name or default, paper.value if paper else None)
    except StudyprintError as exc:
        fail(exc)


def output_path(output: Path | None, decks: list[Path], suffix: str) -> Path:
    if output is not None:
        return output if output.suffix.lower() == ".pdf" else output.with_suffix(".pdf")
    stem = decks[0].stem if len(decks) == 1 and not decks[0].is_dir() else "decks"
    return Path(f"{stem}-{suffix}.pdf")


JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", min=1, max=64, help="Parallel jobs (default: the number of cores)."),
]


SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="Run jobs on a Dask cluster: tcp://HOST:PORT."),
]


QuietOpt = Annotated[bool, typer.Option("--quiet", help="No progress bar.")]


@contextlib.contextmanager
def progress_bar(quiet: bool, label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr for long runs; nothing when quiet."""
    if quiet:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        f"[bold]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def print_table(rows: list[tuple[str, int, float | None]]) -> None:
    """The summary table: file, pages and (for files made by one job) time."""
    width = max([len(name) for name, _, _ in rows] + [4])
    typer.echo(f"{'file'.ljust(width)}  {'pages':>5}  {'time':>7}")
    for name, pages, seconds in rows:
        shown = f"{seconds:6.2f}s" if seconds is not None else ""
        typer.echo(f"{name.ljust(width)}  {pages:>5}  {shown:>7}")


def job_executor(jobs: int | None, scheduler: str | None) -> tuple[Any, Callable[[], None]]:
    from studyprint.jobs import make_executor

    try:
        return make_executor(jobs or os.cpu_count() or 1, scheduler)
    except StudyprintError as exc:
        fail(exc)
