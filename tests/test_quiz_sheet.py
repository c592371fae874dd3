"""Issue 31, one version is one sheet of paper: the rules across items (told texts, worked
answers, matching near-synonyms and cues, one length band, katakana apart), the mix
the planner changes and says so (``--strict`` refuses it), and the planner's audit
(``--audit``, the plan's ``audit`` section)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyprint.model import Deck, Question, Term
from studyprint.products.quiz.audit import audit
from studyprint.products.quiz.bank import kind, mentions, same_band
from studyprint.products.quiz.generate import arrange, generate
from tests.helpers import run, sample_decks
from tests.quizcheck import leaks, told

THERAPY = next(p for p in sample_decks() if p.stem == "therapy")  # as installed


def t(name: str, definition: str, **extra: object) -> Term:
    return Term(name, definition, **extra)  # type: ignore[arg-type]


def deck(*terms: Term) -> Deck:
    return Deck("D", tuple(terms), path="d.yaml")


#: a science deck whose definitions name each other's terms
TANGLED = deck(
    t("Chloroplast", "The organelle where photosynthesis happens in plant cells."),
    t("Photosynthesis", "Making sugar from light, water and carbon dioxide."),
    t("Mitochondrion", "The organelle where cellular respiration releases energy."),
    t("Cellular respiration", "Breaking sugar down with oxygen to release energy."),
    t("Glucose", "A simple sugar that stores energy."),
    t("Stomata", "Pores in a leaf that let gases in and out."),
    t("Xylem", "Tubes that carry water up from the roots."),
    t("Phloem", "Tubes that carry food down from the leaves."),
    t("Diffusion", "Spreading from where there is more to where there is less."),
    t("Osmosis", "Water crossing a membrane toward the side with more dissolved stuff."),
    t("Enzyme", "A protein that speeds up a reaction without being used up."),
    t("Nucleus", "Holds the chromosomes of a cell."),
    t("Ribosome", "Where proteins are built."),
    t("Vacuole", "A sac that stores water and waste."),
)


def test_no_told_text_names_another_items_subject() -> None:
    """Chloroplast's definition names photosynthesis: the two are never on one sheet
    together, whichever types ask them."""
    for seed in range(200):
        plan = generate([TANGLED], 12, seed=seed)
        version = arrange(plan, "A")
        assert leaks(version, [TANGLED]) == [], seed
        subjects = {q.term.term for q in version.questions if q.term is not None}
        subjects |= {p for q in version.questions for p in q.prompts}
        assert not {"Chloroplast", "Photosynthesis"} <= subjects, seed
        for q in version.questions:
            for other in version.questions:
                if other is q or other.term is None:
                    continue
                assert not any(mentions(text, other.term.term) for text in told(q)), seed


def test_a_worked_answer_keeps_its_terms_off_the_sheet() -> None:
    """Which organelle makes energy? "The mitochondrion": no option, prompt or
    statement of the sheet may show Mitochondrion, or the recall is recognition."""
    asked = t(
        "Cellular respiration",
        "Breaking sugar down with oxygen to release energy.",
        questions=(Question("Where in the cell does this happen?", "In the mitochondrion."),),
    )
    decks = [deck(asked, *(x for x in TANGLED.terms if x.term != "Cellular respiration"))]
    shorts = 0
    for seed in range(100):
        plan = generate(decks, 10, ["short", "mc", "tf", "match"], seed=seed)
        version = arrange(plan, "A")
        if not any(q.kind == "short" for q in version.questions):
            continue
        shorts += 1
        for q in version.questions:
            if q.kind != "short":
                texts = [q.stem, *q.options, *q.prompts]
                assert not any(mentions(x, "Mitochondrion") for x in texts), (seed, q)
    assert shorts > 50


def test_matching_never_holds_two_definitions_that_fit_one_prompt() -> None:
    """The therapy deck's exposure therapy and systematic desensitization: the second's
    definition is "a form of exposure therapy" -- both fit one prompt."""
    from studyprint.read.deck import load_deck

    therapy = load_deck(THERAPY)
    both = 0
    for seed in range(100):
        plan = generate([therapy], 8, ["match"], seed=seed)
        (q,) = arrange(plan, "A").questions
        names = set(q.prompts)
        both += {"Exposure therapy", "Systematic desensitization"} <= names
        for n, prompt in enumerate(q.prompts):
            for i, option in enumerate(q.options):
                assert i == q.correct[n] or not mentions(option, prompt), (seed, prompt, option)
        assert len(q.options) > len(q.prompts)  # a spare definition
    assert both == 0


def test_a_matching_term_never_shares_a_word_with_its_definition_alone() -> None:
    cue = deck(
        t("Coefficient of friction", "A number comparing the friction force to the push."),
        *(t(f"Quantity {c}", f"A measured amount of kind {c} in the lab.") for c in "ABCDEFGH"),
    )
    for seed in range(50):
        plan = generate([cue], 6, ["match"], seed=seed)
        for q in arrange(plan, "A").questions:
            assert "Coefficient of friction" not in q.prompts, seed
    found = audit(generate([cue], 6, ["match"], seed=1), [], [cue])
    assert any(a.kind == "cue" for a in found.avoided) or not found.avoided


def test_katakana_words_are_a_kind_of_their_own() -> None:
    assert kind("テレビ")[0] == "KATAKANA"
    assert kind("コーヒー")[0] == "KATAKANA"  # the long-vowel mark is no script of its own
    assert kind("学校")[0] == kind("たべる")[0] == kind("食べる")[0] == "CJK"
    assert kind("テレビ") != kind("学校")


def test_options_stay_within_twice_each_others_length() -> None:
    assert same_band([3, 7, 15])  # short texts are one band
    assert same_band([20, 39])
    assert not same_band([20, 41])
    long_one = "A very long definition that goes on and on about the many details of it."
    lopsided = deck(
        t("Wordy", long_one),
        *(t(f"Term {c}", f"Short meaning {c}.") for c in "ABCDEFGHIJKL"),
    )
    for seed in range(50):
        plan = generate([lopsided], 8, ["mc"], ask="definition", seed=seed)
        for q in arrange(plan, "A").questions:
            assert same_band(len(o) for o in q.options), (seed, q.options)


def test_the_mix_changes_where_it_must_and_says_so_once() -> None:
    """A written answer needs a term no other item prints: where too few are left, fewer
    written items and more multiple choice, in one line that says why."""
    plan = generate([TANGLED], 12, ["mc", "written"], seed=3)
    got = {kind.name: len(items) for kind, items in plan.sections}
    if got.get("written", 0) < 6:
        assert plan.changed.startswith("the mix of question types changed: ")
        assert f"{got.get('written', 0)} written instead of 6" in plan.changed
        assert plan.changed.count("\n") == 0
    unchanged = generate([TANGLED], 12, ["mc", "written"], seed=3, ceiling=True)
    assert unchanged.changed == ""  # no count asked: the decks decide, nothing to say


def _changed_seed() -> int:
    from studyprint.read.deck import load_deck

    therapy = load_deck(THERAPY)
    return next(s for s in range(100) if generate([therapy], 10, ["mc", "written"], seed=s).changed)


def test_strict_refuses_a_changed_mix_and_writes_nothing(tmp_path: Path) -> None:
    seed = str(_changed_seed())
    out = tmp_path / "q.pdf"
    args = ("quiz", str(THERAPY), "--types", "mc,written", "--count", "10", "--seed", seed)
    told_once = run(*args, "-o", str(out))
    assert told_once.exit_code == 0
    notes = [line for line in told_once.stderr.splitlines() if "mix" in line]
    assert len(notes) == 1 and notes[0].startswith(
        "sample psychology/therapy: note: the mix of question types"
    )
    out.unlink()
    (tmp_path / "q-key.pdf").unlink()
    strict = run(*args, "--strict", "-o", str(out))
    assert strict.exit_code == 1
    assert strict.stderr.startswith("error: the mix of question types changed: ")
    assert strict.stderr.endswith(" (--strict; without it the quiz is printed so)\n")
    assert strict.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_audit_is_printed_and_kept_in_the_plan(tmp_path: Path) -> None:
    out, plan = tmp_path / "q.pdf", tmp_path / "plan.json"
    made = run(
        "quiz", str(THERAPY), "--types", "mc,written", "--count", "10", "--seed", "4",
        "--versions", "2", "--audit", "--plan", str(plan), "-o", str(out),
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    lines = made.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("audit: steered round "))
    body = lines[start + 1 :]
    assert "  version A: no leak, cue or near-synonym on the sheet" in body
    assert "  version B: no leak, cue or near-synonym on the sheet" in body
    section = json.loads(plan.read_text(encoding="utf-8"))["audit"]
    assert set(section) == {"mix_changed", "avoided_count", "avoided", "versions"}
    assert section["versions"] == {"A": [], "B": []}
    assert sum(section["avoided_count"].values()) >= len(section["avoided"]) > 0
    for entry in section["avoided"]:
        assert f"  avoided {entry['kind']}: {entry['term']}: {entry['why']}" in body
    quiet = run("quiz", str(THERAPY), "--seed", "4", "-o", str(tmp_path / "r.pdf"))
    assert "steered round" not in quiet.stdout


@pytest.mark.parametrize("count", [None, 10])
def test_the_audit_names_what_allow_repeats_prints(count: int | None) -> None:
    """--allow-repeats lifts independence on a deck too small: whatever leaks then, the
    audit names, and nothing it names is untrue."""
    small = deck(*TANGLED.terms[:6])
    plan = generate([small], count or 20, ["mc", "written"], seed=2, allow_repeats=True)
    version = arrange(plan, "A")
    found = audit(plan, [version], [small])
    named = {tuple(sorted(f.items)) for f in found.on_sheet["A"] if f.kind == "leak"}
    for owner, _, other in leaks(version, [small]):
        assert tuple(sorted((owner, other))) in named


def test_a_reading_of_the_term_is_not_printed_beside_it_or_for_it() -> None:
    """The Arabic deck's definitions carry a transliteration ("yes (naʿam)"): asked from
    that definition, a student who can sound out the letters matches the sound. The quiz
    prints "yes"; a Latin-script term keeps its brackets ("table salt (NaCl)")."""
    from studyprint.products.quiz.bank import without_reading

    assert without_reading("نعم", "yes (naʿam)") == "yes"
    assert without_reading("اسمي", "my name is … (ismī), followed by your name") == (
        "my name is …, followed by your name"
    )
    assert without_reading("学校", "school (がっこう, gakkō)") == "school"
    assert without_reading("Sodium chloride", "table salt (NaCl)") == "table salt (NaCl)"
    assert without_reading("学校", "学校は大きい (がっこう)") == "学校は大きい (がっこう)"
    arabic = next(p for p in sample_decks() if p.parent.name == "arabic")
    from studyprint.read.deck import load_deck

    loaded = load_deck(arabic)
    for seed in range(30):
        for q in arrange(generate([loaded], 10, seed=seed), "A").questions:
            for text in (q.stem, *q.options):
                assert "(" not in text or q.kind == "short", (seed, text)


def test_a_verb_is_offered_among_verbs() -> None:
    """ "to study" asks for a verb: 勉強する among nouns would be picked without knowing it."""
    verbs = [t(f"動詞{i}する", f"to do thing {i}") for i in range(4)]
    nouns = [t(f"名詞{i}", f"a thing number {i}") for i in range(8)]
    mixed = deck(*verbs, *nouns)
    for seed in range(40):
        for q in arrange(generate([mixed], 8, ["mc"], ask="term", seed=seed), "A").questions:
            if q.mode == "pick-term":
                assert len({o.endswith("する") for o in q.options}) == 1, (seed, q.options)
