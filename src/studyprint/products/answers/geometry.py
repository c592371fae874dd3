"""Where everything on an answer sheet goes: pure geometry, no drawing.

The printer (``draw``) and the grader read the same numbers: the plan file
(``--plan``) carries each sheet as this module lays it out, so a scan is read
against exactly what was printed. Positions are millimetres from the page's
top-left corner (as a scan's pixels count), centres for bubbles and markers.

A sheet has four corner markers (filled squares inside the 8 mm a home printer
cannot print), a printed code naming quiz, version and sheet, a student-number
grid (one column of ten bubbles per digit, with boxes above to write the
number in), and up to 60 rows in three columns: one per machine-gradable
answer (a bubble per option, its letter inside) or a teacher's mark box
(0, ½, 1) for an answer written on the quiz.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Corner markers: side, and the distance from the page edge to their outer edge.
MARKER = 6.0
MARKER_INSET = 10.0
#: Where the answer columns start and end, from the page's sides.
CONTENT_INSET = MARKER_INSET + MARKER / 2 + 1.5
#: Bubbles: diameter, distance between centres along a row, between rows.
BUBBLE = 4.2
STEP = 5.2
ROW = 6.5
#: Rows per column and columns per sheet: 60 answers a sheet.
ROWS = 20
COLUMNS = 3
#: The student-number grid: rows of digits 0-9, their distance.
ID_ROW = 5.6
#: The printed code (a QR code): its side.
CODE = 22.0
#: Room at a row's start for its number.
NUMBER = 7.0
#: The teacher's marks for a written answer.
MARKS = ("0", "½", "1")
MARK_BOX = (6.0, 4.6)  # width, height


@dataclass(frozen=True, slots=True)
class Row:
    """One answer on the sheet: its question number and its options' labels;
    no labels: a written answer, marked by the teacher."""

    number: int
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Bubble:
    value: str  # what filling it answers: an option's label, a digit, a mark
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class PlacedRow:
    number: int
    kind: str  # "choice": bubbles; "mark": the teacher's mark boxes
    label_x: float  # where the number ends (right-aligned there)
    y: float
    bubbles: tuple[Bubble, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    """One printed answer sheet, everything placed."""

    payload: str  # what the printed code says: quiz code, version, sheet
    sheet: int
    sheets: int
    page: tuple[float, float]  # width, height
    markers: tuple[
        tuple[float, float], ...
    ]  # centres: top-left, top-right, bottom-right, bottom-left
    code: tuple[float, float, float]  # left, top, side of the printed code
    id_digits: int
    id_boxes: tuple[tuple[float, float], ...]  # top-left of each write-in box
    id_bubbles: tuple[tuple[Bubble, ...], ...]  # one column of ten per digit
    rows: tuple[PlacedRow, ...]
    top: float  # where the title line sits
    footer: float  # the baseline of the instructions at the bottom


def payload(code: str, letter: str, sheet: int, sheets: int) -> str:
    """The text of a sheet's printed code: enough to know quiz, version and sheet."""
    return f"SP1:{code}:{letter}:{sheet}/{sheets}"


def read_payload(text: str) -> tuple[str, str, int, int] | None:
    """(quiz code, version, sheet, sheets) from a code's text, or None if not ours."""
    parts = text.split(":")
    if len(parts) != 4 or parts[0] != "SP1" or "/" not in parts[3]:
        return None
    sheet, _, sheets = parts[3].partition("/")
    if not (sheet.isdigit() and sheets.isdigit()):
        return None
    return parts[1], parts[2], int(sheet), int(sheets)


def plan_sheets(
    rows: Sequence[Row],
    *,
    code: str,
    letter: str,
    page: tuple[float, float],
    id_digits: int,
) -> list[Sheet]:
    """The sheets for one version's answers, 60 rows to a sheet (at least one sheet)."""
    per_sheet = ROWS * COLUMNS
    chunks = [list(rows[i : i + per_sheet]) for i in range(0, len(rows), per_sheet)] or [[]]
    return [
        _sheet(chunk, payload(code, letter, n, len(chunks)), n, len(chunks), page, id_digits)
        for n, chunk in enumerate(chunks, 1)
    ]


def code_box(width: float) -> tuple[float, float, float]:
    """Where the printed code goes on a page ``width`` mm wide: (left, top, side) in mm,
    left of the top-right marker. The grader finds the page from it."""
    return (width - MARKER_INSET - MARKER - 2 - CODE, MARKER_INSET + 1, CODE)


def _sheet(
    rows: list[Row], text: str, n: int, of: int, page: tuple[float, float], id_digits: int
) -> Sheet:
    width, height = page
    near = MARKER_INSET + MARKER / 2
    markers = (
        (near, near),
        (width - near, near),
        (width - near, height - near),
        (near, height - near),
    )
    left = CONTENT_INSET  # answers stay within the markers' centres
    right = width - left
    code = code_box(width)
    boxes: list[tuple[float, float]] = []
    columns: list[tuple[Bubble, ...]] = []
    grid_top = 40.0
    for d in range(id_digits):
        x = left + 4 + d * STEP
        boxes.append((x - STEP / 2 + 0.3, grid_top))
        columns.append(tuple(Bubble(str(v), x, grid_top + 9 + v * ID_ROW) for v in range(10)))
    first = grid_top + 9 + 9 * ID_ROW + 9 if id_digits else grid_top + 2
    column_width = (right - left) / COLUMNS
    placed = []
    for i, row in enumerate(rows):
        column, line = divmod(i, ROWS)
        x0 = left + column * column_width
        y = first + line * ROW
        if row.labels:
            bubbles = tuple(
                Bubble(label, x0 + NUMBER + BUBBLE / 2 + 0.8 + k * STEP, y)
                for k, label in enumerate(row.labels)
            )
            placed.append(PlacedRow(row.number, "choice", x0 + NUMBER, y, bubbles))
        else:
            marks = tuple(
                Bubble(mark, x0 + NUMBER + 2 + MARK_BOX[0] / 2 + k * (MARK_BOX[0] + 2), y)
                for k, mark in enumerate(MARKS)
            )
            placed.append(PlacedRow(row.number, "mark", x0 + NUMBER, y, marks))
    return Sheet(
        payload=text,
        sheet=n,
        sheets=of,
        page=page,
        markers=markers,
        code=code,
        id_digits=id_digits,
        id_boxes=tuple(boxes),
        id_bubbles=tuple(columns),
        rows=tuple(placed),
        top=MARKER_INSET + 4,
        footer=height - MARKER_INSET - MARKER - 6,  # room for two lines above the markers
    )


def fits(labels: int, page_width: float) -> bool:
    """Do ``labels`` bubbles fit in one column of a sheet this wide?"""
    column_width = (page_width - 2 * CONTENT_INSET) / COLUMNS
    return NUMBER + 0.8 + labels * STEP <= column_width


def as_data(sheet: Sheet) -> dict[str, object]:
    """A sheet for the plan file: what a grader needs to read a scan of it."""
    return {
        "sheet": sheet.sheet,
        "sheets": sheet.sheets,
        "code": sheet.payload,
        "page_mm": list(sheet.page),
        "markers_mm": [list(m) for m in sheet.markers],
        "bubble_mm": BUBBLE,
        "mark_box_mm": list(MARK_BOX),
        "student_number": [
            [{"digit": b.value, "x": round(b.x, 2), "y": round(b.y, 2)} for b in column]
            for column in sheet.id_bubbles
        ],
        "rows": [
            {
                "number": row.number,
                "kind": row.kind,
                "bubbles": [
                    {"value": b.value, "x": round(b.x, 2), "y": round(b.y, 2)} for b in row.bubbles
                ],
            }
            for row in sheet.rows
        ],
    }


__all__ = [
    "BUBBLE",
    "MARKS",
    "ROW",
    "Bubble",
    "PlacedRow",
    "Row",
    "Sheet",
    "as_data",
    "fits",
    "payload",
    "plan_sheets",
    "read_payload",
]
