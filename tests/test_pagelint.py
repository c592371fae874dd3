"""The layout lint catches each fault on a PDF made to have it, and passes a clean one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from studyprint.text import fonts
from tests.pagelint import lint

FACE = fonts.face_name("FiraGO")
TOP = 792 - 72  # a line near the top of a Letter page


def made(tmp_path: Path, draw: Callable[[Canvas], None], pages: int = 1) -> Path:
    """A Letter PDF; ``draw`` paints every page but the last, which gets one line."""
    path = tmp_path / "made.pdf"
    canvas = Canvas(str(path), pagesize=(612, 792), invariant=1)
    for index in range(pages):
        canvas.setFont(FACE, 11)
        if index < pages - 1 or pages == 1:
            draw(canvas)
        else:
            canvas.drawString(72, TOP, "The last page may be short.")
        canvas.showPage()
    canvas.save()
    return path


def full_page(canvas: Canvas) -> None:
    for row in range(45):
        canvas.drawString(72, TOP - row * 14, f"Line {row} of a page that is full of text.")


def kinds(path: Path, **options: object) -> set[str]:
    return {fault.kind for fault in lint(path, **options)}  # type: ignore[arg-type]


def test_a_clean_page_passes(tmp_path: Path) -> None:
    assert lint(made(tmp_path, full_page, pages=2)) == []


def test_overlapping_lines(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        full_page(canvas)
        canvas.drawString(80, TOP - 3, "Class/Period")  # lands on the first line

    assert "overlap" in kinds(made(tmp_path, draw))


def test_subscripts_are_not_collisions(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        full_page(canvas)
        canvas.drawString(72, 60, "Water is H")
        canvas.drawString(72 + canvas.stringWidth("Water is H", FACE, 11), 57, "2")

    assert "overlap" not in kinds(made(tmp_path, draw))


def test_text_outside_the_printable_margin(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        full_page(canvas)
        canvas.drawString(8, 300, "too near the edge")

    faults = lint(made(tmp_path, draw))
    assert [f.kind for f in faults] == ["margin"]
    assert "'to'" in faults[0].detail


def test_a_word_broken_across_lines(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        full_page(canvas)
        canvas.drawString(300, 200, "all about transferenc")
        canvas.drawString(300, 187, "e and more")

    path = made(tmp_path, draw)
    assert "broken-word" in kinds(path, vocabulary={"transference", "about"})
    assert "broken-word" not in kinds(path, vocabulary={"about"})


def test_a_half_empty_page_before_more(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        for row in range(12):
            canvas.drawString(72, TOP - row * 14, f"Line {row}")

    path = made(tmp_path, draw, pages=2)
    faults = lint(path)
    assert [(f.kind, f.page) for f in faults] == [("fill", 1)]
    assert lint(path, check_fill=False) == []


def test_text_below_the_minimum_size(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        full_page(canvas)
        canvas.setFont(FACE, 5.5)
        canvas.drawString(72, 60, "tiny card number")

    assert kinds(made(tmp_path, draw)) == {"small-text"}
    assert kinds(made(tmp_path, draw), min_size=5) == set()


@pytest.mark.parametrize("size", [11, 18])
def test_lines_of_mixed_fonts_are_one_line(size: int, tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        full_page(canvas)
        canvas.setFont(FACE, size)
        canvas.drawString(72, 80, "A verb:")
        canvas.setFont(fonts.face_name("KurintoJP"), size)
        canvas.drawString(72 + canvas.stringWidth("A verb: ", FACE, size), 79, "勉強する")

    assert "overlap" not in kinds(made(tmp_path, draw))


def test_a_glyph_at_a_cards_cut(tmp_path: Path) -> None:
    """A unit label whose descenders reach the cut (as fold cards printed them) is a
    fault; the same label 1.5 mm inside is not."""
    card = (72.0, 72.0, 324.0, 252.0)  # x0, top, x1, bottom

    def label_at(bottom_gap: float) -> Callable[[Canvas], None]:
        def draw(canvas: Canvas) -> None:
            canvas.rect(72, 792 - 252, 252, 180)
            canvas.setFont(FACE, 7)
            descent = 7 * 0.27
            canvas.drawString(80, 792 - 252 + bottom_gap + descent, "Abnormal Psychology")

        return draw

    near = lint(made(tmp_path, label_at(0.5)), check_fill=False, cards=[card])
    assert [f.kind for f in near] == ["card-edge"]
    assert lint(made(tmp_path, label_at(4.3)), check_fill=False, cards=[card]) == []


def test_a_one_sided_part_printing_on_backs(tmp_path: Path) -> None:
    """Fold cards bundled into a duplex packet as if two-sided put cards inside the fold."""
    from studyprint.batch.bundle import BundleMeta, Bundler, Part
    from tests.pagelint import sidedness

    def pdf(name: str, pages: int) -> Path:
        path = tmp_path / f"{name}.pdf"
        canvas = Canvas(str(path), pagesize=(612, 792), invariant=1)
        for n in range(pages):
            canvas.setFont(FACE, 11)
            canvas.drawString(72, TOP, f"{name} page {n + 1}")
            canvas.showPage()
        canvas.save()
        return path

    guide, cards, quiz = pdf("guide", 3), pdf("cards", 2), pdf("quiz", 2)
    for one_sided, expected in ((False, ["sides"]), (True, [])):
        out = tmp_path / f"packet-{one_sided}.pdf"
        with Bundler(out, BundleMeta("Packet"), duplex=True) as bundle:
            bundle.add(Part(guide, "Ana", "Guide"))
            bundle.add(Part(cards, "Ana", "Cards", one_sided=one_sided))
            bundle.add(Part(quiz, "Ana", "Quiz"))
            bundle.close()
        assert [f.kind for f in sidedness(out, ["Cards"])] == expected


def test_a_sheet_of_cards_at_many_sizes(tmp_path: Path) -> None:
    """Each card fitted alone (34.5, 38.5 and 40 pt terms on one sheet, as before) is a
    fault; one size for all, with one card shrunk alone, is not."""
    cards = [(72.0 + 234 * (n % 2), 72.0 + 160 * (n // 2), 72.0 + 234 * (n % 2) + 234,
              72.0 + 160 * (n // 2) + 160) for n in range(8)]  # fmt: skip
    bold = fonts.face_name("FiraGO", bold=True)

    def sheet(sizes: list[float]) -> Callable[[Canvas], None]:
        def draw(canvas: Canvas) -> None:
            for (x0, top, _, _), size in zip(cards, sizes, strict=True):
                canvas.setFont(bold, size)
                canvas.drawString(x0 + 20, 792 - top - 90, "Therapy")

        return draw

    mixed = lint(made(tmp_path, sheet([34.5, 38.5, 40, 34.5, 38.5, 40, 38.5, 34.5])),
                 check_fill=False, cards=cards)  # fmt: skip
    assert [f.kind for f in mixed] == ["mixed-sizes"]
    even = lint(made(tmp_path, sheet([34.5] * 7 + [24])), check_fill=False, cards=cards)
    assert even == []


def test_a_near_empty_page_before_the_next_section(tmp_path: Path) -> None:
    """One review question on a page, then the answers on the next (as large-print
    guides were): in a document of sections that page is a fault; the last page is not."""
    path = tmp_path / "guide.pdf"
    canvas = Canvas(str(path), pagesize=(612, 792), invariant=1)
    for page, lines in enumerate((45, 3, 45, 2)):
        canvas.setFont(FACE, 11)
        if page == 2:
            canvas.bookmarkPage("answers")
            canvas.addOutlineEntry("Answers", "answers", 0)
        for row in range(lines):
            canvas.drawString(72, TOP - row * 14, f"Line {row} of page {page + 1}, some words.")
        canvas.showPage()
    canvas.save()
    faults = lint(path, ends_are_documents=False)
    assert [(f.kind, f.page) for f in faults] == [("fill", 2)]
    assert lint(path) == []  # where each section is a document of its own
