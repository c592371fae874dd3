"""The layout lint over printed products: what already holds must keep holding.

Quizzes, keys and glossaries on every page layout and sample deck: no
overlapping text, nothing outside the printable margin, no word broken across
lines, nothing below the layout's smallest size, no half-empty page before
more. (Study guides and cards join as issue 13 goes on.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studyprint.read.deck import load_deck
from studyprint.read.layout import load_layout
from studyprint.render import QuizRequest, Selection, SheetRequest, render
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
