"""A version per student for a whole year group (issue 19): the teacher's keys list
each longer answer once with its number in every version; with hundreds of
versions that list of numbers was one table row taller than a page, and the
1,000-student packet stopped with "something on a page is taller than the page"."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from studyprint.render import render
from studyprint.request import QuizRequest, Selection
from studyprint.vocab import version_letters
from tests.helpers import sample_decks

THERAPY = next(p for p in sample_decks() if p.stem == "therapy")


def test_keys_of_a_thousand_versions_break_across_pages(tmp_path: Path) -> None:
    request = QuizRequest(Selection((THERAPY,)), seed=7, count=6, types=("written",),
                          versions=tuple(version_letters(1000)), keys_only=True)  # fmt: skip
    result = render(request, tmp_path / "keys.pdf")
    key = PdfReader(str(tmp_path / "keys.pdf"))
    assert result.pages == len(key.pages) > 1
    text = "\n".join(page.extract_text() for page in key.pages)
    for letter in ("A", "ALL"):  # the first version and the 1,000th, each tagged
        assert f"{letter} 1" in text
