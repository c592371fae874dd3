"""Answer sheets (issue 16, part 1): what is printed, read back from the PDF.

The plan file carries every sheet's geometry for the grader; these tests check
that the PDF puts each marker, bubble and printed code where the plan says,
that sizes suit a pencil and a scanner, and that every sheet names itself.
"""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import pdfplumber
import pytest

from studyprint.products.answers.geometry import (
    BUBBLE,
    ROW,
    Row,
    fits,
    plan_sheets,
    read_payload,
)
from tests.helpers import run, sample_decks

THERAPY = next(p for p in sample_decks() if p.stem == "therapy")
MM = 72 / 25.4


def big_deck(folder: Path, terms: int) -> Path:
    """A vocabulary deck of ``terms`` different words, for long quizzes."""
    lines = ["title: Big deck", "terms:"]
    for i in range(terms):
        lines += [f"  - term: word{i:03d}", f"    definition: meaning number {i} of the list"]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def centre_mm(shape: dict[str, float]) -> tuple[float, float]:
    """A pdfplumber shape's centre, in millimetres from the page's top-left."""
    x = (shape["x0"] + shape["x1"]) / 2 / MM
    y = (shape["top"] + shape["bottom"]) / 2 / MM
    return round(x, 1), round(y, 1)


def dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)


def codes_on(pdf: Path, pages: list[int]) -> list[str]:
    """The printed codes on these pages, read from a 150 dpi rendering."""
    zxingcpp = pytest.importorskip("zxingcpp")
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    found = []
    for index in pages:
        image = document[index].render(scale=150 / 72, grayscale=True).to_numpy()
        found += [r.text for r in zxingcpp.read_barcodes(image)]
    return found


def sheet_pages(pdf: Path) -> list[int]:
    with pdfplumber.open(pdf) as document:
        return [
            i for i, page in enumerate(document.pages)
            if (page.extract_text() or "").startswith("Answer sheet")
        ]  # fmt: skip


def test_sizes_suit_a_pencil_and_sixty_answers_fit_a_sheet() -> None:
    rows = [Row(n, ("A", "B", "C", "D")) for n in range(1, 131)]
    for page in ((215.9, 279.4), (210.0, 297.0)):  # Letter, A4
        sheets = plan_sheets(rows, code="ABCD", letter="B", page=page, id_digits=8)
        assert [len(s.rows) for s in sheets] == [60, 60, 10]
        assert [read_payload(s.payload) for s in sheets] == [("ABCD", "B", n, 3) for n in (1, 2, 3)]
        assert BUBBLE >= 4 and ROW >= 6
        assert fits(10, page[0])  # a matching block of 8 terms and 2 extra meanings
        for sheet in sheets:
            (left, top), _, (right, bottom), _ = sheet.markers
            assert min(left, top, page[0] - right, page[1] - bottom) >= 8 + 3  # printable
            every = [b for row in sheet.rows for b in row.bubbles]
            every += [b for column in sheet.id_bubbles for b in column]
            for b in every:  # inside the markers, clear of the printed code
                assert left < b.x < right and top < b.y < bottom
                x0, y0, side = sheet.code
                assert not (x0 - 3 < b.x < x0 + side + 3 and y0 - 3 < b.y < y0 + side + 3)
            x0, y0, side = sheet.code
            for mx, my in sheet.markers:  # the code never touches a marker
                assert mx + 3 < x0 or mx - 3 > x0 + side or my - 3 > y0 + side or my + 3 < y0
            ys = sorted({round(row.y, 2) for row in sheet.rows})
            assert all(b - a >= 6 for a, b in itertools.pairwise(ys))
            centres = sorted((round(b.x, 1), round(b.y, 1)) for b in every)
            assert len(centres) == len(set(centres))


def test_every_copy_gets_its_sheets_where_the_plan_says(tmp_path: Path) -> None:
    deck = big_deck(tmp_path, 90)
    out, plan = tmp_path / "quiz.pdf", tmp_path / "plan.json"
    result = run("quiz", str(deck), "--count", "75", "--types", "mc,tf,match,written",
                 "--versions", "2", "--seed", "11", "--answer-sheet", "--plan", str(plan),
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(plan.read_text(encoding="utf-8"))
    pages = sheet_pages(out)
    expected = [s["code"] for v in data["versions"] for s in v["answer_sheets"]]
    assert len(pages) == len(expected) >= 4  # 75 answers: two sheets a version
    assert codes_on(out, pages) == expected
    with pdfplumber.open(out) as document:
        for index, sheet in zip(pages, (s for v in data["versions"] for s in v["answer_sheets"]),
                                strict=True):  # fmt: skip
            page = document.pages[index]
            squares = [
                r for r in page.rects
                if r["fill"] and abs(r["width"] - 6 * MM) < 0.3 and abs(r["height"] - 6 * MM) < 0.3
            ]  # fmt: skip
            centres = sorted(
                (
                    round((r["x0"] + r["x1"]) / 2 / MM, 1),
                    round((r["top"] + r["bottom"]) / 2 / MM, 1),
                )
                for r in squares
            )
            assert centres == sorted((round(x, 1), round(y, 1)) for x, y in sheet["markers_mm"])
            letters = {(round(c["x0"] / MM), round(c["top"] / MM), c["text"]) for c in page.chars}
            for row in sheet["rows"]:
                for bubble in row["bubbles"]:
                    # each letter sits inside its bubble, as the plan places it
                    near = [
                        c for c in page.chars
                        if c["text"] == bubble["value"][0]
                        and abs((c["x0"] + c["x1"]) / 2 / MM - bubble["x"]) < BUBBLE / 2
                        and abs((c["top"] + c["bottom"]) / 2 / MM - bubble["y"]) < BUBBLE / 2
                    ]  # fmt: skip
                    assert near, (row["number"], bubble, len(letters))
    # the rows answer the items as printed: a matching block gives a row per term
    for version in data["versions"]:
        rows = [row for s in version["answer_sheets"] for row in s["rows"]]
        assert [r["number"] for r in rows] == list(range(1, version["questions"] + 1))
        for item in version["items"]:
            mine = [r for r in rows if r["number"] in item["numbers"]]
            if item["options"]:
                assert all(r["kind"] == "choice" for r in mine)
                assert all(len(r["bubbles"]) == len(item["options"]) for r in mine)
            else:
                assert [r["kind"] for r in mine] == ["mark"]


def test_a_packet_prefills_each_students_name_and_number(tmp_path: Path) -> None:
    (tmp_path / THERAPY.name).write_bytes(THERAPY.read_bytes())
    with (tmp_path / "roster.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["name", "id"], ["Ana Ruiz", "1042"], ["Omar Haddad", "x-77"]]
        )
    manifest = tmp_path / "unit.yaml"
    manifest.write_text(
        f"title: Unit\ndecks: [{THERAPY.name}]\ninclude: [quiz]\nroster: roster.csv\n"
        "quiz: {count: 10, versions: 2, seed: 5, answer_sheet: true}\n",
        encoding="utf-8",
    )
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet")
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "out" / "unit"
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in plan["versions"]] == ["A", "B"]
    for student, number, letter in (("01-Ana-Ruiz", "001042", "A"), ("02-Omar-Haddad", "", "B")):
        pdf = folder / "students" / f"{student}.pdf"
        (page,) = sheet_pages(pdf)
        with pdfplumber.open(pdf) as document:
            sheet = document.pages[page]
            text = sheet.extract_text() or ""
            assert f"Version {letter}" in text.splitlines()[0]
            assert ("Name: Ana Ruiz" in text) == (student == "01-Ana-Ruiz")
            version = next(v for v in plan["versions"] if v["version"] == letter)
            grid = version["answer_sheets"][0]["student_number"]
            filled = []
            for column in grid:  # a filled bubble is a black disc over the digit
                for bubble in column:
                    discs = [c for c in sheet.curves if c.get("fill")]
                    if any(dist(centre_mm(c), (bubble["x"], bubble["y"])) < 1 for c in discs):
                        filled.append(bubble["digit"])
            assert "".join(filled) == number  # "x-77" is no number: left to the student
        assert codes_on(pdf, [page]) == [f"SP1:{version['code']}:{letter}:1/1"]


def test_the_student_number_grid_follows_the_layout(tmp_path: Path) -> None:
    layout = tmp_path / "short.yaml"
    layout.write_text("extends: letter\nquiz: {id_digits: 0}\n", encoding="utf-8")
    plan = tmp_path / "p.json"
    result = run("quiz", str(THERAPY), "--seed", "2", "--answer-sheet", "--layout", str(layout),
                 "--plan", str(plan), "-o", str(tmp_path / "q.pdf"))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    sheet = json.loads(plan.read_text(encoding="utf-8"))["versions"][0]["answer_sheets"][0]
    assert sheet["student_number"] == []
    with pdfplumber.open(tmp_path / "q.pdf") as document:
        page = document.pages[sheet_pages(tmp_path / "q.pdf")[0]]
        assert "Student number" not in (page.extract_text() or "")
    layout.write_text("extends: letter\nquiz: {id_digits: 14}\n", encoding="utf-8")
    bad = run("quiz", str(THERAPY), "--answer-sheet", "--layout", str(layout))
    assert bad.exit_code == 1
    assert bad.stderr == f"{layout}:2:19: 'id_digits' must be at least 0 and at most 10, found 14\n"


def test_sheets_speak_the_page_language(tmp_path: Path) -> None:
    out = tmp_path / "q.pdf"
    result = run("quiz", str(THERAPY), "--seed", "2", "--answer-sheet", "--page-language", "es",
                 "--types", "tf,mc", "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    with pdfplumber.open(out) as document:
        texts = [p.extract_text() or "" for p in document.pages]
    sheet = next(t for t in texts if t.startswith("Hoja de respuestas"))
    assert "Número de estudiante" in sheet
    assert "V" in sheet.split() and "F" in sheet.split()  # Verdadero / Falso bubbles
