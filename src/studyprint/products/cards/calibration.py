"""The duplex calibration sheet: a cross on the front, millimetre scales on the back.

Printed double-sided and held to the light, it shows which edge the printer
flips on and how far it moves the backs: the ``--flip`` and ``--offset`` to use.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from studyprint import palette
from studyprint.products.cards.draw import new_canvas
from studyprint.read.layout import Layout
from studyprint.text import fonts
from studyprint.text.setter import TextStyle, paragraph
from studyprint.units import mm
from studyprint.vocab import Flip


def build_calibration(out: Path, *, layout: Layout, flip: Flip = "long") -> int:
    """A two-page duplex test: a cross on the front, millimetre scales on the back."""
    width, height = layout.page_size
    canvas = new_canvas(out, layout, "studyprint duplex calibration", "duplex", flip, "en")
    family = layout.fonts.family
    other = "short" if flip == "long" else "long"
    cx, cy = width / 2, height / 2
    text = TextStyle(size=10, family=family, align="center")
    # front: a bold cross at the centre and "top" marks
    _block(canvas, "**Front** · ↑ top of the sheet ↑", text, width, height - mm(20))
    _block(
        canvas,
        f"1. Print both pages double-sided at actual size (100%), flipping on the "
        f"**{flip} edge**. 2. Turn the sheet over like a book page. If the back reads upside "
        f"down, your printer flips the other way: use --flip {other} "
        "(and print this test again with it). 3. Hold the sheet up to a light and read, on the "
        "back's scales, where the centre of this cross shows through: that reading is the "
        "--offset to use, in millimetres (X,Y).",
        replace(text, size=9, align="start"),
        width,
        mm(60),
        margin=mm(25),
    )
    canvas.setStrokeColor(HexColor(palette.INK))
    canvas.setLineWidth(1.2)
    arm = mm(12)
    canvas.line(cx - arm, cy, cx + arm, cy)
    canvas.line(cx, cy - arm, cx, cy + arm)
    canvas.circle(cx, cy, mm(3), stroke=1, fill=0)
    canvas.showPage()
    # back: millimetre scales centred where the front's cross should be
    _block(
        canvas,
        "**Back** · this side up ↑ (if this line is upside down, change --flip)",
        text,
        width,
        height - mm(20),
    )
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(HexColor(palette.INK))
    span = 10  # millimetres each way
    canvas.line(cx - mm(span), cy, cx + mm(span), cy)
    canvas.line(cx, cy - mm(span), cx, cy + mm(span))
    face = fonts.face_name(fonts.PRIMARY[family])
    canvas.setFont(face, 6)
    for value in range(-span, span + 1):  # a tick every millimetre, labels every 5
        tick = mm(3) if value % 5 == 0 else mm(1.5)
        x, y = cx + mm(value), cy + mm(value)
        canvas.line(x, cy - tick / 2, x, cy + tick / 2)
        canvas.line(cx - tick / 2, y, cx + tick / 2, y)
        if value % 5 == 0 and value:
            canvas.drawCentredString(x, cy - mm(4.5), f"{value:+d}")
            canvas.drawString(cx + mm(2.5), y - 1.5, f"{value:+d}")
    _block(
        canvas,
        "X: read left (−) or right (+) · Y: read down (−) or up (+) · "
        "then print cards with --offset X,Y",
        replace(text, size=8),
        width,
        cy - mm(18),
    )
    canvas.showPage()
    canvas.save()
    return 2


def _block(
    canvas: Canvas, text: str, style: TextStyle, width: float, top: float, margin: float = mm(15)
) -> None:
    para = paragraph(text, style).flowable
    _, h = para.wrap(width - 2 * margin, 400)
    para.drawOn(canvas, margin, top - h)
