"""Previews of what a print room looks at (issue 32), rendered from the bundled samples:
python docs/make_print_previews.py

- print-packet-cards.png: a duplex packet's card section, front and back side by side
  (the back is blank: fold cards are one-sided);
- print-card-footer.png: a card's foot at 300 dpi (number and unit label inside the cut);
- print-large-guide-end.png: a large-print guide's last two pages (the answers begin
  below the last review question);
- print-japanese-card.png: a Japanese fold sheet's first cards (bold kana, one size);
- print-arabic-guide.png: the Arabic guide's page.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.helpers import run

DOCS = Path(__file__).resolve().parent
CONTENT = DOCS.parent / "content"


def page(pdf: Path, index: int, dpi: int = 100) -> Image.Image:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return document[index].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


def side_by_side(*images: Image.Image, gap: int = 24) -> Image.Image:
    width = sum(i.width for i in images) + gap * (len(images) - 1)
    height = max(i.height for i in images)
    out = Image.new("RGB", (width, height), (200, 200, 200))
    x = 0
    for image in images:
        out.paste(image, (x, 0))
        x += image.width + gap
    return out


def made(*args: str) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made("packet", str(CONTENT / "packets" / "psychology-unit8.yaml"), "--allow-path",
             str(CONTENT / "psychology"), "-o", str(folder / "packet"), "--quiet")  # fmt: skip
        from pypdf import PdfReader

        student = sorted((folder / "packet" / "psychology-unit8" / "students").glob("*.pdf"))[0]
        reader = PdfReader(str(student))
        cards = next(reader.get_destination_page_number(b) for b in reader.outline[1]
                     if b.title == "Flashcards")  # fmt: skip
        side_by_side(page(student, cards, 60), page(student, cards + 1, 60)).save(
            DOCS / "print-packet-cards.png"
        )
        deck = CONTENT / "psychology" / "therapy.yaml"
        made("cards", str(deck), "--layout", "letter-2x4", "-o", str(folder / "cards.pdf"))
        sheet = page(folder / "cards.pdf", 0, 300)
        w, h = sheet.size
        sheet.crop((int(w * 0.06), int(h * 0.245), int(w * 0.5), int(h * 0.29))).save(
            DOCS / "print-card-footer.png"
        )
        made("sheet", str(deck), "--layout", "large-print", "-o", str(folder / "large.pdf"))
        count = len(PdfReader(str(folder / "large.pdf")).pages)
        side_by_side(page(folder / "large.pdf", count - 3, 60),
                     page(folder / "large.pdf", count - 2, 60)).save(
            DOCS / "print-large-guide-end.png")  # fmt: skip
        made("cards", str(CONTENT / "japanese" / "basics.yaml"), "-o", str(folder / "ja.pdf"))
        japanese = page(folder / "ja.pdf", 0, 110)
        japanese.crop((0, 0, japanese.width, japanese.height // 2)).save(
            DOCS / "print-japanese-card.png"
        )
        made("sheet", str(CONTENT / "arabic" / "greetings.yaml"), "--layout", "a4", "-o",
             str(folder / "ar.pdf"))  # fmt: skip
        page(folder / "ar.pdf", 0, 80).save(DOCS / "print-arabic-guide.png")


if __name__ == "__main__":
    main()
