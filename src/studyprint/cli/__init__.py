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
    "build", "packet", "sheet", "cards", "quiz", "grade", "report", "serve", "new", "import",
    "check", "layouts", "fonts",
)  # fmt: skip
app.registered_commands.sort(
    key=lambda command: ORDER.index(command.name or command.callback.__name__)  # type: ignore[union-attr]
)


class Stopped(KeyboardInterrupt):
    """Ctrl-C, SIGTERM or SIGHUP (a closed terminal), raised by ``stop_on_signals``.

    A subclass, not KeyboardInterrupt itself: CPython remembers a plain
    KeyboardInterrupt raised inside source run by ``exec`` or ``eval`` (dataclasses
    and named tuples are made that way), and a ``python -m`` run then ends by SIGINT
    after its exit, even once the interruption was handled and reported.
    """


def _stopped(signum: int, frame: object) -> None:
    raise Stopped


#: The signals that stop a command, each with the handler it has when nobody chose one.
_SIGNALS = {signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL}
if hasattr(signal, "SIGHUP"):  # not on Windows
    _SIGNALS[signal.SIGHUP] = signal.SIG_DFL


def stop_on_signals() -> None:
    """Make Ctrl-C, SIGTERM and SIGHUP unwind like an interruption, so every
    ``finally`` removes its scratch files; a signal the caller ignored (``nohup``,
    a background job) stays ignored."""
    for signum, default in _SIGNALS.items():
        if signal.getsignal(signum) is default:
            signal.signal(signum, _stopped)


def _leaving() -> None:
    """Leaving after an interruption: a second signal must not interrupt the exit."""
    for signum in _SIGNALS:
        if signal.getsignal(signum) is _stopped:
            signal.signal(signum, signal.SIG_IGN)


def main() -> None:
    """Console-script entry point. Commands report their own errors (see ``shared``);
    this catches what escapes before a command runs."""
    stop_on_signals()
    try:
        app()
    except KeyboardInterrupt:  # escaped the commands' boundary (rare): still one line, 130
        _leaving()
        if not shared.interrupt_reported:
            shared.say("studyprint: interrupted; no half-written file was kept", err=True)
        sys.exit(130)
    except SystemExit as done:
        if done.code == 130:
            _leaving()
        raise
    except Exception as exc:
        if os.environ.get("STUDYPRINT_DEBUG"):
            raise
        try:
            report(exc)
        except typer.Exit as done:
            sys.exit(done.exit_code)
