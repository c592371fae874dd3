"""Opening a term's picture for the products that print it (ReportLab's reader)."""

from __future__ import annotations

from reportlab.lib.utils import ImageReader

from studyprint.errors import DeckError, Problem
from studyprint.model import Term
from studyprint.safety import MAX_IMAGE_PIXELS


def open_image(term: Term) -> tuple[ImageReader, int, int]:
    """The term's image and its size in pixels, or a located error if it cannot be read."""
    assert term.image is not None
    try:
        reader = ImageReader(str(term.image))
        width, height = reader.getSize()
    except Exception:  # ReportLab/Pillow raise many kinds for a broken file
        raise DeckError(
            [Problem(term.pos, f"image '{term.image.name}' cannot be read; save it as PNG or JPEG")]
        ) from None
    if width * height > MAX_IMAGE_PIXELS:  # a deck made in code skipped the reader's check
        raise DeckError(
            [Problem(term.pos, f"image '{term.image.name}' has too many pixels; scale it down")]
        )
    return reader, int(width), int(height)
