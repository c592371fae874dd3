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

from collections.abc import Sequence
from dataclasses import dataclass

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


Line = tuple[_Word, ...]
BREAK = None  # a forced line break in the word list


class BidiParagraph(Flowable):  # type: ignore[misc]
    """A shaped paragraph whose lines are broken, ordered and drawn here."""

    def __init__(
        self,
        pieces: Sequence[Piece],
        style: ParagraphStyle,
        direction: str,
        bullet: str | None = None,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        self.direction = direction
        self.bullet = bullet
        self.pieces = tuple(pieces)
        self.lines = lines
        self._words = _words(self.pieces, style.fontSize) if lines is None else []
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
        if self.bullet:
            canvas.setFont(style.bulletFontName, style.bulletFontSize)
            canvas.setFillColor(style.textColor)
            canvas.drawString(style.bulletIndent, baseline, self.bullet)
        space = self._space()
        for line in lines:
            self._draw_line(line, baseline, inner, space)
            baseline -= style.leading

    # -- lines ----------------------------------------------------------------------

    def _space(self) -> float:
        return float(stringWidth(" ", self.style.fontName, self.style.fontSize))

    def _draw_line(self, line: Line, baseline: float, inner: float, space: float) -> None:
        style = self.style
        visual = [line[i] for i in visual_order([w.text for w in line], self.direction)]
        used = sum(w.width for w in visual) + space * (len(visual) - 1)
        alignment = style.alignment
        if alignment == TA_JUSTIFY:
            alignment = TA_RIGHT if self.direction == "RTL" else 0
        x = style.leftIndent
        if alignment == TA_RIGHT:
            x += inner - used
        elif alignment == TA_CENTER:
            x += (inner - used) / 2
        canvas = self.canv
        canvas.setFillColor(style.textColor)
        for word in visual:
            pieces = reversed(word.pieces) if word.rtl else word.pieces
            for piece in pieces:
                size, rise = _size_rise(piece, style.fontSize)
                canvas.setFont(piece.face, size)
                shaped, width = shaped_text(piece.text, piece.face, size)
                text = canvas.beginText(x, baseline + rise)
                text.textOut(shaped)
                canvas.drawText(text)
                x += width
            x += space


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


def visual_order(words: Sequence[str], direction: str) -> list[int]:
    """Indexes of ``words`` (one line, in logical order) from left to right on the page."""
    if len(words) < 2:
        return list(range(len(words)))
    line = " ".join(words)
    v_to_l = visual_positions(line, direction)
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    owner: dict[int, int] = {}
    for index, (start, word) in enumerate(zip(starts, words, strict=True)):
        for offset in range(len(word)):
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


def _break(words: list[_Word | None], width: float, space: float) -> list[Line]:
    """Greedy line breaking on the logical word order."""
    lines: list[Line] = []
    line: list[_Word] = []
    used = 0.0
    for word in words:
        if word is BREAK:
            lines.append(tuple(line))
            line, used = [], 0.0
            continue
        assert word is not None
        extra = word.width + (space if line else 0.0)
        if line and used + extra > width:
            lines.append(tuple(line))
            line, used = [word], word.width
        else:
            line.append(word)
            used += extra
    if line:
        lines.append(tuple(line))
    return lines
