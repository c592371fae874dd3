"""Practice quizzes as data: which questions, which distractors, which order. No PDF here.

A quiz is generated once from a seed (the items and their distractors), then
arranged into versions A, B, C…: the same items in another order, options
reshuffled, correct letters spread evenly and true/false statements printed
true or false by chance, half each. Each version's key is read off the very
arrangement that is printed, so a key always matches its quiz.

The fairness rules live in ``types.base`` (independence, every right answer,
no giveaway) and in each type's module; this module shares the questions out
among the types and arranges versions.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from studyprint.errors import OptionError
from studyprint.model import Deck
from studyprint.products.quiz.bank import Bank
from studyprint.products.quiz.paper import Avoided
from studyprint.products.quiz.types import REGISTRY, QuestionType
from studyprint.products.quiz.types.base import OPTIONS, Arranger, Pool, Printed
from studyprint.vocab import Ask

#: Letters of quiz codes: no 0/O or 1/I to misread.
_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(slots=True)
class QuizPlan:
    """The items of a quiz by type, in section order, and why some were left out."""

    sections: list[tuple[QuestionType, list[Any]]]
    seed: int
    warnings: list[str] = field(default_factory=list)
    #: how the planner changed the mix of types from an even share, and why (one line)
    changed: str = ""
    #: subjects passed over for a leak, a cue or a near-synonym (see ``paper``)
    avoided: list[Avoided] = field(default_factory=list)
    avoided_count: dict[str, int] = field(default_factory=dict)
    bank: Bank | None = None  # the decks as the planner saw them (for the audit)

    @property
    def count(self) -> int:
        return sum(kind.size(item) for kind, items in self.sections for item in items)


def question_types(names: Sequence[str] | None) -> list[QuestionType]:
    """The registered types named, in the order named (all of them for None)."""
    if names is None:
        return list(REGISTRY.values())
    unknown = [n for n in names if n not in REGISTRY]
    if unknown or not names:
        raise OptionError(
            f"--types takes any of {','.join(REGISTRY)}; not {','.join(unknown) or 'nothing'}"
        )
    return [REGISTRY[name] for name in dict.fromkeys(names)]


def _allocate(count: int, capacity: dict[str, int], kinds: list[QuestionType]) -> dict[str, int]:
    """Share ``count`` questions evenly over the types (in the order asked), within what
    each type can make. A block type (matching) takes one block first, of about its
    fair share."""
    alloc = {kind.name: 0 for kind in kinds}
    remaining = count
    open_types = [kind for kind in kinds if capacity[kind.name] > 0]
    for kind in [k for k in open_types if k.block is not None]:
        assert kind.block is not None
        low, high = kind.block
        share = max(low, min(high, round(count / len(open_types))))
        size = min(share, capacity[kind.name], remaining)
        if size >= low:
            alloc[kind.name] = size
            remaining -= size
        open_types.remove(kind)
    while remaining > 0 and open_types:
        for kind in list(open_types):
            if remaining == 0:
                break
            if alloc[kind.name] >= capacity[kind.name]:
                open_types.remove(kind)
                continue
            alloc[kind.name] += 1
            remaining -= 1
    return alloc


#: Questions a quiz asks when nobody said how many: fewer where the decks cannot carry
#: them without one item giving another away (then no warning: the count was ours).
DEFAULT_COUNT = 20


def generate(
    decks: Sequence[Deck],
    count: int,
    types: Sequence[str] | None = None,
    seed: int = 0,
    *,
    ask: Ask = "both",
    allow_repeats: bool = False,
    ceiling: bool = False,
) -> QuizPlan:
    """Choose up to ``count`` numbered questions of the given types from the decks.

    Types tied to a few terms (review questions) choose first, then blocks, then
    the rest; what a type could not make goes to the others. Fewer than
    ``count`` questions, and why, is a warning, unless ``count`` is only a
    ``ceiling`` (the user asked for no number: the deck decides).
    """
    kinds = question_types(types)
    pool = Pool(decks, random.Random(seed), ask=ask, allow_repeats=allow_repeats, count=count)
    warnings: list[str] = []
    capacity: dict[str, int] = {}
    for kind in kinds:
        capacity[kind.name] = kind.capacity(pool)
        if capacity[kind.name] == 0 and kind.skipped:
            warnings.append(kind.skipped)
    # shares of what the decks can hold: each term is asked once, so a type that goes
    # first (review questions) never takes a small deck's every term for itself
    room = count if allow_repeats else min(count, pool.answer_sets)
    alloc = _allocate(room, capacity, kinds)
    made: dict[str, list[Any]] = {kind.name: [] for kind in kinds}

    def total() -> int:
        return sum(kind.size(i) for kind in kinds for i in made[kind.name])

    # types tied to a few terms, then blocks, take their share first; the rest take
    # turns, one item each, so no type starves the next on a small deck
    for kind in kinds:
        if (kind.supply_first or kind.block is not None) and alloc[kind.name] > 0:
            pool.paper.asking = kind.name
            made[kind.name] = kind.generate(pool, alloc[kind.name])
    turns = [k for k in kinds if not k.supply_first and k.block is None and capacity[k.name]]
    for limit in (alloc, None):  # first each type's share, then whatever is still missing
        waiting = list(turns)
        while waiting and total() < count:
            for kind in list(waiting):
                if total() >= count:
                    break
                if limit is not None and len(made[kind.name]) >= limit[kind.name]:
                    waiting.remove(kind)
                    continue
                pool.paper.asking = kind.name
                more = kind.generate(pool, 1)
                if not more:
                    waiting.remove(kind)
                made[kind.name] += more
    if total() < count and not ceiling:
        if allow_repeats:
            why = "these decks and types cannot make more"
        else:
            why = (
                f"each of the {pool.answer_sets} different definitions is asked once and no "
                "item may give another away (--allow-repeats reuses terms)"
            )
        warnings.append(f"only {total()} of {count} questions could be made: {why}")
    sections = [
        (kind, made[kind.name])
        for kind in REGISTRY.values()  # sections print in the registry's order
        if made.get(kind.name)
    ]
    got = {kind.name: sum(kind.size(i) for i in made[kind.name]) for kind in kinds}
    changed = "" if ceiling else _mix_change(got, alloc, pool)
    paper = pool.paper
    return QuizPlan(
        sections,
        seed,
        warnings,
        changed,
        list(paper.avoided),
        dict(paper.avoided_count),
        pool.bank,
    )


_WHY = {
    "leak": "more would give another item's answer away",
    "cue": "more would point at their own answers",
    "near-synonym": "more would hold definitions that fit two terms",
    "": "the decks hold no more it can ask fairly",
}


def _mix_change(got: dict[str, int], share: dict[str, int], pool: Pool) -> str:
    """One line saying how the mix differs from the even share asked for, and why: a
    type that made fewer could not make more without one item giving another away, or
    had no more terms to ask. Empty when the mix is as shared out."""
    short = [name for name in share if got[name] < share[name]]
    over = [name for name in share if got[name] > share[name]]
    if not short or not over:
        return ""
    steered = pool.paper.avoided_by_type
    parts = []
    for name in short:
        kinds = steered.get(name, {})
        why = _WHY[max(kinds, key=lambda k: kinds[k])] if kinds else _WHY[""]
        parts.append(f"{got[name]} {name} instead of {share[name]} ({why})")
    parts += [f"{got[name]} {name} instead of {share[name]}" for name in over]
    return f"the mix of question types changed: {'; '.join(parts)}"


@dataclass(slots=True)
class Version:
    letter: str
    code: str  # printed on the students' pages instead of the seed
    sections: list[tuple[QuestionType, list[Printed]]]

    @property
    def questions(self) -> list[Printed]:
        return [q for _, items in self.sections for q in items]

    @property
    def typed(self) -> list[tuple[QuestionType, Printed]]:
        """Every question with the type that prints and keys it."""
        return [(kind, q) for kind, items in self.sections for q in items]


def _balanced(count: int, width: int, rng: random.Random) -> list[int]:
    """``count`` positions out of ``width``, each used as evenly as possible; the
    remainder goes to positions chosen by chance; shuffled."""
    base, rest = divmod(count, width)
    lucky = set(rng.sample(range(width), rest))
    positions = [p for p in range(width) for _ in range(base + (p in lucky))]
    rng.shuffle(positions)
    return positions


def _halves(count: int, rng: random.Random) -> list[bool]:
    """Half true, half false; an odd one out is true or false by chance; shuffled."""
    truths = [i % 2 == 0 for i in range(count - count % 2)]
    if count % 2:
        truths.append(rng.random() < 0.5)
    rng.shuffle(truths)
    return truths


def new_seed() -> int:
    """A seed for a quiz nobody gave one: nine digits, too many to try them all."""
    return secrets.randbelow(1_000_000_000)


def quiz_code(seed: int, letter: str) -> str:
    """A short code naming a version on students' pages; many seeds share each code,
    so it cannot be turned back into the seed (which would rebuild the key)."""
    digest = hashlib.sha256(f"studyprint quiz {seed} {letter}".encode()).digest()
    number = int.from_bytes(digest[:4], "big") % (len(_CODE_ALPHABET) ** 4)
    code = ""
    for _ in range(4):
        number, rest = divmod(number, len(_CODE_ALPHABET))
        code += _CODE_ALPHABET[rest]
    return code


def arrange(plan: QuizPlan, letter: str) -> Version:
    """Version ``letter``: questions and options shuffled, letters and truths balanced."""
    rng = random.Random(f"{plan.seed}:{letter}")
    lettered = sum(len(items) for kind, items in plan.sections if kind.lettered)
    statements = sum(len(items) for kind, items in plan.sections if kind.truths)
    positions = iter(_balanced(lettered, OPTIONS, rng))
    arranger = Arranger(rng, positions, iter(_halves(statements, rng)))
    number = 1
    sections: list[tuple[QuestionType, list[Printed]]] = []
    for kind, items in plan.sections:
        order = list(items)
        rng.shuffle(order)
        printed: list[Printed] = []
        for item in order:
            p = kind.arrange(item, number, arranger)
            printed.append(p)
            number += kind.size(item)
        sections.append((kind, printed))
    return Version(letter, quiz_code(plan.seed, letter), sections)
