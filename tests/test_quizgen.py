"""Quiz generation without PDFs: fair distractors, balance, versions, tiny decks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from studyprint.model import Deck, Term
from studyprint.products.quiz.generate import arrange, generate
from studyprint.products.quiz.types.base import norm
from studyprint.products.quiz.types.match import MatchItem as MatchQuestion
from studyprint.products.quiz.types.mc import ChoiceItem as ChoiceQuestion
from studyprint.products.quiz.types.mc import fair_distractors
from studyprint.products.quiz.types.tf import TrueFalseItem as TrueFalseQuestion
from studyprint.read.deck import load_deck
from tests.helpers import sample_decks


def deck(*terms: Term, title: str = "D") -> Deck:
    return Deck(title, tuple(terms))


def t(name: str, definition: str, also: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> Term:
    return Term(name, definition, also=also, tags=tags)


SHARED = deck(
    t("Mitochondrion", "The organelle that makes most ATP."),
    t("Mitochondria", "The organelle that makes most ATP."),  # same definition
    t("Chloroplast", "Where photosynthesis happens."),
    t("Ribosome", "Where proteins are built."),
    t("Nucleus", "Holds the cell's DNA."),
    t("Vacuole", "Stores water and waste."),
)
ALSO = deck(
    t("Therapeutic alliance", "The working partnership in therapy.", also=("working alliance",)),
    t("Working alliance", "Another wording of the partnership."),  # the answer under another name
    t("Empathy", "Understanding from the client's side."),
    t("Transference", "Old feelings redirected at the therapist."),
    t("Exposure", "Facing fears step by step."),
    t("empathy ", "A duplicate name with other spacing."),
)


def test_identical_definitions_are_never_set_against_each_other() -> None:
    term = SHARED.terms[0]
    for direction in ("pick-term", "pick-definition"):
        offered = {other.term for other, _ in fair_distractors(term, SHARED, direction)}  # type: ignore[arg-type]
        assert "Mitochondria" not in offered
    plan = generate([SHARED], 30, ["mc"], seed=1)
    for _, items in plan.sections:
        for item in items:
            assert isinstance(item, ChoiceQuestion)
            if item.term.term in ("Mitochondrion", "Mitochondria"):
                assert not {"Mitochondrion", "Mitochondria"} & set(item.distractors)
                assert "The organelle that makes most ATP." not in item.distractors


def test_also_names_are_never_distractors() -> None:
    answer = ALSO.terms[0]
    offered = {norm(text) for _, text in fair_distractors(answer, ALSO, "pick-term")}
    assert "working alliance" not in offered
    for seed in range(20):
        for _, items in generate([ALSO], 10, ["mc"], seed=seed).sections:
            for item in items:
                assert isinstance(item, ChoiceQuestion)
                texts = [norm(x) for x in (item.correct, *item.distractors)]
                assert len(set(texts)) == len(texts), "two options read the same"
                names = {norm(n) for n in item.term.names}
                assert not names & {norm(d) for d in item.distractors}


def test_distractors_prefer_shared_tags() -> None:
    tagged = deck(
        t("Alpha", "First letter here.", tags=("greek",)),
        t("Beta", "Second letter here.", tags=("greek",)),
        t("Gamma", "Third letter here.", tags=("greek",)),
        t("Delta", "Fourth letter here.", tags=("greek",)),
        t("Apple", "A red fruit here.", tags=("fruit",)),
        t("Pear", "A green fruit here.", tags=("fruit",)),
        t("Plum", "A purple fruit here.", tags=("fruit",)),
    )
    for seed in range(10):
        for _, items in generate([tagged], 7, ["mc"], seed=seed).sections:
            for item in items:
                assert isinstance(item, ChoiceQuestion)
                if item.term.term == "Alpha" and item.mode == "pick-term":
                    assert set(item.distractors) == {"Beta", "Gamma", "Delta"}


def test_correct_letter_is_spread_evenly() -> None:
    decks = [load_deck(p) for p in sample_decks()]
    plan = generate(decks, 40, ["mc"], seed=11)
    assert plan.count == 40
    for letter in "ABC":
        version = arrange(plan, letter)
        answers = Counter(q.answer for q in version.questions)
        assert max(answers.values()) / 40 <= 0.35
        for q in version.questions:
            assert q.options[q.answer] in (q.term.term, q.term.definition) or any(  # type: ignore[index, union-attr]
                qq.answer == q.options[q.answer]
                for qq in q.term.questions  # type: ignore[index, union-attr]
            )


def test_true_false_is_about_half_true() -> None:
    decks = [load_deck(p) for p in sample_decks()]
    plan = generate(decks, 20, ["tf"], seed=5)
    truths = [item.true for _, items in plan.sections for item in items]  # type: ignore[union-attr]
    assert len(truths) == 20 and truths.count(True) == 10
    for _, items in plan.sections:
        for item in items:
            assert isinstance(item, TrueFalseQuestion)
            assert (norm(item.shown) == norm(item.term.definition)) == item.true


def test_match_block_has_extras_and_stays_in_bounds() -> None:
    plan = generate([load_deck(sample_decks()[0])], 20, ["match", "written"], seed=2)
    blocks = [i for _, items in plan.sections for i in items if isinstance(i, MatchQuestion)]
    assert len(blocks) == 1
    block = blocks[0]
    assert 4 <= len(block.terms) <= 8 and 2 <= len(block.extras) <= 3
    used = {norm(x.definition) for x in block.terms}
    assert not used & {norm(e) for e in block.extras}


def test_versions_have_the_same_questions_in_another_order() -> None:
    plan = generate([load_deck(p) for p in sample_decks()], 30, seed=9)
    a, b = arrange(plan, "A"), arrange(plan, "B")
    prompts_a = Counter((q.kind, q.prompt, frozenset(q.terms)) for q in a.questions)
    prompts_b = Counter((q.kind, q.prompt, frozenset(q.terms)) for q in b.questions)
    assert prompts_a == prompts_b
    assert [q.prompt for q in a.questions] != [q.prompt for q in b.questions]
    assert arrange(plan, "A") == a  # the same seed arranges the same way


@pytest.mark.parametrize("size", [1, 2, 3])
def test_tiny_decks_skip_types_with_warnings(size: int) -> None:
    tiny = deck(*(t(f"Term {i}", f"Definition {i}.") for i in range(size)))
    plan = generate([tiny], 10, seed=1)
    assert any("multiple choice skipped" in w for w in plan.warnings)
    assert any("matching skipped" in w for w in plan.warnings)
    kinds = {kind.name for kind, _ in plan.sections}
    assert "mc" not in kinds and "match" not in kinds
    assert ("tf" in kinds) == (size >= 2)
    assert plan.count <= 10
    for letter in "AB":
        arrange(plan, letter)


def test_one_term_deck_with_only_mc_makes_nothing() -> None:
    plan = generate([deck(t("Solo", "Alone."))], 5, ["mc"], seed=1)
    assert plan.count == 0
    assert plan.warnings[0].startswith("multiple choice skipped")


def test_authored_choices_keep_their_answer(tmp_path: Path) -> None:
    therapy = load_deck(next(p for p in sample_decks() if p.stem == "therapy"))
    plan = generate([therapy], 40, ["mc"], seed=4)
    authored = [
        i
        for _, items in plan.sections
        for i in items
        if isinstance(i, ChoiceQuestion) and i.mode == "authored"
    ]
    assert authored
    for letter in "AB":
        for q in arrange(plan, letter).questions:
            if q.mode == "authored":
                source = next(x for x in q.term.questions if x.prompt == q.prompt)  # type: ignore[union-attr]
                assert q.options[q.answer] == source.answer  # type: ignore[index]
                assert sorted(q.options) == sorted(source.choices)


def test_version_names_go_past_z() -> None:
    from studyprint.vocab import version_letters

    names = version_letters(30)
    assert (
        names[:3] == ["A", "B", "C"] and names[25] == "Z" and names[26:] == ["AA", "AB", "AC", "AD"]
    )
