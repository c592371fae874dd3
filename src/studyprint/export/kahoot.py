"""``kahoot``: Kahoot's quiz spreadsheet (xlsx), laid out as Kahoot's own template.

The template's places: its first sheet, a header on row 8, a question a row from
row 9 with its number in column A, the question in B (at most 120 characters),
up to four answers in C to F (at most 75 each), the time limit in G (5, 10, 20,
30, 60, 90, 120 or 240 seconds) and the right answer's number in H.

Kahoot's spreadsheet holds multiple choice only, so: a multiple-choice item
keeps its right option and the first wrong ones in printed order (four at most);
true/false keeps its two words; each term of a matching block becomes a question
of its own (its meaning asks; the term and three others of the block answer); written
and open questions are left out. Every cut and every item left out is a note.
Text is plain: sub- and superscripts become Unicode's small digits where it has
them (H₂O), bold and italics are noted as lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from studyprint.errors import OptionError
from studyprint.export.text import clean, to_unicode
from studyprint.export.written import Written, numbered
from studyprint.export.zipdates import redate

SUFFIX = ".xlsx"
QUESTION_LIMIT = 120
ANSWER_LIMIT = 75
ANSWERS = 4
SECONDS = 20  # Kahoot's usual; the teacher changes it per question in Kahoot
HEADER_ROW = 8
HEADER = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)


@dataclass(frozen=True, slots=True)
class Row:
    """One Kahoot question: its text, its answers and the right one (from 1)."""

    question: str
    answers: tuple[str, ...]
    right: int


def write(plan: dict[str, Any], out: Path) -> Written:
    versions = plan["versions"]
    if len(versions) != 1:
        raise OptionError(
            "a Kahoot spreadsheet holds one quiz: export one version at a time "
            "(--versions 1, with --seed for the same items)"
        )
    rows, notes = kahoot_rows(versions[0]["items"])
    if not rows:
        raise OptionError(
            "none of these questions fits Kahoot (multiple choice only); use --types mc,tf,match"
        )
    _workbook(plan["title"], rows, out)
    cut = sum(1 for note in notes if " cut to " in note)
    return Written(len(rows), numbered(plan), notes, cut)


def kahoot_rows(items: Sequence[dict[str, Any]]) -> tuple[list[Row], list[str]]:
    """The questions Kahoot can hold, and a note for everything cut or left out."""
    rows: list[Row] = []
    notes: list[str] = []
    for item in items:
        where = f"question {item['number']}"
        if item["type"] == "match":
            notes.append(
                f"questions {item['numbers'][0]}-{item['numbers'][-1]} (matching): "
                f"a Kahoot question for each of its {len(item['prompts'])} meanings"
            )
            for n, meaning in enumerate(_meanings(item)):
                row = _matched(meaning, item["prompts"], n)
                rows.append(_fit(row, f"question {item['numbers'][n]}", notes))
        elif item["options"] and item["correct"]:
            rows.append(_fit(_choice(item, where, notes), where, notes))
        else:
            notes.append(
                f"{where} ({item['type']}): Kahoot's spreadsheet holds multiple choice "
                "only; left out"
            )
    return rows, notes


def _choice(item: dict[str, Any], where: str, notes: list[str]) -> Row:
    options: list[str] = item["options"]
    right: int = item["correct"][0]
    keep = sorted({right, *[i for i in range(len(options)) if i != right][: ANSWERS - 1]})
    if len(options) > ANSWERS:
        notes.append(
            f"{where}: Kahoot takes {ANSWERS} answers; kept the right one and "
            f"{ANSWERS - 1} of its {len(options) - 1} wrong ones"
        )
    return Row(item["stem"], tuple(options[i] for i in keep), keep.index(right) + 1)


def _meanings(item: dict[str, Any]) -> list[str]:
    """Each matched term's meaning, in the order of the terms."""
    return [item["options"][right] for right in item["correct"]]


def _matched(meaning: str, terms: Sequence[str], right: int) -> Row:
    """A term of a matching block as a question: its meaning asks, the block's terms
    answer (the term and the next three; terms are short where meanings are not)."""
    count = len(terms)
    others = [(right + step) % count for step in range(1, count)][: ANSWERS - 1]
    keep = sorted({right, *others})
    return Row(meaning, tuple(terms[i] for i in keep), keep.index(right) + 1)


def _fit(row: Row, where: str, notes: list[str]) -> Row:
    """Plain text within Kahoot's limits; a note for whatever is lost or cut."""
    question = _text(row.question, QUESTION_LIMIT, f"{where}: the question", notes)
    answers = tuple(
        _text(a, ANSWER_LIMIT, f"{where}: answer {n}", notes) for n, a in enumerate(row.answers, 1)
    )
    if len(set(answers)) < len(answers):
        notes.append(f"{where}: two answers read the same once cut; check it in Kahoot")
    return Row(question, answers, row.right)


def _text(text: str, limit: int, what: str, notes: list[str]) -> str:
    plain, lost = to_unicode(text)
    plain = " ".join(plain.split())  # one line a cell
    if lost:
        notes.append(f"{what} loses its bold or italics (Kahoot's text is plain)")
    if len(plain) > limit:
        notes.append(f"{what} cut to {limit} characters (it had {len(plain)})")
        cut = plain[: limit - 1]
        space = cut.rfind(" ")
        plain = (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"
    return plain


def _workbook(title: str, rows: Sequence[Row], out: Path) -> None:
    try:
        from openpyxl import Workbook  # type: ignore[import-untyped]
        from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
    except ImportError:
        raise OptionError(
            "Kahoot spreadsheets need the export extra: pip install 'studyprint[export]'"
        ) from None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet["B1"] = clean(title)
    sheet["B1"].font = Font(bold=True, size=14)
    sheet["B2"] = "Made by studyprint. In Kahoot: Create, Add question, Import spreadsheet."
    for column, text in enumerate(HEADER, start=2):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=1):
        line = HEADER_ROW + number
        sheet.cell(row=line, column=1, value=number)
        for column, text in enumerate((row.question, *row.answers), start=2):
            cell = sheet.cell(row=line, column=column, value=text)
            cell.data_type = "s"  # text, even when it starts with '=' (never a formula)
        sheet.cell(row=line, column=7, value=SECONDS)
        sheet.cell(row=line, column=8, value=row.right)
    for letter, width in zip("ABCDEFGH", (5, 50, 25, 25, 25, 25, 14, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    book.properties.creator = "studyprint"
    book.properties.created = datetime(2000, 1, 1)
    book.save(out)
    redate(out, {"docProps/core.xml": _undated})  # the same quiz gives the same bytes


def _undated(core: bytes) -> bytes:
    """openpyxl stamps the saving time as the file's last change: a fixed one."""
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", core)
