"""Regenerate the PNG previews shown in the README.

Run: python docs/make_previews.py   (writes docs/*.png)
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps

from studyprint.render import CardsRequest, QuizRequest, Selection, SheetRequest, render
from studyprint.resources import content_dir
from studyprint.text.specimen import build_specimen

DOCS = Path(__file__).parent


def render_page(
    pdf: Path, png: Path, page: int = 0, scale: float = 1.5, trim: bool = False
) -> None:
    """Render one page; ``trim`` cuts the empty bottom of a short page."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[page % len(document)].render(scale=scale).to_pil()  # -1: the last
    finally:
        document.close()
    if trim:
        box = ImageOps.invert(image.convert("L")).getbbox()
        if box:
            image = image.crop((0, 0, image.width, min(image.height, box[3] + int(40 * scale))))
    image.save(png, optimize=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        specimen = Path(tmp) / "specimen.pdf"
        build_specimen(specimen)
        render_page(specimen, DOCS / "specimen.png", trim=True)
        therapy = Selection((content_dir() / "psychology" / "therapy.yaml",))
        japanese = Selection((content_dir() / "japanese" / "basics.yaml",))
        for style in ("guide", "glossary"):
            pdf = Path(tmp) / f"{style}.pdf"
            render(SheetRequest(therapy, style=style), pdf)
            render_page(pdf, DOCS / f"sheet-{style}.png", scale=1.2)
        for name, source in (("psychology", therapy), ("japanese", japanese)):
            fold = Path(tmp) / f"fold-{name}.pdf"
            render(CardsRequest(source, mode="fold"), fold)
            render_page(fold, DOCS / f"cards-fold-{name}.png", scale=0.9)
            duplex = Path(tmp) / f"duplex-{name}.pdf"
            render(CardsRequest(source, mode="duplex"), duplex)
            pair = [Path(tmp) / f"duplex-{name}-{i}.png" for i in (0, 1)]
            for i, png in enumerate(pair):
                render_page(duplex, png, page=i, scale=0.9)
            side_by_side(pair, DOCS / f"cards-duplex-{name}.png")
        quiz = Path(tmp) / "quiz.pdf"
        render(QuizRequest(therapy, seed=7), quiz)
        render_page(quiz, DOCS / "quiz.png", scale=1.2)
        render_page(quiz.with_name("quiz-key.pdf"), DOCS / "quiz-key.png", scale=1.2)
        large_print(Path(tmp), therapy)
        kitchen = Selection((content_dir() / "spanish" / "kitchen.yaml",))
        vocabulary = Path(tmp) / "vocabulary.pdf"
        render(SheetRequest(kitchen), vocabulary)
        render_page(vocabulary, DOCS / "sheet-vocabulary.png", scale=1.2)
        # one Arabic page: the Arabic deck for an Arabic-speaking class, mirrored
        arabic = Selection((content_dir() / "arabic" / "greetings.yaml",))
        mirrored = Path(tmp) / "arabic-quiz.pdf"
        render(QuizRequest(arabic, seed=7, page_language="ar"), mirrored)
        render_page(mirrored, DOCS / "quiz-arabic.png", scale=1.2)
        # the answer sheet that follows a quiz (--answer-sheet): its last page
        sheet = Path(tmp) / "answer-sheet.pdf"
        render(QuizRequest(therapy, seed=7, answer_sheet=True), sheet)
        render_page(sheet, DOCS / "answer-sheet.png", page=-1, scale=1.2)
        graded_preview(Path(tmp), therapy)
    print("previews written to", DOCS)


def graded_preview(tmp: Path, source: Selection) -> None:
    """A filled-in sheet, photographed a little askew and graded (needs the test
    helpers and the grade extra: run from a checkout)."""
    import sys

    import cv2

    from studyprint.grade.run import GradeRequest, grade

    sys.path.insert(0, str(DOCS.parent))  # the checkout, for the test helpers
    from tests.scanmaker import Filling, fill, photograph
    from tests.scanmaker import render_page as render_scan

    plan = tmp / "graded-plan.json"
    quiz = tmp / "graded-quiz.pdf"
    render(QuizRequest(source, seed=7, answer_sheet=True, plan=plan), quiz)
    import json

    version = json.loads(plan.read_text(encoding="utf-8"))["versions"][0]
    sheet = version["answer_sheets"][0]
    rows = sheet["rows"]
    choice = [r for r in rows if r["kind"] == "choice"]
    right = {n: item["correct"][k] for item in version["items"] if item["options"]
             for k, n in enumerate(item["numbers"])}  # fmt: skip
    # right, right, wrong, right... and two marks in the last row
    answers = {}
    for i, r in enumerate(choice):
        pick = (right[r["number"]] + (i % 3 == 2)) % len(r["bubbles"])
        answers[r["number"]] = r["bubbles"][pick]["value"]
    answers[choice[-1]["number"]] = "AB"
    marks = {r["number"]: ("1", "½", "0")[i % 3] for i, r in enumerate(rows) if r["kind"] == "mark"}
    filling = Filling(answers, light={}, marks=marks, number="004217")
    page = render_scan(quiz, len(pdfium.PdfDocument(str(quiz))) - 1)  # the sheet: last
    photo = photograph(fill(page, sheet, filling), angle=3, scale=0.97, light=0.3, quality=75)
    cv2.imwrite(str(tmp / "scan.jpg"), photo)
    with contextlib.chdir(tmp):  # the page names its scan as given: "scan.jpg"
        grade(GradeRequest((Path("scan.jpg"),), plan), tmp / "graded")
    render_page(tmp / "graded" / "graded.pdf", DOCS / "graded-sheet.png", scale=1.2)


def large_print(tmp: Path, source: Selection) -> None:
    """Every product on the large-print layouts: where breaks would hide."""
    for style in ("guide", "glossary"):
        pdf = tmp / f"large-{style}.pdf"
        render(SheetRequest(source, style=style, layout="large-print"), pdf)
        render_page(pdf, DOCS / f"sheet-{style}-large.png", scale=1.2)
    quiz = tmp / "large-quiz.pdf"
    render(QuizRequest(source, seed=7, layout="large-print"), quiz)
    render_page(quiz, DOCS / "quiz-large.png", scale=1.2)
    render_page(quiz.with_name("large-quiz-key.pdf"), DOCS / "quiz-key-large.png", scale=1.2)
    cards = tmp / "large-cards.pdf"
    render(CardsRequest(source, layout="large-print-cards"), cards)
    render_page(cards, DOCS / "cards-fold-large.png", scale=0.9)


def side_by_side(pngs: list[Path], out: Path, gap: int = 16) -> None:
    """Front and back pages next to each other, as one picture."""
    images = [Image.open(p) for p in pngs]
    width = sum(i.width for i in images) + gap * (len(images) - 1)
    canvas = Image.new("RGB", (width, max(i.height for i in images)), "#BBBBBB")
    x = 0
    for image in images:
        canvas.paste(image, (x, 0))
        x += image.width + gap
    canvas.save(out, optimize=True)


if __name__ == "__main__":
    main()
