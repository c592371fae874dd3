"""Time to build 30 versions of a 40-question quiz, with keys, from a 200-term deck.

Run: python benchmarks/quiz_speed.py

Timed as a whole process (``studyprint quiz ... --versions 30 --count 40``),
best of 3, beside the same command with one version, so the cost of each
extra version shows.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from _common import WORDS, best_of
from pypdf import PdfReader


def make_deck(path: Path, terms: int) -> None:
    rng = random.Random(5)
    lines = ["title: Benchmark quiz deck", "subject: Testing", "terms:"]
    for i in range(terms):
        definition = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
        lines += [
            f"  - term: Term {i} {rng.choice(WORDS)}",
            f"    definition: {definition}.",
            f"    tags: [{rng.choice(WORDS)}]",
        ]
        if i % 5 == 0:
            lines += [
                "    questions:",
                f"      - q: Why does term {i} matter?",
                f"        a: Because of {rng.choice(WORDS)} and {rng.choice(WORDS)}.",
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "deck.yaml"
        make_deck(deck, 200)
        out = Path(tmp) / "quiz.pdf"
        base = [
            sys.executable,
            "-m",
            "studyprint",
            "quiz",
            str(deck),
            "--count",
            "40",
            "--seed",
            "1",
            "-o",
            str(out),
        ]
        one = best_of([*base, "--versions", "1"])
        thirty = best_of([*base, "--versions", "30"])
        pages = len(PdfReader(str(out)).pages)
        key_pages = len(PdfReader(str(out.with_name("quiz-key.pdf"))).pages)
    print("200-term deck, 40 questions a version, keys in a separate PDF")
    print(f"  1 version:   {one:.2f} s")
    print(f"  30 versions: {thirty:.2f} s  ({pages} quiz pages, {key_pages} key pages)")
    print(f"  per extra version: {(thirty - one) / 29 * 1000:.0f} ms")


if __name__ == "__main__":
    main()
