"""Small things a print room notices (issue 32): a long title and a long unit never
print over each other in the running header; "Page 3 of 9" ends at the right margin
whatever the digits of its total; a part of one question says its points once."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pdfplumber

from tests.helpers import run, sample_decks
from tests.pagelint import lint

THERAPY = next(p for p in sample_decks() if p.stem == "therapy")


def long_deck(folder: Path) -> Path:
    deck = folder / "long.yaml"
    lines = [
        "title: " + json.dumps("Cellular respiration, photosynthesis and the long story of how "
                               "energy moves through living things"),
        "subject: " + json.dumps("Advanced Placement Biology for the second semester"),
        "unit: " + json.dumps("Unit 7: energy in cells, from glucose to ATP and back again"),
        "terms:",
    ]  # fmt: skip
    for n in range(40):
        lines += [f"  - term: Word {n}", f"    definition: the meaning of word {n}, told plainly"]
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return deck


def test_a_long_title_and_unit_share_the_header_without_overprinting(tmp_path: Path) -> None:
    out = tmp_path / "guide.pdf"
    made = run("sheet", str(long_deck(tmp_path)), "-o", str(out))
    assert made.exit_code == 0, made.stderr
    assert not [f for f in lint(out, check_fill=False) if f.kind == "overlap"]
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[1]
        header = sorted((w for w in page.extract_words() if w["top"] < 50), key=lambda w: w["x0"])
        gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(header)]
        assert min(gaps) > 0  # no two words of the header on top of each other
        assert "…" in " ".join(w["text"] for w in header)


def test_page_numbers_end_at_the_right_margin(tmp_path: Path) -> None:
    """Every "Page n of M" ends at one x, the margin's, on pages of 1 and 2 digits."""
    out = tmp_path / "guide.pdf"
    made = run("sheet", str(long_deck(tmp_path)), "--layout", "large-print", "-o", str(out))
    assert made.exit_code == 0, made.stderr
    ends = set()
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 3
        for page in pdf.pages:
            foot = [w for w in page.extract_words() if w["top"] > page.height - 60]
            ends.add(round(max(w["x1"] for w in foot), 1))
            assert foot[-1]["text"] == str(len(pdf.pages))
    from studyprint.read.layout import load_layout

    layout = load_layout("large-print")
    margin = layout.page_size[0] - layout.margins[1]
    (end,) = ends
    assert abs(end - margin) < 1.5  # not short of it by the room of three digits


def test_a_part_of_one_question_says_its_points_once(tmp_path: Path) -> None:
    out = tmp_path / "quiz.pdf"
    made = run("quiz", str(THERAPY), "--types", "mc,tf", "--count", "2", "--seed", "3",
               "-o", str(out))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    with pdfplumber.open(out) as pdf:
        text = " ".join((p.extract_text() or "") for p in pdf.pages)
    assert "1 × 1 point = 1" not in text
    assert "Part 1 · Multiple choice · 1 point" in text
    assert "Part 2 · True or false · 1 point" in text


def test_messages_name_a_bundled_sample_by_its_name(tmp_path: Path) -> None:
    """Not by the installed package's path (…/site-packages/studyprint/content/…) nor a
    packet's way to it (packets/../psychology/…)."""
    roundabout = THERAPY.parent.parent / "packets" / ".." / "psychology" / THERAPY.name
    made = run("quiz", str(roundabout), "--count", "50", "--seed", "1", "-o",
               str(tmp_path / "q.pdf"))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    assert made.stderr.startswith("sample psychology/therapy: warning: only ")


def test_bold_kana_is_bold(tmp_path: Path) -> None:
    """The CJK bolds we ship draw kana at regular weight: bold kana beside bold kanji
    and Latin read as light. They are now stroked as well (synthetic bold): as much
    darker than regular kana as bold Latin is than regular Latin; text after them is
    not stroked, and copies as the same characters."""
    import numpy as np
    import pypdfium2 as pdfium

    deck = tmp_path / "kana.yaml"
    lines = ["title: Kana", "language: ja", "terms:", "  - term: カード",
             '    definition: "**カード bold** then カード plain"', "  - term: シャツ",
             "    definition: a shirt"]  # fmt: skip
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "guide.pdf"
    made = run("sheet", str(deck), "-o", str(out))
    assert made.exit_code == 0, made.stderr
    scale = 4
    document = pdfium.PdfDocument(str(out))
    image = np.array(document[0].render(scale=scale).to_pil().convert("L"))
    document.close()
    ink: dict[str, list[float]] = {}
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        text = page.extract_text() or ""
        for c in page.chars:
            box = image[int(c["top"] * scale) : int(c["bottom"] * scale),
                        int(c["x0"] * scale) : int(c["x1"] * scale)]  # fmt: skip
            ink.setdefault(c["text"], []).append(float((box < 128).mean()))
    assert "カード bold then カード plain" in text
    bold_ka, plain_ka = max(ink["カ"]), min(ink["カ"])
    assert bold_ka / plain_ka > 1.3, ink["カ"]


def test_answers_begin_below_the_last_questions_under_their_header(tmp_path: Path) -> None:
    """The large-print psychology guide: the answers start on the page its last review
    question is on (a third of it was free), that page keeps the questions' header,
    and the pages after it are headed Answers."""
    out = tmp_path / "guide.pdf"
    made = run("sheet", str(THERAPY), "--layout", "large-print", "-o", str(out))
    assert made.exit_code == 0, made.stderr
    with pdfplumber.open(out) as pdf:
        heads, starts = [], []
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words()
            heads.append(" ".join(w["text"] for w in words if w["top"] < 45))
            if any(w["text"] == "Answers" and w["top"] > 45 for w in words):
                starts.append(number)
    (start,) = starts
    assert "Answers" not in heads[start - 1]  # the questions' header on the shared page
    assert start < len(heads) and all(h.endswith("Answers") for h in heads[start:])


def test_a_kana_reading_in_a_latin_line_never_breaks_inside(tmp_path: Path) -> None:
    """'school (がっこう, gakkō)' on a card back broke as がっ / こう where the line ran
    out; a Latin line breaks at its spaces, and a Japanese sentence still breaks
    between its characters."""
    from reportlab.pdfgen.canvas import Canvas

    from studyprint.text.setter import TextStyle, paragraph

    style = TextStyle(size=20, language="ja")
    reading = "a school, where children learn (がっこう, gakkō)"
    sentence = "学校は子どもたちが毎日勉強するところです"
    path = tmp_path / "lines.pdf"
    canvas = Canvas(str(path), pagesize=(600, 4000))
    y = 3900
    widths = list(range(120, 330, 15))
    for width in widths:
        for text in (reading, sentence):
            para = paragraph(text, style).flowable
            _, height = para.wrap(width, 1000)
            para.drawOn(canvas, 20, y - height)
            y -= height + 30
    canvas.save()
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[0].chars
    tops = sorted({round(c["top"]) for c in chars if c["text"] in "っう"})  # the reading's own
    assert len(tops) == len(widths)  # one line for the reading at every width
    sentence_lines = {round(c["top"]) for c in chars if c["text"] in "学校子勉強"}
    assert len(sentence_lines) > len(widths)  # the sentence still breaks inside
