"""Matching: a block of terms against their definitions, plus a few that match nothing.

A block's terms come from different answer sets and read differently, its
definitions are not near-identical, and none names its own term; the extras
are definitions of the same kind that belong to no other item.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyprint.model import Term
from studyprint.products.quiz.bank import near_identical
from studyprint.products.quiz.types.base import (
    Arranger,
    Block,
    Entry,
    KeyDetail,
    Pool,
    Printed,
    PrintKit,
    QuestionType,
    Source,
    letter,
    source_of,
)
from studyprint.words import Words

MATCH_MIN, MATCH_MAX, MATCH_EXTRA = 4, 8, 2


@dataclass(frozen=True, slots=True)
class MatchItem:
    terms: tuple[Term, ...]
    extras: tuple[str, ...]  # definitions that match nothing
    sources: tuple[Source, ...]


def _answer_sets(pool: Pool, deck_index: int) -> int:
    return pool.bank.sets_per_deck[deck_index]


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

    def _deck(self, pool: Pool) -> int:
        return max(range(len(pool.decks)), key=lambda i: _answer_sets(pool, i), default=0)

    def capacity(self, pool: Pool) -> int:
        if not pool.decks:
            return 0
        room = _answer_sets(pool, self._deck(pool)) - MATCH_EXTRA
        return min(MATCH_MAX, room) if room >= MATCH_MIN else 0

    def generate(self, pool: Pool, n: int) -> list[MatchItem]:
        deck = pool.decks[self._deck(pool)]
        chosen: list[Entry] = []
        candidates = [e for e in pool.entries if e.deck is deck]

        def accept(e: Entry) -> bool:
            return not e.self_referential and not pool.reveals(e.term.term, e.term.definition)

        for entry in pool.subjects(candidates, accept, stem=False):
            if len(chosen) == n:
                break
            if any(
                entry.answer == c.answer
                or entry.names & c.names
                or near_identical(entry.definition_tokens, c.definition_tokens)
                or near_identical(entry.term_tokens, c.term_tokens)
                for c in chosen
            ):
                continue
            chosen.append(entry)
        if len(chosen) < MATCH_MIN:
            return []
        extras: list[Entry] = []
        roomy = pool.answer_sets >= 4 * MATCH_MAX  # a small deck keeps its terms for items
        for count in (3 if n <= 6 and roomy else MATCH_EXTRA, 1):
            found = pool.distractors(chosen[0], count, definitions=True, avoid=chosen)
            if found is not None:
                extras = [e for e in found if e.deck is deck] or found
                break
        if not extras:  # without a spare definition the last pair is free: one pair fewer,
            if len(chosen) == MATCH_MIN:  # its definition the spare
                return []
            extras = [chosen.pop()]
        pool.claim(*chosen, stem=False)
        pool.offer(*extras)
        pool.prints(*(t for e in chosen for t in (e.term.term, e.term.definition)))
        pool.prints(*(e.term.definition for e in extras))
        return [
            MatchItem(
                tuple(e.term for e in chosen),
                tuple(e.term.definition for e in extras),
                tuple(source_of(e) for e in (*chosen, *extras)),
            )
        ]

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
            number,
            self.name,
            "",
            tuple(options),
            answers,
            prompts=tuple(t.term for t in terms),
            accepted=tuple(letter(a) for a in answers),
            sources=item.sources,
        )

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        return [kit.matching(q.number, q.prompts, q.options)]

    def key_labels(self, q: Printed, words: Words) -> list[tuple[int, str]]:
        return [(q.number + i, letter(a)) for i, a in enumerate(q.correct)]

    def key_detail(self, q: Printed, words: Words) -> KeyDetail:
        pairs = ", ".join(f"{q.number + i}. {letter(a)}" for i, a in enumerate(q.correct))
        return KeyDetail(words("matching_key", pairs=pairs))
