"""grade --review (issue 33): every flagged answer a picture can settle is shown with
its row as scanned; what the teacher settles goes into results.csv and graded.pdf,
and is kept, so grading the same scans again asks nothing twice."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("cv2")
pytest.importorskip("zxingcpp")
pytest.importorskip("starlette")

from tests.helpers import run
from tests.processes import start, stop
from tests.scanmaker import Filling, fill, photograph, render_page
from tests.test_answer_sheets import sheet_pages
from tests.test_grading import quiz, results, right_answers  # noqa: F401

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def scans(folder: Path, plan: dict[str, Any], out: Path) -> dict[str, Any]:
    """Version A filled with a faint mark, a tick, a teacher's box left empty and a
    number off the roster; version B filled cleanly. What each doubtful row is."""
    import cv2

    out.mkdir(exist_ok=True)
    pages = sheet_pages(folder / "quiz.pdf")
    made: dict[str, Any] = {}
    for i, version in enumerate(plan["versions"]):
        sheet = version["answer_sheets"][0]
        right = right_answers(version)
        choice = [r["number"] for r in sheet["rows"] if r["kind"] == "choice"]
        marks = [r["number"] for r in sheet["rows"] if r["kind"] == "mark"]
        rows = {r["number"]: r for r in sheet["rows"]}
        other = next(
            b["value"] for b in rows[choice[1]]["bubbles"] if b["value"] != right[choice[1]]
        )
        if i == 0:
            filling = Filling(
                answers={n: right[n] for n in choice[2:]},
                light={choice[0]: right[choice[0]]},
                shapes={choice[1]: (other, "tick")},
                marks={n: "1" for n in marks[1:]},
                number="009999",
            )
            made = {"faint": choice[0], "tick": choice[1], "box": marks[0], "right": right,
                    "other": other, "choice": choice, "marks": marks}  # fmt: skip
        else:
            filling = Filling(answers={n: right[n] for n in choice},
                              marks={n: "1" for n in marks}, number="004231")  # fmt: skip
        page = fill(render_page(folder / "quiz.pdf", pages[i]), sheet, filling, seed=i)
        cv2.imwrite(str(out / f"sheet{i}.jpg"), photograph(page, angle=2 + i))
    (out / "roster.csv").write_text("name,id\nAna Ruiz,004230\nBo Chen,004231\n", encoding="utf-8")
    return made


def test_review_settles_what_was_flagged_and_a_rerun_keeps_it(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    import cv2
    import httpx
    import numpy as np

    from studyprint.grade.review import Review
    from studyprint.grade.run import GradeRequest, finish, read_scans
    from studyprint.web.review import create_review_app
    from tests.webserver import serving_app

    folder, plan = quiz
    made = scans(folder, plan, tmp_path / "scans")
    sheets = [tmp_path / "scans" / "sheet0.jpg", tmp_path / "scans" / "sheet1.jpg"]
    roster = tmp_path / "scans" / "roster.csv"
    out = tmp_path / "results"
    out.mkdir()
    request = GradeRequest(tuple(sheets), folder / "plan.json", roster=roster)
    read_plan, reads = read_scans(request)
    result = finish(request, read_plan, reads, out)

    # what a person must settle, and nothing else: three rows and the number, of sheet A
    asked = {d.question: d for d in result.doubts}
    assert set(asked) == {made["faint"], made["tick"], made["box"], 0}
    assert {d.page for d in result.doubts} == {str(sheets[0])}
    assert asked[0].why == "student number 009999 is not on the roster"
    assert asked[made["box"]].choices == ("0", "½", "1")
    assert asked[made["faint"]].choices == ("A", "B", "C", "D", "")
    for doubt in result.doubts:  # each picture is its row (or the number area), sharp
        image = cv2.imdecode(np.frombuffer(doubt.crop, np.uint8), cv2.IMREAD_GRAYSCALE)
        height, width = image.shape
        if doubt.question:
            assert 50 <= height <= 60 and width >= 30 * 8  # 6.8 mm tall at 8 px/mm
        else:
            assert height > 60 * 8 and width > 30 * 8
        assert (image < 128).mean() > 0.01  # printed circles and boxes, not blank paper
    before = results(out)[0]
    assert before[f"q{made['faint']}"] == "" and "doubtful mark" in before["flags"]
    assert not (out / "settled.json").exists()

    done: list[bool] = []
    app = create_review_app(Review(request, read_plan, reads, out, result),
                            lambda: done.append(True))  # fmt: skip
    with serving_app(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        after = _settle_on_the_page(client, out, result, made, done)

    # the same scans graded again: the settled answers stand, nothing is asked
    rerun = run("grade", *map(str, sheets), "--key", str(folder / "plan.json"),
                "--roster", str(roster), "-o", str(out), "--review")  # fmt: skip
    assert rerun.exit_code == 0, rerun.stderr
    assert "nothing to settle" in rerun.stdout
    assert results(out)[0] == after

    # a new scan of that page is read afresh: its doubts are asked again
    image = cv2.imread(str(sheets[0]))
    cv2.imwrite(str(sheets[0]), image, [cv2.IMWRITE_JPEG_QUALITY, 80])
    again = run("grade", *map(str, sheets), "--key", str(folder / "plan.json"),
                "--roster", str(roster), "-o", str(out))  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert "doubtful mark" in results(out)[0]["flags"]


def _settle_on_the_page(
    client: Any, out: Path, result: Any, made: dict[str, Any], done: list[bool]
) -> dict[str, str]:
    from studyprint.grade.review import doubt_id

    asked = {d.question: d for d in result.doubts}
    before = results(out)[0]
    page = client.get("/").text
    assert page.count("<fieldset") == 4
    token = re.search(r'name="token" value="([^"]+)"', page)
    assert token is not None
    for doubt in result.doubts:
        shown = client.get(f"/crop/{doubt_id(doubt)}.jpg")
        assert shown.status_code == 200 and shown.content == doubt.crop
    assert client.get("/crop/d0000000000000000.jpg").status_code == 404
    assert client.get("/", headers={"Host": "rebound.example"}).status_code == 400

    ids = {q: doubt_id(d) for q, d in asked.items()}
    right = made["right"]
    chosen = {ids[made["faint"]]: "=" + right[made["faint"]], ids[0]: "4230",
              ids[made["tick"]]: "=" + made["other"], ids[made["box"]]: "=½"}  # fmt: skip
    # another site's form, or an old page's, settles nothing
    refused = client.post("/", data={**chosen, "token": "stale"})
    assert refused.status_code == 403 and not (out / "settled.json").exists()
    forged = client.post("/", data={**chosen, "token": token[1]},
                         headers={"Origin": "http://elsewhere.example"})  # fmt: skip
    assert forged.status_code == 403 and not (out / "settled.json").exists()
    # a value the row does not hold is refused, and nothing of the page is applied
    wrong = client.post("/", data={**chosen, ids[made["box"]]: "=7", "token": token[1]})
    assert wrong.status_code == 422
    assert f"question {made['box']}: &#39;7&#39; is not one of: 0, ½, 1" in wrong.text
    assert not (out / "settled.json").exists()

    settled = client.post("/", data={**chosen, "token": token[1]})
    assert settled.status_code == 200
    assert "Settled 4" in settled.text and "Nothing is left to settle" in settled.text
    after = results(out)[0]
    assert after["student"] == "Ana Ruiz" and after["student_number"] == "004230"
    assert after[f"q{made['faint']}"] == right[made["faint"]]
    assert after[f"q{made['faint']}_points"] == "1"
    assert after[f"q{made['tick']}"] == made["other"] and after[f"q{made['tick']}_points"] == "0"
    assert after[f"q{made['box']}"] == "½" and after[f"q{made['box']}_points"] == "0.5"
    assert after["flags"] == ""
    assert float(after["total"]) == float(before["total"]) + 1.5
    kept = json.loads((out / "settled.json").read_text(encoding="utf-8"))
    assert kept["schema"] == "studyprint-settled/1" and len(kept["settled"]) == 4

    assert client.post("/done", data={"token": token[1]}).status_code == 200
    assert done == [True]
    return after


def test_a_damaged_settled_file_is_named(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    folder, plan = quiz
    scans(folder, plan, tmp_path / "scans")
    out = tmp_path / "results"
    out.mkdir()
    (out / "settled.json").write_text('{"schema": "something else"}', encoding="utf-8")
    result = run("grade", str(tmp_path / "scans" / "sheet1.jpg"), "--key",
                 str(folder / "plan.json"), "-o", str(out))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        f"{out / 'settled.json'}: not a file of settled answers; move it away to settle afresh\n"
    )
    assert not (out / "results.csv").exists()


def test_grade_review_serves_the_page_until_finish(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    """The real command: a page on a free loopback port, ended by its Finish button."""
    import httpx

    folder, plan = quiz
    scans(folder, plan, tmp_path / "scans")
    out = tmp_path / "results"
    process = start([sys.executable, "-m", "studyprint", "grade",
                     str(tmp_path / "scans" / "sheet0.jpg"), "--key", str(folder / "plan.json"),
                     "--review", "--no-browser", "--quiet", "-o", str(out)],
                    stdout=__import__("subprocess").PIPE, text=True,
                    env={**os.environ, "PYTHONUNBUFFERED": "1"})  # fmt: skip
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "open http" in line:
                break
        found = re.search(
            r"(\d+) answer\(s\) to settle: open (http://127\.0\.0\.1:\d+/)", lines[-1]
        )
        assert found, lines
        page = httpx.get(found[2], timeout=60).text
        token = re.search(r'name="token" value="([^"]+)"', page)
        assert token is not None and page.count("<fieldset") == int(found[1]) >= 3
        finished = httpx.post(found[2] + "done", data={"token": token[1]}, timeout=60)
        assert "Review finished" in finished.text
        rest, _ = process.communicate(timeout=60)
    finally:
        stop(process)
    assert process.returncode == 0
    assert f"settled 0 answer(s); {found[1]} left to settle" in rest
    assert (out / "results.csv").is_file()


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (.ci/run installs it)")
def test_the_review_page_works_in_a_browser(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    """A teacher's clicks: choose B for the faint mark, Save; the page says so, shows one
    fewer, and results.csv has B."""
    from playwright.sync_api import sync_playwright

    from studyprint.grade.review import Review
    from studyprint.grade.run import GradeRequest, finish, read_scans
    from studyprint.web.review import create_review_app
    from tests.test_web_page import QUIET_CHROMIUM
    from tests.webserver import serving_app

    folder, plan = quiz
    made = scans(folder, plan, tmp_path / "scans")
    out = tmp_path / "results"
    out.mkdir()
    request = GradeRequest((tmp_path / "scans" / "sheet0.jpg",), folder / "plan.json")
    read_plan, reads = read_scans(request)
    review = Review(request, read_plan, reads, out, finish(request, read_plan, reads, out))
    count = len(review.open)
    answer = made["right"][made["faint"]]
    with serving_app(create_review_app(review, lambda: None)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET_CHROMIUM)
        try:
            tab = browser.new_page(viewport={"width": 1100, "height": 900})
            tab.set_default_timeout(120_000)
            tab.goto(url)
            box = tab.locator("fieldset").filter(has_text=f"question {made['faint']}").first
            assert box.locator("img").evaluate("i => i.complete && i.naturalWidth > 200")
            box.get_by_label(answer, exact=True).check()
            tab.get_by_role("button", name="Save what I chose").click()
            assert tab.get_by_role("status").inner_text().startswith("Settled 1")
            assert tab.locator("fieldset").count() == count - 1
        finally:
            browser.close()
    assert results(out)[0][f"q{made['faint']}"] == answer
