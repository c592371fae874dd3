"""Practice quizzes as data: which questions, which distractors, which order. No PDF here.

A quiz is generated once from a seed (the questions and their distractors),
then arranged into versions A, B, C…: the same questions in a different order,
with the options in a different order. Each version's answer key is read off
the very arrangement that is printed, so a key always matches its quiz.

What each question type asks and how it stays fair is in its own module under
``types``; this module shares the questions out among the types and arranges
versions.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from studyprint.errors import OptionError
from studyprint.model import Deck
from studyprint.products.quiz.types import REGISTRY, QuestionType
from studyprint.products.quiz.types.base import OPTIONS, Arranger, Pool, Printed


@dataclass(slots=True)
class QuizPlan:
    """The items of a quiz by type, in section order, and why some were left out."""

    sections: list[tuple[QuestionType, list[Any]]]
    seed: int
    warnings: list[str] = field(default_factory=list)

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
    each type can make.

    A block type (matching) takes one block first, of about its fair share.
    """
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


def generate(
    decks: Sequence[Deck], count: int, types: Sequence[str] | None = None, seed: int = 0
) -> QuizPlan:
    """Choose ``count`` numbered questions of the given types from the decks."""
    kinds = question_types(types)
    pool = Pool(decks, random.Random(seed))
    warnings: list[str] = []
    capacity: dict[str, int] = {}
    for kind in kinds:
        capacity[kind.name] = kind.capacity(pool)
        if capacity[kind.name] == 0 and kind.skipped:
            warnings.append(kind.skipped)
    alloc = _allocate(count, capacity, kinds)
    made = sum(alloc.values())
    if made < count:
        warnings.append(f"only {made} of {count} questions could be made from these decks")
    sections: list[tuple[QuestionType, list[Any]]] = []
    for kind in REGISTRY.values():  # sections print in the registry's order
        n = alloc.get(kind.name, 0)
        if n > 0:
            sections.append((kind, kind.generate(pool, n)))
    return QuizPlan(sections, seed, warnings)


@dataclass(slots=True)
class Version:
    letter: str
    sections: list[tuple[QuestionType, list[Printed]]]

    @property
    def questions(self) -> list[Printed]:
        return [q for _, items in self.sections for q in items]

    @property
    def typed(self) -> list[tuple[QuestionType, Printed]]:
        """Every question with the type that prints and keys it."""
        return [(kind, q) for kind, items in self.sections for q in items]


def _balanced(count: int, width: int, rng: random.Random) -> list[int]:
    """``count`` positions out of ``width``, each used as evenly as possible, shuffled."""
    positions = [i % width for i in range(count)]
    rng.shuffle(positions)
    return positions


def arrange(plan: QuizPlan, letter: str) -> Version:
    """Version ``letter``: questions and options shuffled, correct letters balanced."""
    rng = random.Random(f"{plan.seed}:{letter}")
    lettered = sum(len(items) for kind, items in plan.sections if kind.lettered)
    arranger = Arranger(rng, iter(_balanced(lettered, OPTIONS, rng)))
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
    return Version(letter, sections)
