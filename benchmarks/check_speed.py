"""How long `studyprint check` takes on a 5,000-term deck, beside a bare YAML parse.

Run: python benchmarks/check_speed.py [TERMS]

Both runs are whole processes (Python start included), timed best of 5, so the
difference is what validation and locating costs over parsing the same file.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _common import best_of


def make_deck(path: Path, terms: int) -> None:
    lines = ["title: Benchmark deck", "subject: Testing", "terms:"]
    for i in range(terms):
        lines += [
            f"  - term: Term number {i}",
            f"    definition: The definition of term {i}, with **bold** text and H~2~O.",
            "    facts:",
            f"      - A first fact about term {i}.",
            f"      - A second fact about term {i}.",
            "    questions:",
            f"      - q: What is term {i}?",
            f"        a: It is term {i}.",
            "    also: [another name]",
            "    tags: [bench, speed]",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    terms = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "big.yaml"
        make_deck(deck, terms)
        size = deck.stat().st_size
        ours = best_of([sys.executable, "-m", "studyprint", "check", str(deck)])
        bare = best_of(
            [
                sys.executable,
                "-c",
                "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
                "Loader=yaml.CSafeLoader)",
                str(deck),
            ]
        )
    print(f"deck: {terms} terms ({size / 1e6:.1f} MB)")
    print(f"studyprint check:        {ours:.3f} s")
    print(f"bare yaml.load (libyaml): {bare:.3f} s")
    print(f"ratio: {ours / bare:.2f}x")


if __name__ == "__main__":
    main()
