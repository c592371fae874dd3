"""Imports from Quizlet, Anki and spreadsheets, checked term by term."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyprint.model import Deck
from studyprint.read.deck import load_deck
from studyprint.read.deckwriter import to_yaml
from studyprint.read.imports import ImportOptions, from_html, read_export
from studyprint.text.markup import plain
from tests.helpers import run, sample_decks

QUIZLET_CUSTOM = (
    "photosynthesis :: making sugar from light;;"
    "osmosis :: water crossing a membrane\ntoward more solute;;"
    "enzyme :: a protein that speeds up a reaction (5 * faster);;"
)

ANKI = """#separator:tab
#html:true
#notetype column:1
#deck:Biology::Cells
#tags column:4
Basic\tMitochondrion\tThe <b>powerhouse</b> of the cell<br>makes ATP &amp; heat\tcells energy
Basic\tWater\tH<sub>2</sub>O, with x<sup>2</sup> &lt;b&gt;not bold&lt;/b&gt;&nbsp;here\tmolecules
Cloze\tThe {{c1::nucleus}} holds the {{c2::DNA::genetic material}}.\tIn eukaryotes\tcells
Basic\t<div>Ribosome</div>\t<div>Builds <i>proteins</i></div><script>alert(1)</script>\t
"""

SHEET = (
    "\ufeffExpression,Meaning,Reading,Notes,Tags\n"
    '学校,"school, a place to learn",がっこう,"Common word; JLPT N5",places\n'
    '先生,teacher,せんせい,"Used after names, like 田中先生",people\n'
    '"勉強する","to study, to learn",べんきょうする,,verbs\n'
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_quizlet_with_custom_separators(tmp_path: Path) -> None:
    path = write(tmp_path, "set.txt", QUIZLET_CUSTOM)
    options = ImportOptions(format="quizlet", term_sep="::", row_sep=";;")
    deck = read_export(path, options).deck
    assert [(t.term, plain(t.definition)) for t in deck.terms] == [
        ("photosynthesis", "making sugar from light"),
        ("osmosis", "water crossing a membrane\ntoward more solute"),
        ("enzyme", "a protein that speeds up a reaction (5 * faster)"),
    ]


def test_quizlet_default_tab_and_newline(tmp_path: Path) -> None:
    path = write(tmp_path, "set.txt", "la cuchara\tthe spoon\nel tenedor\tthe fork\n")
    deck = load_deck(path)
    assert [(t.term, t.definition) for t in deck.terms] == [
        ("la cuchara", "the spoon"),
        ("el tenedor", "the fork"),
    ]
    assert deck.title == "Set"


def test_anki_with_headers_html_and_cloze(tmp_path: Path) -> None:
    path = write(tmp_path, "cells.txt", ANKI)
    imported = read_export(path)
    assert imported.format == "anki"
    deck = imported.deck
    assert deck.title == "Biology::Cells"
    terms = {t.term: t for t in deck.terms}
    assert terms["Mitochondrion"].definition == "The **powerhouse** of the cell\nmakes ATP & heat"
    assert terms["Mitochondrion"].tags == ("cells", "energy")
    water = terms["Water"].definition
    assert water == "H~2~O, with x^2^ <b>not bold</b> here"
    assert plain(water) == "H2O, with x2 <b>not bold</b> here"
    cloze = next(t for t in deck.terms if "____" in t.term)
    assert cloze.term == "The ____ holds the ____ (genetic material)."
    assert cloze.definition == "nucleus; DNA — In eukaryotes"
    assert terms["Ribosome"].definition == "Builds *proteins*\nalert(1)"
    assert [t.pos.line for t in deck.terms if t.pos] == [6, 7, 8, 9]


def test_html_conversion_never_interprets_other_tags() -> None:
    assert from_html('<img src="/etc/passwd">x<a href="y">link</a>') == "xlink"
    assert from_html("5 * 3 = 15 &amp; 2^3") == "5 \\* 3 = 15 & 2\\^3"


def test_spreadsheet_with_bom_quotes_and_japanese(tmp_path: Path) -> None:
    path = write(tmp_path, "vocab.csv", SHEET)
    deck = read_export(path).deck
    rows = [(t.term, t.definition, t.reading, t.also, t.facts, t.tags) for t in deck.terms]
    assert rows == [  # the reading is the term's reading, not another name for it
        (
            "学校",
            "school, a place to learn",
            "がっこう",
            (),
            ("Common word", "JLPT N5"),
            ("places",),
        ),
        ("先生", "teacher", "せんせい", (), ("Used after names, like 田中先生",), ("people",)),
        ("勉強する", "to study, to learn", "べんきょうする", (), (), ("verbs",)),
    ]
    assert deck.language == "ja"


def test_columns_option_maps_odd_headers(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.csv", "Kanji,English,Kana\n本,book,ほん\n")
    result = run(
        "import",
        str(path),
        "-o",
        str(tmp_path / "odd.yaml"),
        "--columns",
        "term=kanji,definition=english,also=kana",
    )
    assert result.exit_code == 0, result.stderr
    deck = load_deck(tmp_path / "odd.yaml")
    assert [(t.term, t.definition, t.also) for t in deck.terms] == [("本", "book", ("ほん",))]


def test_semicolon_csv_from_european_excel(tmp_path: Path) -> None:
    path = write(tmp_path, "eu.csv", "term;definition\nZelle;Grundbaustein des Lebens, klein\n")
    assert load_deck(path).terms[0].definition == "Grundbaustein des Lebens, klein"


def test_bad_rows_are_located_and_can_be_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.csv",
        "term,definition\ncell,smallest unit of life\n,no term here\natom,\n"
        "gene,unit of heredity,extra\nion,charged particle\n",
    )
    out = tmp_path / "bad.yaml"
    result = run("import", str(path), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:3:1: this row has no term\n"
        f"{path}:4:1: term 'atom' has no definition\n"
        f"{path}:5:1: this row has 3 fields, the header has 2; check for a separator inside "
        "an unquoted field\n"
    )
    assert not out.exists()
    result = run("import", str(path), "-o", str(out), "--skip-bad")
    assert result.exit_code == 0
    assert result.stderr.endswith("skipped 3 bad row(s)\n")
    assert [t.term for t in load_deck(out).terms] == ["cell", "ion"]


def test_missing_columns_say_what_is_understood_and_what_to_paste(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "Vocab item,English,Page,Unit\nel horno,the oven,12,5\n")
    result = run("import", str(path), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:1:1: no term or definition column in the first row (Vocab item, English, "
        "Page, Unit); column names understood are term: term, front, word, expression, "
        "question; definition: definition, back, meaning, answer, translation; or choose "
        "them: --columns term=1,definition=2\n"
    )
    named = write(tmp_path, "y.csv", "Word,English,Page\nel horno,the oven,12\n")
    result = run("import", str(named), "-o", str(tmp_path / "y.yaml"))
    assert result.exit_code == 1
    assert result.stderr.endswith('or choose them: --columns "term=Word,definition=English"\n')


def test_round_trip_is_stable(tmp_path: Path) -> None:
    path = write(
        tmp_path, "vocab.csv", SHEET + '"*star*","a ~tilde~ and ^caret^ and \\\\ slash",,,\n'
    )
    out = tmp_path / "vocab.yaml"
    assert run("import", str(path), "-o", str(out), "--title", "Vocab: week 1").exit_code == 0
    assert run("check", str(out)).exit_code == 0
    first = load_deck(path, "vocab.csv")
    again = load_deck(out)
    assert [(t.term, t.definition, t.also, t.facts, t.tags) for t in again.terms] == [
        (t.term, t.definition, t.also, t.facts, t.tags) for t in first.terms
    ]
    assert plain(again.terms[-1].term) == "*star*"  # literal, not italic
    assert to_yaml(again, "vocab.csv") == out.read_text(encoding="utf-8")


def test_every_sample_deck_survives_the_writer(tmp_path: Path) -> None:
    def content(deck: Deck) -> list[tuple[object, ...]]:
        return [
            (
                t.term,
                t.definition,
                t.facts,
                [(q.prompt, q.answer, q.choices) for q in t.questions],
                t.also,
                t.tags,
            )
            for t in deck.terms
        ]

    for deck_path in sample_decks():
        deck = load_deck(deck_path)
        out = tmp_path / f"{deck_path.stem}.yaml"
        out.write_text(to_yaml(deck), encoding="utf-8")
        again = load_deck(out)
        assert content(again) == content(deck)
        assert (again.title, again.subject, again.unit, again.language) == (
            deck.title,
            deck.subject,
            deck.unit,
            deck.language,
        )
        assert to_yaml(again) == to_yaml(deck)


def test_printing_commands_read_exports_directly(tmp_path: Path) -> None:
    path = write(tmp_path, "words.csv", SHEET)
    out = tmp_path / "cards.pdf"
    result = run("cards", str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"wrote {out} (3 cards, 1 page)"
    assert run("check", str(path)).stdout == f"ok: {path}: 3 terms\n"
    assert run("sheet", str(path), "-o", str(tmp_path / "s.pdf")).exit_code == 0
    assert (
        run("quiz", str(path), "-o", str(tmp_path / "q.pdf"), "--types", "written").exit_code == 0
    )


@pytest.mark.parametrize("rows", [20_000])
def test_large_import_reads_every_row(rows: int, tmp_path: Path) -> None:
    lines = ["term,definition,tags"] + [
        f"term {i},definition number {i},t{i % 7}" for i in range(rows)
    ]
    path = write(tmp_path, "big.csv", "\n".join(lines) + "\n")
    result = run("import", str(path), "-o", str(tmp_path / "big.yaml"))
    assert result.exit_code == 0
    assert len(load_deck(tmp_path / "big.yaml").terms) == rows
