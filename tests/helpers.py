"""What tests share: run the CLI in-process (stdout and stderr apart), the sample
decks, and reading PDFs back."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from studyprint.cli import app
from studyprint.resources import content_dir

DATA = Path(__file__).parent / "data"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def run(*args: str) -> Result:
    """Run ``studyprint ARGS`` in-process."""
    result = CliRunner().invoke(app, list(args))
    exception = result.exception
    if isinstance(exception, SystemExit):
        exception = None
    return Result(result.exit_code, result.stdout, result.stderr, exception)


def sample_decks() -> list[Path]:
    """The bundled decks (packet manifests left out)."""
    from studyprint.read.deck import expand_deck_paths

    return expand_deck_paths([content_dir()])


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_text(path: Path | str) -> str:
    reader = PdfReader(str(path))
    return normalise(" ".join(page.extract_text() or "" for page in reader.pages))


def page_texts(path: Path | str) -> list[str]:
    return [normalise(page.extract_text() or "") for page in PdfReader(str(path)).pages]


_RTL_RUN = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+")


def visual(text: str) -> str:
    """Right-to-left runs made comparable however a reader extracts them (words or
    letters in drawing order): each run's letters sorted. Lengths are kept, so an
    index found in one form is an index in the other."""
    return _RTL_RUN.sub(lambda m: "".join(sorted(m.group(0))), text)
