"""Fitting a definition into a card face: our size search beside KeepInFrame(shrink).

Run: python benchmarks/fit_speed.py [COUNT]

Both set the same texts into a 3.1 x 1.6 in box; most texts need shrinking.
"""

from __future__ import annotations

import io
import random
import sys
import time

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepInFrame, Paragraph

from studyprint.text import fonts
from studyprint.text.setter import TextStyle, fit

WIDTH, HEIGHT = 3.1 * 72, 1.6 * 72
WORDS = [
    "the",
    "working",
    "partnership",
    "between",
    "a",
    "therapist",
    "and",
    "client",
    "shared",
    "goals",
    "agreed",
    "tasks",
    "bond",
    "trust",
    "outcome",
    "predicts",
    "alliance",
    "rupture",
    "repair",
    "empathy",
    "regard",
]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(7)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 90))) for _ in range(count)]
    style = TextStyle(size=14)
    fit(texts[0], style, WIDTH, HEIGHT, 7)
    canvas = Canvas(io.BytesIO(), invariant=1)
    start = time.perf_counter()
    sizes = []
    for text in texts:
        result = fit(text, style, WIDTH, HEIGHT, 7)
        result.draw_on(canvas, 40, 700, WIDTH)
        sizes.append(result.size)
    ours = time.perf_counter() - start
    pstyle = ParagraphStyle("k", fontName=fonts.face_name("FiraGO"), fontSize=14, leading=17.5)
    canvas = Canvas(io.BytesIO(), invariant=1)
    start = time.perf_counter()
    for text in texts:
        frame = KeepInFrame(WIDTH, HEIGHT, [Paragraph(text, pstyle)], mode="shrink")
        frame.wrapOn(canvas, WIDTH, HEIGHT)
        frame.drawOn(canvas, 40, 700 - HEIGHT)
    keep = time.perf_counter() - start
    shrunk = sum(1 for s in sizes if s < 14) / count
    print(f"{count} texts, {shrunk:.0%} needed shrinking")
    print(f"studyprint fit:       {ours / count * 1000:.2f} ms/text")
    print(f"KeepInFrame(shrink):  {keep / count * 1000:.2f} ms/text (no minimum size, no fallback)")


if __name__ == "__main__":
    main()
