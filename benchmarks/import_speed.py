"""Importing a 20,000-row spreadsheet CSV: whole process, best of 3.

Run: python benchmarks/import_speed.py [ROWS]

Beside it, the same process doing only ``csv.reader`` over the file, to show
what the import adds to reading the CSV at all.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from _common import best_of


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rng = random.Random(8)
    words = "cell energy water light force mass gene protein school teacher book".split()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        lines = ["term,definition,reading,tags"]
        for i in range(rows):
            definition = " ".join(rng.choice(words) for _ in range(rng.randint(3, 15)))
            lines.append(f'term {i},"{definition}, more",yomi{i},t{i % 9}')
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        ours = best_of(
            [
                sys.executable,
                "-m",
                "studyprint",
                "import",
                str(path),
                "-o",
                str(Path(tmp) / "big.yaml"),
            ]
        )
        bare = best_of(
            [
                sys.executable,
                "-c",
                "import csv, sys; sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8')))",
                str(path),
            ]
        )
    print(f"{rows}-row CSV")
    print(f"  studyprint import (to YAML): {ours:.2f} s")
    print(f"  bare csv.reader pass:        {bare:.2f} s")


if __name__ == "__main__":
    main()
