"""The words studyprint's options are made of, each defined once.

The command line (Typer takes ``Literal`` choices), the manifest reader, the
layout reader, ``build`` and the products all use these types and the tuples
derived from them, so a new card mode or paper is added in one place. Question
types are not here: they are the names in the question-type registry
(``studyprint.products.quiz.types``).
"""

from __future__ import annotations

from typing import Literal, get_args

Paper = Literal["letter", "a4"]
SheetStyle = Literal["guide", "glossary"]
AnswerPlace = Literal["inline", "end", "none"]  # model answers on a study guide
CardMode = Literal["fold", "fold-horizontal", "duplex", "manual"]
Flip = Literal["long", "short"]
FrontSide = Literal["term", "definition"]
KeyPlace = Literal["separate", "end", "none"]  # a quiz's answer key
FontFamily = Literal["sans", "hyperlegible"]
ImportFormat = Literal["auto", "quizlet", "anki", "csv"]
Section = Literal["sheet", "glossary", "cards", "quiz"]  # what a packet can include
Ask = Literal["term", "definition", "both"]  # what quiz items ask for

PAPERS: tuple[Paper, ...] = get_args(Paper)
SHEET_STYLES: tuple[SheetStyle, ...] = get_args(SheetStyle)
ANSWER_PLACES: tuple[AnswerPlace, ...] = get_args(AnswerPlace)
CARD_MODES: tuple[CardMode, ...] = get_args(CardMode)
FLIPS: tuple[Flip, ...] = get_args(Flip)
FRONT_SIDES: tuple[FrontSide, ...] = get_args(FrontSide)
KEY_PLACES: tuple[KeyPlace, ...] = get_args(KeyPlace)
FONT_FAMILIES: tuple[FontFamily, ...] = get_args(FontFamily)
IMPORT_FORMATS: tuple[ImportFormat, ...] = get_args(ImportFormat)
SECTIONS: tuple[Section, ...] = get_args(Section)
ASKS: tuple[Ask, ...] = get_args(Ask)

#: Letters of options, matching blanks and versions (A… Z, then AA, AB…).
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

#: The layout a product uses when none is named.
DEFAULT_LAYOUT = "letter"
DEFAULT_CARD_LAYOUTS: dict[Paper | None, str] = {
    None: "letter-2x4",
    "letter": "letter-2x4",
    "a4": "a4-2x4",
}


def default_layout(cards: bool, paper: Paper | None) -> str:
    """The built-in layout for a product: a card grid for cards, a page otherwise."""
    return DEFAULT_CARD_LAYOUTS[paper] if cards else DEFAULT_LAYOUT


def version_letters(count: int) -> list[str]:
    """A, B, … Z, then AA, AB, … as spreadsheets name columns."""
    names = []
    for i in range(count):
        name = ""
        i += 1
        while i:
            i, rest = divmod(i - 1, 26)
            name = LETTERS[rest] + name
        names.append(name)
    return names
