"""What can be asked of studyprint: one typed, picklable request per product.

A request names its decks (files, folders or already-loaded decks), the layout
and every option as a typed field. The command line, packet and build jobs
(in this process, a process pool or on Dask) and, later, the web page all make
one of these and hand it to :func:`studyprint.render.render`, so every way in
prints the same thing from the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from studyprint.model import Deck

if TYPE_CHECKING:
    from studyprint.read.imports import ImportOptions
from studyprint.vocab import (
    AnswerPlace,
    Ask,
    CardMode,
    Flip,
    FrontSide,
    KeyPlace,
    Paper,
    SheetStyle,
)

#: A deck file, a folder of decks, or a deck already loaded.
DeckRef = Path | Deck


@dataclass(frozen=True, slots=True)
class Selection:
    """Which decks, and which of their terms (``--terms``, ``--tags``)."""

    decks: tuple[DeckRef, ...]
    terms: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: how to read the exports among the decks (``--columns``, ``--encoding``...)
    imports: ImportOptions | None = None
    #: folders besides a deck's own its pictures may come from (``--allow-path``)
    allow: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class SheetRequest:
    source: Selection
    style: SheetStyle = "guide"
    answers: AnswerPlace = "end"  # a handout; a teacher's copy asks for "inline"
    layout: str | None = None  # a built-in name or a path; None: the product's default
    paper: Paper | None = None
    #: the language of the words the page prints (Name, instructions, page numbers):
    #: a built-in code or a catalogue file; None: the layout's, else the deck's, else en
    page_language: str | None = None
    owner: str | None = None  # a packet's student, named in the running header
    owner_period: str = ""  # their class period, from the roster


@dataclass(frozen=True, slots=True)
class CardsRequest:
    source: Selection
    mode: CardMode | None = None  # None: the layout's own mode
    flip: Flip = "long"
    offset_mm: tuple[float, float] = (0.0, 0.0)  # moves the backs (see --calibrate)
    front: FrontSide = "term"
    strict: bool = False  # a card whose text does not fit is an error
    reverse_backs: bool = False  # manual mode: backs in reverse page order
    layout: str | None = None
    paper: Paper | None = None
    page_language: str | None = None
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class CalibrationRequest:
    """The one-sheet duplex test that measures a printer's flip and offset."""

    flip: Flip = "long"
    layout: str | None = None
    paper: Paper | None = None
    page_language: str | None = None


@dataclass(frozen=True, slots=True)
class QuizRequest:
    source: Selection
    seed: int
    count: int | None = None  # None: as many as the decks carry cleanly, up to DEFAULT_COUNT
    types: tuple[str, ...] | None = None  # names in the question-type registry; None: all
    versions: tuple[str, ...] = ("A",)  # the version letters to print
    key: KeyPlace = "separate"
    keys_only: bool = False  # print only the keys (a packet's teacher copy)
    ask: Ask = "both"  # items ask for terms, definitions, or both
    allow_repeats: bool = False  # let a term be asked more than once (small decks)
    plan: Path | None = None  # also write the quiz plan there, as JSON
    points: float = 1.0
    title: str | None = None  # None: the decks' titles
    layout: str | None = None
    paper: Paper | None = None
    page_language: str | None = None
    owner: str | None = None  # a packet's student, named on their quiz
    owner_period: str = ""  # their class period, from the roster
    owner_id: str = ""  # their number from the roster, pre-filled on an answer sheet
    answer_sheet: bool = False  # an answer sheet per copy, after its questions
    strict: bool = False  # a changed mix of types, or fewer questions than asked, is an error


Request = SheetRequest | CardsRequest | CalibrationRequest | QuizRequest
