"""Matching: a block of terms against their definitions, plus a few that match nothing.

A block's terms come from different answer sets and read differently, its
definitions are not near-identical, and none names its own term; the extras
are definitions of the same kind that belong to no other item.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyprint.model import Term
from studyprint.products.quiz.bank import (
    content_words,
    cue_words,
    mentions,
    near_identical,
    near_synonyms,
    shared_words,
    tokens,
)
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
    definitions: tuple[str, ...]  # the terms' definitions as printed, in the same order
    extras: tuple[str, ...]  # definitions that match nothing
    sources: tuple[Source, ...]


def _answer_sets(pool: Pool, deck_index: int) -> int:
    return pool.bank.sets_per_deck[deck_index]


def _fit_both(a: Entry, b: Entry, words: frozenset[str] = frozenset()) -> bool:
    """Would a student fairly match one of these terms to either definition? The
    definitions say much the same (shared content words), near-identically, or one
    names the other's term (any name, alias or reading: "a form of exposure therapy")."""
    if near_identical(a.definition_tokens, b.definition_tokens):
        return True
    if near_synonyms(a.definition_tokens, b.definition_tokens):
        return True
    # a word of one's name in the other's definition ("a form of exposure in which…"
    # beside the prompt "Exposure therapy") draws the pair together, unless the word is
    # a term of its own ("velocity" in a definition is about Velocity, not Angular velocity)
    a_name, b_name = _name_words(a) - words, _name_words(b) - words
    if (a_name - b_name) & b.definition_tokens or (b_name - a_name) & a.definition_tokens:
        return True
    return any(mentions(a.definition, n) for n in (*b.term.names, *b.reading)) or any(
        mentions(b.definition, n) for n in (*a.term.names, *a.reading)
    )


def _name_words(entry: Entry) -> frozenset[str]:
    """The distinctive words of every name of a term and of its reading."""
    names = " ".join((*entry.term.names, *entry.reading))
    return content_words(tokens(names))


def _without_cues(pool: Pool, chosen: list[Entry]) -> list[Entry]:
    """The block without terms that share a distinctive word with their own definition and
    with no other definition of the block ("Coefficient of friction" and the one
    definition that says "friction"): the pair would match at a glance."""
    kept = list(chosen)
    for entry in chosen:
        if not shared_words(entry.term.term, entry.definition):
            continue
        others = [e.definition for e in kept if e is not entry]
        words = cue_words(entry.term.term, entry.definition, others)
        if words:
            why = f"only its own definition shares “{min(words)}” with it"
            pool.paper.passed_over("cue", entry.term.term, why)
            kept.remove(entry)
    return kept


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
            if e.self_referential:
                return False
            why = pool.paper.leak([e], shown=e.shown_names, stated=(e.definition,))
            if why is not None:
                pool.paper.passed_over("leak", e.term.term, why)
            return why is None

        terms = pool.bank.one_word_names
        for entry in pool.subjects(candidates, accept, stem=False):
            if len(chosen) == n:
                break
            if any(
                entry.answer == c.answer
                or entry.names & c.names
                or near_identical(entry.term_tokens, c.term_tokens)
                for c in chosen
            ):
                continue
            rival = next((c for c in chosen if _fit_both(entry, c, terms)), None)
            if rival is not None:  # one prompt would fit two definitions
                why = f"its definition would fit “{rival.term.term}” too"
                pool.paper.passed_over("near-synonym", entry.term.term, why)
                continue
            chosen.append(entry)
        chosen = _without_cues(pool, chosen)
        if len(chosen) < MATCH_MIN:
            return []
        extras: list[Entry] = []
        roomy = pool.answer_sets >= 4 * MATCH_MAX  # a small deck keeps its terms for items
        for count in (3 if n <= 6 and roomy else MATCH_EXTRA, 1):
            found = pool.distractors(
                chosen[0],
                count,
                definitions=True,
                avoid=chosen,
                usable=lambda e: (
                    pool.offerable(e) and not any(_fit_both(e, c, terms) for c in chosen)
                ),
            )
            if found is not None:
                extras = [e for e in found if e.deck is deck] or found
                break
        if not extras:  # without a spare definition the last pair is free: one pair fewer,
            if len(chosen) == MATCH_MIN:  # its definition the spare
                return []
            extras = [chosen.pop()]
        pool.claim(*chosen, stem=False)
        pool.offer(*extras)
        pool.paper.record(
            chosen,
            shown=[n for e in chosen for n in e.shown_names],
            stated=[e.definition for e in (*chosen, *extras)],
        )
        return [
            MatchItem(
                tuple(e.term for e in chosen),
                tuple(e.definition for e in chosen),
                tuple(e.definition for e in extras),
                tuple(source_of(e) for e in (*chosen, *extras)),
            )
        ]

    def size(self, item: MatchItem) -> int:
        return len(item.terms)

    def arrange(self, item: MatchItem, number: int, arranger: Arranger) -> Printed:
        rng = arranger.rng
        pairs = list(zip(item.terms, item.definitions, strict=True))
        rng.shuffle(pairs)
        terms = [t for t, _ in pairs]
        options = [d for _, d in pairs] + list(item.extras)
        rng.shuffle(options)
        answers = tuple(options.index(d) for _, d in pairs)
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
