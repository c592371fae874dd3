"""The exceptions studyprint raises, and the located problems they carry.

Everything a user can get wrong ends in a :class:`StudyprintError`; the CLI
turns it into one line per problem and exit code 1. Anything else reaching the
CLI is a bug in studyprint.

Hierarchy::

    StudyprintError
    ├── ProblemsError          one or more located problems (path:line:col)
    │   ├── UnreadableFile     a file cannot be read or parsed at all (any kind)
    │   ├── DeckError          a deck, manifest or roster is wrong
    │   └── LayoutError        a layout file is wrong
    ├── OptionError            a command-line option has a bad value
    ├── CardGridError          a card grid cannot print in the mode asked for
    ├── OutputError            an output file cannot or must not be written
    ├── TextError              text cannot be set (e.g. overflow under --strict)
    └── JobFailed              one job of a packet or build failed (names which)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple, TypeVar

T = TypeVar("T")
P = TypeVar("P")

Severity = Literal["error", "warning", "note"]


class Pos(NamedTuple):
    """A place in a source file; line and column count from 1.

    A named tuple rather than a dataclass: a big deck has a position for every
    value, and tuples are several times cheaper to create.
    """

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or suspicious) at one place in a file."""

    pos: Pos | None
    message: str
    path: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = str(self.pos) if self.pos else self.path
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {label}{self.message}" if where else f"{label}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class StudyprintError(Exception):
    """Base of every error caused by input, options or the file system."""


class ProblemsError(StudyprintError):
    """Raised with every problem found in a file, so the user fixes them in one go."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UnreadableFile(ProblemsError):
    """A file that cannot be read or parsed at all, whatever kind of file it is."""


class DeckError(ProblemsError):
    """A deck file could not be read or is not a valid deck."""


class LayoutError(ProblemsError):
    """A layout file could not be read or is not a valid layout."""


class OptionError(StudyprintError):
    """A command-line option has a value that cannot be used."""


class CardGridError(StudyprintError):
    """A card grid cannot be printed in the mode asked for (an odd grid cannot fold)."""


class OutputError(StudyprintError):
    """An output file cannot, or must not, be written."""


class TextError(StudyprintError):
    """Text could not be set as asked (for example it overflows under --strict)."""


class QuizError(StudyprintError):
    """A quiz cannot be made as asked (under --strict: fewer questions, another mix)."""


class ExportError(StudyprintError):
    """A quiz or deck cannot be written in the format asked for (past a consumer's limits)."""


class JobFailed(StudyprintError):
    """A job could not be done; the message names the manifest, student and section."""


def gather(paths: Iterable[P], load: Callable[[P], T]) -> tuple[list[T], list[Problem]]:
    """Load every file, keeping what loads and every problem of what does not.

    Users fix a whole folder of mistakes in one go, so one bad file never
    hides the problems of the next.
    """
    loaded: list[T] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(load(path))
        except ProblemsError as exc:
            problems += exc.problems
    return loaded, problems


def shown_bytes(text: str) -> str:
    """A file name or argument as text: bytes that are not UTF-8 (kept by the system as
    surrogates) shown as ``\\xff``, so they can be printed and written to a UTF-8 file."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def listed(items: Sequence[str], most: int = 8) -> str:
    """Items for a message of human size: the first ``most``, then how many more
    (a CSV with a million columns printed an 8.9 MB line)."""
    if len(items) <= most:
        return ", ".join(items)
    return f"{', '.join(items[:most])} and {len(items) - most:,} more"
