"""graded.pdf: every scanned sheet, straightened, with what was read marked on it.

Green ring: a right answer. Red ring: the wrong bubble filled, and a dashed
green ring on the right one (the right one alone when left blank). Orange box:
a doubtful row, to look at, with the reason beside it. Each page's head says whose
copy it is, the version and the sheet's points; its foot, what the colours mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from studyprint.grade.score import Answer
from studyprint.units import mm

RIGHT, WRONG, DOUBT = HexColor("#1B7F3B"), HexColor("#C0392B"), HexColor("#E67E22")


@dataclass(frozen=True, slots=True)
class GradedPage:
    preview: bytes  # the straightened page (JPEG)
    sheet: dict[str, Any]  # its plan entry
    answers: dict[int, Answer]  # by question number
    heading: str  # who, version, sheet, points


def write_graded(pages: list[GradedPage], out: Path) -> None:
    """One PDF page per scanned sheet, at the sheet's paper size."""
    canvas = Canvas(str(out), invariant=1)
    canvas.setTitle("Graded answer sheets")
    canvas.setCreator("studyprint")
    for page in pages:
        width_mm, height_mm = page.sheet["page_mm"]
        canvas.setPageSize((mm(width_mm), mm(height_mm)))
        height = mm(height_mm)
        canvas.drawImage(ImageReader(BytesIO(page.preview)), 0, 0, mm(width_mm), height)
        radius = mm(page.sheet["bubble_mm"] / 2 + 1.0)
        room = _room(page.sheet)
        for row in page.sheet["rows"]:
            answer = page.answers.get(row["number"])
            if answer is None:
                continue
            by_value = {b["value"]: b for b in row["bubbles"]}
            if answer.flag:
                first, last = row["bubbles"][0], row["bubbles"][-1]
                canvas.setStrokeColor(DOUBT)
                canvas.setLineWidth(1.2)
                x0, x1 = mm(first["x"] - 4.5), mm(last["x"] + 3.5)
                canvas.rect(x0, height - mm(row["bubbles"][0]["y"] + 3.2), x1 - x0, mm(6.4))
                _note(canvas, _short(answer.flag), x1 + mm(1), height - mm(first["y"]), room)
            if row["kind"] != "choice":
                continue
            chosen = [by_value[v] for v in answer.read if v in by_value]
            right = by_value.get(answer.right)
            for bubble in chosen:
                ok = bubble is right
                _ring(canvas, bubble, height, radius, RIGHT if ok else WRONG)
            if right is not None and right not in chosen:
                _ring(canvas, right, height, radius, RIGHT, dashed=True)
        _heading(canvas, page.heading, mm(width_mm), height)
        _legend(canvas, mm(width_mm), mm(height_mm - page.sheet["markers_mm"][2][1]))
        canvas.showPage()
    canvas.save()


def _ring(canvas: Canvas, bubble: dict[str, Any], height: float, radius: float,
          colour: Any, dashed: bool = False) -> None:  # fmt: skip
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(1.6)
    if dashed:
        canvas.setDash(2, 1.5)
    canvas.circle(mm(bubble["x"]), height - mm(bubble["y"]), radius, stroke=1, fill=0)
    canvas.restoreState()


#: Flags as short as a note beside a row can be (the whole reason is in results.csv).
_SHORT = {
    "a dot, tick or cross, not a filled bubble": "dot, tick or X: not filled",
    "a circled letter, not a filled bubble": "circled, not filled",
    "marks in two bubbles, none filled": "marks, none filled",
    "another mark beside the filled bubble": "another mark beside",
    "doubtful mark": "light or erased mark",
}


def _short(flag: str) -> str:
    return _SHORT.get(flag, flag)


def _room(sheet: dict[str, Any]) -> float:
    """Width (points) beside a row's last bubble before the next column's rows start."""
    starts = sorted({round(r["bubbles"][0]["x"], 1) for r in sheet["rows"] if r["bubbles"]})
    ends = [max(b["x"] for b in r["bubbles"]) for r in sheet["rows"] if r["bubbles"]]
    if len(starts) < 2 or not ends:
        return mm(40)
    return max(mm(starts[1] - starts[0]) - mm(max(ends) - starts[0]) - mm(6), mm(12))


def _note(canvas: Canvas, text: str, x: float, y: float, width: float) -> None:
    """A flag's reason beside its row, small, in the flag's colour."""
    from studyprint.text.setter import TextStyle, paragraph

    para = paragraph(text, TextStyle(size=6, color="#B35900")).flowable
    _, h = para.wrap(width, 30)
    para.drawOn(canvas, x, y - h / 2)


def _legend(canvas: Canvas, width: float, bottom: float) -> None:
    """What the marks mean, along the foot of the page between the bottom markers."""
    from studyprint.text.setter import TextStyle, paragraph, width_of

    style = TextStyle(size=7, color="#333333")
    x, y = mm(24), bottom / 2
    samples = (
        (RIGHT, False, "right answer"),
        (WRONG, False, "wrong answer"),
        (RIGHT, True, "the right one, where it was not chosen"),
        (DOUBT, None, "flagged for you to look at (why beside it; all in results.csv)"),
    )
    for colour, dashed, label in samples:
        canvas.saveState()
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(1.2)
        if dashed:
            canvas.setDash(2, 1.5)
        if dashed is None:
            canvas.rect(x, y - mm(1.4), mm(4), mm(2.8))
        else:
            canvas.circle(x + mm(1.6), y, mm(1.6))
        canvas.restoreState()
        text_w = width_of(label, style) + 2
        para = paragraph(label, style).flowable
        _, h = para.wrap(text_w, 20)
        para.drawOn(canvas, x + mm(5), y - h / 2)
        x += mm(5) + text_w + mm(4)


def _heading(canvas: Canvas, text: str, width: float, height: float) -> None:
    """The copy's line above the sheet's top markers, in our fonts (a student's name
    may be in any script)."""
    from studyprint.text.setter import TextStyle, paragraph

    style = TextStyle(size=9, bold=True, color="#C0392B")
    para = paragraph(text, style).flowable
    _, h = para.wrap(width - mm(40), 100)
    para.drawOn(canvas, mm(20), height - mm(3) - h)


__all__ = ["GradedPage", "write_graded"]
