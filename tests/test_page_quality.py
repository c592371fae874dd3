"""The layout lint over printed products: what already holds must keep holding.

Quizzes, keys and glossaries on every page layout and sample deck: no
overlapping text, nothing outside the printable margin, no word broken across
lines, nothing below the layout's smallest size, no half-empty page before
more. Study guides, cards (every card preset) and right-to-left pages too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studyprint.read.deck import load_deck
from studyprint.read.layout import load_layout
from studyprint.render import CardsRequest, QuizRequest, Selection, SheetRequest, render
from tests.helpers import sample_decks
from tests.pagelint import lint, words_of

LAYOUTS = ("letter", "a4", "large-print")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("deck_path", sample_decks(), ids=[p.stem for p in sample_decks()])
def test_quizzes_keys_and_glossaries_pass_the_lint(
    deck_path: Path, layout: str, tmp_path: Path
) -> None:
    deck = load_deck(deck_path)
    vocabulary = words_of([t.term for t in deck.terms] + [t.definition for t in deck.terms])
    source = Selection((deck_path,))
    quiz = tmp_path / "quiz.pdf"
    render(QuizRequest(source, seed=7, versions=("A", "B"), layout=layout), quiz)
    glossary = tmp_path / "glossary.pdf"
    render(SheetRequest(source, style="glossary", layout=layout), glossary)
    smallest = load_layout(layout).fonts.min
    for made in (quiz, quiz.with_name("quiz-key.pdf"), glossary):
        faults = lint(made, min_size=smallest, vocabulary=vocabulary)
        assert not faults, (made.name, [str(f) for f in faults])


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("deck_path", sample_decks(), ids=[p.stem for p in sample_decks()])
def test_study_guides_pass_the_lint(deck_path: Path, layout: str, tmp_path: Path) -> None:
    deck = load_deck(deck_path)
    vocabulary = words_of(
        [t.term for t in deck.terms]
        + [t.definition for t in deck.terms]
        + [f for t in deck.terms for f in t.facts]
    )
    guide = tmp_path / "guide.pdf"
    render(SheetRequest(Selection((deck_path,)), layout=layout), guide)
    faults = lint(guide, min_size=load_layout(layout).fonts.min, vocabulary=vocabulary,
                  ends_are_documents=False)  # fmt: skip
    assert not faults, [str(f) for f in faults]


CARD_LAYOUTS = ("letter-2x4", "a4-2x4", "avery-5371", "avery-5388", "large-print-cards")


@pytest.mark.parametrize("layout", CARD_LAYOUTS)
@pytest.mark.parametrize("deck_path", sample_decks(), ids=[p.stem for p in sample_decks()])
def test_cards_pass_the_lint(deck_path: Path, layout: str, tmp_path: Path) -> None:
    """Faces, numbers, unit labels and hints never overlap or leave the printable area;
    nothing is smaller than the 7 pt of a card number (cards have no fill to keep)."""
    deck = load_deck(deck_path)
    vocabulary = words_of([t.term for t in deck.terms] + [t.definition for t in deck.terms])
    cards = tmp_path / "cards.pdf"
    result = render(CardsRequest(Selection((deck_path,)), layout=layout), cards)
    assert not [w for w in result.warnings if "below 8 pt" in w.message]
    faults = lint(cards, min_size=7.0, vocabulary=vocabulary, check_fill=False,
                  cards=card_rects(layout))  # fmt: skip
    assert not faults, [str(f) for f in faults]


def card_rects(layout: str) -> list[tuple[float, float, float, float]]:
    """Every card of a layout's sheet as (x0, top, x1, bottom) from the page's top left."""
    grid = load_layout(layout).card_grid()
    rects = []
    for row in range(grid.rows):
        for column in range(grid.columns):
            slot = grid.slot(column, row)
            top = grid.page_height - slot.top
            rects.append((slot.x, top, slot.right, top + slot.height))
    return rects


@pytest.mark.parametrize("layout", ("letter", "large-print"))
def test_right_to_left_pages_pass_the_lint(layout: str, tmp_path: Path) -> None:
    """An Arabic page language on an English deck and on an Arabic one."""
    for deck_path in [p for p in sample_decks() if p.stem in ("therapy", "greetings")]:
        deck = load_deck(deck_path)
        vocabulary = words_of([t.term for t in deck.terms] + [t.definition for t in deck.terms])
        source = Selection((deck_path,))
        made = [tmp_path / f"{deck_path.stem}-{n}.pdf" for n in ("guide", "glossary", "quiz")]
        render(SheetRequest(source, layout=layout, page_language="ar"), made[0])
        render(SheetRequest(source, style="glossary", layout=layout, page_language="ar"), made[1])
        render(QuizRequest(source, seed=5, layout=layout, page_language="ar"), made[2])
        for path in [*made, made[2].with_name(f"{deck_path.stem}-quiz-key.pdf")]:
            faults = lint(path, min_size=load_layout(layout).fonts.min, vocabulary=vocabulary)
            assert not faults, (path.name, [str(f) for f in faults])
