"""`studyprint cards` on a generated deck beside a bare ReportLab script drawing the same cards.

Run: python benchmarks/cards_speed.py [TERMS ...]     (default: 1000 10000)

Both run as whole processes on the same deck, taking turns (best of several runs):

* studyprint: ``studyprint cards DECK --layout avery-5371 --mode duplex``.
* bare: reads the YAML with PyYAML and draws the same cards as Avery 5371 asks
  for: 3.5 x 2 in, ten a sheet, fronts then mirrored backs, the term in FiraGO
  Bold from 28 pt and the definition in FiraGO from 16 pt, each face shrunk to
  its box with ``KeepInFrame(mode="shrink")``, and the card's number and unit
  label in 7 pt grey in the bottom corners. No validation, no markup, no font
  fallback, no whole-word guarantee, no warnings.

(Until the cards started at the layout's largest size, 28/16 pt on Avery 5371,
the bare script set 16/10 pt; it was brought up to the same cards when they did.)

Time is the processor time each process used (user + system from the operating
system), the steadier measure on a shared machine; wall time is printed beside
it. Peak memory is each process's maximum resident set size (``wait4``).
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from _common import WORDS, interleaved, measured

BARE = r"""
import io, sys, yaml, pymupdf_fonts
from xml.sax.saxutils import escape
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepInFrame, Paragraph
pdfmetrics.registerFont(TTFont("Body", io.BytesIO(pymupdf_fonts._figo())))
pdfmetrics.registerFont(TTFont("Bold", io.BytesIO(pymupdf_fonts._figbo())))
deck = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
W, H, CW, CH, PAD, FOOT = 612, 792, 252, 144, 8.5, 14
front = ParagraphStyle("f", fontName="Bold", fontSize=28, leading=32.2, alignment=1)
back = ParagraphStyle("b", fontName="Body", fontSize=16, leading=20, alignment=1)
slots = [(54 + c * CW, 36 + (4 - r) * CH) for r in range(5) for c in range(2)]
canvas = Canvas(sys.argv[2], pagesize=(W, H), invariant=1)
terms = deck["terms"]
label = deck["title"]
grey = HexColor("#666666")
def face(text, style, x, y, number):
    bw, bh = CW - 2 * PAD, CH - PAD - FOOT
    box = KeepInFrame(bw, bh, [Paragraph(escape(text), style)], mode="shrink")
    box.wrapOn(canvas, bw, bh)
    box.drawOn(canvas, x + PAD, y + FOOT)
    canvas.setFont("Body", 7)
    canvas.setFillColor(grey)
    canvas.drawRightString(x + CW - 5, y + 5, number)
    canvas.drawString(x + 5, y + 5, label)
for start in range(0, len(terms), 10):
    chunk = terms[start:start + 10]
    for i, (t, (x, y)) in enumerate(zip(chunk, slots)):
        face(t["term"], front, x, y, f"{start + i + 1}/{len(terms)}")
    canvas.showPage()
    for i, (t, (x, y)) in enumerate(zip(chunk, slots)):
        face(t["definition"], back, W - x - CW, y, f"{start + i + 1}/{len(terms)}")
    canvas.showPage()
canvas.save()
"""


def make_deck(path: Path, terms: int) -> None:
    rng = random.Random(3)
    lines = ["title: Benchmark cards", "terms:"]
    for i in range(terms):
        definition = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 45)))
        lines += [f"  - term: Term {i} {rng.choice(WORDS)}", f"    definition: {definition}."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    for terms in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            deck = Path(tmp) / "deck.yaml"
            make_deck(deck, terms)
            ours_pdf, bare_pdf = Path(tmp) / "ours.pdf", Path(tmp) / "bare.pdf"
            options = ["--layout", "avery-5371", "--mode", "duplex", "-o", str(ours_pdf)]
            ours_cmd = [sys.executable, "-m", "studyprint", "cards", str(deck), *options]
            bare_cmd = [sys.executable, "-c", BARE, str(deck), str(bare_pdf)]
            # studyprint refuses to replace its output: each run starts without it
            rm_then_ours = [sys.executable, "-c", _AFRESH, str(ours_pdf), *ours_cmd]
            runs = 5 if terms <= 2000 else 3
            cpu = interleaved({"ours": rm_then_ours, "bare": bare_cmd}, runs=runs, cpu=True)
            wall = interleaved({"ours": rm_then_ours, "bare": bare_cmd}, runs=1)
            ours_pdf.unlink()
            _, ours_mem = measured(ours_cmd)
            _, bare_mem = measured(bare_cmd)
            size_ours, size_bare = ours_pdf.stat().st_size / 1e6, bare_pdf.stat().st_size / 1e6
        print(f"{terms} cards, Avery 5371 duplex ({-(-terms // 10) * 2} pages)")
        rows = [("ours", "studyprint cards", ours_mem, size_ours)]
        rows.append(("bare", "bare ReportLab", bare_mem, size_bare))
        for name, label, mem, size in rows:
            print(
                f"  {label:17s} cpu {cpu[name]:6.2f} s  wall {wall[name]:6.2f} s  "
                f"peak {mem:5.0f} MB  PDF {size:.1f} MB"
            )
        print(f"  ratio (processor time): {cpu['ours'] / cpu['bare']:.2f}x")


#: Removes the file named first, then runs the rest as a command in this process's
#: place (so the command's own processor time is what is counted).
_AFRESH = (
    "import os, sys; p = sys.argv[1]; os.path.exists(p) and os.unlink(p); "
    "os.execv(sys.argv[2], sys.argv[2:])"
)


if __name__ == "__main__":
    main()
