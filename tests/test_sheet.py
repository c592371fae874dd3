"""Study sheets read back: every term, definition, fact, question and answer, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from studyprint.model import Deck
from studyprint.products.sheet import build_sheet, is_vocabulary, shown_choices
from studyprint.read.deck import load_deck
from studyprint.read.layout import load_layout
from studyprint.text.markup import plain
from studyprint.units import PAPER_SIZES
from studyprint.vocab import LETTERS
from tests.helpers import normalise, pdf_text, run, sample_decks, visual
from tests.pagelint import lint


def squash(text: str) -> str:
    """Text without any whitespace: line wrapping (CJK wraps anywhere) cannot break a match."""
    return re.sub(r"\s+", "", normalise(text))


def pdf_squashed(path: Path) -> str:
    return squash(" ".join(p.extract_text() or "" for p in PdfReader(str(path)).pages))


def expected_in_order(deck: Deck, style: str, answers: str) -> list[str]:
    seq: list[str] = []
    end_answers: list[str] = []
    questions: list[str] = []  # a vocabulary table's questions follow the whole table
    table = is_vocabulary(deck)
    for term in deck.terms:
        seq.append(term.term)
        seq.append(term.definition)
        if style == "glossary":
            continue
        seq += term.facts
        asked = questions if table else seq
        for q in term.questions:
            asked.append(q.prompt)
            shown = shown_choices(q)  # shuffled, the same on every run
            asked += shown
            answer = f"{LETTERS[shown.index(q.answer)]}. {q.answer}" if q.is_choice else q.answer
            if answers == "inline":
                asked.append(answer)
            elif answers == "end":
                end_answers.append(answer)
    return [*seq, *questions, *end_answers]


def assert_in_order(text: str, expected: list[str]) -> None:
    """Each item after the one before (right-to-left runs as a reader extracts them)."""
    position = 0
    text = visual(text)
    for item in expected:
        needle = squash(plain(item))
        found = text.find(visual(needle), position)
        assert found >= 0, f"missing or out of order: {item!r}"
        position = found + len(needle)


def outline_titles(path: Path) -> list[str]:
    reader = PdfReader(str(path))
    titles: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


DECKS = sample_decks()
CASES = [
    (deck, style, paper)
    for deck in DECKS
    for style in ("guide", "glossary")
    for paper in ("letter", "a4")
]


@pytest.mark.parametrize(
    ("deck_path", "style", "paper"),
    CASES,
    ids=[f"{d.stem}-{s}-{p}" for d, s, p in CASES],
)
def test_sheet_has_everything_in_order(
    deck_path: Path, style: str, paper: str, tmp_path: Path
) -> None:
    deck = load_deck(deck_path)
    out = tmp_path / "sheet.pdf"
    result = build_sheet([deck], out, style=style, answers="inline", layout=load_layout(paper))  # type: ignore[arg-type]
    assert result.warnings == []
    assert_in_order(pdf_squashed(out), expected_in_order(deck, style, "inline"))
    reader = PdfReader(str(out))
    assert len(reader.pages) == result.pages
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(PAPER_SIZES[paper], abs=0.01)
    assert outline_titles(out) == [deck.title, *(t.term for t in deck.terms)]
    meta = reader.metadata
    assert meta is not None and meta.title.startswith(deck.title)
    assert meta.author == "studyprint"
    assert reader.trailer["/Root"].get("/Lang") == deck.language


@pytest.mark.parametrize("answers", ["inline", "end", "none"])
def test_answers_placement(answers: str, tmp_path: Path) -> None:
    deck = load_deck(next(d for d in DECKS if d.stem == "therapy"))
    out = tmp_path / "sheet.pdf"
    build_sheet([deck], out, style="guide", answers=answers, layout=load_layout("letter"))  # type: ignore[arg-type]
    text = pdf_squashed(out)
    assert_in_order(text, expected_in_order(deck, "guide", answers))
    open_answers = [q.answer for t in deck.terms for q in t.questions if not q.is_choice]
    if answers == "none":
        for answer in open_answers:
            assert squash(plain(answer)) not in text
    titles = outline_titles(out)
    assert ("Answers" in titles) == (answers == "end")


def test_answer_lines_are_drawn_for_none(tmp_path: Path) -> None:
    deck = load_deck(next(d for d in DECKS if d.stem == "therapy"))
    out = tmp_path / "sheet.pdf"
    build_sheet([deck.select(terms=["Empathy"])], out, answers="none", layout=load_layout("letter"))
    with pdfplumber.open(out) as pdf:
        lines = [ln for ln in pdf.pages[0].lines if abs(ln["top"] - ln["bottom"]) < 0.1]
    open_questions = sum(
        1 for q in deck.select(terms=["Empathy"]).terms[0].questions if not q.is_choice
    )
    # 3 ruled lines a question, plus the header rule and the rule between terms
    assert len(lines) >= 3 * open_questions + 1


def test_large_print_uses_large_type(tmp_path: Path) -> None:
    deck = load_deck(next(d for d in DECKS if d.stem == "cells"))
    out = tmp_path / "large.pdf"
    build_sheet([deck], out, layout=load_layout("large-print"))
    assert_in_order(pdf_squashed(out), expected_in_order(deck, "guide", "inline"))
    with pdfplumber.open(out) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    sizes = sorted(round(c["size"]) for c in chars)
    body = max(set(sizes), key=sizes.count)
    assert body >= 18
    assert any("Atkinson" in c["fontname"] for c in chars)


def long_deck(tmp_path: Path) -> Path:
    facts = "\n".join(
        f"      - Fact number {i} about the very long term, written out in full." for i in range(60)
    )
    questions = "\n".join(
        f"      - q: Question number {i} about the long term?\n        a: Answer number {i}."
        for i in range(25)
    )
    path = tmp_path / "long.yaml"
    path.write_text(
        "title: Long\nterms:\n  - term: Short one\n    definition: Fits easily.\n"
        f"  - term: Very long term\n    definition: It goes on.\n    facts:\n{facts}\n"
        f"    questions:\n{questions}\n  - term: After\n    definition: Comes last.\n",
        encoding="utf-8",
    )
    return path


def test_a_term_longer_than_a_page_continues(tmp_path: Path) -> None:
    deck = load_deck(long_deck(tmp_path))
    out = tmp_path / "long.pdf"
    result = build_sheet([deck], out, layout=load_layout("letter"))
    assert result.pages >= 3
    assert_in_order(pdf_squashed(out), expected_in_order(deck, "guide", "inline"))
    pages = [normalise(p.extract_text() or "") for p in PdfReader(str(out)).pages]
    continued = [i for i, text in enumerate(pages) if "Very long term (continued)" in text]
    assert continued and continued[0] >= 1
    assert all("After (continued)" not in text for text in pages)


def test_page_numbers(tmp_path: Path) -> None:
    deck = load_deck(long_deck(tmp_path))
    out = tmp_path / "long.pdf"
    result = build_sheet([deck], out, layout=load_layout("letter"))
    for n, page in enumerate(PdfReader(str(out)).pages, 1):
        assert f"Page {n} of {result.pages}" in normalise(page.extract_text() or "")


def test_several_decks_one_after_another(tmp_path: Path) -> None:
    decks = [load_deck(d) for d in DECKS[:2]]
    out = tmp_path / "two.pdf"
    build_sheet(decks, out, layout=load_layout("letter"))
    text = pdf_squashed(out)
    assert_in_order(
        text,
        expected_in_order(decks[0], "guide", "inline")
        + expected_in_order(decks[1], "guide", "inline"),
    )
    titles = outline_titles(out)
    assert titles.index(decks[1].title) > titles.index(decks[0].title)


def test_byte_identical(tmp_path: Path) -> None:
    deck = load_deck(DECKS[0])
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    build_sheet([deck], a, layout=load_layout("letter"))
    build_sheet([deck], b, layout=load_layout("letter"))
    assert a.read_bytes() == b.read_bytes()


def test_image_is_scaled_not_distorted(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    PILImage.new("RGB", (400, 100), (200, 30, 30)).save(tmp_path / "wide.png")
    deck_path = tmp_path / "img.yaml"
    deck_path.write_text(
        "title: Pictures\nterms:\n  - term: Wide\n    definition: A wide picture.\n"
        "    image: wide.png\n",
        encoding="utf-8",
    )
    out = tmp_path / "img.pdf"
    build_sheet([load_deck(deck_path)], out, layout=load_layout("letter"))
    with pdfplumber.open(out) as pdf:
        (image,) = pdf.pages[0].images
    assert image["width"] / image["height"] == pytest.approx(4.0, rel=0.01)


def test_unreadable_image_is_an_error_without_output(tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"this is not a png")
    deck_path = tmp_path / "img.yaml"
    deck_path.write_text(
        "title: Pictures\nterms:\n  - term: Bad\n    definition: A broken picture.\n"
        "    image: broken.png\n",
        encoding="utf-8",
    )
    out = tmp_path / "img.pdf"
    result = run("sheet", str(deck_path), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (  # found when the deck is read, before any page is set
        f"{deck_path}:5:12: image 'broken.png': cannot be read as a picture; "
        "save it as PNG or JPEG\n"
    )
    assert not out.exists()
    assert [
        p.name for p in tmp_path.iterdir() if p.suffix != ".yaml" and p.name != "broken.png"
    ] == []


def test_cli_sheet_default_name_and_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = next(d for d in DECKS if d.stem == "kitchen")
    monkeypatch.chdir(tmp_path)
    result = run("sheet", str(deck), "--style", "glossary", "--paper", "a4")
    assert result.exit_code == 0, result.stderr
    assert re.fullmatch(r"wrote kitchen-glossary\.pdf \(\d+ pages?\)\n", result.stdout)
    assert (tmp_path / "kitchen-glossary.pdf").is_file()


def test_cli_selection(tmp_path: Path) -> None:
    deck = next(d for d in DECKS if d.stem == "therapy")
    out = tmp_path / "two.pdf"
    result = run("sheet", str(deck), "-o", str(out), "--terms", "empathy, CBT")
    assert result.exit_code == 0, result.stderr
    assert outline_titles(out) == [  # answers at the end by default: a handout
        "Therapy and treatment",
        "Empathy",
        "Cognitive behavioral therapy",
        "Answers",
    ]
    result = run("sheet", str(deck), "-o", str(out), "--tags", "psychodynamic")
    titles = outline_titles(out)
    assert titles[:3] == ["Therapy and treatment", "Transference", "Free association"]


def test_cli_unknown_term_is_an_option_error(tmp_path: Path) -> None:
    deck = next(d for d in DECKS if d.stem == "therapy")
    out = tmp_path / "x.pdf"
    result = run("sheet", str(deck), "-o", str(out), "--terms", "Empathy, Nonsense")
    assert result.exit_code == 2
    assert result.stderr == "error: --terms: no term named 'Nonsense' in the decks given\n"
    assert not out.exists()


def test_cli_refuses_to_overwrite_input(tmp_path: Path) -> None:
    deck = tmp_path / "notes.pdf"  # a deck saved with an odd name
    deck.write_text("title: T\nterms:\n  - term: A\n    definition: B\n", encoding="utf-8")
    before = deck.read_bytes()
    result = run("sheet", str(deck), "-o", str(deck))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: {deck}: this is one of the input files; choose another output with -o\n"
    )
    assert deck.read_bytes() == before


def test_cli_bad_option_value_is_usage_error(tmp_path: Path) -> None:
    deck = DECKS[0]
    result = run("sheet", str(deck), "--style", "poster", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2


def test_missing_glyph_becomes_a_warning(tmp_path: Path) -> None:
    deck_path = tmp_path / "emoji.yaml"
    deck_path.write_text(
        "title: Emoji\nterms:\n  - term: Smile\n    definition: Looks like 😀 here.\n",
        encoding="utf-8",
    )
    result = run("sheet", str(deck_path), "-o", str(tmp_path / "e.pdf"))
    assert result.exit_code == 0
    assert result.stderr == (
        f"{deck_path}:3:5: warning: term 'Smile': no bundled font has '😀' (U+1F600); "
        "printed as □\n"
    )


def test_bad_sheet_block_in_layout(tmp_path: Path) -> None:
    layout = tmp_path / "mine.yaml"
    layout.write_text("extends: letter\nsheet:\n  tint: grey\n  answer_line: 2\n", encoding="utf-8")
    result = run("sheet", str(DECKS[0]), "--layout", str(layout), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{layout}:3:9: 'tint' must be a colour like \"#1F3A5F\", found 'grey'\n"
        f"{layout}:4:3: unknown key 'answer_line' in sheet; did you mean 'answer_lines'?\n"
    )


def test_blocks_break_between_questions_never_inside_one(tmp_path: Path) -> None:
    """A long term flows on between its questions; its heading stays with its
    definition, each question with its answer; the breadcrumb prints once."""
    deck = load_deck(long_deck(tmp_path))
    out = tmp_path / "guide.pdf"
    build_sheet([deck], out, layout=load_layout("large-print"))
    pages = [normalise(p.extract_text() or "") for p in PdfReader(str(out)).pages]
    for i in range(25):
        (page,) = [t for t in pages if f"Q{i + 1}. Question number {i} " in t]
        assert f"Answer: Answer number {i}." in page
    for term in deck.terms:
        (page,) = [t for t in pages if re.search(rf"(^| ){term.term} ", t) and term.definition in t]
    first = load_deck(next(d for d in DECKS if d.stem == "therapy"))
    out = tmp_path / "therapy.pdf"
    build_sheet([first], out, layout=load_layout("letter"))
    assert first.heading not in pdf_text(out)  # no breadcrumb above each term any more
    opening = normalise(PdfReader(str(out)).pages[0].extract_text() or "")
    assert opening.startswith(f"{first.title} {first.subject} · {first.unit} ")


def test_authored_choices_are_shuffled_unless_told_not_to(tmp_path: Path) -> None:
    deck = tmp_path / "mc.yaml"
    deck.write_text(
        "title: Choices\nterms:\n  - term: Cell\n    definition: The unit of life.\n"
        "    questions:\n"
        "      - q: Which is smallest?\n        choices: [Atom, Cell, Organ, Body]\n"
        "        answer: Atom\n"
        "  - term: Life\n    definition: What grows and reproduces.\n    questions:\n"
        "      - q: Which are living?\n        choices: [Cells, Organs, All of the above]\n"
        "        answer: All of the above\n        shuffle: false\n",
        encoding="utf-8",
    )
    loaded = load_deck(deck)
    (free,), (fixed,) = (term.questions for term in loaded.terms)
    assert not fixed.shuffle and free.shuffle
    assert shown_choices(fixed) == ("Cells", "Organs", "All of the above")
    assert sorted(shown_choices(free)) == sorted(free.choices)
    out = tmp_path / "guide.pdf"
    assert run("sheet", str(deck), "-o", str(out), "--answers", "inline").exit_code == 0
    text = squash(pdf_text(out))
    assert squash("A. Cells B. Organs C. All of the above Answer: C. All of the above") in text
    letter = LETTERS[shown_choices(free).index("Atom")]
    assert squash(f"Answer: {letter}. Atom") in text
    quiz = tmp_path / "quiz.pdf"
    result = run(
        "quiz", str(deck), "-o", str(quiz), "--types", "mc", "--versions", "4", "--seed", "1"
    )
    assert result.exit_code == 0, result.stderr
    assert squash("A. Cells B. Organs C. All of the above") in squash(pdf_text(quiz))


def test_shuffle_goes_with_choices(tmp_path: Path) -> None:
    deck = tmp_path / "open.yaml"
    deck.write_text(
        "title: Open\nterms:\n  - term: Cell\n    definition: The unit of life.\n"
        "    questions:\n      - q: Why?\n        a: Because.\n        shuffle: false\n",
        encoding="utf-8",
    )
    result = run("check", str(deck))
    assert result.exit_code == 1
    assert result.stderr == f"{deck}:8:9: 'shuffle:' goes with 'choices:'; remove it here\n"


def test_a_glossary_a_few_rows_over_a_sheet_is_tightened_to_fit(tmp_path: Path) -> None:
    therapy = next(d for d in DECKS if d.stem == "therapy")
    out = tmp_path / "glossary.pdf"
    assert run("sheet", str(therapy), "--style", "glossary", "-o", str(out)).exit_code == 0
    assert len(PdfReader(str(out)).pages) == 1  # 12 terms: two rows over, tightened
    assert_in_order(pdf_squashed(out), expected_in_order(load_deck(therapy), "glossary", "end"))
    big = tmp_path / "big.yaml"
    big.write_text(
        "title: Big\nterms:\n"
        + "".join(
            f"  - term: Word {i}\n    definition: Meaning {i} of the list.\n" for i in range(90)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "big.pdf"
    assert run("sheet", str(big), "--style", "glossary", "-o", str(out)).exit_code == 0
    assert len(PdfReader(str(out)).pages) >= 2  # far over: it flows on, not squeezed


def test_the_students_name_heads_the_answer_page_too(tmp_path: Path) -> None:
    deck = load_deck(next(d for d in DECKS if d.stem == "therapy"))
    out = tmp_path / "mine.pdf"
    build_sheet([deck], out, layout=load_layout("letter"), answers="end", student="Ana Delgado")
    pages = [p.extract_text() or "" for p in PdfReader(str(out)).pages]
    assert all("Ana Delgado" in text for text in pages)


def test_a_guide_opens_like_a_handout(tmp_path: Path) -> None:
    deck = load_deck(next(d for d in DECKS if d.stem == "motion"))
    out = tmp_path / "guide.pdf"
    build_sheet([deck], out, layout=load_layout("large-print"))
    first = normalise(PdfReader(str(out)).pages[0].extract_text() or "")
    assert re.search(rf"{deck.title} {deck.subject} · {deck.unit} Name Date Class/Period", first)
    assert not lint(out, min_size=14, check_fill=False)  # the labels never wrap or collide


def test_a_vocabulary_deck_is_one_table_and_a_long_deck_keeps_its_blocks(tmp_path: Path) -> None:
    """Word + short meaning: a row each, side by side, on one page (12 words took three
    pages of blocks); decks with long definitions keep a block per term."""
    kitchen = next(p for p in sample_decks() if p.stem == "kitchen")
    deck = load_deck(kitchen)
    assert is_vocabulary(deck)
    out = tmp_path / "guide.pdf"
    assert run("sheet", str(kitchen), "-o", str(out)).exit_code == 0
    with pdfplumber.open(out) as pdf:
        first = pdf.pages[0]
        words = first.extract_words()
        text = first.extract_text() or ""
    for term in deck.terms:  # every word and its meaning on the first page, on one line
        head = plain(term.term).split()[-1]
        meaning = plain(term.definition).split()[-1]
        word = next(w for w in words if w["text"] == head)
        assert any(
            w["text"].rstrip(".!?") == meaning.rstrip(".!?")
            and abs(w["top"] - word["top"]) < 3
            and w["x0"] > word["x1"]
            for w in words
        ), term.term
    assert "Term" in text and "Definition" in text
    therapy = load_deck(next(p for p in sample_decks() if p.stem == "therapy"))
    assert not is_vocabulary(therapy)


def test_the_page_number_reads_as_words(tmp_path: Path) -> None:
    kitchen = next(p for p in sample_decks() if p.stem == "kitchen")
    out = tmp_path / "guide.pdf"
    assert run("sheet", str(kitchen), "-o", str(out)).exit_code == 0
    with pdfplumber.open(out) as pdf:
        footer = [w["text"] for w in pdf.pages[0].extract_words() if w["top"] > 740]
    assert footer[-4:] == ["Page", "1", "of", "2"]


@pytest.mark.parametrize("layout", ["letter", "large-print"])
def test_the_fold_label_never_crosses_the_running_header(layout: str, tmp_path: Path) -> None:
    """Large print has no room above the table for "fold here": the label is printed
    below the table only, never across the header's rule."""
    therapy = next(p for p in sample_decks() if p.stem == "therapy")
    out = tmp_path / "glossary.pdf"
    assert run("sheet", str(therapy), "--style", "glossary", "--layout", layout,
               "-o", str(out)).exit_code == 0  # fmt: skip
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        rules = [ln["top"] for ln in page.lines if ln["top"] < 80 and ln["x1"] - ln["x0"] > 200]
        assert rules
        rule = min(rules)
        labels = [w for w in page.extract_words() if w["text"] == "fold"]
        assert labels  # at least the one under the table
        for word in labels:
            assert word["bottom"] < rule - 0.5 or word["top"] > rule + 0.5, (word, rule)
            assert not (word["top"] < rule < word["bottom"])
