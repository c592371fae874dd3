"""The ``studyprint`` command line: the only place that prints or picks exit codes.

Exit codes: 0 success, 1 a problem in a deck, layout or output, 2 a usage error.
Heavy modules (ReportLab, pypdf) are imported inside the commands that need
them so that ``studyprint --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from studyprint import __version__
from studyprint.errors import OptionError, ProblemsError, StudyprintError

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


def _fail(error: StudyprintError) -> NoReturn:
    """Report a user-facing error, one line per problem, and exit."""
    if isinstance(error, ProblemsError):
        for problem in error.problems:
            typer.echo(str(problem), err=True)
    else:
        typer.echo(f"error: {error}", err=True)
    raise typer.Exit(2 if isinstance(error, OptionError) else 1)


@app.command()
def check(
    decks: Annotated[
        list[Path],
        typer.Argument(help="Deck files (or folders of decks) to check.", show_default=False),
    ],
) -> None:
    """Check decks for mistakes and report each one as path:line:col."""
    from studyprint.deck import expand_deck_paths, load_deck
    from studyprint.errors import DeckError

    failed = False
    files = expand_deck_paths(decks)
    if not files:
        _fail(OptionError("no deck files found in the folders given"))
    for path in files:
        try:
            deck = load_deck(path)
        except DeckError as exc:
            failed = True
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            continue
        for warning in deck.warnings:
            typer.echo(str(warning), err=True)
        count = len(deck.terms)
        typer.echo(f"ok: {path}: {count} term{'s' if count != 1 else ''}")
    if failed:
        raise typer.Exit(1)


@app.command("layouts")
def list_layouts() -> None:
    """List the built-in layouts (use one with --layout NAME)."""
    from studyprint.layouts import describe_builtin

    rows = describe_builtin()
    width = max((len(name) for name, _ in rows), default=0)
    for name, description in rows:
        typer.echo(f"{name.ljust(width)}  {description}".rstrip())


@app.command("fonts")
def font_specimen(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Where to write the specimen PDF.")
    ] = Path("font-specimen.pdf"),
    family: Annotated[
        str, typer.Option("--family", help="Font family: sans or hyperlegible.")
    ] = "sans",
) -> None:
    """Print a one-page specimen of every script studyprint can print."""
    from studyprint.output import atomic_output

    if family not in ("sans", "hyperlegible"):
        _fail(OptionError(f"--family must be sans or hyperlegible, not '{family}'"))
    from studyprint.text.specimen import build_specimen

    try:
        with atomic_output(output) as tmp:
            build_specimen(tmp, family)
    except StudyprintError as exc:
        _fail(exc)
    typer.echo(f"wrote {output}")


def main() -> None:
    """Console-script entry point; a traceback reaching the user is a bug, so say so."""
    try:
        app()
    except StudyprintError as exc:  # pragma: no cover - commands catch their own
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("STUDYPRINT_DEBUG"):
            raise
        typer.echo(
            f"studyprint: internal error ({type(exc).__name__}: {exc}). This is a bug; "
            "please report it with the command you ran (STUDYPRINT_DEBUG=1 shows details).",
            err=True,
        )
        sys.exit(3)
