"""The ``studyprint`` command line (see ``shared`` for the app and its conventions)."""

from __future__ import annotations

import os
import signal
import sys

import typer

from studyprint.cli import (  # noqa: F401  (registers the commands)
    batch,
    decks,
    exporting,
    grading,
    printing,
    serving,
    shared,
)
from studyprint.cli.shared import app, report

__all__ = ["app", "main"]

#: The order ``studyprint --help`` lists the commands in: the main job first.
ORDER = (
    "build", "packet", "sheet", "cards", "quiz", "grade", "serve", "new", "import", "check",
    "layouts", "fonts",
)  # fmt: skip
app.registered_commands.sort(
    key=lambda command: ORDER.index(command.name or command.callback.__name__)  # type: ignore[union-attr]
)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM and SIGHUP (a closed terminal) unwind like Ctrl-C, so every ``finally``
    removes its scratch files."""
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point. Commands report their own errors (see ``shared``);
    this catches what escapes before a command runs."""
    signal.signal(signal.SIGTERM, _terminated)
    if hasattr(signal, "SIGHUP"):  # not on Windows
        signal.signal(signal.SIGHUP, _terminated)
    try:
        app()
    except KeyboardInterrupt:  # escaped the commands' boundary (rare): still one line, 130
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if not shared.interrupt_reported:
            shared.say("studyprint: interrupted; no half-written file was kept", err=True)
        sys.exit(130)
    except SystemExit as done:
        if done.code == 130:  # leaving after Ctrl-C: a second one must not end us by signal
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise
    except Exception as exc:
        if os.environ.get("STUDYPRINT_DEBUG"):
            raise
        try:
            report(exc)
        except typer.Exit as done:
            sys.exit(done.exit_code)
