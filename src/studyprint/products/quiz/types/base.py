"""What a question type is: how it makes items, arranges them into a version,
prints them and keys them. Pure: printing goes through a :class:`PrintKit`
that the quiz layout provides, so a type module never imports ReportLab.

The fairness rules every type keeps are enforced here, in :class:`Pool`:

* **Independence.** A term (with its whole answer set) is the subject of at
  most one item, and a definition shown anywhere else (a distractor, a false
  statement, a matching extra) never belongs to another item's subject: no
  item answers another. ``--allow-repeats`` lifts this for small decks.
* **Every right answer.** Options of one item come from different answer sets,
  none of them right under another name or alias, none near-identical to the
  answer or to each other (see :mod:`studyprint.products.quiz.bank`).
* **No giveaway.** Options of one item are of one kind (script, "to …",
  article, affix, quantity); an item that shows a definition and asks for the
  term is never made from a definition that names its own term.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from studyprint.model import Deck, Term
from studyprint.products.quiz.bank import (
    Bank,
    Entry,
    mentions,
    near_identical,
    norm,
    same_band,
)
from studyprint.products.quiz.paper import Paper
from studyprint.vocab import LETTERS, Ask
from studyprint.words import Words

#: Options of a lettered item; correct letters are balanced over this many.
OPTIONS = 4

#: How many candidates a distractor search looks at: enough to find the best
#: few, few enough that a 10,000-term deck costs what a 100-term deck does.
SAMPLE = 150

#: Distractor searches of one kind that may fail in a row before that kind is given up
#: for the quiz: a deck whose definitions are one template ("the Spanish word for …")
#: can never offer them as wrong options, and asking each of 100,000 subjects costs
#: minutes. Sampling at random (150 candidates a search), 24 failures in a row mean the
#: deck has (almost) none.
GIVE_UP = 24

#: Subjects one search may pass over in a row, none of them made an item, before it
#: stops: a deck where (almost) no term can be asked this way (a template deck has no
#: definitions to offer as false statements) costs 256 looks, not one per term.
PATIENCE = 256

#: Something printable the kit made (a ReportLab flowable, opaque here).
Block = Any

__all__ = ["OPTIONS", "Block", "Entry", "Pool", "Printed", "QuestionType", "norm"]


def escape_markers(text: str) -> str:
    """A term put inside our own ``**…**`` must not close it early."""
    return text.replace("\\", "\\\\").replace("*", "\\*")


class Pool:
    """The decks a quiz is drawn from, the random source, and what items already use.

    Types share one pool, so what one item uses no other item can give away.
    """

    def __init__(
        self,
        decks: Sequence[Deck],
        rng: random.Random,
        *,
        ask: Ask = "both",
        allow_repeats: bool = False,
        count: int = 0,
    ) -> None:
        self.decks = list(decks)
        self.rng = rng
        self.count = count  # questions the quiz asks for
        self.ask = ask
        self.allow_repeats = allow_repeats
        self.bank = Bank(decks)
        # answer sets by what items do with them (see the module's rules)
        self.claimed: set[int] = set()  # the subject of an item
        self.stems: set[int] = set()  # the definition is an item's stem or statement
        self.blocked: set[int] = set()  # shown as a false statement or wrong option: no subject
        self.offered: set[int] = set()  # the definition is a wrong option somewhere
        self._usage: dict[int, int] = {}
        self._claims = 0  # items made so far (see PATIENCE)
        self._failures: dict[tuple[object, ...], int] = {}  # see GIVE_UP
        # one version is one sheet of paper: what its items print, and what none may show
        self.paper = Paper(self.bank)

    @property
    def entries(self) -> list[Entry]:
        return self.bank.entries

    @property
    def pairs(self) -> list[tuple[Deck, Term]]:
        return [(e.deck, e.term) for e in self.bank.entries]

    @property
    def answer_sets(self) -> int:
        return self.bank.set_count

    def free(self, entry: Entry, *, stem: bool = True) -> bool:
        """May ``entry`` be the subject of a new item? ``stem``: the item shows its
        definition as its stem or statement (recorded by :meth:`claim`)."""
        if self.allow_repeats:
            return True
        answer = entry.answer
        if answer in self.claimed or answer in self.blocked:
            return False
        return not (stem and answer in self.stems)

    def claim(self, *entries: Entry, stem: bool = True) -> None:
        """Make ``entries`` the subject of an item (see :meth:`free`)."""
        self._claims += 1
        for entry in entries:
            self.claimed.add(entry.answer)
            if stem:
                self.stems.add(entry.answer)
            self._usage[entry.answer] = self._usage.get(entry.answer, 0) + 1

    def stateable(self, entry: Entry) -> bool:
        """May ``entry``'s definition be a false statement about another term? Only if no
        item is about ``entry``: that item would tell the statement is false."""
        if self.allow_repeats:
            return True
        answer = entry.answer
        return answer not in self.claimed | self.stems | self.offered

    def state(self, entry: Entry) -> None:
        """``entry``'s definition is a false statement: it can be no item's subject now."""
        self.stems.add(entry.answer)
        self.blocked.add(entry.answer)

    def offerable(self, entry: Entry) -> bool:
        """May ``entry``'s definition be a wrong option? Only if no item uses it and no
        other item offers it: a wrong option seen elsewhere as a stem, beside its term, or
        twice, is struck off at a glance."""
        if self.allow_repeats:
            return True
        answer = entry.answer  # a wrong option printed twice is known for one at a glance
        return (
            answer not in self.claimed and answer not in self.stems and answer not in self.offered
        )

    def offer(self, *entries: Entry) -> None:
        """These definitions are wrong options: no item may be about them now."""
        for entry in entries:
            self.offered.add(entry.answer)
            self.blocked.add(entry.answer)

    def subjects(
        self,
        candidates: Sequence[Entry],
        accept: Callable[[Entry], bool] = lambda e: True,
        *,
        stem: bool = True,
    ) -> Iterator[Entry]:
        """Candidates in random order (least used first with repeats), each still free
        when it comes up; the caller claims what it uses."""
        order: Iterator[Entry] = _random_order(candidates, self.rng)
        if self.allow_repeats:  # least used first; a stable sort keeps ties random
            order = iter(sorted(order, key=lambda e: self._usage.get(e.answer, 0)))
        elif len(self.bank.entries) <= self.bank.TANGLE_LIMIT:
            # least tangled first (see Bank.tangle), so more items fit on one sheet
            order = iter(sorted(order, key=self.bank.tangle))
        misses, claims = 0, self._claims
        for entry in order:
            if self._claims != claims:
                misses, claims = 0, self._claims
            misses += 1
            if misses > PATIENCE:
                return
            if self.free(entry, stem=stem) and accept(entry):
                yield entry

    def choose(self, candidates: list[tuple[Deck, Term]], n: int) -> list[tuple[Deck, Term]]:
        """``n`` free (deck, term) pairs, claimed (for simple types that need no more)."""
        wanted = {id(term) for _, term in candidates}
        chosen: list[tuple[Deck, Term]] = []
        for entry in self.subjects([e for e in self.entries if id(e.term) in wanted]):
            if len(chosen) == n:
                break
            self.claim(entry)
            chosen.append((entry.deck, entry.term))
        return chosen

    def distractors(
        self,
        subject: Entry,
        count: int,
        *,
        definitions: bool,
        avoid: Sequence[Entry] = (),
        usable: Callable[[Entry], bool] | None = None,
    ) -> list[Entry] | None:
        """``count`` entries whose terms (or definitions) may stand beside the subject's
        as wrong options; None if the deck has too few of the subject's kind.

        Preferred: a shared tag, then a similar length; chosen by chance among the
        best few. Definitions must be :meth:`offerable` unless ``usable`` says
        otherwise; the caller records what it prints (:meth:`offer`, :meth:`state`).
        """
        kind = subject.definition_kind if definitions else subject.term_kind
        search = (definitions, usable, bool(avoid), count, id(subject.deck), kind)
        if self._failures.get(search, 0) >= GIVE_UP:
            return None
        found = self._distractors(subject, count, definitions, avoid, usable)
        self._failures[search] = 0 if found is not None else self._failures.get(search, 0) + 1
        return found

    def _distractors(
        self,
        subject: Entry,
        count: int,
        definitions: bool,
        avoid: Sequence[Entry],
        usable: Callable[[Entry], bool] | None,
    ) -> list[Entry] | None:
        bank = self.bank
        blocked = {e.answer for e in avoid}
        sample = bank.same_kind(subject, definitions, self.rng, SAMPLE)
        answer_text = subject.definition if definitions else subject.term.term
        answer_tokens = subject.definition_tokens if definitions else subject.term_tokens
        avoid_tokens = [e.definition_tokens if definitions else e.term_tokens for e in avoid]
        side = 1 if definitions else 0
        length = subject.length[side]
        # a wrong definition naming the subject is struck off at a glance
        names = self.bank.subject_names(subject) if definitions else []
        # terms offered for a meaning of one kind: "to study" asks for a verb, and the one
        # verb among nouns (勉強する among 試験, 宿題…) is picked without knowing it
        verb = None if definitions else subject.definition_kind[1] == "verb"

        def fits(other: Entry) -> bool:
            # the cheap tests first: on a template deck nearly every candidate fails the
            # near-identical test, and ten thousand of them must cost little
            if other.answer in blocked:
                return False
            if usable is not None and not usable(other):
                return False
            if usable is None and definitions and not self.offerable(other):
                return False
            if verb is not None and (other.definition_kind[1] == "verb") != verb:
                return False
            mine = other.definition_tokens if definitions else other.term_tokens
            if near_identical(mine, answer_tokens) or any(
                near_identical(mine, a) for a in avoid_tokens
            ):
                return False
            if not same_band((length, other.length[side])) or bank.rival(subject, other):
                return False
            text = other.definition if definitions else other.term.term
            if not self.paper.printable(text, told=definitions):
                return False
            return not (names and any(mentions(text, n) for n in names))

        def closeness(other: Entry) -> tuple[int, float, float]:
            text = other.definition if definitions else other.term.term
            shared = 0 if other.tags & subject.tags else 1
            length = abs(len(text) - len(answer_text)) / max(len(answer_text), 1)
            return shared, round(length, 1), self.rng.random()

        ranked = heapq.nsmallest(count * 3, (o for o in sample if fits(o)), key=closeness)
        chosen: list[Entry] = []
        for other in self.rng.sample(ranked, len(ranked)):
            mine = other.definition_tokens if definitions else other.term_tokens
            taken = {e.answer for e in chosen}
            lengths = (length, other.length[side], *(e.length[side] for e in chosen))
            if (
                other.answer in taken
                or not same_band(lengths)
                or any(
                    near_identical(mine, e.definition_tokens if definitions else e.term_tokens)
                    for e in chosen
                )
            ):
                continue
            chosen.append(other)
            if len(chosen) == count:
                return chosen
        return None


def _random_order(items: Sequence[Entry], rng: random.Random) -> Iterator[Entry]:
    """``items`` in random order, shuffled as they are taken (a sparse Fisher-Yates),
    so a type that needs 5 subjects from 10,000 terms pays for 5, not 10,000."""
    moved: dict[int, int] = {}  # position -> item index, where a swap has put another
    for i in range(len(items)):
        j = rng.randrange(i, len(items))
        pick = moved.get(j, j)
        moved[j] = moved.get(i, i)
        yield items[pick]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a term of an item comes from: deck file and line."""

    path: str
    line: int
    term: str


@dataclass(frozen=True, slots=True)
class Printed:
    """One item exactly as printed in a version, with every right answer.

    The PDF, the key and the plan file (``--plan``) are all made from these.
    """

    number: int  # the first number it takes (a matching block takes one per term)
    kind: str  # the question type's name
    stem: str  # what the item shows (empty for a matching block)
    options: tuple[str, ...] = ()  # lettered options (or True/False) in printed order
    correct: tuple[int, ...] = ()  # the right option (per prompt, for matching)
    prompts: tuple[str, ...] = ()  # matching: the terms in printed order
    accepted: tuple[str, ...] = ()  # every answer a grader accepts (written, short)
    sources: tuple[Source, ...] = ()
    mode: str = ""  # how it asks: pick-term, pick-definition, authored, ask-term…
    term: Term | None = None

    @property
    def size(self) -> int:
        return len(self.prompts) if self.prompts else 1


def source_of(entry: Entry) -> Source:
    path, line = entry.source
    return Source(path, line, entry.term.term)


class Arranger:
    """Shuffles one version: its random source, balanced letters and truths."""

    def __init__(self, rng: random.Random, positions: Iterator[int], truths: Iterator[bool]):
        self.rng = rng
        self._positions = positions
        self._truths = truths

    def correct_position(self, width: int) -> int:
        """Where the correct option goes among ``width`` (letters spread evenly)."""
        return next(self._positions) % width

    def truth(self) -> bool:
        """Whether the next true/false statement is printed true (half of them are)."""
        return next(self._truths)


class PrintKit(Protocol):
    """What the quiz page offers a question type to print with."""

    answer_lines: int  # ruled lines under an open question
    words: Words  # the page language's messages

    def stem(self, text: str, number: int) -> Block: ...
    def option(self, text: str, letter: str) -> Block: ...
    def choice_line(self, text: str) -> Block: ...  # e.g. "True / False", bold, under a stem
    def write_lines(self, count: int) -> Block: ...
    def matching(self, first: int, terms: Sequence[str], options: Sequence[str]) -> Block: ...


@dataclass(frozen=True, slots=True)
class KeyDetail:
    """A longer answer printed under the key's grid."""

    text: str
    #: its question number ("8."); None: a summary of what the key's grid already
    #: shows (matching's pairs), left out where several versions share a key
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
    truths: ClassVar[bool] = False  # its items are true/false statements to balance
    block: ClassVar[tuple[int, int] | None] = None  # (min, max) questions in one block
    supply_first: ClassVar[bool] = False  # tied to few terms: generated before the others
    skipped: ClassVar[str] = ""  # the warning when a deck cannot make any

    def section(self, items: Sequence[Printed], words: Words) -> tuple[str, str]:
        """(heading, instructions) for a section of these items, in the page language:
        the catalogue's ``<name>.title`` and ``<name>.instructions``, else the class's own."""
        return (
            words.get(f"{self.name}.title", self.title),
            words.get(f"{self.name}.instructions", self.instructions),
        )

    def capacity(self, pool: Pool) -> int:
        """How many questions the pool could give this type alone (a block: its largest)."""
        raise NotImplementedError

    def generate(self, pool: Pool, n: int) -> list[Any]:
        """Up to ``n`` questions' worth of items (a block type: one item), claiming
        what they use from the pool."""
        raise NotImplementedError

    def size(self, item: Any) -> int:
        """How many numbered questions the item takes."""
        return 1

    def arrange(self, item: Any, number: int, arranger: Arranger) -> Printed:
        raise NotImplementedError

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        raise NotImplementedError

    def key_labels(self, q: Printed, words: Words) -> list[tuple[int, str]]:
        """(number, answer) for the key's compact grid."""
        return [(q.number, words("see_below"))]

    def key_detail(self, q: Printed, words: Words) -> KeyDetail | None:
        """A longer answer under the grid, if the grid cannot hold it."""
        return None


def letter(index: int) -> str:
    return LETTERS[index]
