"""Issue 33, read what students really do: a dot in the bubble, the letter circled, a
tick or an X instead of a filled bubble is never read as blank without a flag. Under
``--marks strict`` (the default) it is flagged with what it is; under ``--marks
lenient`` it is read as the answer where it is the row's only mark. Filled, hasty and
light marks read as before, and a clean sheet carries no flag."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("cv2")
pytest.importorskip("zxingcpp")

from studyprint.grade.marks import CIRCLED, NOT_FILLED
from tests.helpers import run
from tests.scanmaker import Filling, fill, photograph, render_page
from tests.test_answer_sheets import sheet_pages
from tests.test_grading import quiz, results  # noqa: F401  (the fixture)

SHAPES = ("dot", "circle", "tick", "x")
WHY = {"dot": NOT_FILLED, "tick": NOT_FILLED, "x": NOT_FILLED, "circle": CIRCLED}


def _sheets(
    folder: Path, plan: dict[str, Any], count: int, seed: int
) -> tuple[list[Any], list[dict[str, Any]]]:
    """``count`` photographed sheets; on each, four rows drawn with each shape and the
    rest filled, left blank or filled in haste."""
    from PIL import Image

    rng = random.Random(seed)
    pages = sheet_pages(folder / "quiz.pdf")
    images, expected = [], []
    for n in range(count):
        v = n % 2
        version = plan["versions"][v]
        sheet = version["answer_sheets"][0]
        dpi = rng.choice([150, 200, 300])
        blank = render_page(folder / "quiz.pdf", pages[v], dpi)
        choices = [r for r in sheet["rows"] if r["kind"] == "choice"]
        rng.shuffle(choices)
        drawn = {}
        for shape, row in zip(SHAPES, choices, strict=False):
            drawn[row["number"]] = (rng.choice([b["value"] for b in row["bubbles"]]), shape)
        answers, partial = {}, {}
        for row in choices[len(SHAPES) :]:
            if rng.random() < 0.15:
                continue
            value = rng.choice([b["value"] for b in row["bubbles"]])
            (partial if rng.random() < 0.25 else answers)[row["number"]] = value
        filling = Filling(answers, partial=partial, shapes=drawn,
                          number=f"{rng.randrange(10**6):06d}")  # fmt: skip
        image = fill(blank, sheet, filling, seed=seed * 100 + n, dpi=dpi)
        shot = photograph(
            image, angle=rng.uniform(-4, 4), scale=rng.uniform(0.95, 1.05),
            perspective=rng.choice([0, 0, rng.uniform(0.02, 0.04)]), light=rng.uniform(0, 0.35),
            blur=rng.uniform(0, 1.0), noise=rng.uniform(0, 5), quality=65, seed=n,
        )  # fmt: skip
        images.append(Image.fromarray(shot).convert("L"))
        expected.append({"answers": {**answers, **partial}, "drawn": drawn})
    return images, expected


def _grade(folder: Path, images: list[Any], out: Path, *rule: str) -> list[dict[str, str]]:
    scan = out.parent / f"{out.name}.pdf"
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=200)
    result = run("grade", str(scan), "--key", str(folder / "plan.json"), "-o", str(out),
                 "--quiet", *rule)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return results(out)


def test_dots_circles_ticks_and_crosses_are_flagged_or_read_never_blank(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    folder, plan = quiz
    images, expected = _sheets(folder, plan, 12, seed=7)
    strict = _grade(folder, images, tmp_path / "strict")
    lenient = _grade(folder, images, tmp_path / "lenient", "--marks", "lenient")

    def student_flags(row: dict[str, str]) -> set[str]:
        """Flags of the students' marks (a written item's box the teacher has still to
        mark is "not marked": no student's doing)."""
        return {f for f in row["flags"].split("; ") if f and not f.endswith(": not marked")}

    for row, loose, want in zip(strict, lenient, expected, strict=True):
        flags = student_flags(row)
        drawn_flags = {f"{q}: {WHY[shape]}" for q, (_, shape) in want["drawn"].items()}
        assert flags == drawn_flags, (row["scan"], flags ^ drawn_flags)  # nothing else flagged
        for q, (value, _) in want["drawn"].items():
            assert row[f"q{q}"] == "", (row["scan"], q)
            assert loose[f"q{q}"] == value, (loose["scan"], q)
        assert student_flags(loose) == set(), loose["flags"]
        for q, value in want["answers"].items():
            assert row[f"q{q}"] == loose[f"q{q}"] == value, (row["scan"], q)
    # graded.pdf: a legend on every page, and each flag's reason beside its row
    from pypdf import PdfReader

    pages = [p.extract_text() or "" for p in PdfReader(tmp_path / "strict" / "graded.pdf").pages]
    assert len(pages) == len(expected)
    for text, want in zip(pages, expected, strict=True):
        squeezed = " ".join(text.split())
        assert "right answer" in squeezed and "flagged for you to look at" in squeezed
        shapes = {shape for _, shape in want["drawn"].values()}
        if shapes & {"dot", "tick", "x"}:
            assert "dot, tick or X: not filled" in squeezed
        if "circle" in shapes:
            assert "circled, not filled" in squeezed


def test_marks_takes_strict_or_lenient(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    folder, _ = quiz
    result = run("grade", str(folder / "quiz.pdf"), "--key", str(folder / "plan.json"),
                 "--marks", "loose", "-o", str(tmp_path / "r"))  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == "error: --marks takes strict or lenient, not 'loose'\n"
    assert not (tmp_path / "r").exists()


def test_a_broken_picture_or_pdf_is_listed_in_unread_csv_and_the_run_goes_on(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    """Issue 33: one undecodable image stopped the whole run. Now each page that cannot
    be read is a row of unread.csv (its file, its page, why) and the rest are graded."""
    folder, plan = quiz
    images, _ = _sheets(folder, plan, 3, seed=11)
    good = []
    for n, image in enumerate(images):
        good.append(tmp_path / f"sheet{n}.png")
        image.save(good[-1])
    broken = tmp_path / "phone.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a picture")
    damaged = tmp_path / "copier.pdf"
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    out = tmp_path / "results"
    result = run("grade", str(good[0]), str(broken), str(good[1]), str(damaged), str(good[2]),
                 "--key", str(folder / "plan.json"), "-o", str(out), "--quiet")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = results(out)
    graded = [r for r in rows if r["version"]]
    assert [Path(r["scan"]).name for r in graded] == ["sheet0.png", "sheet1.png", "sheet2.png"]
    unread = (out / "unread.csv").read_text(encoding="utf-8").splitlines()
    assert unread[0] == "file,page,why"
    assert unread[1].startswith(f"{broken},1,cannot be read as a picture")
    assert unread[2].startswith(f"{damaged},1,")
    assert len(unread) == 3
    assert f"{broken}: cannot be graded: cannot be read as a picture" in result.stderr


def test_the_same_sheet_scanned_twice_is_counted_once(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    """Issue 33: the same page scanned twice gave two rows and no warning."""
    folder, plan = quiz
    images, _ = _sheets(folder, plan, 2, seed=13)
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    images[0].save(first)
    images[1].save(second)
    again = tmp_path / "a-again.png"
    images[0].save(again)
    out = tmp_path / "results"
    result = run("grade", str(first), str(second), str(again), "--key",
                 str(folder / "plan.json"), "-o", str(out), "--quiet")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    graded = [r for r in results(out) if r["version"]]
    assert [Path(r["scan"]).name for r in graded] == ["a.png", "b.png"]
    unread = (out / "unread.csv").read_text(encoding="utf-8").splitlines()
    assert unread[1:] == [f'{again},1,"the same sheet as {first}, scanned again: counted once"']


def test_a_number_off_the_roster_is_flagged_with_the_nearest_and_a_blank_one_too(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    """Issue 33: a mis-bubbled digit gave a wrong number with no flag even when the roster
    had no such student; a number written but not bubbled gave an empty number and no
    flag."""
    from PIL import Image

    folder, plan = quiz
    sheet = plan["versions"][0]["answer_sheets"][0]
    blank = render_page(folder / "quiz.pdf", sheet_pages(folder / "quiz.pdf")[0])
    choices = [r for r in sheet["rows"] if r["kind"] == "choice"]
    answers = {r["number"]: r["bubbles"][0]["value"] for r in choices}
    scans = []
    for n, number in enumerate(("004217", "004277", "")):  # right; one digit off; none
        image = fill(blank, sheet, Filling(answers, number=number), seed=n)
        scans.append(tmp_path / f"s{n}.png")
        Image.fromarray(photograph(image, angle=1.5, seed=n)).save(scans[-1])
    roster = tmp_path / "class.csv"
    roster.write_text("name,id\nAna Ruiz,004217\nBo Chen,004219\nCy Diaz,118800\n", "utf-8")
    out = tmp_path / "results"
    result = run("grade", *map(str, scans), "--key", str(folder / "plan.json"),
                 "--roster", str(roster), "-o", str(out), "--quiet")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    right, off, none = results(out)
    assert (right["student"], right["student_number"]) == ("Ana Ruiz", "004217")
    assert not right["flags"].startswith("student number")
    assert off["student"] == ""
    assert off["flags"].startswith(
        "student number 004277 is not on the roster (nearest: 004217 Ana Ruiz, 004219 Bo Chen)"
    )
    assert none["student_number"] == ""
    assert none["flags"].startswith("no student number bubbled (written only?)")


def test_a_teachers_tick_or_x_in_a_mark_box_is_read(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    """Issue 33: a tick in the teacher's box of a written item was not read."""
    from PIL import Image

    folder, plan = quiz
    sheet = plan["versions"][0]["answer_sheets"][0]
    blank = render_page(folder / "quiz.pdf", sheet_pages(folder / "quiz.pdf")[0], 150)
    boxes = [r for r in sheet["rows"] if r["kind"] == "mark"]
    assert len(boxes) >= 2
    rng = random.Random(5)
    scans, wanted = [], []
    for n in range(4):
        ticks, crosses = {}, {}
        for k, row in enumerate(boxes):
            value = rng.choice([b["value"] for b in row["bubbles"]])
            (ticks if (k + n) % 2 else crosses)[row["number"]] = value
        image = fill(blank, sheet, Filling(marks=crosses, ticks=ticks, number=f"00000{n}"),
                     seed=n, dpi=150)  # fmt: skip
        scans.append(tmp_path / f"t{n}.png")
        Image.fromarray(photograph(image, angle=rng.uniform(-3, 3), blur=rng.uniform(0, 1.2),
                                   noise=4, quality=60, seed=n)).save(scans[-1])  # fmt: skip
        wanted.append({**ticks, **crosses})
    out = tmp_path / "results"
    result = run("grade", *map(str, scans), "--key", str(folder / "plan.json"), "-o", str(out),
                 "--quiet")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for row, want in zip(results(out), wanted, strict=True):
        for q, value in want.items():
            assert row[f"q{q}"] == value, (row["scan"], q, row["flags"])
        assert "not marked" not in row["flags"] and "doubtful" not in row["flags"], row["flags"]


def test_a_page_2_behind_another_students_page_1_is_never_merged_into_it(
    tmp_path: Path,
) -> None:
    """Issue 33: page 2 of one student stapled behind another's page 1 was graded as the
    first student's. Every sheet carries the number grid; a later sheet whose number
    differs starts a copy of its own, and both copies say which sheet they miss."""
    import json

    from PIL import Image

    from tests.test_answer_sheets import big_deck

    deck = big_deck(tmp_path, 120)
    plan_file, quiz_pdf = tmp_path / "plan.json", tmp_path / "quiz.pdf"
    made = run("quiz", str(deck), "--count", "80", "--types", "mc,tf", "--seed", "4",
               "--answer-sheet", "--plan", str(plan_file), "-o", str(quiz_pdf))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    version = json.loads(plan_file.read_text(encoding="utf-8"))["versions"][0]
    sheets = version["answer_sheets"]
    assert len(sheets) == 2
    pages = sheet_pages(quiz_pdf)
    rng = random.Random(9)

    def shot(s: int, number: str) -> Any:
        rows = [r for r in sheets[s]["rows"] if r["kind"] == "choice"]
        answers = {r["number"]: rng.choice([b["value"] for b in r["bubbles"]]) for r in rows}
        image = fill(render_page(quiz_pdf, pages[s]), sheets[s], Filling(answers, number=number))
        return Image.fromarray(photograph(image, angle=rng.uniform(-2, 2), seed=s))

    order = [shot(0, "111111"), shot(1, "222222"), shot(0, "222222"), shot(1, "111111")]
    scan = tmp_path / "stack.pdf"
    order[0].save(scan, save_all=True, append_images=order[1:], resolution=200)
    out = tmp_path / "results"
    result = run("grade", str(scan), "--key", str(plan_file), "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.stderr
    rows = results(out)
    assert [r["student_number"] for r in rows] == ["111111", "222222", "222222", "111111"]
    missing = [r["flags"].split("; ")[0] for r in rows]
    assert missing == ["sheet 2 missing", "sheet 1 missing", "sheet 2 missing", "sheet 1 missing"]
