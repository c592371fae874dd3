"""Exports as teachers have them, written for these tests: an Excel CSV in
Windows-1252, an old Mac export, a tab file with no header, a comma Quizlet
export, a Japanese list whose kanji-only terms must print in Japanese forms."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from studyprint.read.deck import load_deck
from studyprint.read.imports import guess_language
from tests.helpers import pdf_text, run

#: A French class's kitchen list as Excel saves it ("CSV", not "CSV UTF-8").
FRENCH = (
    "Mot;Définition;Page\n"
    "la fenêtre;the window;12\n"
    "le garçon;the boy – also a waiter;12\n"
    "l’œuvre;a work (of art);14\n"
    "naïf;naive, “innocent”;15\n"
)


@pytest.mark.parametrize(("encoding", "described"), [
    ("cp1252", "Windows-1252 (Excel)"), ("mac_roman", "Mac Roman"),
])  # fmt: skip
def test_eight_bit_exports_are_read_and_the_encoding_is_said(
    encoding: str, described: str, tmp_path: Path
) -> None:
    source = tmp_path / "cuisine.csv"
    source.write_bytes(FRENCH.encode(encoding))
    out = tmp_path / "cuisine.yaml"
    result = run("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"note: read as {described} text (--encoding to choose another)\n"
        "note: not used: Page (keep one with --columns facts=COLUMN or also=COLUMN)\n"
    )
    deck = load_deck(out)
    assert [t.term for t in deck.terms] == ["la fenêtre", "le garçon", "l’œuvre", "naïf"]
    assert deck.terms[3].definition == "naive, “innocent”"


def test_a_wrong_encoding_given_is_a_located_error(tmp_path: Path) -> None:
    source = tmp_path / "cuisine.csv"
    source.write_bytes(FRENCH.replace("Mot;", "Word;").encode("cp1252"))
    result = run("import", str(source), "--encoding", "utf-8", "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{source}:1:7: byte 0xE9 is not UTF-8 text; leave out --encoding to let studyprint tell\n"
    )
    result = run("import", str(source), "--encoding", "klingon", "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2
    assert "--encoding: unknown encoding 'klingon'" in result.stderr


def test_utf16_with_its_mark_is_read(tmp_path: Path) -> None:
    source = tmp_path / "unicode.txt"
    source.write_bytes("term\tdefinition\nkoŝka\tcat\n".encode("utf-16"))
    out = tmp_path / "u.yaml"
    result = run("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert [t.term for t in load_deck(out).terms] == ["koŝka"]


def test_a_tab_file_without_a_header_reads_every_row(tmp_path: Path) -> None:
    source = tmp_path / "capitals.tsv"
    source.write_text(CAPITALS, encoding="utf-8")
    out = tmp_path / "capitals.yaml"
    result = run("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "note: no header row: column 1 read as the term, column 2 as the definition and "
        "column 3 as a note (--columns to choose others)\n"
    )
    deck = load_deck(out)
    assert [t.term for t in deck.terms] == ["Albany", "Austin", "Boise"]  # the first row too
    assert deck.terms[0].facts == ("Hudson River",)
    # columns by number: the river as the answer
    result = run(
        "import", str(source), "--columns", "term=1,definition=3", "-o", str(out), "--force"
    )
    assert result.exit_code == 0, result.stderr
    assert load_deck(out).terms[1].definition == "Colorado River"


def test_a_comma_quizlet_export_is_detected(tmp_path: Path) -> None:
    source = tmp_path / "quizlet.txt"
    source.write_text(
        "mitosis,cell division giving two identical cells\n"
        "meiosis,cell division giving four sex cells\n"
        "gamete,a sex cell\n",
        encoding="utf-8",
    )
    out = tmp_path / "q.yaml"
    result = run("import", str(source), "--format", "quizlet", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "note: terms and definitions separated by comma\n"
    assert [t.definition for t in load_deck(out).terms][2] == "a sex cell"


def test_a_row_without_the_separator_says_how_to_choose_one(tmp_path: Path) -> None:
    source = tmp_path / "quizlet.txt"
    source.write_text("mitosis\tcell division\nmeiosis - four cells\n", encoding="utf-8")
    result = run("import", str(source), "--format", "quizlet", "-o", str(tmp_path / "q.yaml"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{source}:2:1: no tab between term and definition on this row; if the file uses "
        'another separator, give it with --term-sep (for example --term-sep ",")\n'
    )


#: State capitals and their rivers, tab-separated, with no header row.
CAPITALS = (
    "Albany\tcapital of New York\tHudson River\n"
    "Austin\tcapital of Texas\tColorado River\n"
    "Boise\tcapital of Idaho\tBoise River\n"
)

JLPT = "kanji,reading,meaning\n直,ちょく,direct\n骨,ほね,bone\n今月,こんげつ,this month\n"


def test_a_japanese_list_is_japanese_and_its_kanji_print_in_japanese_forms(
    tmp_path: Path,
) -> None:
    source = tmp_path / "n4.csv"
    source.write_text(JLPT, encoding="utf-8")
    out = tmp_path / "n4.yaml"
    result = run("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "note: language: ja (the text has kana; --language to set another)\n" in result.stderr
    deck = load_deck(out)
    assert deck.language == "ja"
    assert (deck.terms[0].reading, deck.terms[0].also) == ("ちょく", ())  # never an answer
    cards = tmp_path / "cards.pdf"
    assert run("cards", str(out), "-o", str(cards)).exit_code == 0
    with pdfplumber.open(cards) as pdf:
        chars = pdf.pages[0].chars
        fonts = {c["fontname"].split("+")[-1] for c in chars if c["text"] == "直"}
        kanji = next(c for c in chars if c["text"] == "直")
        reading = [c for c in chars if c["text"] in "ちょく" and abs(c["x0"] - kanji["x0"]) < 40]
    assert fonts and all("JP" in f for f in fonts), fonts  # Kurinto Sans JP, not SC
    # the reading sits above its kanji, smaller, on the same card
    assert len(reading) == 3
    assert all(c["bottom"] < kanji["top"] and c["size"] < kanji["size"] / 2 for c in reading)
    for style in ("guide", "glossary"):
        sheet = tmp_path / f"{style}.pdf"
        assert run("sheet", str(out), "--style", style, "-o", str(sheet)).exit_code == 0
        with pdfplumber.open(sheet) as pdf:
            words = pdf.pages[0].extract_words()
        term = next(w for w in words if w["text"] == "骨")
        above = next(w for w in words if w["text"] == "ほね")
        assert above["bottom"] <= term["top"] + 1 and abs(above["x0"] - term["x0"]) < 2


def test_language_guesses() -> None:
    assert guess_language(["犬", "いぬ"])[0] == "ja"
    assert guess_language(["학교"])[0] == "ko"
    assert guess_language(["مرحبا"])[0] == "ar"
    assert guess_language(["σκύλος"])[0] == "el"
    assert guess_language(["собака"])[0] == "ru"
    assert guess_language(["dog", "chien"]) == (None, "")
    # one Arabic word in an English list names nothing (it did: language ar)
    english = [f"word {n} means a thing in plain English" for n in range(30)]
    assert guess_language([*english, "كتاب a book"]) == (None, "")
    # a Japanese list with English meanings is Japanese, however long the meanings
    assert guess_language([f"{w} a long English meaning of several words" for w in "犬猫鳥"]
                          + ["いぬ dog", "ねこ cat"])[0] == "ja"  # fmt: skip
    language, note = guess_language(["学校", "先生"])
    assert language is None and "--language ja" in note and "--language zh" in note


def test_printing_commands_take_the_import_options(tmp_path: Path) -> None:
    """No detour through `import`: `cards` reads the export with the same options and
    says what it decided, as a note naming the file."""
    source = tmp_path / "capitals.tsv"
    source.write_text(CAPITALS, encoding="utf-8")
    out = tmp_path / "cards.pdf"
    result = run("cards", str(source), "--columns", "term=1,definition=3", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out)
    assert "Colorado River" in text and "capital of Texas" not in text
    french = tmp_path / "cuisine.csv"
    french.write_bytes(FRENCH.encode("mac_roman"))
    quiz = tmp_path / "quiz.pdf"
    result = run("quiz", str(french), "--seed", "2", "--types", "written", "-o", str(quiz))
    assert result.exit_code == 0, result.stderr
    assert f"{french}: note: read as Mac Roman text (--encoding to choose another)\n" in (
        result.stderr
    )
    assert "fenêtre" in pdf_text(tmp_path / "quiz-key.pdf")
    french.write_bytes(FRENCH.encode("cp1252"))
    result = run("sheet", str(french), "--encoding", "cp1252", "-o", str(tmp_path / "s.pdf"))
    assert result.exit_code == 0, result.stderr  # told to: read as Windows-1252, no note
    assert "note: read as" not in result.stderr
