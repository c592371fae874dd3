"""Quiz speed: 20 questions from a 10,000-term deck beside ``studyprint check`` of the
same deck, and 30 versions of a 40-question quiz (with keys) from a 200-term deck.

Run: python benchmarks/quiz_speed.py [--baseline-src OLD_CHECKOUT/src]

Every figure is a whole process: the best of 7 runs taking turns with ``check``
for the big deck (by the wall clock, and by processor time from the operating
system, which a shared machine disturbs less), the best of 3 for the rest.
Generation must stay linear: the 10,000-term quiz should take at most 1.5x the
time ``check`` takes to read and validate the deck. With ``--baseline-src`` the
30-version run is also timed with another checkout's code (for example the
commit before a change), in the same run, on the same deck.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from _common import best_of, interleaved
from pypdf import PdfReader

SYLLABLES = "ka ri mo sen ta lu vo ne pra dis tel om ur gas bi fen co ly ma tor".split()


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_deck(path: Path, terms: int) -> None:
    """A deck like a real glossary: distinct terms, definitions of 8-30 words from a
    3,000-word vocabulary, a tag each, a review question on every fifth term."""
    rng = random.Random(5)
    words = vocabulary(3000, rng)
    tags = words[:12]
    lines = ["title: Benchmark quiz deck", "subject: Testing", "terms:"]
    for i in range(terms):
        definition = " ".join(rng.choice(words) for _ in range(rng.randint(8, 30)))
        lines += [
            f"  - term: Term {i} {rng.choice(words)}",
            f"    definition: {definition.capitalize()}.",
            f"    tags: [{rng.choice(tags)}]",
        ]
        if i % 5 == 0:
            lines += [
                "    questions:",
                f"      - q: Why does term {i} matter?",
                f"        a: Because of {rng.choice(words)} and {rng.choice(words)}.",
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def studyprint(*args: str) -> list[str]:
    return [sys.executable, "-m", "studyprint", *args]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline-src", type=Path, help="another checkout's src folder")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.yaml"
        make_deck(big, 10_000)
        out = Path(tmp) / "big.pdf"
        quiz_args = ("quiz", str(big), "--count", "20", "--seed", "1", "-o", str(out))
        pair = {"check": studyprint("check", str(big)), "quiz": studyprint(*quiz_args)}
        print("10,000-term deck, 20 questions, one version and its key (target: quiz <= 1.5x)")
        for label, cpu in (("wall clock", False), ("processor time", True)):
            times = interleaved(pair, cpu=cpu)
            check, quiz = times["check"], times["quiz"]
            print(
                f"  {label:>14}: check {check:.2f} s, quiz {quiz:.2f} s ({quiz / check:.2f}x check)"
            )

        deck = Path(tmp) / "deck.yaml"
        make_deck(deck, 200)
        out = Path(tmp) / "quiz.pdf"
        base = studyprint("quiz", str(deck), "--count", "40", "--seed", "1", "-o", str(out))
        one = best_of([*base, "--versions", "1"])
        thirty = best_of([*base, "--versions", "30"])
        pages = len(PdfReader(str(out)).pages)
        key_pages = len(PdfReader(str(out.with_name("quiz-key.pdf"))).pages)
        print("200-term deck, 40 questions a version, keys in a separate PDF")
        print(f"  1 version:   {one:.2f} s")
        print(f"  30 versions: {thirty:.2f} s  ({pages} quiz pages, {key_pages} key pages)")
        print(f"  per extra version: {(thirty - one) / 29 * 1000:.0f} ms")
        if options.baseline_src:
            old_src = str(options.baseline_src.resolve())
            thirty_of = {
                "this": [*base, "--versions", "30"],
                "old": ["env", f"PYTHONPATH={old_src}", *base, "--versions", "30"],
            }
            for label, cpu in (("wall clock", False), ("processor time", True)):
                pair = interleaved(thirty_of, runs=5, cpu=cpu)
                print(
                    f"  30 versions, turn about with {options.baseline_src} ({label}): "
                    f"this {pair['this']:.2f} s, baseline {pair['old']:.2f} s "
                    f"({pair['this'] / pair['old']:.2f}x)"
                )


if __name__ == "__main__":
    main()
