"""Regenerate the PNG previews shown in the README.

Run: python docs/make_previews.py   (writes docs/*.png)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps

from studyprint.products.cards.draw import CardJob, build_cards
from studyprint.read.deck import load_deck
from studyprint.read.layout import load_layout
from studyprint.quiz import QuizInfo, build_quiz
from studyprint.quizgen import arrange, generate
from studyprint.resources import content_dir
from studyprint.products.sheet import build_sheet
from studyprint.text.specimen import build_specimen

DOCS = Path(__file__).parent


def render_page(
    pdf: Path, png: Path, page: int = 0, scale: float = 1.5, trim: bool = False
) -> None:
    """Render one page; ``trim`` cuts the empty bottom of a short page."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[page].render(scale=scale).to_pil()
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
        therapy = load_deck(content_dir() / "psychology" / "therapy.yaml")
        for style in ("guide", "glossary"):
            pdf = Path(tmp) / f"{style}.pdf"
            build_sheet([therapy], pdf, style=style, layout=load_layout("letter"))
            render_page(pdf, DOCS / f"sheet-{style}.png", scale=1.2)
        japanese = load_deck(content_dir() / "japanese" / "basics.yaml")
        for name, deck in (("psychology", therapy), ("japanese", japanese)):
            fold = Path(tmp) / f"fold-{name}.pdf"
            build_cards([deck], [fold], layout=load_layout("letter-2x4"), job=CardJob("fold"))
            render_page(fold, DOCS / f"cards-fold-{name}.png", scale=0.9)
            duplex = Path(tmp) / f"duplex-{name}.pdf"
            build_cards([deck], [duplex], layout=load_layout("letter-2x4"), job=CardJob("duplex"))
            pair = [Path(tmp) / f"duplex-{name}-{i}.png" for i in (0, 1)]
            for i, png in enumerate(pair):
                render_page(duplex, png, page=i, scale=0.9)
            side_by_side(pair, DOCS / f"cards-duplex-{name}.png")
        plan = generate([therapy], 20, seed=7)
        info = QuizInfo(therapy.title, "Abnormal Psychology · Unit 8", seed=7, language="en")
        quiz, key = Path(tmp) / "quiz.pdf", Path(tmp) / "quiz-key.pdf"
        build_quiz([arrange(plan, "A")], info, quiz, key, layout=load_layout("letter"))
        render_page(quiz, DOCS / "quiz.png", scale=1.2)
        render_page(key, DOCS / "quiz-key.png", scale=1.2)
    print("previews written to", DOCS)


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
