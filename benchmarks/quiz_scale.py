"""Quiz time against deck size, beside ``studyprint check`` of the same deck: decks of
random words and decks whose definitions are one template ("definition number 7
with a few words"), from 10,000 to 100,000 terms; and the big case, 500 questions
in 5 versions from 100,000 templated terms.

Run: python benchmarks/quiz_scale.py [--sizes 10000,20000,50000,100000]

Every figure is a whole process (Python start, reading the deck and writing the PDF
included): processor time from the operating system (user + system, steadier than
the clock on a shared machine), the best of 3 runs taking turns with ``check``.
Both curves should be straight lines (time per 10,000 terms flat), and the quiz
within a small factor of ``check``: on the whole process, and on what the deck
adds beyond each command's fixed cost (a 2-term deck: Python, imports, fonts, and
for the quiz the PDF); the 500 x 5 quiz must finish in under a minute
(it ran past four before the distractor search gave up on a kind the deck lacks).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from _common import interleaved, run

SYLLABLES = "ka ri mo sen ta lu vo ne pra dis tel om ur gas bi fen co ly ma tor".split()


def random_deck(path: Path, terms: int) -> None:
    rng = random.Random(terms)
    lines = ["title: Random words", "terms:"]
    for i in range(terms):
        word = "".join(rng.choice(SYLLABLES) for _ in range(3)) + f"{i}"
        meaning = " ".join(
            "".join(rng.choice(SYLLABLES) for _ in range(2)) for _ in range(rng.randint(6, 14))
        )
        lines += [f"  - term: {word}", f"    definition: {meaning}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def templated_deck(path: Path, terms: int) -> None:
    lines = ["title: Templated", "terms:"]
    for i in range(terms):
        lines += [f"  - term: Word {i}", f"    definition: definition number {i} with a few words"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,20000,50000,100000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    me = [sys.executable, "-m", "studyprint"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # what each command costs on a deck of two terms: Python, imports, fonts, the PDF
        tiny = folder / "tiny.yaml"
        tiny.write_text(
            "title: T\nterms:\n  - {term: a, definition: b}\n  - {term: c, definition: d}\n",
            encoding="utf-8",
        )
        base = interleaved(
            {
                "check": [*me, "check", str(tiny)],
                "quiz": [*me, "quiz", str(tiny), "--types", "written", "--seed", "1",
                         "-o", str(folder / "t.pdf")],
            },
            runs=3,
            cpu=True,
        )  # fmt: skip
        print(f"fixed cost (2-term deck): check {base['check']:.2f} s, quiz {base['quiz']:.2f} s")
        print("deck        terms     check s   quiz s   quiz/check   quiz s per 10k terms"
              "   beyond fixed: quiz/check")  # fmt: skip
        for kind, make in (("random", random_deck), ("templated", templated_deck)):
            for size in sizes:
                deck = folder / f"{kind}{size}.yaml"
                make(deck, size)
                quiz = [*me, "quiz", str(deck), "--count", "20", "--seed", "1",
                        "-o", str(folder / "q.pdf")]  # fmt: skip
                best = interleaved({"check": [*me, "check", str(deck)], "quiz": quiz},
                                   runs=3, cpu=True)  # fmt: skip
                beyond = (best["quiz"] - base["quiz"]) / max(best["check"] - base["check"], 1e-9)
                print(f"{kind:10} {size:7,} {best['check']:10.2f} {best['quiz']:8.2f} "
                      f"{best['quiz'] / best['check']:11.2f}x "
                      f"{best['quiz'] / size * 10_000:14.2f} {beyond:26.2f}x")  # fmt: skip
        deck = folder / "templated-big.yaml"
        templated_deck(deck, max(sizes))
        big = run([*me, "quiz", str(deck), "--count", "500", "--versions", "5", "--seed", "1",
                   "-o", str(folder / "big.pdf")])  # fmt: skip
        print(f"500 questions x 5 versions from {max(sizes):,} templated terms: "
              f"{big.wall:.1f} s wall, {big.cpu:.1f} s CPU, {big.peak:.0f} MB peak "
              "(target: under 60 s)")  # fmt: skip


if __name__ == "__main__":
    main()
