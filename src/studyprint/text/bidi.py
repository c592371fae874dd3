"""Paragraphs with right-to-left text (Hebrew, Arabic and their neighbours).

ReportLab orders right-to-left words only when it can import ``rlbidi``, which
is not on PyPI, and even then not in shaped text: with shaping on, its line
breaker skips the reordering, so an Arabic sentence comes out with its words
left to right. This flowable breaks the lines itself (on the logical text,
measuring shaped words), orders each line's words with the Unicode bidi
algorithm (python-bidi), and draws each word shaped by HarfBuzz, so lines keep
their reading order and Arabic letters stay joined. It relies on nothing that
depends on how or when ReportLab was imported.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.platypus import Flowable

from studyprint.text import scripts

SUB_SCALE, SUP_RISE, SUB_RISE = 0.7, 0.35, -0.2


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of one face and position inside a word."""

    face: str
    text: str
    sup: bool = False
    sub: bool = False


@dataclass(frozen=True, slots=True)
class _Word:
    pieces: tuple[Piece, ...]
    width: float
    text: str
    rtl: bool
    glue_before: bool = False  # no space between this and the word before it
    glue_after: bool = False  # no space between this and the word after it


Line = tuple[_Word, ...]
BREAK = None  # a forced line break in the word list


class BidiParagraph(Flowable):  # type: ignore[misc]
    """A shaped paragraph whose lines are broken, ordered and drawn here."""

    def __init__(
        self,
        pieces: Sequence[Piece],
        style: ParagraphStyle,
        direction: str,
        bullet: Sequence[Piece] | None = None,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        self.direction = direction
        self.bullet = bullet
        self.pieces = tuple(pieces)
        self.lines = lines
        self._words = (
            _edges(_words(self.pieces, style.fontSize), direction, style.fontSize)
            if lines is None
            else []
        )
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self.text = "".join(p.text for p in self.pieces)  # for debugging and tools

    # -- platypus protocol --------------------------------------------------------

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def _inner(self, avail_width: float) -> float:
        return max(1.0, float(avail_width - self.style.leftIndent - self.style.rightIndent))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        stale = self.lines is None or getattr(self, "_wrapped_for", None) != avail_width
        if stale and self._words:
            self.lines = _break(self._words, self._inner(avail_width), self._space())
            self._wrapped_for = avail_width
        self.width = avail_width
        self.height = len(self.lines or []) * self.style.leading
        return self.width, self.height

    def minWidth(self) -> float:
        widest = max((w.width for w in self._words if w is not BREAK), default=0.0)
        return float(widest + self.style.leftIndent + self.style.rightIndent)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        lines = self.lines or []
        fit = int(avail_height // self.style.leading)
        if fit <= 0 or fit >= len(lines):
            return [] if fit <= 0 else [self]
        first = BidiParagraph(self.pieces, self.style, self.direction, self.bullet, lines[:fit])
        rest = BidiParagraph(self.pieces, self.style, self.direction, None, lines[fit:])
        for part in (first, rest):
            part._wrapped_for = avail_width
        return [first, rest]

    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        lines = self.lines or []
        inner = self._inner(self.width)
        if getattr(style, "backColor", None) is not None or getattr(style, "borderColor", None):
            pad = style.borderPadding if isinstance(style.borderPadding, int | float) else 0
            canvas.saveState()
            if style.backColor is not None:
                canvas.setFillColor(style.backColor)
            if style.borderColor is not None:
                canvas.setStrokeColor(style.borderColor)
                canvas.setLineWidth(style.borderWidth)
            canvas.rect(
                style.leftIndent - pad,
                -pad,
                inner + 2 * pad,
                self.height + 2 * pad,
                stroke=1 if style.borderColor is not None and style.borderWidth else 0,
                fill=1 if style.backColor is not None else 0,
            )
            canvas.restoreState()
        ascent, _ = getAscentDescent(style.fontName, style.fontSize)
        baseline = self.height - ascent
        space = self._space()
        if self.bullet:  # a number or letter hangs at the start side: the right, right to left
            words = tuple(w for w in _words(self.bullet, style.fontSize) if w is not None)
            used = sum(w.width for w in words) + space * (len(words) - 1)
            x = style.bulletIndent
            if self.direction == "RTL":
                x = self.width - style.bulletIndent - used
            self._draw_words(words, x, baseline, space)
        for line in lines:
            self._draw_line(line, baseline, inner, space)
            baseline -= style.leading

    # -- lines ----------------------------------------------------------------------

    def _space(self) -> float:
        return float(stringWidth(" ", self.style.fontName, self.style.fontSize))

    def _draw_line(self, line: Line, baseline: float, inner: float, space: float) -> None:
        style = self.style
        visual = [line[i] for i in visual_order(line, self.direction)]
        gaps = [0.0 if a.glue_after or b.glue_before else space for a, b in pairwise(visual)]
        used = sum(w.width for w in visual) + sum(gaps)
        alignment = style.alignment
        if alignment == TA_JUSTIFY:
            alignment = TA_RIGHT if self.direction == "RTL" else 0
        x = style.leftIndent
        if alignment == TA_RIGHT:
            x += inner - used
        elif alignment == TA_CENTER:
            x += (inner - used) / 2
        self._draw_words(line, x, baseline, space)

    def _draw_words(self, line: Line, x: float, baseline: float, space: float) -> None:
        """Draw one line's words in visual order from ``x``."""
        style = self.style
        visual = [line[i] for i in visual_order(line, self.direction)]
        gaps = [0.0 if a.glue_after or b.glue_before else space for a, b in pairwise(visual)]
        canvas = self.canv
        canvas.setFillColor(style.textColor)
        for index, word in enumerate(visual):
            pieces = reversed(word.pieces) if word.rtl else word.pieces
            for piece in pieces:
                size, rise = _size_rise(piece, style.fontSize)
                canvas.setFont(piece.face, size)
                shaped, width = shaped_text(piece.text, piece.face, size)
                text = canvas.beginText(x, baseline + rise)
                text.textOut(shaped)
                canvas.drawText(text)
                x += width
            gap = gaps[index] if index < len(gaps) else 0.0
            if gap:  # a real space, so copied and extracted text keeps its words apart
                text = canvas.beginText(x, baseline)
                text.setFont(style.fontName, style.fontSize)
                text.textOut(" ")
                canvas.drawText(text)
            x += gap


def shaped_text(text: str, face: str, size: float) -> tuple[str, float]:
    """A word's text in visual order, ready to draw left to right, and its width.

    Scripts that join (Arabic) are shaped by HarfBuzz. Hebrew is only reordered:
    shaping it would let a font's Yiddish ligatures (YOD YOD) replace Hebrew
    letter pairs.
    """
    if scripts.needs_shaping(text):
        shaped = shapeStr(text, face, size)
        if isinstance(shaped, ShapedStr):
            return shaped, sum(d.x_advance for d in shaped.__shapeData__) * size / 1000
        text = shaped
    elif scripts.has_rtl(text):
        from bidi import get_display

        text = get_display(text, base_dir="R")
    return text, float(stringWidth(text, face, size))


def visual_order(words: Sequence[_Word], direction: str) -> list[int]:
    """Indexes of ``words`` (one line, in logical order) from left to right on the page.

    Glued words (punctuation split off a right-to-left word) join their neighbour
    without a space, so the bidi algorithm sees the text as written.
    """
    if len(words) < 2:
        return list(range(len(words)))
    line, starts = "", []
    for index, word in enumerate(words):
        if index and not (word.glue_before or words[index - 1].glue_after):
            line += " "
        starts.append(len(line))
        line += word.text
    v_to_l = visual_positions(line, direction)
    owner: dict[int, int] = {}
    for index, (start, word) in enumerate(zip(starts, words, strict=True)):
        # a word goes where its letters and digits go: the comma after "it" at the end
        # of an English line in a right-to-left paragraph moves to the line's left end,
        # but the word stays with the words around it
        offsets = [i for i, ch in enumerate(word.text) if unicodedata.bidirectional(ch) in _STRONG]
        for offset in offsets or range(len(word.text)):
            owner[start + offset] = index
    seen: list[int] = []
    for logical in v_to_l:
        found = owner.get(logical)
        if found is not None and found not in seen:
            seen.append(found)
    return seen


def visual_positions(text: str, direction: str) -> list[int]:
    """For each visual position of one line, the logical index of its character.

    The Unicode bidirectional algorithm (rules L1–L2) from python-bidi's
    reference implementation, keeping track of where each character came from.
    """
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    level = 1 if direction == "RTL" else 0
    storage["base_level"] = level
    storage["base_dir"] = "LR"[level]
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    return [char["index"] for char in storage["chars"]]


def _size_rise(piece: Piece, size: float) -> tuple[float, float]:
    if piece.sup:
        return size * SUB_SCALE, size * SUP_RISE
    if piece.sub:
        return size * SUB_SCALE, size * SUB_RISE
    return size, 0.0


def _words(pieces: Sequence[Piece], size: float) -> list[_Word | None]:
    """Words in logical order (``None`` for a forced line break), measured shaped."""
    words: list[_Word | None] = []
    current: list[Piece] = []

    def finish() -> None:
        if current:
            text = "".join(p.text for p in current)
            width = 0.0
            for piece in current:
                piece_size, _ = _size_rise(piece, size)
                width += shaped_text(piece.text, piece.face, piece_size)[1]
            words.append(_Word(tuple(current), width, text, scripts.base_direction(text) == "RTL"))
            current.clear()

    for piece in pieces:
        for index, chunk in enumerate(piece.text.split("\n")):
            if index:
                finish()
                words.append(BREAK)
            for position, part in enumerate(chunk.split(" ")):
                if position:
                    finish()
                if part:
                    current.append(Piece(piece.face, part, piece.sup, piece.sub))
    finish()
    return words


#: Bidi classes of letters and digits: where they go, their word goes.
_STRONG = frozenset(("L", "R", "AL", "EN", "AN"))

#: Bidi classes that take the direction of their surroundings (UAX 9: CS, ON, ET, ES).
_NEUTRAL = frozenset(("CS", "ON", "ET", "ES"))


def _edges(words: list[_Word | None], direction: str, size: float) -> list[_Word | None]:
    """In a left-to-right paragraph, punctuation at the edge of a right-to-left word that
    meets left-to-right text is a word of its own, glued to it: the bidi algorithm
    then puts it on the left-to-right side ("صباح النور," before a quote prints its
    comma after the Arabic, not between the Arabic words). Where a right-to-left
    neighbour claims it, it stays inside the word."""
    if direction != "LTR":
        return words
    result: list[_Word | None] = []
    for index, word in enumerate(words):
        if word is None or not word.rtl or len(word.pieces) != 1:
            result.append(word)
            continue
        before = words[index - 1] if index else None
        after = words[index + 1] if index + 1 < len(words) else None
        piece = word.pieces[0]
        text = piece.text
        start, end = 0, len(text)
        if before is None or not before.rtl:
            while start < end and unicodedata.bidirectional(text[start]) in _NEUTRAL:
                start += 1
        if after is None or not after.rtl:
            while end > start and unicodedata.bidirectional(text[end - 1]) in _NEUTRAL:
                end -= 1
        if (start, end) == (0, len(text)) or start == end:
            result.append(word)
            continue
        lead, core, trail = text[:start], text[start:end], text[end:]
        if lead:
            result.append(
                _word(Piece(piece.face, lead, piece.sup, piece.sub), size, glue_after=True)
            )
        result.append(_word(Piece(piece.face, core, piece.sup, piece.sub), size))
        if trail:
            result.append(
                _word(Piece(piece.face, trail, piece.sup, piece.sub), size, glue_before=True)
            )
    return result


def _word(piece: Piece, size: float, glue_before: bool = False, glue_after: bool = False) -> _Word:
    piece_size, _ = _size_rise(piece, size)
    width = shaped_text(piece.text, piece.face, piece_size)[1]
    rtl = scripts.base_direction(piece.text) == "RTL" and scripts.has_rtl(piece.text)
    return _Word((piece,), width, piece.text, rtl, glue_before, glue_after)


def _hyphenated(word: _Word | None, width: float) -> list[_Word | None]:
    """A left-to-right word wider than the line, in pieces that fit, each but the last
    ending in a visible hyphen (right-to-left scripts are not hyphenated)."""
    if word is None or word.width <= width or word.rtl or len(word.pieces) != 1:
        return [word]
    piece = word.pieces[0]
    size = word.width / max(1e-6, stringWidth(piece.text, piece.face, 1.0))
    parts: list[_Word | None] = []
    rest = piece.text
    while rest:
        take = len(rest)
        while take > 1 and stringWidth(rest[:take] + "-", piece.face, size) > width:
            take -= 1
        chunk = rest[:take] + ("-" if take < len(rest) else "")
        parts.append(_word(Piece(piece.face, chunk, piece.sup, piece.sub), size))
        rest = rest[take:]
    return parts


def _break(words: list[_Word | None], width: float, space: float) -> list[Line]:
    """Greedy line breaking on the logical word order."""
    lines: list[Line] = []
    line: list[_Word] = []
    used = 0.0
    words = [part for word in words for part in _hyphenated(word, width)]
    for word in words:
        if word is BREAK:
            lines.append(tuple(line))
            line, used = [], 0.0
            continue
        assert word is not None
        glued = bool(line) and (word.glue_before or line[-1].glue_after)
        extra = word.width + (space if line and not glued else 0.0)
        if line and used + extra > width and not glued:  # never break inside glued words
            lines.append(tuple(line))
            line, used = [word], word.width
        else:
            line.append(word)
            used += extra
    if line:
        lines.append(tuple(line))
    return lines
