"""Reading PDFs back for tests: normalised text, rendering."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_text(path: Path | str) -> str:
    reader = PdfReader(str(path))
    return normalise(" ".join(page.extract_text() or "" for page in reader.pages))


def page_texts(path: Path | str) -> list[str]:
    return [normalise(page.extract_text() or "") for page in PdfReader(str(path)).pages]
