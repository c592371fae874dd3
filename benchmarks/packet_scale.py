"""Packets for a class and for a school: does memory stay flat as the roster grows?

Run: python benchmarks/packet_scale.py [STUDENTS...]   (default: 30 300)

The psychology sample as a packet (guide with answers, glossary, fold cards, a
quiz with a version per student), duplex, for rosters of the sizes given; each
a whole `studyprint packet` process. Peak memory from the operating system:
the main process's own (``VmHWM`` at its exit: it plans and bundles; with
``--jobs 1`` it also draws every section), and the largest of it and its
workers (``wait4``'s ``ru_maxrss``). The issue's targets: a 1,000-student packet within
1.3x the peak of a 30-student one; ``--jobs 2`` at least 1.7x faster than
``--jobs 1`` at 300 students.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

from _common import own_peak

from studyprint.resources import content_dir


def make_manifest(folder: Path, students: int) -> Path:
    with (folder / "roster.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "id"])
        for i in range(students):
            writer.writerow([f"Student {i:04d}", 100000 + i])
    deck = content_dir() / "psychology" / "therapy.yaml"
    (folder / deck.name).write_bytes(deck.read_bytes())
    manifest = folder / "unit8.yaml"
    manifest.write_text(
        f'title: "Unit 8 packet"\ndecks: [{deck.name}]\ninclude: [sheet, glossary, cards, quiz]\n'
        "sheet: {answers: end}\ncards: {mode: fold}\n"
        "quiz: {count: 15, types: [mc, tf, match, written], versions: per-student, seed: 7}\n"
        "roster: roster.csv\nduplex: true\n",
        encoding="utf-8",
    )
    return manifest


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [30, 300]
    peaks: dict[tuple[int, int], float] = {}
    times: dict[tuple[int, int], float] = {}
    for students in sizes:
        for jobs in (1, 2):
            with tempfile.TemporaryDirectory() as tmp:
                manifest = make_manifest(Path(tmp), students)
                seconds, peak, anyone = own_peak(["packet", str(manifest), "-o",
                                                  str(Path(tmp) / "out"), "--jobs", str(jobs),
                                                  "--quiet"])  # fmt: skip
                from pypdf import PdfReader

                pages = len(PdfReader(str(Path(tmp) / "out" / "unit8" / "packet.pdf")).pages)
            peaks[students, jobs], times[students, jobs] = peak, seconds
            print(f"{students:5d} students, --jobs {jobs}: {seconds:6.1f} s, {pages:6d} pages, "
                  f"main process peak {peak:5.0f} MB (largest of it and its workers "
                  f"{anyone:.0f} MB)")  # fmt: skip
        print(f"       --jobs 2 is {times[students, 1] / times[students, 2]:.2f}x faster")
    low, high = min(sizes), max(sizes)
    for jobs in (1, 2):
        ratio = peaks[high, jobs] / peaks[low, jobs]
        print(f"peak at {high} / peak at {low} students, --jobs {jobs}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
