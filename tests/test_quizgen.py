"""Quiz generation without PDFs: the fairness rules on every sample deck and on
small decks made to break each rule, letters and truths, versions, tiny decks."""

from __future__ import annotations

from collections import Counter

import pytest

from studyprint.model import Deck, Question, Term
from studyprint.products.quiz.bank import NEAR_IDENTICAL, aliases, kind, near_identical, tokens
from studyprint.products.quiz.generate import QuizPlan, arrange, generate, quiz_code
from studyprint.products.quiz.types.base import Printed
from studyprint.read.deck import load_deck
from studyprint.vocab import version_letters
from tests.helpers import sample_decks
from tests.quizcheck import check

SAMPLES = [load_deck(p) for p in sample_decks()]


def deck(*terms: Term, title: str = "D") -> Deck:
    return Deck(title, tuple(terms), path="d.yaml")


def t(name: str, definition: str, also: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> Term:
    return Term(name, definition, also=also, tags=tags)


def items(plan: QuizPlan, letter: str = "A") -> list[Printed]:
    return arrange(plan, letter).questions


NOUNS = [
    t("Nucleus", "Holds the cell's DNA."),
    t("Ribosome", "Where proteins are built."),
    t("Vacuole", "Stores water and waste."),
    t("Chloroplast", "Where photosynthesis happens."),
    t("Cell wall", "A stiff layer outside the membrane of plant cells."),
    t("Cytoplasm", "The jelly that fills the cell around the organelles."),
    t("Lysosome", "A sac of enzymes that breaks down worn-out parts."),
    t("Centriole", "A small tube that helps a dividing cell pull its chromosomes apart."),
]


@pytest.mark.parametrize("seed", range(100))
def test_rules_hold_on_every_sample_deck(seed: int) -> None:
    """Rules 1-4 on 100 seeds x every sample deck x 3 versions (plans only: fast; the
    same against the printed PDFs: test_quiz.py, and 100 seeds with -m slow)."""
    for sample in SAMPLES:
        plan = generate([sample], 20, seed=seed)
        assert plan.count > 0
        for letter in "ABC":
            check(arrange(plan, letter), [sample])


def test_rules_hold_when_decks_are_mixed() -> None:
    for seed in range(20):
        plan = generate(SAMPLES, 40, seed=seed)
        assert plan.count == 40
        for letter in "AB":
            check(arrange(plan, letter), SAMPLES)


def test_shared_definitions_are_one_answer() -> None:
    shared = deck(
        t("白", "white"),
        t("白い", "white"),
        t("黒", "black"),
        t("赤", "red"),
        t("青", "blue"),
        t("緑", "green"),
        t("黄色", "yellow"),
    )
    seen_written = False
    for seed in range(60):
        plan = generate([shared], 6, ["written"] if seed % 2 else None, seed=seed)
        for q in items(plan):
            if q.kind == "mc" and q.mode == "pick-term":
                assert not {"白", "白い"} <= set(q.options), q
            if q.kind == "match":
                assert not {"白", "白い"} <= set(q.prompts)
            if q.kind == "written" and q.stem == "white":
                assert {"白", "白い"} <= set(q.accepted)
                seen_written = True
        check(arrange(plan, "A"), [shared])
    assert seen_written


def test_also_known_as_is_a_right_answer() -> None:
    aka = deck(
        t(
            "Systematic error",
            "An error that pushes every result the same way, also known as bias.",
        ),
        t("Bias", "A preference that is held before the facts are in."),
        t("Random error", "Chance scatter that averages out over many measurements."),
        t("Precision", "How close repeated measurements are to each other."),
        t("Accuracy", "How close a measurement is to the true value."),
        t("Outlier", "A value far from all the others in a data set."),
    )
    assert aliases(aka.terms[0].definition) == ("bias",)
    asked = 0
    for seed in range(80):
        for q in items(generate([aka], 5, ["mc", "written"], seed=seed)):
            if q.term is None or q.term.term != "Systematic error":
                continue
            asked += 1
            if q.kind == "mc" and q.mode == "pick-term":
                assert "Bias" not in q.options
            if q.kind == "written":
                assert "bias" in q.accepted and "Systematic error" in q.accepted
    assert asked > 10


def test_a_term_inside_its_definition_is_not_asked_from_it() -> None:
    telling = deck(
        t("Sample", "In statistics, a sample is a part of a population that is studied."),
        t("Census", "A count of every member of a population."),
        t("Variable", "A quantity that can change between cases."),
        t("Median", "The middle value when the data are put in order."),
        t("Mode", "The value that turns up most often."),
        t("Range", "The largest value minus the smallest."),
    )
    for seed in range(80):
        for q in items(generate([telling], 6, seed=seed)):
            if q.kind == "match":
                assert "Sample" not in q.prompts
            elif q.term is not None and q.term.term == "Sample":
                assert (q.kind == "written" and q.mode == "ask-definition") or q.kind == "short"


def test_the_only_verb_among_nouns_is_not_a_giveaway() -> None:
    verbs = [
        t("行く", "to go"),
        t("食べる", "to eat"),
        t("見る", "to see"),
        t("走る", "to run"),
    ]
    nouns = [t(n, d) for n, d in [("川", "river"), ("山", "mountain"), ("靴下", "socks"),
             ("ラジオ", "radio"), ("本", "book"), ("水", "water"), ("猫", "cat")]]  # fmt: skip
    assert kind("to go") == ("LATIN", "verb") and kind("river") == ("LATIN", "")
    lonely = deck(verbs[0], *nouns)
    for seed in range(60):
        for q in items(generate([lonely], 6, ["mc"], seed=seed, ask="definition")):
            assert "to go" not in q.options, q
    mixed = deck(*verbs, *nouns)
    asked = 0
    for seed in range(60):
        for q in items(generate([mixed], 8, ["mc"], seed=seed, ask="definition")):
            verb_options = [o for o in q.options if o.startswith("to ")]
            assert len(verb_options) in (0, 4), q.options
            asked += bool(verb_options)
    assert asked > 10


def test_true_false_uses_a_definition_of_the_same_kind() -> None:
    mixed = deck(
        t("行く", "to go"),
        t("食べる", "to eat"),
        t("見る", "to see"),
        t("走る", "to run"),
        t("川", "river"),
        t("山", "mountain"),
        t("水", "water"),
        t("猫", "cat"),
    )
    for seed in range(60):
        for letter in "ABCD":
            for q in items(generate([mixed], 4, ["tf"], seed=seed), letter):
                assert q.term is not None
                shown = q.stem.split(": ", 1)[1]
                assert kind(shown) == kind(q.term.definition), q.stem


def test_near_identical_texts_are_never_offered_together() -> None:
    assert NEAR_IDENTICAL == 0.8
    assert near_identical(tokens("white"), tokens("white (colour)"))
    assert near_identical(tokens("Makes ATP for the cell"), tokens("makes the ATP for a cell"))
    assert not near_identical(
        tokens("The organelle that makes ATP"), tokens("The organelle that stores water")
    )
    close = deck(
        t("Light", "white (colour)"),
        t("Pale", "white"),
        t("Dark", "black"),
        t("Red", "the colour of blood"),
        t("Blue", "the colour of a clear sky"),
        t("Green", "the colour of grass"),
    )
    for seed in range(60):
        for q in items(generate([close], 5, ["mc"], seed=seed, ask="definition")):
            assert not {"white", "white (colour)"} <= set(q.options), q.options


def test_letters_are_even_over_200_versions() -> None:
    plan = generate(SAMPLES, 20, seed=3)
    letters: Counter[str] = Counter()
    truths: Counter[bool] = Counter()
    for letter in version_letters(200):
        for q in items(plan, letter):
            if q.kind == "mc":
                letters["ABCD"[q.correct[0]]] += 1
            if q.kind == "tf":
                truths[q.correct[0] == 0] += 1
    total = sum(letters.values())
    assert total >= 200 and max(letters.values()) / total <= 0.28, letters
    assert 0.45 <= truths[True] / sum(truths.values()) <= 0.55, truths


def test_an_odd_number_of_true_false_is_true_half_the_time() -> None:
    plan = generate(SAMPLES, 5, ["tf"], seed=8)
    assert plan.count == 5
    trues = [sum(q.correct[0] == 0 for q in items(plan, v)) for v in version_letters(200)]
    assert set(trues) == {2, 3}
    assert 0.45 <= sum(trues) / (5 * 200) <= 0.55


def test_remainder_letters_are_not_always_a_b_c() -> None:
    plan = generate(SAMPLES, 5, ["mc"], seed=2)
    extra: Counter[str] = Counter()
    for v in version_letters(200):
        counts = Counter("ABCD"[q.correct[0]] for q in items(plan, v))
        extra.update(letter for letter, n in counts.items() if n == 2)
    assert set(extra) == set("ABCD"), extra


def test_fewer_questions_with_a_reason_unless_repeats_are_allowed() -> None:
    small = deck(*NOUNS[:6])
    plan = generate([small], 20, seed=1)
    assert plan.count < 20
    assert any(
        w.startswith(f"only {plan.count} of 20 questions could be made: each of the 6 ")
        and "--allow-repeats" in w
        for w in plan.warnings
    )
    repeated = generate([small], 20, seed=1, allow_repeats=True)
    assert repeated.count == 20


@pytest.mark.parametrize("ask", ["term", "definition"])
def test_ask_chooses_the_direction(ask: str) -> None:
    for seed in range(10):
        for q in items(generate(SAMPLES, 20, ["mc", "written"], seed=seed, ask=ask)):  # type: ignore[arg-type]
            if q.mode in ("authored", ""):
                continue
            assert q.mode in (
                {"pick-term", "ask-term"}
                if ask == "term"
                else {"pick-definition", "ask-definition"}
            )


def test_versions_have_the_same_items_in_another_order() -> None:
    plan = generate(SAMPLES, 30, seed=9)
    a, b = arrange(plan, "A"), arrange(plan, "B")

    def about(v: list[Printed]) -> Counter[tuple[str, str, frozenset[str]]]:
        return Counter((q.kind, q.term.term if q.term else "", frozenset(q.prompts)) for q in v)

    assert about(a.questions) == about(b.questions)
    assert [q.stem for q in a.questions] != [q.stem for q in b.questions]
    assert arrange(plan, "A") == a  # the same seed arranges the same way
    assert a.code != b.code and a.code == quiz_code(9, "A") and len(a.code) == 4


@pytest.mark.parametrize("size", [1, 2, 3])
def test_tiny_decks_skip_types_with_warnings(size: int) -> None:
    tiny = deck(*NOUNS[:size])
    plan = generate([tiny], 10, seed=1)
    assert any("multiple choice skipped" in w for w in plan.warnings)
    assert any("matching skipped" in w for w in plan.warnings)
    kinds = {kind.name for kind, _ in plan.sections}
    assert "mc" not in kinds and "match" not in kinds
    assert plan.count <= size
    for letter in "AB":
        check(arrange(plan, letter), [tiny])


def test_authored_choices_keep_their_answer() -> None:
    therapy = next(d for d in SAMPLES if "Therapy" in d.title)
    found = 0
    for seed in range(20):
        for q in items(generate([therapy], 12, ["mc"], seed=seed)):
            if q.mode == "authored":
                assert q.term is not None
                source: Question = next(x for x in q.term.questions if x.prompt == q.stem)
                assert q.options[q.correct[0]] == source.answer
                assert sorted(q.options) == sorted(source.choices)
                found += 1
    assert found


@pytest.mark.parametrize("types", ["mc,written", "mc,match,written", None], ids=str)
def test_no_written_answer_is_printed_elsewhere_on_its_version(types: str | None) -> None:
    """Issue 31: with mc and written mixed, a written item's term stood as an option of
    another item on every one of 50 versions (150 of 250 written items on the
    psychology deck). 200 seeds x every sample deck x 3 versions: none may leak, and
    written items are still asked."""
    from tests.quizcheck import leaks

    kinds = types.split(",") if types else None
    written = 0
    for seed in range(200):
        for sample in SAMPLES:
            plan = generate([sample], 10, kinds, seed=seed)
            asked = {kind.name: sum(kind.size(i) for i in items) for kind, items in plan.sections}
            if kinds and plan.count == 10 and asked.get("written", 0) < 10 // len(kinds):
                # fewer written items than their share: the planner says so, once
                assert f"{asked.get('written', 0)} written instead of" in plan.changed
            for letter in "ABC":
                version = arrange(plan, letter)
                assert leaks(version, [sample]) == [], (sample.title, seed, letter)
                written += sum(q.kind == "written" for q in version.questions)
    assert written > 200 * 3 * len(SAMPLES) if kinds else written > 0
