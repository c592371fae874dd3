"""Every script prints: no character of the specimen comes out as a missing glyph."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from studyprint.text import fonts, scripts
from studyprint.text.markup import plain
from studyprint.text.setter import prepare
from studyprint.text.specimen import SAMPLES, build_specimen
from tests.helpers import normalise, pdf_text, run

MISSING_MARKS = ("\x00", "\u25a0", "\ufffd")  # what missing glyphs extract as


def printing_problems(pdf: Path) -> list[str]:
    """Why the PDF does not show every sample line correctly (empty when it does)."""
    text = pdf_text(pdf)
    problems = [f"missing-glyph mark {m!r} in the text" for m in MISSING_MARKS if m in text]
    letters = Counter(text.replace(" ", ""))
    for script, _, sample in SAMPLES:
        expected = normalise(plain(sample))
        if scripts.needs_shaping(expected) and not scripts.has_rtl(expected):
            continue  # Devanagari conjuncts extract as ligature glyphs; the cmap test covers it
        if scripts.has_rtl(expected):
            # right-to-left lines extract in visual order: compare the letters
            needed = Counter(expected.replace(" ", ""))
            if needed - letters:
                problems.append(f"{script}: letters missing {sorted(needed - letters)}")
        elif expected not in text:
            problems.append(f"{script}: {expected!r} not found")
    return problems


def test_specimen_prints_every_script(tmp_path: Path) -> None:
    out = tmp_path / "specimen.pdf"
    build_specimen(out)
    assert printing_problems(out) == []


def test_specimen_hyperlegible_prints_every_script(tmp_path: Path) -> None:
    out = tmp_path / "specimen.pdf"
    build_specimen(out, "hyperlegible")
    assert printing_problems(out) == []


def test_the_check_fails_for_helvetica(tmp_path: Path) -> None:
    """The same check on the same lines set in plain Helvetica must find problems."""
    out = tmp_path / "helvetica.pdf"
    canvas = Canvas(str(out), invariant=1)
    canvas.setFont("Helvetica", 12)
    for i, (_, _, sample) in enumerate(SAMPLES):
        canvas.drawString(40, 760 - 20 * i, plain(sample))
    canvas.save()
    problems = printing_problems(out)
    assert len(problems) >= 5


@pytest.mark.parametrize(("script", "language", "sample"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_every_character_has_a_glyph_in_its_font(
    script: str, language: str | None, sample: str
) -> None:
    prepared = prepare(sample, "sans", language)
    assert not prepared.missing, script
    for key, part in prepared.runs:
        cmap = fonts.coverage(key)
        absent = {ch for ch in part if ch not in cmap and ch != " "}
        assert not absent, f"{script}: {key} lacks {absent}"


def test_fonts_command_writes_the_specimen(tmp_path: Path) -> None:
    out = tmp_path / "s.pdf"
    result = run("fonts", "-o", str(out))
    assert result.exit_code == 0
    assert printing_problems(out) == []


def test_specimen_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    build_specimen(first)
    build_specimen(second)
    assert first.read_bytes() == second.read_bytes()
