"""Matching: a block of terms against their definitions, plus a few that match nothing."""

from __future__ import annotations

from dataclasses import dataclass

from studyprint.model import Deck, Term
from studyprint.products.quiz.types.base import (
    Arranger,
    Block,
    KeyDetail,
    Pool,
    Printed,
    PrintKit,
    QuestionType,
    letter,
    norm,
)

MATCH_MIN, MATCH_MAX, MATCH_EXTRA = 4, 8, 2


@dataclass(frozen=True, slots=True)
class MatchItem:
    terms: tuple[Term, ...]
    extras: tuple[str, ...]  # definitions that match nothing


def _unique_definitions(deck: Deck) -> list[Term]:
    seen: set[str] = set()
    result = []
    for term in deck.terms:
        key = norm(term.definition)
        if key not in seen:
            seen.add(key)
            result.append(term)
    return result


def _distinct_definitions(deck: Deck) -> int:
    return len({norm(t.definition) for t in deck.terms})


class Matching(QuestionType):
    name = "match"
    title = "Matching"
    instructions = (
        "Write the letter of the matching definition on the line. Some definitions match no term."
    )
    block = (MATCH_MIN, MATCH_MAX)
    skipped = (
        "matching skipped: it needs a deck of at least "
        f"{MATCH_MIN + MATCH_EXTRA} terms with different definitions"
    )

    def capacity(self, pool: Pool) -> int:
        room = max((_distinct_definitions(d) - MATCH_EXTRA for d in pool.decks), default=0)
        return min(MATCH_MAX, room) if room >= MATCH_MIN else 0

    def generate(self, pool: Pool, n: int) -> list[MatchItem]:
        deck = max(pool.decks, key=_distinct_definitions)
        candidates = [(deck, t) for t in _unique_definitions(deck)]
        chosen = [term for _, term in pool.choose(candidates, n)]
        used = {norm(t.definition) for t in chosen}
        rest = [t for t in _unique_definitions(deck) if norm(t.definition) not in used]
        extras = pool.rng.sample(rest, min(len(rest), 3 if n <= 6 else 2))
        return [MatchItem(tuple(chosen), tuple(t.definition for t in extras))]

    def size(self, item: MatchItem) -> int:
        return len(item.terms)

    def arrange(self, item: MatchItem, number: int, arranger: Arranger) -> Printed:
        rng = arranger.rng
        terms = list(item.terms)
        rng.shuffle(terms)
        options = [t.definition for t in terms] + list(item.extras)
        rng.shuffle(options)
        answers = tuple(options.index(t.definition) for t in terms)
        return Printed(
            number, self.name, "", tuple(options), answers, terms=tuple(t.term for t in terms)
        )

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        return [kit.matching(q.number, q.terms, q.options)]

    def key_labels(self, q: Printed) -> list[tuple[int, str]]:
        assert isinstance(q.answer, tuple)
        return [(q.number + i, letter(a)) for i, a in enumerate(q.answer)]

    def key_detail(self, q: Printed) -> KeyDetail:
        assert isinstance(q.answer, tuple)
        pairs = ", ".join(f"{q.number + i}. {letter(a)}" for i, a in enumerate(q.answer))
        return KeyDetail(f"Matching: {pairs}")
