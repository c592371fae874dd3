"""The ``studyprint`` command line (see ``shared`` for the app and its conventions)."""

from __future__ import annotations

import os
import sys

import typer

from studyprint.cli import batch, decks, printing  # noqa: F401  (registers the commands)
from studyprint.cli.shared import app
from studyprint.errors import StudyprintError

__all__ = ["app", "main"]

#: The order ``studyprint --help`` lists the commands in: the main job first.
ORDER = ("build", "packet", "sheet", "cards", "quiz", "import", "check", "layouts", "fonts")
app.registered_commands.sort(
    key=lambda command: ORDER.index(command.name or command.callback.__name__)  # type: ignore[union-attr]
)


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
