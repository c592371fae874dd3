"""Texts per second through the text engine, beside plain Helvetica with no fallback.

Run: python benchmarks/text_speed.py [COUNT]

Each path sets COUNT definitions into a 240 pt column (Paragraph, wrap, draw on
a canvas) and saves the PDF in memory. Three paths, one process, in turn:

* plain Helvetica: escape + Paragraph in Helvetica; no fallback, no markup.
* plain FiraGO:    the same in our main TrueType face, still no fallback.
* studyprint:      ``studyprint.text.setter.paragraph``: markup, per-character
                   fallback, shaping/bidi where a text needs it.

Reported for Latin-only text (where the fallback should cost almost nothing)
and for mixed scripts (where Helvetica prints boxes, so only the time is
comparable, not the result).
"""

from __future__ import annotations

import io
import random
import sys
import time
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from studyprint.text import fonts
from studyprint.text.setter import TextStyle, paragraph

LATIN = [
    "The working partnership between a therapist and a client, built on shared goals.",
    "A structured therapy that tests unhelpful thoughts and changes behaviour.",
    "Moving substances across a membrane against their gradient, using energy.",
    "The rate of change of velocity, measured in metres per second squared.",
    "Cuando el agua hierve, añade la sal y espera un poco más, señor.",
]
MIXED = [
    *LATIN,
    "光合成は酸素とブドウ糖を作ります。植物の葉で行われる。",
    "Η φωτοσύνθεση παράγει οξυγόνο και γλυκόζη στα φύλλα.",
    "Фотосинтез даёт кислород и глюкозу в листьях растений.",
    "التمثيل الضوئي ينتج الأكسجين والسكر في أوراق النبات",
    "הפוטוסינתזה מייצרת חמצן וסוכר בעלים של הצמח",
    "प्रकाश संश्लेषण से ऑक्सीजन बनती है और शर्करा भी",
    "광합성은 산소와 포도당을 만든다",
    "Water is H~2~O and energy is E = mc^2^, with Δx → 0 and **bold** words.",
]

WIDTH = 240.0


def make_texts(pool: list[str], count: int) -> list[str]:
    rng = random.Random(2026)
    return [f"{rng.choice(pool)} ({i})" for i in range(count)]


def run(texts: list[str], make: Callable[[str], Paragraph]) -> float:
    canvas = Canvas(io.BytesIO(), invariant=1)
    y = 800.0
    start = time.perf_counter()
    for text in texts:
        para = make(text)
        _, height = para.wrap(WIDTH, 800)
        if y - height < 40:
            canvas.showPage()
            y = 800.0
        para.drawOn(canvas, 40, y - height)
        y -= height + 4
    canvas.save()
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    helvetica = ParagraphStyle("h", fontName="Helvetica", fontSize=10, leading=12.5)
    firago = ParagraphStyle("f", fontName=fonts.face_name("FiraGO"), fontSize=10, leading=12.5)
    style = TextStyle(size=10)
    paths: dict[str, Callable[[str], Paragraph]] = {
        "plain Helvetica": lambda t: Paragraph(escape(t), helvetica),
        "plain FiraGO": lambda t: Paragraph(escape(t), firago),
        "studyprint": lambda t: paragraph(t, style).flowable,
    }
    for label, pool in (("Latin-only", LATIN), ("mixed scripts", MIXED)):
        texts = make_texts(pool, count)
        run(texts[:200], paths["studyprint"])  # load fonts before timing
        results = {name: min(run(texts, make) for _ in range(2)) for name, make in paths.items()}
        base = results["plain Helvetica"]
        print(f"{label}, {count} definitions:")
        for name, seconds in results.items():
            print(f"  {name:16} {count / seconds:8.0f} texts/s  ({seconds / base:.2f}x Helvetica)")


if __name__ == "__main__":
    main()
