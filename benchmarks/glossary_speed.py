"""A 1,000-term glossary beside a bare ReportLab two-column table of the same text.

Run: python benchmarks/glossary_speed.py [TERMS]

Both are whole processes (Python start, imports, reading the text), best of 3:

* studyprint: ``studyprint sheet DECK --style glossary`` (validation, markup,
  font fallback, bookmarks, header/footer, fold marks).
* bare: a script that reads the same YAML with PyYAML and builds one
  ``Table`` of ``Paragraph(escape(text))`` in Helvetica with a repeated header
  row: no fallback, no styling, no bookmarks.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from _common import WORDS, best_of

BARE = r"""
import sys, yaml
from xml.sax.saxutils import escape
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
deck = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
style = getSampleStyleSheet()["BodyText"]
rows = [[Paragraph("Term", style), Paragraph("Definition", style)]]
rows += [[Paragraph(escape(t["term"]), style), Paragraph(escape(t["definition"]), style)]
         for t in deck["terms"]]
doc = SimpleDocTemplate(sys.argv[2], pagesize=letter, invariant=1)
doc.build([Table(rows, colWidths=[doc.width / 2] * 2, repeatRows=1)])
"""


def make_deck(path: Path, terms: int) -> None:
    rng = random.Random(1)
    lines = ["title: Benchmark glossary", "subject: Testing", "terms:"]
    for i in range(terms):
        definition = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
        lines += [f"  - term: Term {i} {rng.choice(WORDS)}", f"    definition: {definition}."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    terms = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "big.yaml"
        make_deck(deck, terms)
        ours = best_of(
            [
                sys.executable,
                "-m",
                "studyprint",
                "sheet",
                str(deck),
                "--style",
                "glossary",
                "-o",
                str(Path(tmp) / "ours.pdf"),
            ]
        )
        bare = best_of([sys.executable, "-c", BARE, str(deck), str(Path(tmp) / "bare.pdf")])
        from pypdf import PdfReader

        pages_ours = len(PdfReader(str(Path(tmp) / "ours.pdf")).pages)
        pages_bare = len(PdfReader(str(Path(tmp) / "bare.pdf")).pages)
    print(f"{terms}-term glossary")
    print(f"studyprint sheet --style glossary: {ours:.2f} s ({pages_ours} pages)")
    print(f"bare ReportLab table:              {bare:.2f} s ({pages_bare} pages)")
    print(f"ratio: {ours / bare:.2f}x")


if __name__ == "__main__":
    main()
