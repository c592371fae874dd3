"""Scans in: a copier's scan-to-PDF or photos (PNG, JPEG), as grey images."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from studyprint.errors import OptionError

#: Scans are rendered at this resolution: bubbles of 4 mm are 33 pixels across.
DPI = 200
#: A scan file's size (a school's 1,000-page PDF is a few hundred MB) and an
#: image's pixels (a 48 Mpx phone photo passes; a decompression bomb does not).
MAX_SCAN_BYTES = 2 * 1024**3
MAX_PIXELS = 60_000_000
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


@dataclass(frozen=True, slots=True)
class Scan:
    source: Path
    page: int  # 1-based, within its file
    image: np.ndarray  # uint8 grey, 0 black

    @property
    def name(self) -> str:
        return (
            f"{self.source} page {self.page}" if self.source.suffix == ".pdf" else str(self.source)
        )


def check_scan_file(path: Path) -> None:
    """A scan must be a regular PDF or image file of a sane size."""
    try:
        info = path.stat()
    except OSError as exc:
        raise OptionError(f"{path}: cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise OptionError(f"{path}: not a regular file; give scanned PDFs or PNG/JPEG images")
    if info.st_size > MAX_SCAN_BYTES:
        raise OptionError(f"{path}: larger than 2 GB; split the scan into several files")
    if path.suffix.lower() not in (".pdf", *IMAGE_SUFFIXES):
        raise OptionError(f"{path}: not a PDF, PNG or JPEG scan")


def page_count(path: Path) -> int:
    """How many pages a scan has (a photo has one); every problem said now, before
    any page is read."""
    check_scan_file(path)
    if path.suffix.lower() != ".pdf":
        return 1
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise OptionError(f"{path}: cannot be read as a PDF ({exc})") from None
    try:
        return len(document)
    finally:
        document.close()


def read_page_image(path: Path, page: int) -> Scan:
    """One page of a scanned PDF (1-based), or a photo, as a grey image."""
    if path.suffix.lower() == ".pdf":
        return _pdf_page(path, page)
    import cv2

    data = np.fromfile(str(path), dtype=np.uint8)
    image = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise OptionError(f"{path}: cannot be read as a picture; save it as PNG or JPEG")
    if image.size > MAX_PIXELS:
        raise OptionError(f"{path}: more than {MAX_PIXELS // 1_000_000} million pixels")
    return Scan(path, 1, image)


def _pdf_page(path: Path, number: int) -> Scan:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[number - 1]
        width, height = page.get_size()
        scale = DPI / 72
        if width * height * scale * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / (width * height)) ** 0.5
        image = page.render(scale=scale, grayscale=True).to_numpy()
    finally:
        document.close()
    if image.ndim == 3:
        image = image[:, :, 0]
    return Scan(path, number, np.ascontiguousarray(image))


__all__ = ["DPI", "Scan", "check_scan_file", "page_count", "read_page_image"]
