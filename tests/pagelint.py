"""A layout lint for finished PDFs, read back with pdfplumber.

It reports what makes a page unfit to hand out: lines of text that overlap,
text outside the printable margin, a word broken across two lines, pages
that are mostly empty though more follows, and text smaller than the layout
allows. Products call it in the tests over every layout and sample deck.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

PRINTABLE = 18.0  # 0.25 in: home printers cannot print nearer the edge
#: How far a glyph's box must stay inside a card's cut (1 mm: a guillotine's slip)
CARD_INSET = 72 / 25.4
_LETTER = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str  # overlap, margin, broken-word, fill, small-text, card-edge, sides, mixed-sizes
    page: int  # from 1
    detail: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.kind}: {self.detail}"


@dataclass(slots=True)
class Line:
    """Words on one baseline that sit close together (one cell, one column)."""

    words: list[dict[str, Any]] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(w["x0"] for w in self.words)

    @property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    @property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


def lines_of(words: Sequence[dict[str, Any]]) -> list[Line]:
    """Group words into lines: words whose middles are level, split where a gap is
    wider than three letters (table cells, columns)."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        middle = (word["top"] + word["bottom"]) / 2
        size = word["bottom"] - word["top"]
        if rows:
            row = rows[-1]
            row_middle = sum((w["top"] + w["bottom"]) / 2 for w in row) / len(row)
            if abs(middle - row_middle) < size * 0.25:
                row.append(word)
                continue
        rows.append([word])
    found: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        line = Line([row[0]])
        for word in row[1:]:
            size = max(word["bottom"] - word["top"], 1.0)
            if word["x0"] - line.words[-1]["x1"] > size * 1.5:  # about three letters
                found.append(line)
                line = Line([word])
            else:
                line.words.append(word)
        found.append(line)
    return found


def _height(line: Line) -> float:
    return max(w["bottom"] - w["top"] for w in line.words)


def _overlaps(a: Line, b: Line) -> bool:
    """Two lines whose ink would touch: they overlap in both directions. A smaller
    line inside a larger one's span is a sub- or superscript, not a collision."""
    dx = min(a.x1, b.x1) - max(a.x0, b.x0)
    dy = min(a.bottom, b.bottom) - max(a.top, b.top)
    low, high = sorted((_height(a), _height(b)))
    if low < high * 0.8 or _script_of(a, b) or _script_of(b, a):
        return False
    return dx > 1.0 and dy > low * 0.35


def _script_of(small: Line, line: Line) -> bool:
    """Is ``small`` a few raised or lowered characters inside ``line`` (CO₂, Na⁺)?"""
    middle = (small.top + small.bottom) / 2
    other = (line.top + line.bottom) / 2
    return (
        all(len(w["text"]) <= 3 for w in small.words)
        and line.x0 - 1 <= small.x0
        and small.x1 <= line.x1 + 2 * _height(line)
        and abs(middle - other) < 0.7 * _height(line)
    )


def _collisions(units: list[Line]) -> list[tuple[Line, Line]]:
    """Pairs of lines (or words) whose ink would touch; a sweep from the top, so only
    neighbours are compared. A line and its own words never count."""
    order = sorted(units, key=lambda u: u.top)
    found: list[tuple[Line, Line]] = []
    for i, a in enumerate(order):
        mine = {id(w) for w in a.words}
        for b in order[i + 1 :]:
            if b.top >= a.bottom:
                break
            if not mine & {id(w) for w in b.words} and _overlaps(a, b):
                found.append((a, b))
                break
    return found


def _fill(lines: Sequence[Line], height: float, band: float) -> float:
    """How much of the page between the header and footer bands text spans."""
    body = [ln for ln in lines if ln.top > band and ln.bottom < height - band]
    if not body:
        return 0.0
    return (max(ln.bottom for ln in body) - band) / (height - 2 * band)


def section_ends(path: Path | str, depth: int = 0) -> set[int]:
    """Pages (from 0) that may be short: the last page before each bookmark's page (the
    top level's; with ``depth`` 1 the level below too: a packet's students and each of
    their parts, not a guide's terms), and the last page."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    ends = {len(reader.pages) - 1}

    def walk(items: list[Any], level: int = 0) -> None:
        for item in items:
            if isinstance(item, list):
                if level < depth:
                    walk(item, level + 1)
                continue
            start = reader.get_destination_page_number(item)
            if start > 0:
                ends.add(start - 1)

    walk(reader.outline)
    return ends


def lint(
    path: Path | str,
    *,
    min_size: float = 7.0,
    fill: float = 0.6,
    vocabulary: Iterable[str] = (),
    band: float = 54.0,
    margin: float = PRINTABLE,
    check_fill: bool = True,
    cards: Sequence[tuple[float, float, float, float]] = (),
    card_inset: float = CARD_INSET,
    least: float = 0.25,
    ends_are_documents: bool = True,
    depth: int = 0,
) -> list[Fault]:
    """Every fault of a PDF. ``vocabulary``: words that must not be broken (the deck's
    words); ``band``: the header and footer bands a fill measure leaves out;
    ``cards``: the card rectangles of a sheet (x0, top, x1, bottom, from the page's top
    left), inside which every glyph must keep ``card_inset`` clear of the cut;
    ``least``: how full a section's last page must be where sections are parts of one
    document (not ``ends_are_documents``: a guide's deck before its answers), the
    document's own last page aside; ``depth``: the bookmark levels that end documents
    (1 for a packet: each student's parts)."""
    known = {w.casefold() for w in vocabulary}
    faults: list[Fault] = []
    short_ok = section_ends(path, depth)
    with pdfplumber.open(str(path)) as pdf:
        blank = [not any(c["text"].strip() for c in page.chars) for page in pdf.pages]
        for end in list(short_ok):  # a section's last page may be followed by blank backs
            while end > 0 and blank[end]:
                end -= 1
                short_ok.add(end)
        last = max((i for i, b in enumerate(blank) if not b), default=0)
        for index, page in enumerate(pdf.pages):
            number = index + 1
            width, height = float(page.width), float(page.height)
            small = {round(c["size"], 1) for c in page.chars if c["text"].strip()}
            for size in sorted(s for s in small if s < min_size - 0.05):
                faults.append(Fault("small-text", number, f"{size:g} pt < {min_size:g} pt"))
            outside = [
                c
                for c in page.chars
                if c["text"].strip()
                and (
                    c["x0"] < margin - 0.5
                    or c["x1"] > width - margin + 0.5
                    or c["top"] < margin - 0.5
                    or c["bottom"] > height - margin + 0.5
                )
            ]
            if outside:
                text = "".join(c["text"] for c in outside[:20])
                faults.append(Fault("margin", number, f"{len(outside)} letters: {text!r}"))
            words = page.extract_words(use_text_flow=False, keep_blank_chars=False)
            lines = lines_of(words)
            faults += [
                Fault("overlap", number, f"{a.text!r} / {b.text!r}")
                for a, b in _collisions(lines + [Line([w]) for w in words])
            ]
            if known:
                faults += _broken(lines, known, number)
            if cards:
                faults += _card_edges(page.chars, cards, card_inset, number)
                faults += _mixed_sizes(page.chars, number)
            if check_fill and lines:
                share = _fill(lines, height, band)
                if index not in short_ok and share < fill:
                    faults.append(Fault("fill", number, f"{share:.0%} full, more follows"))
                elif (index in short_ok and not ends_are_documents and index < last
                      and share < least):  # fmt: skip
                    faults.append(Fault("fill", number, f"{share:.0%} full before a section"))
    return faults


def _card_edges(
    chars: Sequence[dict[str, Any]],
    cards: Sequence[tuple[float, float, float, float]],
    inset: float,
    number: int,
) -> list[Fault]:
    """Glyphs whose box reaches within ``inset`` of their card's cut (or past it)."""
    faults = []
    near: list[str] = []
    for c in chars:
        if not c["text"].strip():
            continue
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        card = next((r for r in cards if r[0] <= cx <= r[2] and r[1] <= cy <= r[3]), None)
        if card is None:
            continue  # the sheet's hint, between or beside the cards
        x0, top, x1, bottom = card
        if (c["x0"] < x0 + inset - 0.2 or c["x1"] > x1 - inset + 0.2
                or c["top"] < top + inset - 0.2 or c["bottom"] > bottom - inset + 0.2):  # fmt: skip
            near.append(c["text"])
    if near:
        text = "".join(near[:20])
        faults.append(Fault("card-edge", number, f"{len(near)} letters at a cut: {text!r}"))
    return faults


#: On a sheet of cards, this share of a role's letters (terms in bold, definitions in
#: regular) at one size: one face that must shrink may differ, a sheet of sizes not.
ONE_SIZE = 0.6


def _mixed_sizes(chars: Sequence[dict[str, Any]], number: int) -> list[Fault]:
    """Card text of one role set at many sizes on one sheet (each card fitted alone).
    Sub- and superscript figures, card numbers and labels, and CJK (a kanji or two
    is set big on purpose) are left out."""
    faults = []
    by_weight: dict[bool, dict[float, int]] = {}
    for c in chars:
        text = c["text"]
        if (not text.strip() or c["size"] <= 9 or text.isdigit() or text in "+-−()=."
                or "CJK" in _script_name(text)):  # fmt: skip
            continue
        sizes = by_weight.setdefault("Bold" in c["fontname"], {})
        size = round(c["size"] * 2) / 2
        sizes[size] = sizes.get(size, 0) + 1
    for bold, sizes in by_weight.items():
        total = sum(sizes.values())
        top = max(sizes.values())
        if total >= 40 and top / total < ONE_SIZE:
            shown = ", ".join(f"{k:g}" for k in sorted(sizes))
            faults.append(Fault("mixed-sizes", number,
                                f"{'terms' if bold else 'definitions'} at {shown} pt"))  # fmt: skip
    return faults


def _script_name(char: str) -> str:
    import unicodedata

    name = unicodedata.name(char[:1], "")
    return "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) else name


def sidedness(path: Path | str, one_sided: Iterable[str]) -> list[Fault]:
    """A duplex bundle's faults of sides: every part (bookmark) starts on a front (an odd
    page), and each page of a one-sided part (its title in ``one_sided``: fold cards, a
    glossary) has a blank back, so nothing prints inside a fold."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    blank = [not (page.extract_text() or "").strip() for page in reader.pages]
    titles = set(one_sided)
    faults = []

    def parts(outline: list[Any]) -> Iterable[tuple[str, int, int]]:
        flat: list[tuple[str, int]] = []

        def walk(items: list[Any]) -> None:  # the leaves: a student's parts, not the student
            for i, item in enumerate(items):
                if isinstance(item, list):
                    walk(item)
                elif not (i + 1 < len(items) and isinstance(items[i + 1], list)):
                    flat.append((str(item.title), reader.get_destination_page_number(item)))

        walk(outline)
        starts = sorted({(start, title) for title, start in flat})
        for i, (start, title) in enumerate(starts):
            end = starts[i + 1][0] if i + 1 < len(starts) else len(reader.pages)
            yield title, start, end

    for title, start, end in parts(reader.outline):
        if start % 2:
            faults.append(Fault("sides", start + 1, f"{title!r} starts on a back"))
        if title in titles:
            printed_backs = [p + 1 for p in range(start + 1, end, 2) if not blank[p]]
            if printed_backs:
                faults.append(Fault("sides", printed_backs[0],
                                    f"{title!r} is one-sided but prints on backs "
                                    f"{printed_backs[:5]}"))  # fmt: skip
    return faults


def _broken(lines: Sequence[Line], known: set[str], number: int) -> list[Fault]:
    """A line that ends in part of a word that the next line finishes."""
    faults: list[Fault] = []
    for line in lines:
        last = line.words[-1]["text"]
        if not last or not _LETTER.match(last[-1]):
            continue
        below = [
            other
            for other in lines
            if other is not line
            and 0 < other.top - line.bottom < (line.bottom - line.top) * 1.2
            and (abs(other.x0 - line.x0) < 2 or abs(other.x1 - line.x1) < 2)
        ]
        for other in below:
            first = other.words[0]["text"]
            head = (re.findall(r"\w+", last) or [""])[-1].casefold()  # "Class/Peri" -> "peri"
            tail = (re.findall(r"\w+", first) or [""])[0].casefold()
            whole = head + tail
            if head and tail and whole in known and head not in known and tail not in known:
                faults.append(Fault("broken-word", number, f"{last!r} + {first!r}"))
    return faults


#: Words studyprint itself prints on pages, which must never break either.
PAGE_WORDS = "Name Date Class Period Score Version Answer Page Matching Multiple choice True False"


def words_of(texts: Iterable[str]) -> set[str]:
    """The words of some texts (and of the page's own labels), for ``vocabulary``."""
    return {w for text in (*texts, PAGE_WORDS) for w in re.findall(r"\w{4,}", text)}
