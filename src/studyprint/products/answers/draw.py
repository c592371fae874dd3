"""Printing an answer sheet (ReportLab): one page, drawn where ``geometry`` says.

The sheet is a flowable that takes a whole page of a quiz document and draws
in page coordinates, so a quiz and its sheets are one PDF; the page's running
header and footer are left off (a scanner reads the corners, not them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from studyprint import palette
from studyprint.products.answers.geometry import BUBBLE, MARK_BOX, MARKER, Sheet
from studyprint.text.setter import TextStyle, paragraph, width_of
from studyprint.units import mm
from studyprint.words import Words


@dataclass(frozen=True, slots=True)
class SheetText:
    """What a sheet says in words, in the page language."""

    title: str  # the quiz's title, version and sheet
    name: str  # the "Name" label
    owner: str  # the student's name, pre-filled in packets
    owner_id: str  # their number, pre-filled (bubbles too) when it fits the grid
    number_label: str
    instructions: str


def sheet_text(
    words: Words, title: str, letter: str, sheet: Sheet, owner: str, owner_id: str
) -> SheetText:
    return SheetText(
        title=words("answer_sheet_title", title=title, letter=letter, sheet=sheet.sheet,
                    sheets=sheet.sheets),
        name=words("name"),
        owner=owner,
        owner_id=owner_id,
        number_label=words("student_number"),
        instructions=words("answer_sheet_instructions"),
    )  # fmt: skip


class SheetPage(Flowable):  # type: ignore[misc]
    """A whole page: one answer sheet."""

    def __init__(self, sheet: Sheet, text: SheetText, style: TextStyle) -> None:
        super().__init__()
        self.sheet = sheet
        self.text = text
        self.style = style
        self._at = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height  # the page is ours
        return avail_width, avail_height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self._at = (x, y)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.translate(-self._at[0], -self._at[1])  # page coordinates from here on
        draw_sheet(canvas, self.sheet, self.text, self.style)
        canvas.restoreState()


#: Text sizes on a sheet (points): its title, the name line, labels and numbers.
TITLE_SIZE, NAME_SIZE, SMALL_SIZE = 12.0, 11.0, 7.5


def draw_sheet(canvas: Canvas, sheet: Sheet, text: SheetText, style: TextStyle) -> None:
    height = mm(sheet.page[1])

    def at(x: float, y: float) -> tuple[float, float]:
        return mm(x), height - mm(y)

    ink, grey = HexColor(palette.INK), HexColor("#555555")
    canvas.setFillColor(ink)
    for cx, cy in sheet.markers:
        x, y = at(cx - MARKER / 2, cy + MARKER / 2)
        canvas.rect(x, y, mm(MARKER), mm(MARKER), stroke=0, fill=1)
    _code(canvas, sheet, at)
    left = sheet.markers[0][0] + MARKER / 2 + 2
    code_left = sheet.code[0]
    room = mm(code_left - left - 4)
    # the sheet's places are fixed in millimetres, so its words have fixed sizes too
    # (a large-print layout's 18 pt wrapped the title over the name line)
    style = replace(style, size=min(style.size, NAME_SIZE))
    title_size = TITLE_SIZE
    while title_size > 8 and width_of(text.title, replace(style, bold=True), title_size) > room:
        title_size -= 0.5  # a long title shrinks to stay on one line
    bold = replace(style, bold=True, size=title_size)
    rtl = style.direction == "RTL"
    _text(canvas, text.title, bold, *at(left, sheet.top + 4), room)
    name = f"{text.name}: {text.owner}" if text.owner else f"{text.name}:"
    _text(canvas, name, style, *at(left, sheet.top + 14), room)
    if not text.owner:  # a line to write the name on, after the label in reading order
        label = width_of(name, style) + mm(3)
        canvas.setStrokeColor(grey)
        canvas.setLineWidth(0.5)
        x0, y0 = at(left, sheet.top + 15)
        start, end = (x0, mm(code_left - 4) - label) if rtl else (x0 + label, mm(code_left - 4))
        canvas.line(start, y0, end, y0)
    small = replace(style, size=SMALL_SIZE, color="#333333")
    if sheet.id_digits:
        grid = at(left, sheet.id_boxes[0][1] - 2.5)  # over the grid, on the page's left
        _text(canvas, text.number_label, small, *grid, room, "end" if rtl else "start")
        _student_number(canvas, sheet, text.owner_id, small, at)
    for row in sheet.rows:
        x, y = at(row.label_x - 7, row.y)
        right = "start" if rtl else "end"  # numbers stand just left of their bubbles
        _text(canvas, str(row.number), small, x, y - small.size * 0.35, mm(6.2), right)
        for bubble in row.bubbles:
            if row.kind == "choice":
                _bubble(canvas, bubble.x, bubble.y, bubble.value, small, at)
            else:
                _mark_box(canvas, bubble.x, bubble.y, bubble.value, small, at)
    width = mm(sheet.page[0] - 2 * left)
    _text(canvas, text.instructions, small, *at(left, sheet.footer), width)


def _fields(style: TextStyle) -> dict[str, Any]:
    return {name: getattr(style, name) for name in style.__dataclass_fields__}


def _code(canvas: Canvas, sheet: Sheet, at: Any) -> None:
    """The printed code (QR): quiz, version and sheet, for the grader."""
    left, top, side = sheet.code
    widget = QrCodeWidget(sheet.payload, barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    size = mm(side)
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, *at(left, top + side))


def _bubble(canvas: Canvas, x: float, y: float, label: str, style: TextStyle, at: Any) -> None:
    cx, cy = at(x, y)
    canvas.setStrokeColor(HexColor("#444444"))
    canvas.setLineWidth(0.6)
    canvas.circle(cx, cy, mm(BUBBLE / 2), stroke=1, fill=0)
    letter = TextStyle(**{**_fields(style), "size": 6.5, "color": "#666666"})
    _text(canvas, label, letter, cx - mm(BUBBLE / 2), cy - 6.5 * 0.35, mm(BUBBLE), "center")


def _mark_box(canvas: Canvas, x: float, y: float, label: str, style: TextStyle, at: Any) -> None:
    w, h = MARK_BOX
    left, bottom = at(x - w / 2, y + h / 2)
    canvas.setStrokeColor(HexColor("#444444"))
    canvas.setLineWidth(0.6)
    canvas.rect(left, bottom, mm(w), mm(h), stroke=1, fill=0)
    mark = TextStyle(**{**_fields(style), "size": 6.5, "color": "#666666"})
    _text(canvas, label, mark, left, bottom + mm(h) / 2 - 6.5 * 0.35, mm(w), "center")


def _student_number(canvas: Canvas, sheet: Sheet, owner_id: str, style: TextStyle, at: Any) -> None:
    """Boxes to write the number in, a column of bubbles 0-9 under each; a roster's
    number that fits is printed in the boxes and its bubbles filled."""
    digits = owner_id if owner_id.isdigit() and len(owner_id) <= sheet.id_digits else ""
    digits = digits.rjust(sheet.id_digits, "0") if digits else ""
    canvas.setStrokeColor(HexColor("#444444"))
    canvas.setLineWidth(0.6)
    for column, (box_x, box_y) in enumerate(sheet.id_boxes):
        x, y = at(box_x, box_y + 6.5)
        canvas.rect(x, y, mm(4.6), mm(6.5), stroke=1, fill=0)
        if digits:
            _text(canvas, digits[column], style, x, y + mm(1.6), mm(4.6), "center")
        for bubble in sheet.id_bubbles[column]:
            _bubble(canvas, bubble.x, bubble.y, bubble.value, style, at)
            if digits and bubble.value == digits[column]:
                cx, cy = at(bubble.x, bubble.y)
                canvas.setFillColor(HexColor(palette.INK))
                canvas.circle(cx, cy, mm(BUBBLE / 2) - 0.3, stroke=0, fill=1)


def _text(
    canvas: Canvas, text: str, style: TextStyle, x: float, y: float, width: float,
    align: str = "start",
) -> None:  # fmt: skip
    """One line of text with its baseline at ``y`` (any script, through the setter)."""
    para = paragraph(text, replace(style, align=align)).flowable  # type: ignore[arg-type]
    _, h = para.wrap(width, 1000)
    para.drawOn(canvas, x, y + style.size - h)


__all__ = ["SheetPage", "SheetText", "draw_sheet", "sheet_text"]
