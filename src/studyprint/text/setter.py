"""Setting user text: markup, fallback fonts, direction, shaping, and fitting to a box.

This is the one place where a user string becomes a ReportLab Paragraph. The
order matters for safety: the string is cleaned, the inline markup is parsed
into plain-text spans, each span is XML-escaped, and only then are our own
tags (``<font>``, ``<super>``, ``<sub>``, ``<br/>``) put around it. Nothing a
user types can reach ReportLab's tag parser as a tag.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from studyprint import palette
from studyprint.text import fonts, markup, scripts
from studyprint.text.bidi import BidiParagraph, Piece

Align = Literal["start", "center", "end", "justify"]


def escape(text: str) -> str:
    """XML-escape text for ReportLab's paragraph parser (``&``, ``<``, ``>``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How a text should look; sizes in points, ``leading`` as a multiple of size."""

    size: float = 11.0
    leading: float = 1.25
    family: str = "sans"
    bold: bool = False
    italic: bool = False
    align: Align = "start"
    color: str = palette.INK
    language: str | None = None
    indent: float = 0.0  # left indent (a bullet hangs in it)
    bullet_indent: float = 0.0  # where a bullet starts
    right_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    back_color: str | None = None  # a tinted box behind the text
    border_color: str | None = None
    padding: float = 0.0  # between the text and its box
    keep_with_next: bool = False
    #: the paragraph direction, which is the page's: an English handout with an
    #: Arabic term is a left-to-right paragraph with a right-to-left run in it.
    #: None: from the text's first letter with a direction (the font specimen).
    direction: str | None = "LTR"


@dataclass(frozen=True, slots=True)
class Prepared:
    """A text turned into safe paragraph markup, with what setting it requires."""

    xml: str
    plain: str
    missing: frozenset[str]
    direction: str  # "LTR" or "RTL"
    word_wrap: str | None  # None, "LTR", "RTL" or "CJK"
    shaping: bool
    runs: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    #: the text as runs of one face each: what BidiParagraph draws
    pieces: tuple[Piece, ...] = field(default=(), compare=False)

    @property
    def needs_own_bidi(self) -> bool:
        """Text with right-to-left letters: set by BidiParagraph, not ReportLab (see bidi.py)."""
        return self.word_wrap in ("RTL", "LTR")


def _wrap_mode(text: str, direction: str) -> str | None:
    if scripts.has_rtl(text) or direction == "RTL":
        return direction  # BidiParagraph breaks and orders the lines (and mirrors bullets)
    if scripts.has_cjk(text) and _mostly_cjk(text):
        return "CJK"  # CJK lines may break between any two characters
    return None  # at spaces only: a kana reading in a Latin line stays whole


#: A run of CJK characters this long (with no space in it) needs breaking inside.
LONG_CJK_RUN = 7


def _mostly_cjk(text: str) -> bool:
    """Is the text written in CJK (a Japanese sentence: break between characters),
    rather than a Latin line holding a word or a reading in CJK ("school (がっこう,
    gakkō)": break at its spaces, never inside がっこう)?"""
    letters = [ch for ch in text if not ch.isspace()]
    cjk = sum(1 for ch in letters if scripts.has_cjk(ch))
    if cjk * 5 >= len(letters) * 2:  # two fifths of it or more
        return True
    run = 0
    for ch in text:
        run = run + 1 if scripts.has_cjk(ch) else 0
        if run >= LONG_CJK_RUN:
            return True
    return False


def _emboldened(key: str, face: str, text: str, bold: bool) -> list[tuple[str, str]]:
    """A bold run split where its font has no bold for some letters (kana in the CJK
    bolds): those go to a face the canvas strokes as well (synthetic bold)."""
    if not bold or not any(fonts.light_in_bold(ch) for ch in text):
        return [(face, text)]
    parts: list[tuple[str, str]] = []
    for light, group in itertools.groupby(text, fonts.light_in_bold):
        chunk = "".join(group)
        parts.append((fonts.synthetic_bold(key) if light else face, chunk))
    return parts


def _separate(before: str, after: str) -> str:
    """Start ``after`` with a space if it would otherwise share a word with ``before``.

    ReportLab shapes a whole word with the font of its first character, so a
    word whose letters come from two fonts would be drawn with wrong glyphs;
    in text that needs shaping, a font change therefore always falls between
    words.
    """
    if before[-1:].isspace() or after[:1].isspace():
        return after
    return " " + after


#: Texts are prepared again within a few steps (fitting tries, widths, a cell's
#: lines); a long document's thousands of others need not stay.
@lru_cache(maxsize=1024)
def prepare(
    text: str,
    family: str = "sans",
    language: str | None = None,
    bold: bool = False,
    italic: bool = False,
    direction: str | None = None,
) -> Prepared:
    """Turn user text with inline markup into escaped paragraph markup."""
    plain_latin = _plain_latin(text, family, language, bold, italic, direction)
    if plain_latin is not None:
        return plain_latin
    text = scripts.clean(text)
    spans = markup.parse(text)
    plain = "".join(span.text for span in spans)
    stack = fonts.stack_for(family, language, plain)
    base_face = fonts.face_name(stack[0], bold, italic)
    shaping = scripts.needs_shaping(plain)
    missing: set[str] = set()
    all_runs: list[tuple[str, str]] = []
    pieces: list[tuple[str, str, markup.Span]] = []  # (face, text, span it came from)
    for span in spans:
        split = fonts.split_runs(span.text, stack)
        missing |= split.missing
        all_runs.extend(split.runs)
        for key, run_text in split.runs:
            face = fonts.face_name(key, bold or span.bold, italic or span.italic)
            for part_face, part in _emboldened(key, face, run_text, bold or span.bold):
                if shaping and pieces and pieces[-1][0] != part_face:
                    part = _separate(pieces[-1][1], part)
                pieces.append((part_face, part, span))
    xml = []
    for face, run_text, span in pieces:
        safe = escape(run_text).replace("\n", "<br/>")
        if face != base_face:
            safe = f'<font name="{face}">{safe}</font>'
        if span.sup:
            safe = f"<super>{safe}</super>"
        elif span.sub:
            safe = f"<sub>{safe}</sub>"
        xml.append(safe)
    direction = direction or scripts.base_direction(plain)
    return Prepared(
        xml="".join(xml),
        plain=plain,
        missing=frozenset(missing),
        direction=direction,
        word_wrap=_wrap_mode(plain, direction),
        shaping=shaping,
        runs=tuple(all_runs),
        pieces=tuple(Piece(face, text, span.sup, span.sub) for face, text, span in pieces),
    )


def _plain_latin(
    text: str, family: str, language: str | None, bold: bool, italic: bool, direction: str | None
) -> Prepared | None:
    """The common case, decided in a few C-level scans: printable text below Hebrew
    with no markup characters, all of it in the family's first face (what the
    general path below would make of it, without parsing or splitting runs)."""
    if not text or not text.isprintable() or not scripts.is_simple(text):
        return None
    if not markup.SPECIAL.isdisjoint(text):
        return None
    key = fonts.stack_for(family, language)[0]
    if not fonts.coverage(key).issuperset(text):
        return None
    face = fonts.face_name(key, bold, italic)
    direction = direction or "LTR"
    return Prepared(
        xml=escape(text),
        plain=text,
        missing=frozenset(),
        direction=direction,
        word_wrap=direction if direction == "RTL" else None,
        shaping=False,
        runs=((key, text),),
        pieces=(Piece(face, text, False, False),),
    )


_ALIGN = {"start": TA_LEFT, "center": TA_CENTER, "end": TA_RIGHT, "justify": TA_JUSTIFY}


@lru_cache(maxsize=1024)
def paragraph_style(
    style: TextStyle, size: float, word_wrap: str | None, shaping: bool, direction: str
) -> ParagraphStyle:
    """The ReportLab style for a text style at a size; right-to-left mirrors alignment."""
    align = style.align
    indent, right_indent = style.indent, style.right_indent
    if direction == "RTL":  # the start side is the right: alignment and indents mirror
        align = {"start": "end", "end": "start"}.get(align, align)  # type: ignore[assignment]
        indent, right_indent = right_indent, indent
    stack = fonts.stack_for(style.family, style.language)
    options: dict[str, Any] = {
        "fontName": fonts.face_name(stack[0], style.bold, style.italic),
        "fontSize": size,
        "leading": size * style.leading,
        "alignment": _ALIGN[align],
        "textColor": HexColor(style.color),
        "shaping": 1 if shaping else 0,
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
        "leftIndent": indent,
        "rightIndent": right_indent,
        "spaceBefore": style.space_before,
        "spaceAfter": style.space_after,
        "keepWithNext": 1 if style.keep_with_next else 0,
        "bulletFontName": fonts.face_name(stack[0], True, False),
        "bulletFontSize": size,
        "bulletIndent": style.bullet_indent,
    }
    if style.back_color:
        options["backColor"] = HexColor(style.back_color)
        options["borderPadding"] = style.padding
    if style.border_color:
        options["borderColor"] = HexColor(style.border_color)
        options["borderWidth"] = 0.6
        options["borderPadding"] = style.padding
    if word_wrap == "CJK":  # right-to-left text never reaches a ReportLab Paragraph
        options["wordWrap"] = word_wrap
    return ParagraphStyle(f"sp-{size:g}-{word_wrap}-{int(shaping)}", **options)


def paragraph(
    text: str, style: TextStyle, size: float | None = None, bullet: str | None = None
) -> SetText:
    """A flowable paragraph of user text, and the characters no font could print.

    ``bullet`` (our own text, such as "3.") hangs in the style's left indent.
    """
    prepared = prepare(
        text, style.family, style.language, style.bold, style.italic, style.direction
    )
    pstyle = paragraph_style(
        style, size or style.size, prepared.word_wrap, prepared.shaping, prepared.direction
    )
    if prepared.needs_own_bidi:
        marker = None
        if bullet is not None:
            marker = prepare(bullet, style.family, style.language, True, False, style.direction)
        return SetText(
            BidiParagraph(
                prepared.pieces, pstyle, prepared.direction, marker.pieces if marker else None
            ),
            prepared,
        )
    if bullet is None and OneLine.suits(prepared, style):
        return SetText(OneLine(prepared, pstyle), prepared)
    if bullet is None:
        return SetText(Breaking(prepared.xml, pstyle), prepared)
    return SetText(Breaking(prepared.xml, pstyle, bulletText=escape(bullet)), prepared)


def width_of(text: str, style: TextStyle, size: float | None = None) -> float:
    """The width ``text`` takes set on one line in ``style`` (fallback fonts included)."""
    prepared = prepare(text, style.family, style.language, style.bold, style.italic)
    return float(sum(stringWidth(p.text, p.face, size or style.size) for p in prepared.pieces))


def widest_word(texts: Iterable[str], style: TextStyle) -> float:
    """The width of the widest word among ``texts``: a box narrower than this breaks a
    word in two."""
    return max((width_of(word, style) for text in texts for word in text.split()), default=0.0)


class Breaking(Paragraph):  # type: ignore[misc]
    """A paragraph whose word too wide for its box breaks with a visible hyphen.

    ReportLab splits such a word (``splitLongWords``) without any mark, which
    reads as two words. When that happens, the words wider than the box get
    soft hyphens between syllables and the lines are broken again: ReportLab
    breaks at a soft hyphen and prints a hyphen there, and prints nothing for
    the others. Words that fit are never touched.
    """

    _softened = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        if self._softened or not getattr(self, "_splitLongWordCount", 0):
            return size
        if getattr(self.style, "wordWrap", None) == "CJK":
            return size  # CJK lines break between characters anyway
        style = self.style
        inner = avail_width - style.leftIndent - style.rightIndent

        def too_wide(word: str) -> bool:
            return bool(stringWidth(word, style.fontName, style.fontSize) > inner)

        softened = soft_hyphens(self.text, too_wide)
        self._softened = True
        if softened != self.text:
            Paragraph.__init__(self, softened, style, bulletText=self.bulletText)
            self._softened = True
            size = super().wrap(avail_width, avail_height)
        return size


_TAG = re.compile(r"(<[^>]*>)")
_LONG_WORD = re.compile(r"[^\W\d_]{7,}")
_VOWELS = frozenset("aeiouyàáâäãåæèéêëìíîïòóôöõøùúûüýAEIOUYÀÁÂÄÃÅÆÈÉÊËÌÍÎÏÒÓÔÖÕØÙÚÛÜÝ")
SOFT_HYPHEN = "\u00ad"


def soft_hyphens(xml: str, too_wide: Callable[[str], bool]) -> str:
    """``xml`` with soft hyphens inside each word ``too_wide`` says cannot fit a line
    (outside tags): between syllables (a vowel, then a consonant before a vowel), or
    every four letters where a word has no such place; never within two letters
    of either end."""
    parts = _TAG.split(xml)
    for index in range(0, len(parts), 2):  # the even parts are text, the odd ones tags
        parts[index] = _LONG_WORD.sub(
            lambda m: _hyphenate(m.group(0)) if too_wide(m.group(0)) else m.group(0),
            parts[index],
        )
    return "".join(parts)


def _hyphenate(word: str) -> str:
    places = [
        i
        for i in range(2, len(word) - 2)
        if word[i - 1] in _VOWELS and word[i] not in _VOWELS and word[i + 1] in _VOWELS
    ]
    if not places:
        places = list(range(4, len(word) - 2, 4))
    pieces, last = [], 0
    for i in places:
        pieces.append(word[last:i])
        last = i
    pieces.append(word[last:])
    return SOFT_HYPHEN.join(pieces)


#: Longer texts rarely fit one line; measuring them first would be wasted work.
ONE_LINE_CHARS = 48


class OneLine(Flowable):  # type: ignore[misc]
    """Short text in plain runs, drawn as strings while it fits on one line.

    Card fronts, headings and table terms are mostly a few words; building and
    parsing a Paragraph for each was most of what they cost. If the text needs
    more than one line at the width it is given, a real Paragraph takes over.
    """

    def __init__(self, prepared: Prepared, style: ParagraphStyle) -> None:
        super().__init__()
        self.prepared = prepared
        self.style = style
        self.keepWithNext = style.keepWithNext
        self.runs = [(piece.face, piece.text) for piece in prepared.pieces]
        self.needed = sum(stringWidth(t, f, style.fontSize) for f, t in self.runs)
        self._para: Paragraph | None = None
        self._single = True

    @staticmethod
    def suits(prepared: Prepared, style: TextStyle) -> bool:
        text = prepared.plain
        return (
            len(text) <= ONE_LINE_CHARS
            and prepared.word_wrap is None
            and not prepared.shaping
            and style.back_color is None
            and style.border_color is None
            and all(not (p.sup or p.sub) for p in prepared.pieces)
            and "\n" not in text
            and "  " not in text
            and text == text.strip()
        )

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def _paragraph(self) -> Paragraph:
        if self._para is None:
            self._para = Breaking(self.prepared.xml, self.style)
        return self._para

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = avail_width - self.style.leftIndent - self.style.rightIndent
        self._single = self.needed <= inner + 1e-6
        if self._single:
            self.width, self.height = avail_width, float(self.style.leading)
        else:
            self.width, self.height = self._paragraph().wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if not self._single:
            return list(self._paragraph().split(avail_width, avail_height))
        return [] if self.height > avail_height else [self]

    def draw(self) -> None:
        if not self._single:
            self._paragraph().drawOn(self.canv, 0, 0)
            return
        style = self.style
        inner = self.width - style.leftIndent - style.rightIndent
        x = style.leftIndent
        if style.alignment == TA_RIGHT:
            x += inner - self.needed
        elif style.alignment == TA_CENTER:
            x += (inner - self.needed) / 2
        canvas = self.canv
        canvas.setFillColor(style.textColor)
        text = canvas.beginText(x, self.height - style.fontSize)
        for face, run in self.runs:
            text.setFont(face, style.fontSize)
            text.textOut(run)
        canvas.drawText(text)


def lines(parts: list[tuple[str, TextStyle]], style: TextStyle) -> SetText:
    """One paragraph of several lines, each line in its own size, colour and face.

    Cheaper than a stack of paragraphs where many are made (a table cell holding
    a term and its other names): one wrap, one draw.
    """
    chunks: list[str] = []
    missing: set[str] = set()
    plains: list[str] = []
    for text, part in parts:
        prepared = prepare(
            text, part.family, part.language, part.bold, part.italic, style.direction
        )
        missing |= prepared.missing
        plains.append(prepared.plain)
        chunk = prepared.xml
        if (part.bold, part.italic) != (style.bold, style.italic):
            chunk = _restyle(chunk, part, style)
        if part.size != style.size or part.color != style.color:
            chunk = f'<font size="{part.size:g}" color="{part.color}">{chunk}</font>'
        chunks.append(chunk)
    plain = "\n".join(plains)
    direction = style.direction or scripts.base_direction(plain)
    combined = Prepared(
        xml="<br/>".join(chunks),
        plain=plain,
        missing=frozenset(missing),
        direction=direction,
        word_wrap=_wrap_mode(plain, direction),
        shaping=scripts.needs_shaping(plain),
    )
    pstyle = paragraph_style(
        style, style.size, combined.word_wrap, combined.shaping, combined.direction
    )
    if combined.needs_own_bidi:
        pieces: list[Piece] = []
        for text, part in parts:
            if pieces:
                pieces.append(Piece(pieces[-1].face, "\n"))
            pieces += prepare(
                text, part.family, part.language, part.bold, part.italic, style.direction
            ).pieces
        return SetText(BidiParagraph(pieces, pstyle, combined.direction), combined)
    return SetText(Breaking(combined.xml, pstyle), combined)


def _restyle(xml: str, part: TextStyle, style: TextStyle) -> str:
    """Make text prepared in the paragraph's base face appear in the part's face."""
    stack = fonts.stack_for(style.family, style.language)
    face = fonts.face_name(stack[0], part.bold, part.italic)
    return f'<font name="{face}">{xml}</font>'


@dataclass(slots=True)
class SetText:
    flowable: Flowable  # a Paragraph, or a BidiParagraph for shaped right-to-left text
    prepared: Prepared

    @property
    def missing(self) -> frozenset[str]:
        return self.prepared.missing


class Fitted(Flowable):  # type: ignore[misc]
    """A paragraph drawn at a scale, so one wrap pass can try many sizes."""

    def __init__(self, para: Flowable, scale: float, wrapped: tuple[float, float] | None = None):
        super().__init__()
        self.para = para
        self.scale = scale
        #: (width, height) the paragraph was last wrapped to, so drawing right
        #: after fitting does not break the lines a second time
        self.wrapped = wrapped

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = avail_width / self.scale
        if self.wrapped is None or self.wrapped[0] != inner:
            self.wrapped = (inner, float(self.para.wrap(inner, 1e9)[1]))
        self.width, self.height = avail_width, self.wrapped[1] * self.scale
        return self.width, self.height

    def draw(self) -> None:
        if self.scale == 1:
            self.para.drawOn(self.canv, 0, 0)
            return
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        self.para.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


@dataclass(slots=True)
class Fit:
    """The result of fitting a text into a box."""

    flowable: Fitted
    size: float  # the font size used
    height: float  # the height the text takes at that size
    fits: bool  # False: even at the minimum size the text is taller than the box
    missing: frozenset[str]

    def draw_on(
        self,
        canvas: Any,
        x: float,
        top: float,
        width: float,
        valign: str = "top",
        box_height: float = 0.0,
    ) -> None:
        """Draw with the text's top at ``top`` (or centred in ``box_height``)."""
        self.flowable.wrap(width, 1e9)
        offset = (box_height - self.height) / 2 if valign == "middle" and self.fits else 0.0
        self.flowable.drawOn(canvas, x, top - offset - self.height)


def _widest_word(para: Flowable, size: float) -> float:
    """The width of the paragraph's widest word at ``size`` (0 where lines may break
    anywhere, as CJK text does, or where the paragraph breaks its own lines)."""
    if isinstance(para, OneLine):
        return max(
            (stringWidth(word, face, size) for face, run in para.runs for word in run.split()),
            default=0.0,
        )
    if isinstance(para, Paragraph) and getattr(para.style, "wordWrap", None) != "CJK":
        return float(para.minWidth())
    return 0.0


def fit(
    text: str, style: TextStyle, width: float, height: float, min_size: float | None = None
) -> Fit:
    """Set ``text`` in a ``width`` x ``height`` box at the largest size that fits.

    Tries the style's size first (or the largest at which its widest word fits
    the width), then searches down to ``min_size`` in steps of a quarter point.
    If the text is still too tall at ``min_size`` the result says so (``fits``
    is False) and the caller decides: warn, or fail.
    """
    base = paragraph(text, style)
    para = base.flowable
    floor = min(min_size if min_size is not None else style.size, style.size)
    heights: dict[int, float] = {}  # quarter points -> height of the text at that size
    last = [0]  # the size the paragraph's lines are currently broken for

    def height_at(quarters: int) -> float:
        if quarters not in heights:
            scale = quarters / 4 / style.size
            heights[quarters] = float(para.wrap(width / scale, 1e9)[1]) * scale
            last[0] = quarters
        return heights[quarters]

    def result(quarters: int, fits: bool) -> Fit:
        scale = quarters / 4 / style.size
        if last[0] != quarters:
            heights.pop(quarters, None)
        height = height_at(quarters)
        fitted = Fitted(para, scale, (width / scale, height / scale))
        return Fit(fitted, quarters / 4, height, fits, base.missing)

    top, low = int(style.size * 4), math.ceil(floor * 4)
    full = -1.0
    if isinstance(para, Breaking) and getattr(para.style, "wordWrap", None) != "CJK":
        # Lines broken at the full size split a word only if one is wider than the
        # box: then (rarely) measure the widest word. Not softened with hyphens yet.
        para._softened = True
        full = height_at(top)
        para._softened = False
        widest = 0.0
        if para._splitLongWordCount:
            widest = float(para.minWidth())
            heights.clear()  # broken again below, with hyphens where a word splits
            full = -1.0
    else:
        widest = _widest_word(para, style.size)
    if widest > width > 0:  # no larger than lets every word fit on a line: never "Client-center|ed"
        top = max(low, int(style.size * width / widest * 4))
        heights.clear()
        full = -1.0
    if full < 0:
        full = height_at(top)
    if full <= height:
        return result(top, True)
    # Text area grows with the square of the size: start near that estimate,
    # then step to the largest quarter-point size that fits.
    guess = max(low, min(top - 1, int(top * math.sqrt(height / full))))
    if height_at(guess) <= height:
        while guess + 1 < top and height_at(guess + 1) <= height:
            guess += 1
        return result(guess, True)
    while guess > low:
        guess -= 1
        if height_at(guess) <= height:
            return result(guess, True)
    return result(low, False)
