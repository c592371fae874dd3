"""Practice quizzes as data: which questions, which distractors, which order. No PDF here.

A quiz is generated once from a seed (the questions and their distractors),
then arranged into versions A, B, C…: the same questions in a different order,
with the options in a different order. Each version's answer key is read off
the very arrangement that is printed, so a key always matches its quiz.

Fairness rules for multiple choice:

* distractors come from the same deck, preferring terms that share a tag with
  the answer, and options of similar length;
* no two options read the same once trimmed and case-folded;
* no distractor is the answer under another name (``also:``), and no term
  whose definition is identical to the answer's is offered against it;
* across a version the correct letter is spread evenly over the letters.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from studyprint.model import Deck, Question, Term

QuestionType = Literal["mc", "tf", "match", "written", "short"]
TYPES: tuple[QuestionType, ...] = ("mc", "tf", "match", "written", "short")
TYPE_NAMES = {
    "mc": "Multiple choice",
    "tf": "True or false",
    "match": "Matching",
    "written": "Name the term",
    "short": "Short answer",
}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MC_OPTIONS = 4
MATCH_MIN, MATCH_MAX, MATCH_EXTRA = 4, 8, 2


def norm(text: str) -> str:
    """Text as compared for sameness: trimmed, spaces collapsed, case-folded."""
    return " ".join(text.split()).casefold()


# -- the questions, before any version is arranged ------------------------------


@dataclass(frozen=True, slots=True)
class ChoiceQuestion:
    """Multiple choice: generated from a term (either direction) or authored in the deck."""

    prompt: str
    correct: str
    distractors: tuple[str, ...]
    term: Term
    kind: Literal["pick-term", "pick-definition", "authored"]


@dataclass(frozen=True, slots=True)
class TrueFalseQuestion:
    term: Term
    shown: str  # the definition shown with the term
    true: bool


@dataclass(frozen=True, slots=True)
class MatchQuestion:
    terms: tuple[Term, ...]
    extras: tuple[str, ...]  # definitions that match nothing


@dataclass(frozen=True, slots=True)
class WrittenQuestion:
    term: Term


@dataclass(frozen=True, slots=True)
class ShortQuestion:
    question: Question
    term: Term


Item = ChoiceQuestion | TrueFalseQuestion | MatchQuestion | WrittenQuestion | ShortQuestion


@dataclass(slots=True)
class QuizPlan:
    """The questions of a quiz by type, in section order, and why some were left out."""

    sections: list[tuple[QuestionType, list[Item]]]
    seed: int
    warnings: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(_size(item) for _, items in self.sections for item in items)


def _size(item: Item) -> int:
    return len(item.terms) if isinstance(item, MatchQuestion) else 1


# -- generation -----------------------------------------------------------------


def fair_distractors(
    term: Term, deck: Deck, direction: Literal["pick-term", "pick-definition"]
) -> list[tuple[Term, str]]:
    """Every other term of the deck that may be offered against ``term``, with its text."""
    names = {norm(n) for n in term.names}
    definition = norm(term.definition)
    correct = norm(term.term if direction == "pick-term" else term.definition)
    seen = {correct}
    result = []
    for other in deck.terms:
        if other is term or norm(other.definition) == definition:
            continue  # the same definition: it would be right too
        if names & {norm(n) for n in other.names}:
            continue  # the answer under another name
        text = other.term if direction == "pick-term" else other.definition
        key = norm(text)
        if key in seen:
            continue  # two options must never read the same
        seen.add(key)
        result.append((other, text))
    return result


def _pick(
    term: Term,
    correct_text: str,
    candidates: list[tuple[Term, str]],
    count: int,
    rng: random.Random,
) -> list[str]:
    """``count`` distractors, preferring shared tags and similar length, with some chance."""
    tags = {t.casefold() for t in term.tags}

    def closeness(candidate: tuple[Term, str]) -> tuple[float, float]:
        length = abs(len(candidate[1]) - len(correct_text)) / max(len(correct_text), 1)
        return (round(length, 1), rng.random())

    related = sorted(
        (c for c in candidates if tags & {t.casefold() for t in c[0].tags}), key=closeness
    )
    others = sorted((c for c in candidates if c not in related), key=closeness)
    if len(related) >= count:
        pool = related[: count * 2]  # shared tags first: the closest few, picked by chance
        return [text for _, text in rng.sample(pool, count)]
    fill = others[: (count - len(related)) * 2]
    return [text for _, text in related] + [
        text for _, text in rng.sample(fill, count - len(related))
    ]


def _balanced(count: int, width: int, rng: random.Random) -> list[int]:
    """``count`` positions out of ``width``, each used as evenly as possible, shuffled."""
    positions = [i % width for i in range(count)]
    rng.shuffle(positions)
    return positions


def _allocate(count: int, capacity: dict[QuestionType, int]) -> dict[QuestionType, int]:
    """Share ``count`` questions evenly over the types, within what each type can make."""
    alloc = {t: 0 for t in capacity}
    remaining = count
    open_types = [t for t in capacity if capacity[t] > 0]
    if "match" in open_types:
        share = max(MATCH_MIN, min(MATCH_MAX, round(count / len(open_types))))
        block = min(share, capacity["match"], remaining)
        if block >= MATCH_MIN:
            alloc["match"] = block
            remaining -= block
        open_types.remove("match")
    while remaining > 0 and open_types:
        for t in list(open_types):
            if remaining == 0:
                break
            if alloc[t] >= capacity[t]:
                open_types.remove(t)
                continue
            alloc[t] += 1
            remaining -= 1
    return alloc


def generate(
    decks: Sequence[Deck],
    count: int,
    types: Sequence[QuestionType] = TYPES,
    seed: int = 0,
) -> QuizPlan:
    """Choose ``count`` numbered questions of the given types from the decks."""
    rng = random.Random(seed)
    pairs = [(deck, term) for deck in decks for term in deck.terms]
    warnings: list[str] = []
    eligible_mc = [
        (deck, term)
        for deck, term in pairs
        if len(fair_distractors(term, deck, "pick-term")) >= MC_OPTIONS - 1
    ]
    authored = [(term, q) for _, term in pairs for q in term.questions if q.is_choice]
    open_questions = [(term, q) for _, term in pairs for q in term.questions if not q.is_choice]
    tf_ready = [
        (deck, term)
        for deck, term in pairs
        if any(norm(o.definition) != norm(term.definition) for o in deck.terms)
    ]
    match_room = max((_distinct_definitions(deck) - MATCH_EXTRA for deck in decks), default=0)
    capacity: dict[QuestionType, int] = {}
    for kind in dict.fromkeys(types):
        if kind == "mc":
            cap = len(eligible_mc) + len(authored)
            if cap == 0:
                warnings.append(
                    "multiple choice skipped: it needs at least 4 terms with different "
                    "definitions (or authored choices)"
                )
        elif kind == "tf":
            cap = len(tf_ready)
            if cap == 0:
                warnings.append(
                    "true/false skipped: it needs at least 2 terms with different definitions"
                )
        elif kind == "match":
            cap = min(MATCH_MAX, match_room) if match_room >= MATCH_MIN else 0
            if cap == 0:
                warnings.append(
                    "matching skipped: it needs a deck of at least "
                    f"{MATCH_MIN + MATCH_EXTRA} terms with different definitions"
                )
        elif kind == "written":
            cap = len(pairs)
        else:
            cap = len(open_questions)
            if cap == 0:
                warnings.append(
                    "short answer skipped: the decks have no review questions with 'a:'"
                )
        capacity[kind] = cap
    alloc = _allocate(count, capacity)
    made = sum(alloc.values())
    if made < count:
        warnings.append(f"only {made} of {count} questions could be made from these decks")
    usage: dict[int, int] = {}

    def choose(candidates: list[tuple[Deck, Term]], n: int) -> list[tuple[Deck, Term]]:
        order = sorted(candidates, key=lambda p: (usage.get(id(p[1]), 0), rng.random()))
        chosen = order[:n]
        for _, term in chosen:
            usage[id(term)] = usage.get(id(term), 0) + 1
        return chosen

    sections: list[tuple[QuestionType, list[Item]]] = []
    for kind in TYPES:
        n = alloc.get(kind, 0)
        if n <= 0:
            continue
        items: list[Item]
        if kind == "mc":
            items = _choice_items(n, eligible_mc, authored, choose, rng)
        elif kind == "tf":
            items = _true_false_items(choose(tf_ready, n), rng)
        elif kind == "match":
            items = [_match_item(decks, n, choose, rng)]
        elif kind == "written":
            items = [WrittenQuestion(term) for _, term in choose(pairs, n)]
        else:
            picked = rng.sample(open_questions, n)
            items = [ShortQuestion(q, term) for term, q in picked]
        sections.append((kind, items))
    return QuizPlan(sections, seed, warnings)


def _distinct_definitions(deck: Deck) -> int:
    return len({norm(t.definition) for t in deck.terms})


Pairs = list[tuple[Deck, Term]]
Chooser = Callable[[Pairs, int], Pairs]


def _choice_items(
    n: int,
    eligible: Pairs,
    authored: list[tuple[Term, Question]],
    choose: Chooser,
    rng: random.Random,
) -> list[Item]:
    """Mostly generated questions, with the deck's own multiple-choice questions mixed in."""
    take_authored = min(len(authored), max(n // 4, n - len(eligible)))
    items: list[Item] = []
    for term, question in rng.sample(authored, take_authored):
        distractors = tuple(c for c in question.choices if c != question.answer)
        items.append(
            ChoiceQuestion(question.prompt, question.answer, distractors, term, "authored")
        )
    for index, (deck, term) in enumerate(choose(eligible, n - take_authored)):
        direction: Literal["pick-term", "pick-definition"] = (
            "pick-definition" if index % 3 == 2 else "pick-term"
        )
        candidates = fair_distractors(term, deck, direction)
        if len(candidates) < MC_OPTIONS - 1:
            direction = "pick-term"
            candidates = fair_distractors(term, deck, direction)
        if direction == "pick-term":
            prompt, correct = term.definition, term.term
        else:
            prompt, correct = term.term, term.definition
        picked = _pick(term, correct, candidates, MC_OPTIONS - 1, rng)
        items.append(ChoiceQuestion(prompt, correct, tuple(picked), term, direction))
    return items


def _true_false_items(chosen: Pairs, rng: random.Random) -> list[Item]:
    truths = [i % 2 == 0 for i in range(len(chosen))]
    rng.shuffle(truths)
    items: list[Item] = []
    for (deck, term), true in zip(chosen, truths, strict=True):
        if true:
            items.append(TrueFalseQuestion(term, term.definition, True))
            continue
        others = [o for o in deck.terms if norm(o.definition) != norm(term.definition)]
        names = {norm(n) for n in term.names}
        others = [o for o in others if not names & {norm(n) for n in o.names}] or others
        wrong = rng.choice(others)
        items.append(TrueFalseQuestion(term, wrong.definition, False))
    return items


def _match_item(
    decks: Sequence[Deck], n: int, choose: Chooser, rng: random.Random
) -> MatchQuestion:
    deck = max(decks, key=_distinct_definitions)
    candidates = [(deck, t) for t in _unique_definitions(deck)]
    chosen = [term for _, term in choose(candidates, n)]
    used = {norm(t.definition) for t in chosen}
    rest = [t for t in _unique_definitions(deck) if norm(t.definition) not in used]
    extras = tuple(t.definition for t in rng.sample(rest, min(len(rest), 3 if n <= 6 else 2)))
    return MatchQuestion(tuple(chosen), extras)


def _unique_definitions(deck: Deck) -> list[Term]:
    seen: set[str] = set()
    result = []
    for term in deck.terms:
        key = norm(term.definition)
        if key not in seen:
            seen.add(key)
            result.append(term)
    return result


# -- versions ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Printed:
    """One question as printed in a version, with its answer."""

    number: int  # the first number it takes (a matching block takes one per term)
    kind: QuestionType
    prompt: str  # mc: the stem; tf: the term; written: the definition; short: the question
    options: tuple[str, ...] = ()  # mc: the options in printed order; match: definitions
    answer: int | bool | str | tuple[int, ...] = ""  # index, truth, text or match indices
    shown: str = ""  # tf: the definition shown
    terms: tuple[str, ...] = ()  # match: the terms in printed order
    accepted: tuple[str, ...] = ()  # written: every accepted name
    term: Term | None = None
    mode: str = ""  # mc: pick-term, pick-definition or authored

    @property
    def size(self) -> int:
        return len(self.terms) if self.kind == "match" else 1

    def key_labels(self) -> list[tuple[int, str]]:
        """(number, answer) for the compact key grid."""
        if self.kind == "mc":
            assert isinstance(self.answer, int)
            return [(self.number, LETTERS[self.answer])]
        if self.kind == "tf":
            return [(self.number, "True" if self.answer else "False")]
        if self.kind == "match":
            assert isinstance(self.answer, tuple)
            return [(self.number + i, LETTERS[a]) for i, a in enumerate(self.answer)]
        if self.kind == "written":
            return [(self.number, str(self.answer))]
        return [(self.number, "see below")]


@dataclass(slots=True)
class Version:
    letter: str
    sections: list[tuple[QuestionType, list[Printed]]]

    @property
    def questions(self) -> list[Printed]:
        return [q for _, items in self.sections for q in items]


def arrange(plan: QuizPlan, letter: str) -> Version:
    """Version ``letter``: questions and options shuffled, correct letters balanced."""
    rng = random.Random(f"{plan.seed}:{letter}")
    choice_count = sum(len(items) for kind, items in plan.sections if kind == "mc")
    positions = iter(_balanced(choice_count, MC_OPTIONS, rng))
    number = 1
    sections: list[tuple[QuestionType, list[Printed]]] = []
    for kind, items in plan.sections:
        order = list(items)
        rng.shuffle(order)
        printed: list[Printed] = []
        for item in order:
            p = _print(item, kind, number, rng, positions)
            printed.append(p)
            number += p.size
        sections.append((kind, printed))
    return Version(letter, sections)


def _print(
    item: Item, kind: QuestionType, number: int, rng: random.Random, positions: Iterator[int]
) -> Printed:
    if isinstance(item, ChoiceQuestion):
        width = len(item.distractors) + 1
        answer = next(positions) % width
        others = list(item.distractors)
        rng.shuffle(others)
        options = [*others[:answer], item.correct, *others[answer:]]
        return Printed(
            number, kind, item.prompt, tuple(options), answer, term=item.term, mode=item.kind
        )
    if isinstance(item, TrueFalseQuestion):
        return Printed(
            number, kind, item.term.term, answer=item.true, shown=item.shown, term=item.term
        )
    if isinstance(item, MatchQuestion):
        terms = list(item.terms)
        rng.shuffle(terms)
        options = [t.definition for t in terms] + list(item.extras)
        rng.shuffle(options)
        answers = tuple(options.index(t.definition) for t in terms)
        return Printed(
            number, kind, "", tuple(options), answers, terms=tuple(t.term for t in terms)
        )
    if isinstance(item, WrittenQuestion):
        return Printed(
            number,
            kind,
            item.term.definition,
            answer=item.term.term,
            accepted=item.term.names,
            term=item.term,
        )
    return Printed(number, kind, item.question.prompt, answer=item.question.answer, term=item.term)


def version_letters(count: int) -> list[str]:
    """A, B, … Z, then AA, AB, … as spreadsheets name columns."""
    names = []
    for i in range(count):
        name = ""
        i += 1
        while i:
            i, rest = divmod(i - 1, 26)
            name = LETTERS[rest] + name
        names.append(name)
    return names
