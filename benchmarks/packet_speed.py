"""A 30-student packet with --jobs 1 and --jobs 2: times and pages per second.

Run: python benchmarks/packet_speed.py

The packet is the psychology sample (study guide with answers at the end,
glossary, fold-in-half cards, a 15-question quiz in 3 versions), duplex, for a
generated 30-student roster. Whole processes, best of 2.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

from _common import best_of
from pypdf import PdfReader

from studyprint.resources import content_dir


def make_manifest(folder: Path) -> Path:
    with (folder / "roster.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "id"])
        for i in range(30):
            writer.writerow([f"Student {i:02d}", 1000 + i])
    deck = content_dir() / "psychology" / "therapy.yaml"
    (folder / deck.name).write_bytes(deck.read_bytes())  # a manifest names files beside it
    manifest = folder / "unit8.yaml"
    manifest.write_text(
        f'title: "Unit 8 packet"\ndecks: [{deck.name}]\ninclude: [sheet, glossary, cards, quiz]\n'
        "sheet: {answers: end}\ncards: {mode: fold}\n"
        "quiz: {count: 15, types: [mc, tf, match, written], versions: 3, seed: 2026}\n"
        "roster: roster.csv\nduplex: true\n",
        encoding="utf-8",
    )
    return manifest


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        manifest = make_manifest(folder)
        results = {}
        for jobs in (1, 2):
            out = folder / f"out{jobs}"
            results[jobs] = best_of(
                [
                    sys.executable,
                    "-m",
                    "studyprint",
                    "packet",
                    str(manifest),
                    "-o",
                    str(out),
                    "--jobs",
                    str(jobs),
                    "--quiet",
                ]
            )
        packet = folder / "out1" / "unit8" / "packet.pdf"
        pages = len(PdfReader(str(packet)).pages)
        same = packet.read_bytes() == (folder / "out2" / "unit8" / "packet.pdf").read_bytes()
    print(f"30-student packet: {pages} pages in packet.pdf (plus 30 student PDFs and the keys)")
    for jobs, seconds in results.items():
        print(f"  --jobs {jobs}: {seconds:.2f} s  ({pages / seconds:.0f} packet pages/s)")
    print(f"  same bytes with 1 and 2 jobs: {same}")


if __name__ == "__main__":
    main()
