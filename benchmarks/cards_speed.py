"""`studyprint cards` on a generated deck beside a bare ReportLab card script.

Run: python benchmarks/cards_speed.py [TERMS ...]     (default: 1000 10000)

Both run as whole processes, one after the other, best of 3, on the same deck:

* studyprint: ``studyprint cards DECK --layout avery-5371 --mode duplex``.
* bare: reads the YAML with PyYAML and draws the same 3.5 x 2 in cards, ten a
  sheet, fronts then mirrored backs, in one embedded TrueType font (FiraGO),
  each face shrunk with ``KeepInFrame(mode="shrink")``: no validation, no
  markup, no font fallback, no warnings.

Peak memory is the process's maximum resident set size (``ru_maxrss``).
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import WORDS

BARE = r"""
import io, sys, yaml, pymupdf_fonts
from xml.sax.saxutils import escape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepInFrame, Paragraph
pdfmetrics.registerFont(TTFont("Body", io.BytesIO(pymupdf_fonts._figo())))
deck = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
W, H, CW, CH = 612, 792, 252, 144
front = ParagraphStyle("f", fontName="Body", fontSize=16, leading=18, alignment=1)
back = ParagraphStyle("b", fontName="Body", fontSize=10, leading=12.5, alignment=1)
slots = [(54 + c * CW, 36 + (4 - r) * CH) for r in range(5) for c in range(2)]
canvas = Canvas(sys.argv[2], pagesize=(W, H), invariant=1)
terms = deck["terms"]
def face(text, style, x, y):
    box = KeepInFrame(CW - 17, CH - 17, [Paragraph(escape(text), style)], mode="shrink")
    box.wrapOn(canvas, CW - 17, CH - 17)
    box.drawOn(canvas, x + 8.5, y + 8.5)
    canvas.rect(x, y, CW, CH)
for start in range(0, len(terms), 10):
    chunk = terms[start:start + 10]
    for t, (x, y) in zip(chunk, slots):
        face(t["term"], front, x, y)
    canvas.showPage()
    for t, (x, y) in zip(chunk, slots):
        face(t["definition"], back, W - x - CW, y)
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


def measure(cmd: list[str], runs: int = 3) -> tuple[float, float]:
    """(best wall time in s, peak RSS in MB) of a child process."""
    best, peak = float("inf"), 0.0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        peak = max(peak, after / 1024, before / 1024 if runs == 1 else 0)
    return best, peak


def peak_rss(cmd: list[str]) -> float:
    """Peak RSS (MB) of one run, measured by a fresh helper so earlier children don't count."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
        "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True)
    return int(out.stdout) / 1024


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    for terms in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            deck = Path(tmp) / "deck.yaml"
            make_deck(deck, terms)
            ours_cmd = [
                sys.executable,
                "-m",
                "studyprint",
                "cards",
                str(deck),
                "--layout",
                "avery-5371",
                "--mode",
                "duplex",
                "-o",
                str(Path(tmp) / "ours.pdf"),
            ]
            bare_cmd = [sys.executable, "-c", BARE, str(deck), str(Path(tmp) / "bare.pdf")]
            runs = 3 if terms <= 2000 else 1
            ours, _ = measure(ours_cmd, runs)
            bare, _ = measure(bare_cmd, runs)
            ours_mem, bare_mem = peak_rss(ours_cmd), peak_rss(bare_cmd)
            size_ours = (Path(tmp) / "ours.pdf").stat().st_size / 1e6
            size_bare = (Path(tmp) / "bare.pdf").stat().st_size / 1e6
        print(f"{terms} cards, Avery 5371 duplex ({terms // 10 * 2} pages)")
        print(f"  studyprint cards: {ours:6.2f} s  peak {ours_mem:6.0f} MB  PDF {size_ours:.1f} MB")
        print(f"  bare ReportLab:   {bare:6.2f} s  peak {bare_mem:6.0f} MB  PDF {size_bare:.1f} MB")
        print(f"  ratio: {ours / bare:.2f}x")


if __name__ == "__main__":
    main()
