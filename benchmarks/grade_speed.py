"""Grading a class set: 30 students x 2 answer sheets, scanned into one PDF.

Run: python benchmarks/grade_speed.py

Prints the seconds (and pages a second) `studyprint grade` takes for the 60
pages with --jobs 1 and with every core, and for the same 60 sheets as phone photos
(JPEG files on dark or wooden desks, tilted; --jobs 1: within 2x the copier rate),
next to the time a bare loop of the
two steps every page needs anyway (rendering the scanned page, reading its QR
code) takes: the baseline, in the same run. The issue asks for well under a
minute.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import best_of


def make_class_set(folder: Path) -> tuple[Path, Path, list[Path]]:
    from PIL import Image

    from tests.helpers import run
    from tests.scanmaker import Filling, Shot, fill, photograph, render_page, shoot
    from tests.test_answer_sheets import big_deck, sheet_pages

    deck = big_deck(folder, 120)
    plan = folder / "plan.json"
    quiz = folder / "quiz.pdf"
    made = run("quiz", str(deck), "--count", "80", "--types", "mc,tf,match,written",
               "--versions", "2", "--seed", "9", "--answer-sheet", "--plan", str(plan),
               "-o", str(quiz))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    versions = json.loads(plan.read_text(encoding="utf-8"))["versions"]
    pages = sheet_pages(quiz)
    blank = {n: render_page(quiz, p) for n, p in enumerate(pages)}
    rng = random.Random(1)
    images = []
    photos: list[Path] = []  # the same sheets as phone photos (JPEG) on a dark desk
    for student in range(30):
        v = student % 2
        for s, sheet in enumerate(versions[v]["answer_sheets"]):
            answers = {r["number"]: rng.choice([b["value"] for b in r["bubbles"]])
                       for r in sheet["rows"] if r["kind"] == "choice"}  # fmt: skip
            image = fill(blank[v * 2 + s], sheet, Filling(answers, number=f"{student:06d}"))
            shot = photograph(image, angle=rng.uniform(-3, 3), noise=3, seed=student)
            images.append(Image.fromarray(shot))
            phone = Shot(desk=rng.choice(["dark", "wood"]), tilt=rng.uniform(0, 20),
                         shadow=rng.uniform(0, 0.4))  # fmt: skip
            photos.append(folder / f"photo-{student:02d}-{s + 1}.jpg")
            Image.fromarray(shoot(image, phone, seed=student)).save(photos[-1], quality=85)
    scan = folder / "class.pdf"
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=200)
    return scan, plan, photos


BASELINE = """
import sys, pypdfium2 as pdfium, zxingcpp
doc = pdfium.PdfDocument(sys.argv[1])
for i in range(len(doc)):
    image = doc[i].render(scale=200 / 72, grayscale=True).to_numpy()
    zxingcpp.read_barcodes(image)
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        scan, plan, photos = make_class_set(folder)
        print(f"made a 60-page class scan in {time.perf_counter() - start:.1f} s")
        cli = [sys.executable, "-m", "studyprint", "grade", str(scan), "--key", str(plan),
               "--quiet", "-o", str(folder / "results")]  # fmt: skip
        baseline = best_of([sys.executable, "-c", BASELINE, str(scan)], runs=2)
        one = best_of([*cli, "--jobs", "1"], runs=2)
        every = best_of(cli, runs=2)
        rows = (folder / "results" / "results.csv").read_text(encoding="utf-8").count("\n") - 1
        print(f"render + read QR only (baseline): {baseline:6.1f} s")
        print(f"studyprint grade --jobs 1:        {one:6.1f} s  ({60 / one:.1f} pages a second)")
        print(f"studyprint grade (every core):    {every:6.1f} s  ({60 / every:.1f} pages a second,"
              f" {rows} copies in results.csv)")  # fmt: skip
        phone = [sys.executable, "-m", "studyprint", "grade", *map(str, photos), "--key",
                 str(plan), "--quiet", "-o", str(folder / "photos")]  # fmt: skip
        shots = best_of([*phone, "--jobs", "1"], runs=2)
        rows = (folder / "photos" / "results.csv").read_text(encoding="utf-8").count("\n") - 1
        unread = folder / "photos" / "unread.csv"
        if unread.exists():
            print(unread.read_text(encoding="utf-8"))
        print(f"60 phone photos (JPEG, dark or wooden desk, tilted up to 20°), --jobs 1: "
              f"{shots:6.1f} s ({60 / shots:.1f} pages a second, {rows} copies; "
              f"{shots / one:.2f}x the copier PDF's time, target under 2x)")  # fmt: skip


if __name__ == "__main__":
    main()
