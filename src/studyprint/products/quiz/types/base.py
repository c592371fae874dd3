"""What a question type is: how it makes items, arranges them into a version,
prints them and keys them. Pure: printing goes through a :class:`PrintKit`
that the quiz layout provides, so a type module never imports ReportLab.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from studyprint.model import Deck, Term
from studyprint.vocab import LETTERS

#: Options of a lettered item; correct letters are balanced over this many.
OPTIONS = 4

#: Something printable the kit made (a ReportLab flowable, opaque here).
Block = Any

Pairs = list[tuple[Deck, Term]]


def norm(text: str) -> str:
    """Text as compared for sameness: trimmed, spaces collapsed, case-folded."""
    return " ".join(text.split()).casefold()


def escape_markers(text: str) -> str:
    """A term put inside our own ``**…**`` must not close it early."""
    return text.replace("\\", "\\\\").replace("*", "\\*")


class Pool:
    """The decks a quiz is drawn from, the random source, and what was used so far.

    Types share one pool, so terms used by one type are the last choice of the
    next, and work one type needs twice (capacity, then generation) is done once.
    """

    def __init__(self, decks: Sequence[Deck], rng: random.Random) -> None:
        self.decks = list(decks)
        self.rng = rng
        self.pairs: Pairs = [(deck, term) for deck in decks for term in deck.terms]
        self._usage: dict[int, int] = {}
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def choose(self, candidates: Pairs, n: int) -> Pairs:
        """``n`` candidates, the least used first, ties broken by chance."""
        rng, usage = self.rng, self._usage
        order = sorted(candidates, key=lambda p: (usage.get(id(p[1]), 0), rng.random()))
        chosen = order[:n]
        for _, term in chosen:
            usage[id(term)] = usage.get(id(term), 0) + 1
        return chosen


@dataclass(frozen=True, slots=True)
class Printed:
    """One item as printed in a version, with its answer."""

    number: int  # the first number it takes (a matching block takes one per term)
    kind: str
    prompt: str  # the stem (mc), the term (tf), the definition (written), the question
    options: tuple[str, ...] = ()  # lettered options in printed order
    answer: int | bool | str | tuple[int, ...] = ""  # index, truth, text or match indices
    shown: str = ""  # tf: the definition shown
    terms: tuple[str, ...] = ()  # match: the terms in printed order
    accepted: tuple[str, ...] = ()  # written: every accepted name
    term: Term | None = None
    mode: str = ""  # mc: pick-term, pick-definition or authored

    @property
    def size(self) -> int:
        return len(self.terms) if self.terms else 1


class Arranger:
    """Shuffles one version: its random source and the balanced correct letters."""

    def __init__(self, rng: random.Random, positions: Iterator[int]) -> None:
        self.rng = rng
        self._positions = positions

    def correct_position(self, width: int) -> int:
        """Where the correct option goes among ``width`` (letters spread evenly)."""
        return next(self._positions) % width


class PrintKit(Protocol):
    """What the quiz page offers a question type to print with."""

    answer_lines: int  # ruled lines under an open question

    def stem(self, text: str, number: int) -> Block: ...
    def option(self, text: str, letter: str) -> Block: ...
    def choice_line(self, text: str) -> Block: ...  # e.g. "True / False", bold, under a stem
    def write_lines(self, count: int) -> Block: ...
    def matching(self, first: int, terms: Sequence[str], options: Sequence[str]) -> Block: ...


@dataclass(frozen=True, slots=True)
class KeyDetail:
    """A longer answer printed under the key's grid."""

    text: str
    bullet: str | None = None


class QuestionType:
    """One kind of question. Subclass it in a module of its own and register it.

    Instances hold no state: a quiz's state lives in its :class:`Pool` (while
    generating) and :class:`Arranger` (while arranging a version).
    """

    name: ClassVar[str]  # as written in --types and manifests
    title: ClassVar[str]  # the section heading
    instructions: ClassVar[str]
    lettered: ClassVar[bool] = False  # its correct answers are letters to balance
    block: ClassVar[tuple[int, int] | None] = None  # (min, max) questions in one block
    skipped: ClassVar[str] = ""  # the warning when a deck cannot make any

    def capacity(self, pool: Pool) -> int:
        """How many questions the pool can give (a block type: the largest block)."""
        raise NotImplementedError

    def generate(self, pool: Pool, n: int) -> list[Any]:
        """``n`` questions' worth of items (a block type: one item of ``n`` questions)."""
        raise NotImplementedError

    def size(self, item: Any) -> int:
        """How many numbered questions the item takes."""
        return 1

    def arrange(self, item: Any, number: int, arranger: Arranger) -> Printed:
        raise NotImplementedError

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        raise NotImplementedError

    def key_labels(self, q: Printed) -> list[tuple[int, str]]:
        """(number, answer) for the key's compact grid."""
        return [(q.number, "see below")]

    def key_detail(self, q: Printed) -> KeyDetail | None:
        """A longer answer under the grid, if the grid cannot hold it."""
        return None


def letter(index: int) -> str:
    return LETTERS[index]
