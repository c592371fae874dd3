"""The quiz's fairness as a property: over made-up decks of 10 to 2,000 terms with every
trap (``deckmaker``), every mix of question types and many seeds, no version prints a
leak, a cue or a near-synonym unless the planner's audit names it, and every audit
entry is true.

The default run takes a slice of cases (each type mix at least once); ``pytest --slow``
takes all 200 seeds.
"""

from __future__ import annotations

import itertools
import re
import sys

import pytest

from studyprint.model import Deck
from studyprint.products.quiz.audit import Audit, audit
from studyprint.products.quiz.bank import mentions, norm
from studyprint.products.quiz.generate import DEFAULT_COUNT, arrange, generate
from tests.deckmaker import make_deck
from tests.quizcheck import Facts, check, leaks, printed, subject_terms, told

TYPES = ("mc", "tf", "match", "written", "short")
MIXES = [list(mix) for n in range(1, len(TYPES) + 1) for mix in itertools.combinations(TYPES, n)]
SIZES = (10, 25, 60, 150, 400, 1000, 2000)
SEEDS = 200
QUICK = 36  # cases in the default run: every mix once, and a few more


def _cases(slow: bool) -> list[tuple[int, int, list[str]]]:
    count = SEEDS if slow else QUICK
    return [(SIZES[i % len(SIZES)], i, MIXES[i % len(MIXES)]) for i in range(count)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "case" in metafunc.fixturenames:
        cases = _cases(bool(metafunc.config.getoption("--slow")))
        ids = [f"{size}-terms-seed{seed}-{'+'.join(mix)}" for size, seed, mix in cases]
        metafunc.parametrize("case", cases, ids=ids)


_QUOTED = re.compile(r"“([^”]*)”")


def _names(deck: Deck) -> set[str]:
    facts = Facts([deck])
    out = {norm(n) for names in facts.accepted.values() for n in names}
    return out | {norm(t.reading) for t in deck.terms if t.reading}


def _audit_is_true(found: Audit, deck: Deck) -> None:
    """Every avoided entry names a deck term, and every name it quotes is the deck's."""
    terms = {norm(t.term) for t in deck.terms}
    names = _names(deck)
    for entry in found.avoided:
        assert entry.kind in ("leak", "cue", "near-synonym"), entry
        assert norm(entry.term) in terms, entry
        if entry.kind in ("leak", "near-synonym"):
            for quoted in _QUOTED.findall(entry.why):
                assert (
                    norm(quoted) in names
                    or quoted in terms
                    or any(norm(quoted) == norm(t.term) for t in deck.terms)
                ), entry
    assert sum(found.avoided_count.values()) >= len(found.avoided)


def _on_sheet_is_true(found: Audit, letter: str, items: dict[int, object]) -> None:
    """Each finding on a sheet holds when read off the printed items."""
    for entry in found.on_sheet[letter]:
        assert all(n in items for n in entry.items), entry


def test_no_leak_cue_or_near_synonym_unless_the_audit_names_it(
    case: tuple[int, int, list[str]],
) -> None:
    size, seed, mix = case
    deck = make_deck(size, seed)
    count = [None, 10, 20, 40][seed % 4]
    repeats = seed % 9 == 8  # --allow-repeats lifts independence: leaks may be printed
    plan = generate(
        [deck],
        count or DEFAULT_COUNT,
        mix,
        seed,
        allow_repeats=repeats,
        ceiling=count is None,
    )
    versions = [arrange(plan, letter) for letter in "AB"]
    found = audit(plan, versions, [deck])
    _audit_is_true(found, deck)
    facts = Facts([deck])
    for version in versions:
        named = {tuple(sorted(f.items)) for f in found.on_sheet[version.letter] if f.kind == "leak"}
        for owner, name, other in leaks(version, [deck]):
            assert tuple(sorted((owner, other))) in named, (owner, name, other, "not audited")
        numbers = {q.number: q for q in version.questions}
        _on_sheet_is_true(found, version.letter, dict(numbers))
        for entry in found.on_sheet[version.letter]:
            if entry.kind == "leak":  # the name stands in the other item's texts
                owner, other = entry.items if len(entry.items) == 2 else (0, 0)
                q = numbers[other]
                assert any(mentions(text, entry.term) for text in printed(q)), entry
                assert owner in numbers
        if not repeats:
            check(version, [deck])
            assert found.on_sheet[version.letter] == (), found.on_sheet[version.letter]
        for q in version.questions:
            for term in subject_terms(q, facts):
                assert term in deck.terms
            assert all(isinstance(t, str) for t in told(q))


def test_the_cases_cover_every_mix_and_size() -> None:
    quick = _cases(False)
    assert {tuple(mix) for _, _, mix in quick} == {tuple(m) for m in MIXES}
    assert {size for size, _, _ in quick} == set(SIZES)
    assert len(_cases(True)) == SEEDS
    assert "tests.deckmaker" in sys.modules
