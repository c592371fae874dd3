"""Grading scans (issue 16, part 2): filled-in sheets, photographed and scanned
badly on purpose, read back into the right answers, points and flags."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("cv2")
pytest.importorskip("zxingcpp")

from tests.helpers import normalise, run, sample_decks
from tests.scanmaker import Filling, fill, photograph, render_page
from tests.test_answer_sheets import sheet_pages

THERAPY = next(p for p in sample_decks() if p.stem == "therapy")


@pytest.fixture(scope="module")
def quiz(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Two versions of an 18-question quiz with answer sheets, and its plan."""
    from tests.test_answer_sheets import big_deck

    folder = tmp_path_factory.mktemp("graded")
    deck = big_deck(folder, 60)
    result = run("quiz", str(deck), "--seed", "3", "--versions", "2", "--answer-sheet",
                 "--count", "18", "--types", "mc,tf,match,written",
                 "--plan", str(folder / "plan.json"), "-o", str(folder / "quiz.pdf"))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return folder, json.loads((folder / "plan.json").read_text(encoding="utf-8"))


def right_answers(version: dict[str, Any]) -> dict[int, str]:
    """Every gradable row's right bubble, from the plan."""
    sheet_rows = {r["number"]: r for s in version["answer_sheets"] for r in s["rows"]}
    right = {}
    for item in version["items"]:
        for k, number in enumerate(item["numbers"]):
            row = sheet_rows[number]
            if row["kind"] == "choice":
                right[number] = row["bubbles"][item["correct"][k]]["value"]
    return right


def results(folder: Path) -> list[dict[str, str]]:
    text = (folder / "results.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_class_set_of_bad_scans_is_graded_right(
    quiz: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """Rotation up to 10°, 90-110 % scale, perspective, a dark side, noise, blur,
    JPEG, upside down: every answer read as filled, the marks scored with the plan."""
    import cv2

    folder, plan = quiz
    pages = sheet_pages(folder / "quiz.pdf")
    photos = [
        {"angle": 0},
        {"angle": 7, "scale": 0.93},
        {"angle": -10, "scale": 1.08, "light": 0.45, "noise": 6, "quality": 60},
        {"perspective": 0.06, "angle": 3, "light": 0.5, "quality": 70},
        {"turns": 2, "angle": 4},
        {"angle": 10, "scale": 0.90},
        {"scale": 1.10, "blur": 1.0},
    ]
    expected = []
    scans = []
    for n, how in enumerate(photos):
        version = plan["versions"][n % 2]
        sheet = version["answer_sheets"][0]
        right = right_answers(version)
        numbers = sorted(right)
        # a student who gets the first half right, the next one wrong, leaves one blank,
        # marks two in another, and whose written answers the teacher marked 1 and ½
        answers = {q: right[q] for q in numbers[:3]}
        wrong = next(b["value"] for r in sheet["rows"] if r["number"] == numbers[3]
                     for b in r["bubbles"] if b["value"] != right[numbers[3]])  # fmt: skip
        answers[numbers[3]] = wrong
        answers[numbers[5]] = right[numbers[5]] + wrong if wrong != right[numbers[5]] else "AB"
        written = [r["number"] for r in sheet["rows"] if r["kind"] == "mark"]
        filling = Filling(answers, marks={written[0]: "1", written[1]: "½"}, number=f"{n:06d}")
        image = fill(render_page(folder / "quiz.pdf", pages[n % 2]), sheet, filling, seed=n)
        path = tmp_path / f"scan{n}.jpg"
        cv2.imwrite(str(path), photograph(image, seed=n, **how))
        scans.append(str(path))
        expected.append((filling, right, numbers, written, version["version"]))
    out = tmp_path / "results"
    result = run("grade", *scans, "--key", str(folder / "plan.json"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    rows = results(out)
    assert len(rows) == len(photos)
    for row, (filling, right, numbers, written, letter) in zip(rows, expected, strict=True):
        assert row["version"] == letter
        assert row["student_number"] == filling.number
        for q in numbers[:3]:
            assert (row[f"q{q}"], row[f"q{q}_points"]) == (right[q], "1")
        assert row[f"q{numbers[3]}_points"] == "0" and row[f"q{numbers[3]}"] != right[numbers[3]]
        assert row[f"q{numbers[4]}"] == ""  # left blank
        assert row[f"q{numbers[5]}"] == "*" and f"{numbers[5]}: two marks" in row["flags"]
        assert (row[f"q{written[0]}"], row[f"q{written[0]}_points"]) == ("1", "1")
        assert (row[f"q{written[1]}"], row[f"q{written[1]}_points"]) == ("½", "0.5")
        assert f"{written[2]}: not marked" in row["flags"]
        assert row["total"] == "4.5" and row["out_of"] == str(len(numbers) + len(written))


def test_a_light_mark_is_flagged_and_a_stranger_page_is_named(
    quiz: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    import cv2

    folder, plan = quiz
    version = plan["versions"][0]
    sheet = version["answer_sheets"][0]
    first = sheet["rows"][0]
    filling = Filling(light={first["number"]: first["bubbles"][1]["value"]})
    page = fill(render_page(folder / "quiz.pdf", sheet_pages(folder / "quiz.pdf")[0]), sheet,
                filling)  # fmt: skip
    cv2.imwrite(str(tmp_path / "light.png"), photograph(page, angle=2))
    quiz_page = render_page(folder / "quiz.pdf", 0)  # a question page, not a sheet
    cv2.imwrite(str(tmp_path / "question.png"), quiz_page)
    out = tmp_path / "results"
    result = run("grade", str(tmp_path / "light.png"), str(tmp_path / "question.png"),
                 "--key", str(folder / "plan.json"), "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"{tmp_path / 'question.png'}: cannot be graded: no studyprint code found (is this an "
        "answer sheet, scanned whole and in focus?)\n"
    )
    graded, unreadable = results(out)
    assert graded[f"q{first['number']}"] == ""  # never guessed
    import pdfplumber

    with pdfplumber.open(out / "graded.pdf") as document:  # the readable page, annotated
        (page,) = document.pages
        assert normalise(page.extract_text() or "").startswith(  # a long path wraps
            f"{tmp_path / 'light.png'} · student ? · version A · sheet 1 of 1"
        )
        orange = [r for r in page.rects
                  if [round(c, 2) for c in r["stroking_color"]] == [0.9, 0.49, 0.13]]  # fmt: skip
        flagged = [f for f in graded["flags"].split("; ") if f.split(":")[0].isdigit()]
        # the doubtful row, unmarked written ones, and the legend's sample at the foot
        assert len(orange) == len(flagged) + 1 > 2
    assert f"{first['number']}: doubtful mark" in graded["flags"]
    assert unreadable["flags"].startswith("unreadable: no studyprint code found")
    assert unreadable["scan"] == str(tmp_path / "question.png")


def test_a_scanned_pdf_with_two_sheets_per_copy_and_a_penalty(tmp_path: Path) -> None:
    """A copier's scan-to-PDF: every page read, sheets 1 and 2 one copy; wrong
    answers lose a quarter point with --penalty 0.25."""
    from PIL import Image

    from tests.test_answer_sheets import big_deck

    deck = big_deck(tmp_path, 90)
    plan_path = tmp_path / "plan.json"
    made = run("quiz", str(deck), "--count", "70", "--types", "mc", "--seed", "5",
               "--answer-sheet", "--plan", str(plan_path),
               "-o", str(tmp_path / "q.pdf"))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    version = json.loads(plan_path.read_text(encoding="utf-8"))["versions"][0]
    right = right_answers(version)
    pages = sheet_pages(tmp_path / "q.pdf")
    assert len(pages) == len(version["answer_sheets"]) == 2
    images = []
    for page, sheet in zip(pages, version["answer_sheets"], strict=True):
        mine = {r["number"] for r in sheet["rows"]}
        answers = {q: v for q, v in right.items() if q in mine and q % 10}  # every 10th blank
        answers.update({q: "A" if right[q] != "A" else "B" for q in mine if q % 7 == 0})
        image = fill(render_page(tmp_path / "q.pdf", page), sheet, Filling(answers, number="12"))
        images.append(Image.fromarray(photograph(image, angle=1.5, noise=3)))
    scan = tmp_path / "scan.pdf"
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=200)
    out = tmp_path / "results"
    result = run("grade", str(scan), "--key", str(plan_path), "--penalty", "0.25", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    (row,) = results(out)
    wrong = [q for q in right if q % 7 == 0]
    blank = [q for q in right if q % 10 == 0 and q % 7]
    expected = len(right) - len(wrong) - len(blank) - 0.25 * len(wrong)
    assert float(row["total"]) == pytest.approx(expected)
    assert row["student_number"] == "12????"  # two digits filled, four left empty
    assert "student number unclear" in row["flags"]


def test_grading_mistakes_are_one_line_messages(
    quiz: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    folder, _ = quiz
    plain = tmp_path / "plain.json"
    assert run("quiz", str(THERAPY), "--seed", "3", "--plan", str(plain),
               "-o", str(tmp_path / "q.pdf")).exit_code == 0  # fmt: skip
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    cases = [
        (["grade", str(folder / "quiz.pdf"), "--key", str(plain)],
         f"error: {plain}: this quiz was printed without answer sheets; print it with "
         "--answer-sheet"),
        (["grade", str(tmp_path / "notes.txt"), "--key", str(folder / "plan.json")],
         f"error: {tmp_path / 'notes.txt'}: not a PDF, PNG or JPEG scan"),
        (["grade", str(folder / "quiz.pdf"), "--key", str(tmp_path / "notes.txt")],
         f"error: {tmp_path / 'notes.txt'}: not a quiz plan (JSON) (Expecting value: line 1 "
         "column 1 (char 0))"),
        (["grade", str(folder / "quiz.pdf"), "--key", str(folder / "plan.json"), "--penalty",
          "nan"], "error: --penalty must be from 0 to 1, not nan"),
    ]  # fmt: skip
    for args, message in cases:
        result = run(*args, "-o", str(tmp_path / "r"))
        assert result.exit_code in (1, 2), result.stderr
        assert result.stderr == message + "\n"
        assert not (tmp_path / "r" / "results.csv").exists()


def test_a_packets_sheets_are_graded_with_the_students_names(tmp_path: Path) -> None:
    """A packet prints each student's number on their sheet; grading its scans with
    the packet's plan.json names them from assignments.csv beside it."""
    import cv2

    (tmp_path / THERAPY.name).write_bytes(THERAPY.read_bytes())
    (tmp_path / "roster.csv").write_text(
        "name,id\nAna Ruiz,1042\nفاطمة الزهراء,77\n", encoding="utf-8"
    )
    (tmp_path / "unit.yaml").write_text(
        f"title: Unit\ndecks: [{THERAPY.name}]\ninclude: [quiz]\nroster: roster.csv\n"
        "quiz: {count: 10, versions: 2, seed: 5, answer_sheet: true}\n",
        encoding="utf-8",
    )
    made = run("packet", str(tmp_path / "unit.yaml"), "-o", str(tmp_path / "out"), "--jobs", "1",
               "--quiet")  # fmt: skip
    assert made.exit_code == 0, made.stderr
    folder = tmp_path / "out" / "unit"
    scans = []
    for n, student in enumerate(sorted((folder / "students").iterdir())):
        (page,) = sheet_pages(student)
        path = tmp_path / f"scan{n}.png"
        cv2.imwrite(str(path), photograph(render_page(student, page), angle=2 - 4 * n))
        scans.append(str(path))
    result = run("grade", *scans, "--key", str(folder / "plan.json"), "-o", str(tmp_path / "r"))
    assert result.exit_code == 0, result.stderr
    rows = results(tmp_path / "r")
    assert [(r["student"], r["student_number"], r["version"]) for r in rows] == [
        ("Ana Ruiz", "001042", "A"),
        ("فاطمة الزهراء", "000077", "B"),
    ]


def test_a_damaged_plan_is_named_not_a_crash(
    quiz: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    folder, plan = quiz
    broken = json.loads(json.dumps(plan))
    broken["versions"][1]["answer_sheets"][0]["rows"][2]["bubbles"][0]["x"] = "wide"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    result = run("grade", str(folder / "quiz.pdf"), "--key", str(path), "-o", str(tmp_path / "r"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}: versions[1].answer_sheets[0].rows[2].bubbles must hold bubbles with "
        "'value', 'x' and 'y'; this plan file was changed or damaged (print the quiz again "
        "with --plan)\n"
    )


def class_set(
    count: int, folder: Path, plan: dict[str, Any], tmp_path: Path, first: int = 0
) -> None:
    """``count`` students' sheets (numbered from ``first``), filled and scanned as a
    copier or a phone would, in one multi-page PDF; graded at once; every mark checked
    against what was drawn."""
    import random

    from PIL import Image

    rng = random.Random(f"{first}+{count}")
    pages = sheet_pages(folder / "quiz.pdf")
    blanks: dict[tuple[int, int], Any] = {}
    images, expected = [], []
    for n in range(first, first + count):
        v = n % 2
        version = plan["versions"][v]
        sheet = version["answer_sheets"][0]
        dpi = rng.choice([150, 200, 300])
        if (v, dpi) not in blanks:
            blanks[v, dpi] = render_page(folder / "quiz.pdf", pages[v], dpi)
        choices = [r for r in sheet["rows"] if r["kind"] == "choice"]
        rng.shuffle(choices)
        double, light, *rest = choices
        answers, partial, want = {}, {}, {}
        for row in rest:
            if rng.random() < 0.2:
                continue  # left blank
            value = rng.choice([b["value"] for b in row["bubbles"]])
            (partial if rng.random() < 0.25 else answers)[row["number"]] = value
            want[row["number"]] = value
        two = rng.sample([b["value"] for b in double["bubbles"]], 2)
        answers[double["number"]] = "".join(two)
        filling = Filling(answers, light={light["number"]: light["bubbles"][0]["value"]},
                          partial=partial, number=f"{rng.randrange(10**6):06d}")  # fmt: skip
        image = fill(blanks[v, dpi], sheet, filling, seed=n, dpi=dpi)
        shot = photograph(
            image, angle=rng.uniform(-5, 5), scale=rng.uniform(0.95, 1.05),
            perspective=rng.choice([0, 0, rng.uniform(0.02, 0.05)]), light=rng.uniform(0, 0.4),
            blur=rng.uniform(0, 1.2), noise=rng.uniform(0, 6), quality=60, seed=n,
        )  # fmt: skip
        images.append(Image.fromarray(shot).convert("L"))
        images[-1].info["dpi"] = (dpi, dpi)
        expected.append((version["version"], filling.number, want, double["number"],
                         light["number"], [r["number"] for r in sheet["rows"]]))  # fmt: skip
    scan = tmp_path / "class.pdf"
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=200)
    out = tmp_path / "results"
    result = run("grade", str(scan), "--key", str(folder / "plan.json"), "-o", str(out),
                 "--quiet")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = results(out)
    assert len(rows) == count and all(r["version"] for r in rows)  # none unreadable
    for row, (letter, number, want, double, light, numbers) in zip(rows, expected, strict=True):
        assert (row["version"], row["student_number"]) == (letter, number)  # no mix-ups
        flags = row["flags"].split("; ")
        assert row[f"q{double}"] == "*" and f"{double}: two marks" in flags
        assert row[f"q{light}"] == "" and f"{light}: doubtful mark" in flags
        for q in numbers:
            if q not in (double, light) and f"q{q}" in row and q in want:
                assert row[f"q{q}"] == want[q], (row["scan"], q)
            elif q not in (double, light) and q not in want and row[f"q{q}"] not in ("0", "½", "1"):
                assert row[f"q{q}"] == "", (row["scan"], q)


@pytest.mark.parametrize("part", range(8))
def test_two_hundred_distorted_sheets_read_every_mark(
    part: int, quiz: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """200 students' sheets in eight class sets of 25 (so the suite's workers share them)."""
    folder, plan = quiz
    class_set(25, folder, plan, tmp_path, first=25 * part)


def test_dask_grades_the_same_as_this_machine(
    quiz: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """A school's scans go to the Dask scheduler packets use; the results are the same."""
    import cv2

    distributed = pytest.importorskip("distributed")
    folder, plan = quiz
    sheet = plan["versions"][0]["answer_sheets"][0]
    rows = [r for r in sheet["rows"] if r["kind"] == "choice"][:4]
    blank = render_page(folder / "quiz.pdf", sheet_pages(folder / "quiz.pdf")[0])
    for n, number in enumerate(("314159", "271828")):  # two students (one scanned twice
        answers = {r["number"]: r["bubbles"][1]["value"] for r in rows}  # is counted once)
        page = fill(blank, sheet, Filling(answers, number=number))
        cv2.imwrite(str(tmp_path / f"s{n}.png"), photograph(page, angle=3 * n - 1, seed=n))
    scans = [str(tmp_path / f"s{n}.png") for n in range(2)]
    local = run("grade", *scans, "--key", str(folder / "plan.json"), "-o", str(tmp_path / "a"),
                "--jobs", "1")  # fmt: skip
    assert local.exit_code == 0, local.stderr
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                  silence_logs=50) as cluster:  # fmt: skip
        remote = run("grade", *scans, "--key", str(folder / "plan.json"), "-o",
                     str(tmp_path / "b"), "--scheduler", cluster.scheduler_address)  # fmt: skip
    assert remote.exit_code == 0, remote.stderr
    assert results(tmp_path / "a") == results(tmp_path / "b")
    assert [r["student_number"] for r in results(tmp_path / "b")] == ["314159", "271828"]
