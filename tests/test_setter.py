"""Setting text: escaping, markup, fitting to a box, right-to-left line order."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from studyprint.text import fonts, setter
from studyprint.text.setter import TextStyle, fit, paragraph, prepare
from tests import processes
from tests.helpers import pdf_text

_opened: list[str] = []
_watching = False


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _watching and event == "open":
        _opened.append(str(args[0]))


sys.addaudithook(_audit)


def warm_fonts() -> None:
    """Load every font file and lazily imported module now (bidi, shaping), so a
    later file open can only be the text's doing."""
    for key in fonts.TYPEFACES:
        fonts.coverage(key)
        for bold in (False, True):
            for italic in (False, True):
                fonts.face_name(key, bold, italic)
    canvas = Canvas(io.BytesIO(), invariant=1)
    for sample in ("שלום עולם", "مرحبا بكم", "नमस्ते", "学校 한국"):
        fit(sample, TextStyle(), 100, 100).draw_on(canvas, 0, 800, 100)
    canvas.save()


def render(texts: list[str], path: Path | None = None, width: float = 300) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(str(path) if path else buffer, invariant=1)
    top = 780.0
    for text in texts:
        result = fit(text, TextStyle(size=12), width, 200, 6)
        result.draw_on(canvas, 40, top, width)
        top -= result.height + 10
    canvas.save()
    return path.read_bytes() if path else buffer.getvalue()


def test_tags_in_user_text_print_literally_and_read_nothing(tmp_path: Path) -> None:
    global _watching
    warm_fonts()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    text = f'<img src="{secret}"/> <font size=900>big</font> <b>x</b> & &amp; <unclosed'
    _opened.clear()
    _watching = True
    try:
        render([text], tmp_path / "out.pdf")
    finally:
        _watching = False
    assert not [p for p in _opened if "secret" in p]
    extracted = pdf_text(tmp_path / "out.pdf").replace(" ", "")
    assert text.replace(" ", "") in extracted


def test_markup_becomes_faces_and_rises() -> None:
    xml = prepare("**B** *I* H~2~O x^2^").xml
    assert '<font name="SP-FiraGO-Bold">B</font>' in xml
    assert '<font name="SP-FiraGO-Italic">I</font>' in xml
    assert "<sub>2</sub>" in xml and "<super>2</super>" in xml


def test_newlines_become_line_breaks() -> None:
    assert prepare("one\ntwo").xml == "one<br/>two"


def test_short_text_fits_at_full_size() -> None:
    result = fit("Mitochondrion", TextStyle(size=14), 200, 50, 6)
    assert result.fits and result.size == 14


def test_long_text_shrinks_to_fit() -> None:
    text = "The working partnership between a therapist and a client. " * 6
    result = fit(text, TextStyle(size=14), 200, 120, 6)
    assert result.fits
    assert 6 <= result.size < 14
    assert result.height <= 120
    # a quarter point larger would not have fitted
    bigger = fit(text, TextStyle(size=result.size + 0.25), 200, 120, result.size + 0.25)
    assert not bigger.fits


def test_too_long_text_reports_overflow() -> None:
    result = fit("word " * 2000, TextStyle(size=14), 200, 120, 6)
    assert not result.fits
    assert result.size == 6
    assert result.height > 120


def test_missing_characters_are_reported() -> None:
    assert paragraph("smile 😀", TextStyle()).missing == {"😀"}


def test_right_to_left_lines_stay_in_reading_order(tmp_path: Path) -> None:
    words = [
        "אחד",
        "שניים",
        "שלושה",
        "ארבעה",
        "חמישה",
        "שישה",
        "שבעה",
        "שמונה",
        "תשעה",
        "עשרה",
        "אחת",
        "עשרים",
    ]
    out = tmp_path / "rtl.pdf"
    canvas = Canvas(str(out), invariant=1)
    result = fit(" ".join(words), TextStyle(size=14), 120, 400, 14)
    result.draw_on(canvas, 40, 780, 120)
    canvas.save()
    with pdfplumber.open(out) as pdf:
        found = pdf.pages[0].extract_words(use_text_flow=False, keep_blank_chars=False)
    lines: dict[int, list[tuple[float, str]]] = {}
    for word in found:
        lines.setdefault(round(word["top"]), []).append((word["x0"], word["text"]))
    assert len(lines) >= 3
    reading: list[str] = []
    for top in sorted(lines):
        # each line reads right to left; each word's letters extract in visual order
        for _, text in sorted(lines[top], reverse=True):
            reading.append(text[::-1])
    assert reading == words


@pytest.mark.parametrize(("direction", "edge", "at"), [("RTL", "x1", 340), ("LTR", "x0", 40)])
def test_the_page_direction_aligns_a_paragraph(
    direction: str, edge: str, at: float, tmp_path: Path
) -> None:
    """A Hebrew word starts at the right on a right-to-left page and at the left in
    a left-to-right handout: the direction is the page's, not the string's."""
    out = tmp_path / "align.pdf"
    canvas = Canvas(str(out), invariant=1)
    fit("שלום", TextStyle(size=14, direction=direction), 300, 100).draw_on(canvas, 40, 780, 300)
    canvas.save()
    with pdfplumber.open(out) as pdf:
        word = pdf.pages[0].extract_words()[0]
    assert word[edge] == pytest.approx(at, abs=1)


def test_an_arabic_term_in_an_english_line_keeps_its_place(tmp_path: Path) -> None:
    """ "مساء الخير: good evening (masāʾ al-khayr)" on a left-to-right page: the Arabic
    run first (at the left), then the English in its own order."""
    out = tmp_path / "mixed.pdf"
    canvas = Canvas(str(out), invariant=1)
    text = "مساء الخير: good evening (masāʾ al-khayr)"
    fit(text, TextStyle(size=12), 400, 100).draw_on(canvas, 40, 780, 400)
    canvas.save()
    with pdfplumber.open(out) as pdf:
        words = sorted(pdf.pages[0].extract_words(), key=lambda w: w["x0"])

    def latin(text: str) -> bool:
        return text.isascii() or any(ch in text for ch in "āʾ")

    # (the ʾ comes from a fallback face, and shaped text separates a font change)
    assert "".join(w["text"] for w in words if latin(w["text"])) == "goodevening(masāʾal-khayr)"
    arabic = [w for w in words if not latin(w["text"])]
    assert arabic and max(w["x1"] for w in arabic) < min(
        w["x0"] for w in words if w["text"] == "good"
    )


ARABIC = [
    "واحد",
    "اثنان",
    "ثلاثة",
    "أربعة",
    "خمسة",
    "ستة",
    "سبعة",
    "ثمانية",
    "تسعة",
    "عشرة",
    "كتاب",
    "قلم",
]


def _reading_order(path: Path) -> list[list[str]]:
    """Each line's words in right-to-left reading order, letters back in logical order."""
    import unicodedata

    with pdfplumber.open(path) as pdf:
        found = pdf.pages[0].extract_words()
    lines: dict[int, list[tuple[float, str]]] = {}
    for word in found:
        lines.setdefault(round(word["top"]), []).append((word["x0"], word["text"]))
    return [
        [unicodedata.normalize("NFKC", text[::-1]) for _, text in sorted(lines[top], reverse=True)]
        for top in sorted(lines)
    ]


def _same(seen: str, expected: str) -> bool:
    """Equal, where a shaped ligature extracts as a private-use code point."""
    return len(seen) == len(expected) and all(
        a == b or "\ue000" <= a <= "\uf8ff" for a, b in zip(seen, expected, strict=True)
    )


def test_arabic_lines_keep_reading_order_and_join(tmp_path: Path) -> None:
    out = tmp_path / "ar.pdf"
    canvas = Canvas(str(out), invariant=1)
    result = fit(" ".join(ARABIC), TextStyle(size=14), 120, 400, 14)
    result.draw_on(canvas, 40, 780, 120)
    canvas.save()
    lines = _reading_order(out)
    assert len(lines) >= 3
    words = [w for line in lines for w in line]
    assert len(words) == len(ARABIC)
    for seen, expected in zip(words, ARABIC, strict=True):
        assert _same(seen, expected), (seen, expected)
    with pdfplumber.open(out) as pdf:
        chars = [c["text"] for c in pdf.pages[0].chars if c["text"].strip()]
    # joined letters are drawn with presentation forms, not the isolated base letters
    assert any("\ufe70" <= ch <= "\ufeff" for ch in chars)


def test_mixed_line_orders_the_arabic_run(tmp_path: Path) -> None:
    out = tmp_path / "mix.pdf"
    canvas = Canvas(str(out), invariant=1)
    fit("Say " + " ".join(ARABIC[:3]) + " twice", TextStyle(size=12), 400, 100).draw_on(
        canvas, 40, 780, 400
    )
    canvas.save()
    with pdfplumber.open(out) as pdf:
        words = [(w["x0"], w["text"]) for w in pdf.pages[0].extract_words()]
    import unicodedata

    visual = [
        unicodedata.normalize("NFKC", t[::-1]) if not t.isascii() else t for _, t in sorted(words)
    ]
    # left to right: the Latin words around the Arabic run, whose words run right to left
    expected = ["Say", ARABIC[2], ARABIC[1], ARABIC[0], "twice"]
    assert len(visual) == len(expected)
    assert all(_same(a, b) for a, b in zip(visual, expected, strict=True)), visual


def test_long_arabic_definition_splits_across_pages(tmp_path: Path) -> None:
    from reportlab.platypus import SimpleDocTemplate

    text = " ".join(ARABIC * 60)
    out = tmp_path / "long.pdf"
    doc = SimpleDocTemplate(str(out), invariant=1)
    doc.build([paragraph(text, TextStyle(size=16)).flowable])
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        count = sum(len(p.extract_words()) for p in pdf.pages)
    assert count == len(ARABIC) * 60


def test_right_to_left_does_not_depend_on_import_order(tmp_path: Path) -> None:
    """ReportLab imported before studyprint: Arabic still comes out in reading order."""
    import sys

    out = tmp_path / "order.pdf"
    code = (
        "import reportlab.platypus, reportlab.pdfgen.canvas as c\n"
        "from studyprint.text.setter import fit, TextStyle\n"
        f"canvas = c.Canvas({str(out)!r}, invariant=1)\n"
        f"result = fit({' '.join(ARABIC)!r}, TextStyle(size=14), 120, 400, 14)\n"
        "result.draw_on(canvas, 40, 780, 120)\n"
        "canvas.save()\n"
    )
    done = processes.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    words = [w for line in _reading_order(out) for w in line]
    assert all(_same(a, b) for a, b in zip(words, ARABIC, strict=True))


def test_punctuation_after_arabic_in_an_english_line_follows_the_arabic(tmp_path: Path) -> None:
    """ "صباح النور," then English: the comma prints after the Arabic phrase (to its
    right), not between its two words; between two Arabic words it stays Arabic."""
    out = tmp_path / "comma.pdf"
    canvas = Canvas(str(out), invariant=1)
    style = TextStyle(size=12)
    fit('The reply is صباح النور, "morning of light".', style, 500, 60).draw_on(
        canvas, 40, 780, 500
    )
    fit("بخير، شكرا then English", style, 500, 60).draw_on(canvas, 40, 700, 500)
    canvas.save()
    with pdfplumber.open(out) as pdf:
        height = float(pdf.pages[0].height)
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    first = [c for c in chars if c["top"] < height - 740]
    arabic = [c for c in first if not c["text"].isascii()]
    (comma,) = [c for c in first if c["text"] == ","]
    assert comma["x0"] >= max(c["x1"] for c in arabic) - 0.5
    second = [c for c in chars if c["top"] > height - 720]
    (arabic_comma,) = [c for c in second if c["text"] == "،"]
    words = [c for c in second if not c["text"].isascii() and c["text"] != "،"]
    assert min(c["x0"] for c in words) < arabic_comma["x0"] < max(c["x1"] for c in words)


LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"


@pytest.mark.parametrize("direction", ["LTR", "RTL"])
def test_a_word_wider_than_its_box_breaks_with_a_visible_hyphen(
    direction: str, tmp_path: Path
) -> None:
    """Only a word that cannot fit a line alone is broken, and every break shows a
    hyphen (left-to-right pages through ReportLab, right-to-left ones through our own
    line breaker); the words that fit are never touched."""
    path = tmp_path / "long.pdf"
    canvas = Canvas(str(path), pagesize=(400, 400))
    style = TextStyle(size=12, direction=direction)
    para = paragraph(f"A {LONG_WORD} case of supercalifragilistic words", style).flowable
    _, height = para.wrap(90, 400)
    para.drawOn(canvas, 20, 380 - height)
    canvas.save()
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        lines = (page.extract_text() or "").splitlines()
        assert max(c["x1"] for c in page.chars) <= 20 + 90 + 0.5  # nothing overflows
    broken = [line for line in lines if line.endswith("-")]
    assert len(broken) >= 3
    joined = "".join(line[:-1] if line.endswith("-") else line + " " for line in lines)
    assert LONG_WORD in joined and "supercalifragilistic" in joined
    assert "case of" in " ".join(lines)  # short words are never hyphenated


def test_words_that_fit_get_no_hyphens(tmp_path: Path) -> None:
    path = tmp_path / "fit.pdf"
    canvas = Canvas(str(path), pagesize=(400, 400))
    para = paragraph(f"A {LONG_WORD} case", TextStyle(size=12)).flowable
    _, height = para.wrap(380, 400)
    para.drawOn(canvas, 10, 390 - height)
    canvas.save()
    assert pdf_text(path).strip() == f"A {LONG_WORD} case"


def test_plain_latin_shortcut_prepares_what_the_general_path_does(monkeypatch: Any) -> None:
    """The fast path for plain Latin text must give exactly what parsing, splitting
    runs and choosing a direction give; texts near its edges (markup characters,
    combining marks, characters the first face lacks, Greek) go the long way."""
    rng = random.Random(5)
    alphabet = "abXY 09.,;!?&<>\"'()-–éüßø€©×ĳ\u00a0\u00ad\u0300ǅʔ˥ͶΩЖ*^~\\"
    shortcut = setter._plain_latin
    compared = 0
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        family = rng.choice(["sans", "hyperlegible"])
        language = rng.choice([None, "ja", "ar"])
        bold, italic = rng.random() < 0.5, rng.random() < 0.5
        direction = rng.choice(["LTR", "RTL", None])
        fast = shortcut(text, family, language, bold, italic, direction)
        if fast is None:
            continue
        monkeypatch.setattr(setter, "_plain_latin", lambda *args: None)
        setter.prepare.cache_clear()
        slow = setter.prepare(text, family, language, bold, italic, direction)
        monkeypatch.setattr(setter, "_plain_latin", shortcut)
        setter.prepare.cache_clear()
        fields = ("xml", "plain", "missing", "direction", "word_wrap", "shaping", "runs", "pieces")
        assert [getattr(fast, f) for f in fields] == [getattr(slow, f) for f in fields], text
        compared += 1
    assert compared > 100  # the shortcut was really taken, not skipped every time
