"""The review page of ``grade --review`` for the README and docs/grading-real-scans.md
(needs the grade, web and test extras and Chromium): python docs/make_review_screenshot.py

A therapy quiz's answer sheet is filled the way students do (a faint mark, a tick, a
circled letter, a number written but not bubbled, a teacher's box left empty),
photographed, graded, and its review page shot in a real browser.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import cv2
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from studyprint.grade.review import Review
from studyprint.grade.run import GradeRequest, finish, read_scans
from studyprint.web.review import create_review_app
from tests.helpers import run, sample_decks
from tests.scanmaker import Filling, fill, photograph, render_page
from tests.test_answer_sheets import sheet_pages
from tests.webserver import serving_app

DOCS = Path(__file__).resolve().parent


def main() -> None:
    deck = next(p for p in sample_decks() if p.stem == "therapy")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made = run("quiz", str(deck), "--seed", "7", "--answer-sheet", "--count", "12",
                   "--types", "mc,written", "--plan", str(folder / "plan.json"),
                   "-o", str(folder / "quiz.pdf"))  # fmt: skip
        assert made.exit_code == 0, made.stderr
        plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
        sheet = plan["versions"][0]["answer_sheets"][0]
        choice = [r for r in sheet["rows"] if r["kind"] == "choice"]
        marks = [r["number"] for r in sheet["rows"] if r["kind"] == "mark"]
        filling = Filling(
            answers={r["number"]: r["bubbles"][i % len(r["bubbles"])]["value"]
                     for i, r in enumerate(choice[3:])},
            light={choice[0]["number"]: choice[0]["bubbles"][1]["value"]},
            shapes={choice[1]["number"]: (choice[1]["bubbles"][2]["value"], "tick"),
                    choice[2]["number"]: (choice[2]["bubbles"][0]["value"], "circle")},
            marks={n: "1" for n in marks[1:]},
        )  # fmt: skip
        page = fill(render_page(folder / "quiz.pdf", sheet_pages(folder / "quiz.pdf")[0]),
                    sheet, filling)  # fmt: skip
        px = 200 / 25.4  # scanmaker's dpi
        for column, digit in zip(sheet["student_number"], "004231", strict=True):
            x, y = column[0]["x"] * px, (column[0]["y"] - 5.2) * px  # in the box, in pen
            cv2.putText(page, digit, (round(x - 1.4 * px), round(y + 2.2 * px)),
                        cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.1, 40, 2, cv2.LINE_AA)  # fmt: skip
        os.chdir(folder)  # the page names the scan as the teacher typed it
        scan = Path("IMG_2041.jpg")
        cv2.imwrite(str(scan), photograph(page, angle=3))
        request = GradeRequest((scan,), folder / "plan.json")
        read_plan, reads = read_scans(request)
        out = folder / "results"
        out.mkdir()
        review = Review(request, read_plan, reads, out, finish(request, read_plan, reads, out))
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with serving_app(create_review_app(review, lambda: None)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            tab = browser.new_page(viewport={"width": 1000, "height": 2100})
            tab.goto(url)
            tab.screenshot(path=str(DOCS / "grade-review.png"), full_page=True)
            browser.close()


if __name__ == "__main__":
    main()
