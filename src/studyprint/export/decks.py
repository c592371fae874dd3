"""Decks out again: ``csv`` (a spreadsheet, every field) and ``quizlet`` (Quizlet's
import text: term, tab, definition, one card a line).

Neither format has bold, italics or sub- and superscripts, and Quizlet's has no
room for a line break, notes, other names or tags: what is lost is said, term
by term. ``studyprint import`` reads both back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from studyprint.export.text import styled, to_plain
from studyprint.model import Deck, Term

SUFFIXES = {"csv": ".csv", "quizlet": ".txt", "anki": ".apkg"}


def write_csv(decks: Sequence[Deck], out: Path) -> list[str]:
    """term, definition, reading, facts, also, tags; UTF-8 with the mark Excel needs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["term", "definition", "reading", "facts", "also", "tags"])
    notes = []
    for deck in decks:
        for term in deck.terms:
            notes += _styling(term, "CSV")
            writer.writerow([
                _cell(to_plain(term.term)), _cell(to_plain(term.definition)),
                _cell(term.reading or ""), _cell(_lines(map(to_plain, term.facts))),
                _cell(_lines(map(to_plain, term.also))), _cell(_tags(term.tags)),
            ])  # fmt: skip
    out.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return notes


def write_quizlet(decks: Sequence[Deck], out: Path) -> list[str]:
    lines, notes = [], []
    for deck in decks:
        for term in deck.terms:
            notes += _styling(term, "Quizlet")
            definition = to_plain(term.definition)
            if "\n" in definition or "\t" in definition:
                notes.append(f"{term.term}: line breaks and tabs in its definition become "
                             "spaces (one card a line, a tab between its sides)")  # fmt: skip
            if "\n" in term.term or "\t" in term.term:
                shown = " ".join(to_plain(term.term).split())
                notes.append(f"{shown}: a tab or line break in the term becomes a space "
                             "(a tab ends Quizlet's term)")  # fmt: skip
            lost = [name for name, value in (("notes", term.facts), ("other names", term.also),
                                              ("tags", term.tags)) if value]  # fmt: skip
            if lost:
                notes.append(f"{term.term}: Quizlet's text has no {', '.join(lost)}; left out")
            name = to_plain(term.term) + (f" ({term.reading})" if term.reading else "")
            lines.append(f"{_line(name)}\t{_line(definition)}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return notes


def _styling(term: Term, where: str) -> list[str]:
    """What a text format loses of a term: styling, and its picture."""
    notes = []
    if any(styled(t) for t in (term.term, term.definition, *term.facts)):
        notes.append(f"{term.term}: {where} has no bold, italics, sub- or superscripts; "
                     "kept as text")  # fmt: skip
    if term.image is not None:
        notes.append(f"{term.term}: {where} holds text only; its picture "
                     f"'{term.image.name}' is left out (export --to anki keeps it)")  # fmt: skip
    return notes


def _lines(items: Iterable[str]) -> str:
    """A list in one cell, an item a line (import reads it back item by item)."""
    listed = list(items)
    return "\n".join(listed) + ("\n" if len(listed) == 1 and ";" in listed[0] else "")


def _tags(tags: tuple[str, ...]) -> str:
    """Tags for a cell; one tag with a space gets a ';' so it is read back whole."""
    text = ", ".join(tags)
    return text + ";" if len(tags) == 1 and " " in tags[0] else text


def _line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _cell(text: str) -> str:
    """Formula-safe: a cell a spreadsheet shows, never runs."""
    from studyprint.output import spreadsheet_safe

    return spreadsheet_safe(text)


def _anki(decks: Sequence[Deck], out: Path) -> list[str]:
    from studyprint.export.anki import write_anki

    return write_anki(decks, out)


WRITERS = {"csv": write_csv, "quizlet": write_quizlet, "anki": _anki}
