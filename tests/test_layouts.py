"""Layouts as data: built-ins, extends, --paper and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyprint.errors import LayoutError
from studyprint.read.layout import builtin_layouts, load_layout
from studyprint.units import PAPER_SIZES, mm
from tests.helpers import run, sample_decks


def test_builtins_present() -> None:
    assert {"letter", "a4", "large-print"} <= set(builtin_layouts())


def test_layouts_command_lists_descriptions() -> None:
    result = run("layouts")
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "US Letter" in lines["letter"]
    assert "A4" in lines["a4"]
    assert "Large print" in lines["large-print"]


def test_extends_and_paper_override() -> None:
    a4 = load_layout("a4")
    assert a4.page_size == PAPER_SIZES["a4"]
    assert a4.margins[0] == pytest.approx(mm(18))
    large = load_layout("large-print", paper="a4")
    assert large.page_size == PAPER_SIZES["a4"]
    assert large.fonts.body >= 18 and large.fonts.family == "hyperlegible"


def test_custom_layout_extends_builtin(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("extends: letter\nmargins: {left: 1in}\nfonts: {body: 12}\n", encoding="utf-8")
    layout = load_layout(str(path))
    assert layout.margins[3] == 72 and layout.margins[0] == pytest.approx(mm(18))
    assert layout.fonts.body == 12 and layout.fonts.heading == 16


def test_custom_paper_size(tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_text("paper: {width: 5in, height: 3in}\nmargins: {top: 0.25in}\n", encoding="utf-8")
    assert load_layout(str(path)).page_size == (360, 216)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("paper: b5\n", "bad.yaml:1:8: 'paper' must be one of letter, a4, found 'b5'"),
        (
            "margins: {top: 2 inches}\n",
            "bad.yaml:1:16: 'top' must be a length like 18mm, 0.5in or 12pt, found '2 inches'",
        ),
        ("fonts: {bodi: 12}\n", "bad.yaml:1:9: unknown key 'bodi' in fonts; did you mean 'body'?"),
        (
            "fonts: {family: comic}\n",
            "bad.yaml:1:17: 'family' must be one of sans, hyperlegible, found 'comic'",
        ),
        ("fonts: {body: 2}\n", "bad.yaml:1:15: 'body' must be at least 4 and at most 200, found 2"),
        ("extends: nowhere\n", "bad.yaml:1:10: layout 'nowhere' to extend was not found"),
        ("extends: bad.yaml\n", "bad.yaml:1:10: layout 'bad.yaml' extends itself in a loop"),
        (
            "paper: a4\npaper: letter\n",
            "bad.yaml:2:1: duplicate key 'paper' (first given at line 1); keep only one",
        ),
    ],
)
def test_bad_layouts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LayoutError) as info:
        load_layout("bad.yaml")
    assert [str(p) for p in info.value.problems] == [message]


def test_unknown_layout_name() -> None:
    with pytest.raises(LayoutError) as info:
        load_layout("letterr")
    assert str(info.value.problems[0]).startswith(
        "letterr: no layout named 'letterr'; built-in layouts: a4,"
    )


FIVE_MISTAKES = """\
description: Cards for the science fair
extends: letter
paper: a5
margins: {left: 5in, right: 4in}
fonts: {bodi: 12}
cards:
  width: 5in
  columns: 3
quiz: {key_columns: many}
"""
FIVE_REPORTED = [
    "mine.yaml:3:8: 'paper' must be one of letter, a4, found 'a5'",
    "mine.yaml:4:10: the margins leave almost no room on the page; make them smaller",
    "mine.yaml:5:9: unknown key 'bodi' in fonts; did you mean 'body'?",
    "mine.yaml:7:3: 3 x 4 cards of 5.00 x 2.50 in do not fit inside the page less its 8 mm "
    "safe margin; make the cards smaller or use fewer rows or columns",
    "mine.yaml:9:21: 'key_columns' must be a number, found 'many'",
]


def test_check_reports_every_mistake_of_a_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("mine.yaml").write_text(FIVE_MISTAKES, encoding="utf-8")
    result = run("check", "mine.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == FIVE_REPORTED
    printing = run("cards", str(sample_decks()[0]), "--layout", "mine.yaml", "-o", "c.pdf")
    assert printing.exit_code == 1 and printing.stderr.splitlines() == FIVE_REPORTED
    assert not Path("c.pdf").exists()


def test_check_names_a_broken_layout_of_a_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("mine.yaml").write_text(FIVE_MISTAKES, encoding="utf-8")
    Path("deck.yaml").write_bytes(sample_decks()[0].read_bytes())
    Path("packet.yaml").write_text(
        "title: Fair\ndecks: [deck.yaml]\ncards: {layout: mine.yaml}\nquiz: {layout: gone.yaml}\n",
        encoding="utf-8",
    )
    expected = [
        "packet.yaml:4:16: layout file 'gone.yaml' not found (paths are relative to the manifest)",
        *FIVE_REPORTED,
    ]
    for command in ("check", "packet"):
        result = run(command, "packet.yaml")
        assert result.exit_code == 1, command
        assert result.stderr.splitlines() == expected, command
    assert not Path("out").exists()


def test_a_card_mode_that_cannot_fold_the_grid(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text("extends: letter\ncards: {columns: 1, rows: 3, mode: fold}\n", encoding="utf-8")
    with pytest.raises(LayoutError) as info:
        load_layout(str(path))
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{path}:2:36: mode 'fold' does not suit this grid: a 1-column")


def test_every_builtin_layout_checks_clean() -> None:
    result = run("check", *(str(p) for p in builtin_layouts().values()))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("ok: ") == len(builtin_layouts())
    assert "layout, 216 x 279 mm, 18 pt text" in result.stdout


def test_layouts_are_parsed_once_into_typed_options() -> None:
    avery = load_layout("avery-5388")
    assert (avery.cards.columns, avery.cards.rows, avery.cards.mode) == (1, 3, "duplex")
    assert avery.sheet.answer_lines == 3 and avery.quiz.key_columns == 5
