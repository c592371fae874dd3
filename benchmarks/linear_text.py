"""Text handling stays linear: markup parsing and line breaking of very long texts.

Run: python benchmarks/linear_text.py [--baseline-src OLD_CHECKOUT/src]

Parses hostile markup (openers of one kind, closers of another; sub/superscripts
spanning spaces) and breaks a long paragraph into lines, at 64 KB, 256 KB and
1 MB (a deck field holds at most 20,000 characters, so these go through the
text engine directly). Prints the seconds at each size and how much longer
each 4x step took: linear code takes about 4x, quadratic about 16x. With
``--baseline-src`` the same runs are made with another checkout's code, in the
same run, for comparison.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
from pathlib import Path

SIZES = (64_000, 256_000, 1_000_000)

PROBE = r"""
import sys, time
from studyprint.text import markup
from studyprint.text.setter import TextStyle, paragraph
size = int(sys.argv[1])
patterns = {
    "openers then closers": ("*a " * size)[: size // 2] + ("b~ " * size)[: size // 2],
    "sub/sup over spaces": ("^x y~ " * size)[:size],
    "plain words": ("word " * size)[:size],
}
for name, text in patterns.items():
    start = time.perf_counter()
    markup.parse(text)
    print(f"parse {name}\t{time.perf_counter() - start:.3f}")
start = time.perf_counter()
para = paragraph(("photosynthesis makes sugar " * size)[: size // 4], TextStyle(size=10)).flowable
para.wrap(400, 1e9)
print(f"line breaking (a quarter of it)\t{time.perf_counter() - start:.3f}")
"""


#: A size that takes longer than this is shown as "> LIMIT" (and larger ones are skipped).
LIMIT = 120.0


def run(src: Path, size: int) -> dict[str, float]:
    """Seconds per measure; a measure that ran out of time is ``inf``."""
    env = dict(os.environ, PYTHONPATH=str(src))
    try:
        out = subprocess.run(
            [sys.executable, "-c", PROBE, str(size)], env=env, capture_output=True, text=True,
            check=True, timeout=LIMIT,
        ).stdout  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
    found = {line.split("\t")[0]: float(line.split("\t")[1]) for line in out.splitlines()}
    names = ["parse openers then closers", "parse sub/sup over spaces", "parse plain words",
             "line breaking (a quarter of it)"]  # fmt: skip
    return {name: found.get(name, float("inf")) for name in names}


def report(label: str, src: Path) -> None:
    results = {size: run(src, size) for size in SIZES}
    print(label)
    for name in results[SIZES[0]]:
        times = [results[size][name] for size in SIZES]
        steps = " ".join(f"x{b / max(a, 1e-4):.1f}" for a, b in itertools.pairwise(times))
        shown = "  ".join(f"{t:7.3f}s" if t != float("inf") else f"> {LIMIT:.0f} s" for t in times)
        print(f"  {name:32} {shown}   growth per 4x: {steps}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline-src", type=Path, help="another checkout's src folder")
    options = parser.parse_args()
    here = Path(__file__).resolve().parents[1] / "src"
    print(f"sizes: {', '.join(f'{s:,}' for s in SIZES)} characters")
    report("studyprint (this checkout)", here)
    if options.baseline_src:
        report(f"baseline ({options.baseline_src})", options.baseline_src.resolve())


if __name__ == "__main__":
    main()
