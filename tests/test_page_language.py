"""The page's own words in the page language, and right-to-left pages mirrored.

Catalogues are data files: each built-in one is checked against English
(every key, every placeholder), a school's own file works from a deck, a
layout, a manifest or the command line, and its mistakes are located like a
deck's. On an Arabic page the numbers, letters and first columns are read
back from the PDF on the right.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from studyprint.read.catalogue import builtin_languages, load_words
from studyprint.render import CardsRequest, QuizRequest, Selection, SheetRequest, render
from studyprint.words import placeholders
from tests.helpers import normalise, pdf_text, run

THERAPY = Path(__file__).resolve().parents[1] / "content" / "psychology" / "therapy.yaml"
REQUIRED = ("en", "es", "fr", "de", "ja", "zh", "ko", "ar")


def test_every_required_language_ships_and_translates_every_message() -> None:
    english = load_words("en")
    assert set(REQUIRED) <= set(builtin_languages())
    for code in builtin_languages():
        words = load_words(code)
        assert words.code == code
        assert set(words.messages) == set(english.messages), code
        for key, text in words.messages.items():
            assert placeholders(text) == placeholders(english.messages[key]), (code, key)
        # a translation, not a copy (a few words are the same in some languages: Date, Version)
        copied = [k for k, t in words.messages.items() if code != "en" and t == english.messages[k]]
        assert len(copied) <= 5, (code, copied)
    assert load_words("ar").rtl and not load_words("ja").rtl


#: multiple choice (its heading and instructions are checked) and short answers (two pages)
MIX = ("mc", "short")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", ["Nombre", "Fecha", "Clase/Grupo", "Nota", "Página 1 de 2", "Opción múltiple"]),
        ("fr", ["Nom", "Classe", "Note", "Page 1 sur 2", "Entourez la lettre"]),
        ("de", ["Name", "Datum", "Klasse", "Punkte", "Seite 1 von 2", "Mehrfachauswahl"]),
        ("ja", ["氏名", "日付", "得点", "1 / 2 ページ", "選択問題"]),
        ("zh", ["姓名", "日期", "得分", "第 1 页，共 2 页", "选择题"]),
        ("ko", ["이름", "날짜", "점수", "1 / 2 쪽", "객관식"]),
    ],
)
def test_a_quiz_prints_its_own_words_in_the_page_language(
    code: str, expected: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "quiz.pdf"
    render(QuizRequest(Selection((THERAPY,)), seed=3, types=MIX, page_language=code), out)
    text = normalise(pdf_text(out))
    for phrase in expected:
        assert normalise(phrase) in text, (code, phrase)
    for english in ("Class/Period", "Score", "Page 1 of", "Multiple choice", "Answer key"):
        assert english not in text, (code, english)  # no English left on the page
    key = normalise(pdf_text(tmp_path / "quiz-key.pdf"))
    assert normalise(load_words(code)("answer_key", letter="A")) in key


def test_english_is_the_default_and_the_deck_keeps_its_own_language(tmp_path: Path) -> None:
    out = tmp_path / "quiz.pdf"
    render(QuizRequest(Selection((THERAPY,)), seed=3, types=MIX), out)
    text = pdf_text(out)
    assert "Name" in text and "Page 1 of" in text and "Multiple choice" in text
    spanish = tmp_path / "es.pdf"
    render(QuizRequest(Selection((THERAPY,)), seed=3, page_language="es"), spanish)
    # the terms and definitions are the deck's, whatever the page speaks
    assert "Cognitive restructuring" in pdf_text(spanish) or "restructuring" in pdf_text(spanish)


def _deck(folder: Path, extra: str = "") -> Path:
    path = folder / "deck.yaml"
    path.write_text(
        f"title: Kitchen words\n{extra}terms:\n"
        "  - term: la olla\n    definition: the pot\n"
        "  - term: la sartén\n    definition: the frying pan\n"
        "  - term: el horno\n    definition: the oven\n"
        "  - term: la cuchara\n    definition: the spoon\n",
        encoding="utf-8",
    )
    return path


def test_page_language_from_the_deck_the_layout_and_the_command_line(tmp_path: Path) -> None:
    deck = _deck(tmp_path, "page_language: fr\n")
    out = tmp_path / "sheet.pdf"
    assert run("sheet", str(deck), "-o", str(out)).exit_code == 0
    assert "Nom" in pdf_text(out).split()  # the deck's page language
    layout = tmp_path / "german.yaml"
    layout.write_text("extends: letter\npage_language: de\n", encoding="utf-8")
    assert run("sheet", str(deck), "--layout", str(layout), "-o", str(out)).exit_code == 0
    assert "Datum" in pdf_text(out)  # a layout's page language wins over the deck's
    result = run(
        "sheet", str(deck), "--layout", str(layout), "--page-language", "es", "-o", str(out)
    )
    assert result.exit_code == 0
    assert "Fecha" in pdf_text(out)  # the command line wins over both


SWAHILI = """\
language: sw
name: Kiswahili
messages:
  name: Jina
  date: Tarehe
  page: "Ukurasa {page} wa {total}"
"""


def test_a_school_adds_its_language_with_a_file(tmp_path: Path) -> None:
    (tmp_path / "sw.yaml").write_text(SWAHILI, encoding="utf-8")
    deck = _deck(tmp_path, "page_language: sw.yaml\n")
    out = tmp_path / "sheet.pdf"
    result = run("sheet", str(deck), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out)
    assert "Jina" in text and "Tarehe" in text and "Ukurasa 1 wa 1" in text
    assert "Class/Period" in text  # what the file leaves out stays English
    quiz = tmp_path / "quiz.pdf"
    assert run("quiz", str(deck), "--page-language", str(tmp_path / "sw.yaml"), "-o", str(quiz),
               "--seed", "1").exit_code == 0  # fmt: skip
    assert "Jina" in pdf_text(quiz)


@pytest.mark.parametrize(
    ("catalogue", "message"),
    [
        (
            'language: sw\nmessages:\n  page: "Ukurasa {page}"\n',
            "sw.yaml:3:9: message 'page': keep {total} (as in English: 'Page {page} of {total}')",
        ),
        (
            'language: sw\nmessages:\n  name: "Jina {student}"\n',
            "sw.yaml:3:9: message 'name': {student} is not filled in here (as in English: 'Name')",
        ),
        (
            "language: sw\nmessages:\n  nmae: Jina\n",
            "sw.yaml:3:3: unknown key 'nmae' in messages; did you mean 'name'?",
        ),
        ("language: sw\n", "sw.yaml:1:1: the catalogue has no 'messages:'"),
    ],
)
def test_a_broken_catalogue_is_located(catalogue: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "sw.yaml").write_text(catalogue, encoding="utf-8")
    deck = _deck(tmp_path, "page_language: sw.yaml\n")
    result = run("check", str(deck))
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_page_language_mistakes_are_one_line_messages(tmp_path: Path) -> None:
    deck = _deck(tmp_path, "page_language: klingon\n")
    result = run("check", str(deck))
    assert result.exit_code == 1
    assert f"{deck}:2:16: 'page_language' " not in result.stderr
    assert "no built-in page language 'klingon'; use one of ar, de, en, es, fr, ja, ko, zh" in (
        result.stderr
    )
    outside = tmp_path / "inner"
    outside.mkdir()
    (tmp_path / "sw.yaml").write_text(SWAHILI, encoding="utf-8")
    inner = _deck(outside, "page_language: ../sw.yaml\n")
    result = run("check", str(inner))
    assert result.exit_code == 1
    assert "'../sw.yaml': the catalogue is outside the folder of the file that names it" in (
        result.stderr
    )
    good = _deck(tmp_path)
    result = run("sheet", str(good), "--page-language", "xx", "-o", str(tmp_path / "o.pdf"))
    assert result.exit_code == 2  # a usage error, like any other bad option
    assert result.stderr.startswith("error: --page-language: no built-in page language 'xx'")
    assert not (tmp_path / "o.pdf").exists()


def _words(path: Path, page: int = 0) -> list[dict]:  # type: ignore[type-arg]
    with pdfplumber.open(str(path)) as pdf:
        return pdf.pages[page].extract_words()


def test_an_arabic_page_is_mirrored(tmp_path: Path) -> None:
    """Question numbers, option letters and field labels on the right, each next to its
    text; the running header's title on the right, the page number on the left."""
    out = tmp_path / "quiz.pdf"
    render(QuizRequest(Selection((THERAPY,)), seed=3, page_language="ar", types=("mc",)), out)
    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        width = float(page.width)
        words = page.extract_words()
        numbers = [w for w in words if w["text"] in ("1.", "2.", "3.")]
        letters = [w for w in words if w["text"] in ("A.", "B.", "C.", "D.")]
        assert numbers and letters
        for number in numbers:
            assert number["x0"] > width * 0.8  # at the right margin
            same_line = [w for w in words if abs(w["top"] - number["top"]) < 2 and w is not number]
            assert same_line and max(w["x1"] for w in same_line) < number["x0"]
        for letter in letters:
            beside = [w for w in words if abs(w["top"] - letter["top"]) < 2 and w is not letter]
            nearest = max(w["x1"] for w in beside if w["x1"] <= letter["x0"] + 1)
            assert letter["x0"] - nearest < 20  # the letter sits next to its option
        header = [w for w in words if w["top"] < 40]
        assert "Therapy" in [w["text"] for w in header if w["x0"] > width / 2]
        footer = [w for w in words if w["top"] > float(page.height) - 60]
        assert footer and all(w["x1"] < width / 2 for w in footer if w["text"].isdigit())


def test_an_english_class_keeps_a_left_to_right_page_for_an_arabic_deck(tmp_path: Path) -> None:
    deck = Path(__file__).resolve().parents[1] / "content" / "arabic" / "greetings.yaml"
    out = tmp_path / "quiz.pdf"
    render(QuizRequest(Selection((deck,)), seed=3, types=("mc",)), out)
    words = _words(out)
    numbers = [w for w in words if w["text"] == "1."]
    assert numbers and numbers[0]["x0"] < 100  # numbers stay on the left
    assert "Name" in [w["text"] for w in words]


def test_glossary_columns_swap_on_a_right_to_left_page(tmp_path: Path) -> None:
    out = tmp_path / "glossary.pdf"
    render(SheetRequest(Selection((THERAPY,)), style="glossary", page_language="ar"), out)
    words = _words(out)
    term = next(w for w in words if w["text"] == "Empathy")
    assert term["x0"] > 306  # the term column is the right half of the fold
    metadata = PdfReader(str(out)).metadata
    assert metadata is not None and str(metadata.title).endswith("مسرد المصطلحات")


def test_card_hints_speak_the_page_language(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    render(CardsRequest(Selection((THERAPY,)), page_language="de"), out)
    assert "hier falten" not in pdf_text(out)
    assert "An der gestrichelten Linie falten" in normalise(pdf_text(out))


def test_check_reads_a_catalogue_and_build_leaves_it_alone(tmp_path: Path) -> None:
    """A catalogue kept beside the decks is checked as a catalogue, never printed as a
    deck by ``build``."""
    (tmp_path / "sw.yaml").write_text(SWAHILI, encoding="utf-8")
    _deck(tmp_path, "page_language: sw.yaml\n")
    result = run("check", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert f"ok: {tmp_path / 'sw.yaml'}: page language sw, 3 of " in result.stdout
    out = tmp_path / "out"
    result = run("build", str(tmp_path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    made = sorted(p.name for p in out.rglob("*.pdf"))
    assert made and not any(name.startswith("sw") for name in made)
