"""The one door into exports: a quiz request and a format in, one file out.

The quiz is generated and arranged exactly as ``studyprint quiz`` does for the
same decks, options and seed, so the file holds the very items, answers and
points of the printed versions and their key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from studyprint.export.written import Written
from studyprint.output import atomic_output, check_not_input, kind_for
from studyprint.request import QuizRequest, Selection

QuizFormat = Literal["moodle", "canvas", "qti", "gift", "kahoot", "json"]
QUIZ_FORMATS: tuple[QuizFormat, ...] = ("moodle", "canvas", "qti", "gift", "kahoot", "json")


class Writer(Protocol):
    SUFFIX: str

    def write(self, plan: dict[str, object], out: Path) -> Written: ...


@dataclass(frozen=True, slots=True)
class ExportResult:
    file: Path
    questions: int  # numbered questions the file holds, over every version
    of: int  # numbered questions of the quiz, over every version
    versions: int
    notes: tuple[str, ...]  # what the format could not carry, item by item
    seed: int
    cut: int = 0  # texts cut to the format's limits


def writer(fmt: QuizFormat) -> Writer:
    from importlib import import_module

    module = {
        "moodle": "moodle",
        "canvas": "canvas",
        "qti": "qti",
        "gift": "gift",
        "kahoot": "kahoot",
        "json": "jsonplan",
    }[fmt]
    found: Writer = import_module(f"studyprint.export.{module}")
    return found


def default_name(stem: str, fmt: QuizFormat) -> Path:
    return Path(f"{stem}-quiz{writer(fmt).SUFFIX}")


#: The endings a file of each format may have (``-o``); the first is the usual one.
ENDINGS: dict[str, tuple[str, ...]] = {
    "moodle": (".xml",), "canvas": (".zip",), "qti": (".zip",), "gift": (".txt", ".gift"),
    "kahoot": (".xlsx",), "json": (".json",), "anki": (".apkg",), "csv": (".csv",),
    "quizlet": (".txt",),
}  # fmt: skip


def export_quiz(request: QuizRequest, fmt: QuizFormat, out: Path) -> ExportResult:
    from studyprint.products.quiz.audit import audit
    from studyprint.products.quiz.planfile import plan_document
    from studyprint.render import load_selection, quiz_versions

    decks, _, _, inputs = load_selection(request.source)
    plan, versions, info = quiz_versions(request, decks)
    document = plan_document(
        versions,
        title=info.title,
        seed=request.seed,
        points=request.points,
        audit=audit(plan, versions, decks).as_data(),
    )
    check_not_input(out, inputs)
    with atomic_output(out, kind_for(out)) as tmp:
        written = writer(fmt).write(document, tmp)
    return ExportResult(out, written.questions, written.of, len(versions), tuple(written.notes),
                        request.seed, written.cut)  # fmt: skip


DeckFormat = Literal["anki", "csv", "quizlet"]
DECK_FORMATS: tuple[DeckFormat, ...] = ("anki", "csv", "quizlet")


@dataclass(frozen=True, slots=True)
class DeckExport:
    file: Path
    terms: int
    notes: tuple[str, ...]


def export_deck(source: Selection, fmt: DeckFormat, out: Path) -> DeckExport:
    """The selected terms of the decks, written for another tool."""
    from studyprint.export.decks import WRITERS
    from studyprint.render import load_selection

    decks, _, _, inputs = load_selection(source)
    check_not_input(out, inputs)
    with atomic_output(out, kind_for(out)) as tmp:
        notes = WRITERS[fmt](decks, tmp)
    return DeckExport(out, sum(len(d.terms) for d in decks), tuple(notes))


__all__ = [
    "DECK_FORMATS",
    "ENDINGS",
    "QUIZ_FORMATS",
    "DeckExport",
    "DeckFormat",
    "ExportResult",
    "QuizFormat",
    "default_name",
    "export_deck",
    "export_quiz",
]
