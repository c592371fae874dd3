"""The printed page every product shares: page template, running header, footer
with "Page N of M", bookmarks, metadata, byte-identical output.

"Page N of M" is drawn in one pass: each page draws "Page N of" and places a
form XObject for M, which is defined once the last page of its section is
known. pypdf extracts it as part of the page text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import FrameActionFlowable, LayoutError

from studyprint import palette
from studyprint.errors import OutputError
from studyprint.page.packed import PackedCanvas, reportlab_outline_entry
from studyprint.page.tables import page_table
from studyprint.read.catalogue import load_words
from studyprint.read.layout import Layout
from studyprint.text import fonts
from studyprint.text.setter import TextStyle, paragraph, width_of
from studyprint.units import mm
from studyprint.words import Words


@dataclass(frozen=True, slots=True)
class PdfMeta:
    title: str
    subject: str = ""
    author: str = "studyprint"
    keywords: tuple[str, ...] = ()
    language: str | None = None


@dataclass(slots=True)
class PageState:
    """What the page decorations need to know, updated by marker flowables as they draw."""

    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""
    section: str = "main"  # page numbers count within a section
    continuing: str | None = None  # a block that runs onto the next page
    blank: bool = False  # this page is a filler back: print nothing on it
    owner: str = ""  # a packet's student: named on every page, "(continued)" ones too
    page_in_section: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    #: changes a :class:`NextPageMarker` placed mid-page leaves for the next page
    pending: dict[str, Any] = field(default_factory=dict)


class Marker(Flowable):  # type: ignore[misc]
    """A zero-size flowable that changes the page state when it is placed."""

    def __init__(self, state: PageState, **changes: Any) -> None:
        super().__init__()
        self.state = state
        self.changes = changes
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        for key, value in self.changes.items():
            setattr(self.state, key, value)


class NextPageMarker(FrameActionFlowable):  # type: ignore[misc]
    """Changes the page state from the page a part starts on when it starts at its
    top, else from the next page: a page whose upper half is questions keeps the
    questions' header though the answers begin below them."""

    def __init__(self, state: PageState, **changes: Any) -> None:
        self.state = state
        self.changes = changes

    def frameAction(self, frame: Frame) -> None:
        if frame._atTop:
            for key, value in self.changes.items():
                setattr(self.state, key, value)
        else:
            self.state.pending.update(self.changes)


class SheetBreak(FrameActionFlowable):  # type: ignore[misc]
    """Continue on the front of a new sheet: the next odd page, for double-sided printing.

    Adds a blank back page when needed (no header, footer or page number: it is
    not counted in "Page N of M"); does nothing at the top of an odd page.
    """

    def __init__(self, doc: BaseDocTemplate) -> None:
        self.doc = doc

    def frameAction(self, frame: Frame) -> None:
        page = self.doc.page
        blank = Marker(self.doc.state, blank=True)  # the filler back stays truly blank
        if frame._atTop:  # this page is still empty
            if page % 2 == 0:
                frame.add_generated_content(blank, PageBreak())
            return
        if (page + 1) % 2 == 1:
            frame.add_generated_content(PageBreak())
        else:
            frame.add_generated_content(PageBreak(), blank, PageBreak())


class Bookmark(Flowable):  # type: ignore[misc]
    """A zero-size flowable that adds an outline entry pointing at where it lands."""

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self.title = title
        self.level = level
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, PackedCanvas):
            canvas.outline_entry(self.title, self.level)
        else:
            reportlab_outline_entry(canvas, self.title, self.level)


class WriteLines(Flowable):  # type: ignore[misc]
    """Ruled lines to write an answer on."""

    def __init__(self, count: int, gap: float, indent: float, color: str) -> None:
        super().__init__()
        self.count, self.gap, self.indent, self.color = count, gap, indent, color

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.count * self.gap
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(HexColor(self.color))
        canvas.setLineWidth(0.5)
        for i in range(self.count):
            y = self.height - (i + 1) * self.gap + 2
            canvas.line(self.indent, y, self.width, y)


def bookmarked(inner: Flowable, title: str, level: int) -> Flowable:
    """``inner`` with an outline entry where it is drawn.

    A Paragraph stays a Paragraph (ReportLab's tables size those much faster
    than other flowables); anything else is wrapped.
    """
    if isinstance(inner, Paragraph):
        return _BookmarkedParagraph(inner, title, level)
    return Bookmarked(inner, title, level)


class _BookmarkedParagraph(Paragraph):  # type: ignore[misc]
    def __init__(self, para: Paragraph, title: str, level: int) -> None:
        super().__init__(para.text, para.style, bulletText=para.bulletText, frags=para.frags)
        self.outline = Bookmark(title, level)

    def draw(self) -> None:
        self.outline.canv = self.canv
        self.outline.draw()
        super().draw()


class Bookmarked(Flowable):  # type: ignore[misc]
    """A flowable that adds an outline entry where it is drawn (for table cells,
    where a separate bookmark flowable would make the cell a slow list of flowables)."""

    def __init__(self, inner: Flowable, title: str, level: int) -> None:
        super().__init__()
        self.inner = inner
        self.outline = Bookmark(title, level)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def draw(self) -> None:
        self.outline.canv = self.canv
        self.outline.draw()
        self.inner.drawOn(self.canv, 0, 0)


class Streamed(list):  # type: ignore[type-arg]
    """A story ReportLab consumes from its front (``del story[0]``, splits put back at
    the front), filled from an iterator as it shrinks: the flowables of pages already
    drawn are freed, and those of pages to come are not made yet.

    ``AHEAD`` flowables are kept ready, so ReportLab's look-ahead (keep-with-next
    chains) sees as far as it does in a whole list."""

    AHEAD = 256

    def __init__(self, items: Iterator[Flowable]) -> None:
        super().__init__()
        self._items: Iterator[Flowable] | None = items
        self._fill()

    def _fill(self) -> None:
        while self._items is not None and super().__len__() < self.AHEAD:
            try:
                self.append(next(self._items))
            except StopIteration:
                self._items = None

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._fill()


class _TotalsCanvas(PackedCanvas):
    """A canvas that defines the "of M" forms of every section just before saving."""

    totals: dict[str, int]
    footer_font: tuple[str, float]
    #: draws "Page n of M" ending at x = 0 (set where a page's whole number line is a
    #: form of its own, so it ends at the right margin whatever M's digits)
    page_line: Callable[[Canvas, str, int, int], None] | None = None

    def save(self) -> None:
        if self.page_line is not None:
            for section, total in self.totals.items():
                for number in range(1, total + 1):
                    self.beginForm(_line_form(section, number), lowerx=-1000, lowery=-50)
                    self.page_line(self, section, number, total)
                    self.endForm()
        name, size = self.footer_font
        room = self.stringWidth("888", name, size)
        for section, total in self.totals.items():
            for suffix, x in (("", 0.0), ("_end", room - self.stringWidth(str(total), name, size))):
                self.beginForm(_form_name(section) + suffix)
                self.setFont(name, size)
                self.setFillColor(HexColor(palette.MUTED))
                self.drawString(x, 0, str(total))
                self.endForm()
        super().save()


def _form_name(section: str) -> str:
    return "total_" + "".join(ch if ch.isalnum() else "_" for ch in section)


def _line_form(section: str, number: int) -> str:
    return f"page{number}_" + "".join(ch if ch.isalnum() else "_" for ch in section)


PageHook = Callable[[Canvas, "Document"], None]


class Document(BaseDocTemplate):  # type: ignore[misc]
    """A document on a layout's paper with header, footer and page numbers."""

    def __init__(
        self,
        path: Path,
        layout: Layout,
        meta: PdfMeta,
        state: PageState | None = None,
        on_page: PageHook | None = None,
        words: Words | None = None,
    ) -> None:
        self.layout = layout
        self.words = words or load_words()
        self.state = state or PageState(header_left=meta.title)
        self.on_page_hook = on_page
        top, right, bottom, left = layout.margins
        super().__init__(
            str(path),
            pagesize=layout.page_size,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=meta.title,
            subject=meta.subject,
            author=meta.author,
            keywords=", ".join(meta.keywords),
            creator="studyprint",
            lang=meta.language,
            invariant=1,
            initialFontName=fonts.face_name(fonts.PRIMARY[layout.fonts.family]),
        )
        x, y, width, height = layout.frame
        frame = Frame(
            x,
            y,
            width,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        # Decorations are drawn when a page is finished, so markers placed on the
        # page (a new deck, a new quiz version) already count for it; only
        # "(continued)" looks at the state the page started with.
        self.addPageTemplates(
            [PageTemplate("page", [frame], onPage=self._begin_page, onPageEnd=self._decorate)]
        )
        self._continued: str | None = None
        self.small = TextStyle(
            size=layout.fonts.small,
            family=layout.fonts.family,
            color=palette.MUTED,
            language=meta.language,
            direction=self.words.direction,
        )
        self.totals: dict[str, int] = {}
        #: header lines repeat on every page: set each text once, draw it many times
        self._lines: dict[tuple[str, float, str], tuple[Flowable, float]] = {}

    @property
    def header_y(self) -> float:
        """The baseline of the running header."""
        top = self.layout.margins[0]
        return float(self.layout.page_size[1] - max(top * 0.55, mm(8) + self.small.size))

    @property
    def header_rule_y(self) -> float:
        """Where the rule under the running header is drawn: page marks stay below it."""
        return self.header_y - max(3.0, self.small.size * 0.4)

    def _begin_page(self, canvas: Canvas, doc: Any) -> None:
        pending = self.state.pending
        while pending:
            key, value = pending.popitem()
            setattr(self.state, key, value)
        self._continued = self.state.continuing

    def _decorate(self, canvas: Canvas, doc: Any) -> None:
        state = self.state
        if state.blank:
            state.blank = False
            return
        width, _ = self.layout.page_size
        _, right, bottom, left = self.layout.margins
        header_y = self.header_y
        usable = width - left - right
        # the start side is the right on a right-to-left page: boxes swap, and the
        # text's own alignment ("start", "end") is mirrored by its direction
        start_x, end_x = (
            (left + usable * 0.4, left) if self.words.rtl else (left, left + usable * 0.4)
        )
        continued = self._continued
        end_text = self.words("continued", term=continued) if continued else state.header_right
        if continued and state.owner:
            end_text = f"{state.owner} · {end_text}"
        start_room, end_room = self._header_rooms(state.header_left, end_text or "", usable)
        if state.header_left:
            text = self._shortened(state.header_left, start_room)
            self._line(canvas, text, start_x, header_y, usable * 0.6, "start")
        if end_text:
            self._line(canvas, self._shortened(end_text, end_room), end_x, header_y,
                       usable * 0.6, "end")  # fmt: skip
        canvas.saveState()
        canvas.setStrokeColor(HexColor(palette.LIGHT_RULE))
        canvas.setLineWidth(0.5)
        rule_y = self.header_rule_y
        canvas.line(left, rule_y, width - right, rule_y)
        canvas.restoreState()
        number = state.page_in_section.get(state.section, 0) + 1
        state.page_in_section[state.section] = number
        self.totals[state.section] = number
        footer_y = max(bottom * 0.5, mm(9))
        if state.footer_left:
            self._line(canvas, state.footer_left, start_x, footer_y, usable * 0.6, "start")
        self._page_number(canvas, number, footer_y)
        if self.on_page_hook is not None:
            self.on_page_hook(canvas, self)

    def _header_rooms(self, start: str, end: str, usable: float) -> tuple[float, float]:
        """How wide the header's two texts may be: each its own width while both fit
        with a gap between; else the shorter keeps its width (up to half) and the
        longer the rest, so a long title and a long unit never print over each other."""
        gap = self.small.size * 2
        room = min(usable * 0.6, usable - gap)
        wide_start = width_of(start, self.small) if start else 0.0
        wide_end = width_of(end, self.small) if end else 0.0
        if wide_start + wide_end + gap <= usable:
            return room, room
        half = (usable - gap) / 2
        if wide_start <= half:
            return room, usable - gap - wide_start
        if wide_end <= half:
            return usable - gap - wide_end, room
        return half, half

    def _shortened(self, text: str, room: float) -> str:
        """``text`` cut at a word and ended with "…" if it is wider than ``room``."""
        if width_of(text, self.small) <= room:
            return text
        words = text.split(" ")
        while len(words) > 1 and width_of(" ".join(words) + "…", self.small) > room:
            words.pop()
        shortened = " ".join(words).rstrip(" ·,;:")
        while len(shortened) > 1 and width_of(shortened + "…", self.small) > room:
            shortened = shortened[:-1]
        return shortened.rstrip() + "…"

    def _page_number(self, canvas: Canvas, number: int, y: float) -> None:
        """ "Page N of M" at the end side of the footer. M is only known when the
        document ends: it is a form drawn in a room as wide as three digits, between
        the text before it and after it in the page language's message."""
        width, _ = self.layout.page_size
        _, right, _, left = self.layout.margins
        face = fonts.face_name(fonts.PRIMARY[self.layout.fonts.family])
        size = self.small.size
        room = canvas.stringWidth("888", face, size)
        before, after = self.words.split("page", "total", page=number)
        gap_before = canvas.stringWidth(" ", face, size) if before[-1:].isspace() else 0.0
        gap_after = canvas.stringWidth(" ", face, size) if after[:1].isspace() else 0.0
        before, after = before.strip(), after.strip()
        wide_before, wide_after = width_of(before, self.small), width_of(after, self.small)
        form = _form_name(self.state.section)
        # placed from the end side, drawn in reading order (copied text reads right)
        if self.words.rtl:  # visually: after · total · before, from the left margin
            total_x = left + wide_after + gap_after
            form += "_end"  # the total sits against the words before it
            before_x, after_x = total_x + room + gap_before, left
        else:
            end = width - right
            after_x = end - wide_after - 1
            total_x = after_x - gap_after - (room if after else 0.0)
            if not after:  # "Page 3 of 9" ends at the margin: the whole line is a form
                canvas.saveState()
                canvas.translate(end, y)
                canvas.doForm(_line_form(self.state.section, number))
                canvas.restoreState()
                return
            before_x = total_x - gap_before - wide_before - 1
        canvas.saveState()
        canvas.setFont(face, size)
        if before:
            self._line(canvas, before, before_x, y, wide_before + 1, "end")
            if gap_before:  # a real space: copied text reads "Page 3 of 9", not "of9"
                space_x = total_x + room if self.words.rtl else total_x - gap_before
                canvas.drawString(space_x, y, " ")
        canvas.translate(total_x, y)
        canvas.doForm(form)
        canvas.restoreState()
        if after:
            self._line(canvas, after, after_x, y, wide_after + 1, "end")

    def _whole_page_line(self, canvas: Canvas, section: str, number: int, total: int) -> None:
        """ "Page n of M", its end at x = 0 (in a form the page draws at the margin)."""
        text = self.words("page", page=number, total=total)
        style = replace(self.small, align="end", color=palette.MUTED)
        para = paragraph(text, style).flowable
        wide = width_of(text, self.small) + 1
        _, height = para.wrap(wide, 100)
        para.drawOn(canvas, -wide, -height + self.small.size)

    def _line(
        self, canvas: Canvas, text: str, x: float, y: float, width: float, align: str
    ) -> None:
        key = (text, width, align)
        cached = self._lines.get(key)
        if cached is None:
            style = replace(self.small, align="end" if align == "end" else "start")
            para = paragraph(text, style).flowable
            _, height = para.wrap(width, 100)
            cached = self._lines[key] = (para, height)
        para, height = cached
        para.drawOn(canvas, x, y - height + self.small.size)

    def build_story(self, story: Iterable[Flowable]) -> None:
        """Lay out and write ``story``, taking its flowables as the pages need them:
        give a generator, and a document of any length holds only the flowables of
        the pages being laid out (a list given here is consumed as it is drawn)."""
        totals = self.totals
        footer = (fonts.face_name(fonts.PRIMARY[self.layout.fonts.family]), self.small.size)

        def make_canvas(*args: Any, **kwargs: Any) -> _TotalsCanvas:
            canvas = _TotalsCanvas(*args, **kwargs)
            canvas.totals = totals
            canvas.footer_font = footer
            if not self.words.rtl and not self.words.split("page", "total", page=1)[1].strip():
                canvas.page_line = self._whole_page_line
            return canvas

        try:
            self.build(story if isinstance(story, list) else Streamed(iter(story)),
                       canvasmaker=make_canvas)  # fmt: skip
        except LayoutError:  # a last guard: the layout's own checks should prevent it
            raise OutputError(
                f"something on a page is taller than the page with layout "
                f"'{self.layout.name}'; use smaller fonts or spacing in the layout"
            ) from None

    def beforeDocument(self) -> None:
        self.canv.showOutline()


def body_style(layout: Layout, language: str | None, words: Words) -> TextStyle:
    """The body text of a page: the layout's face and size, the deck's language (its
    glyph forms), the page language's direction."""
    f = layout.fonts
    return TextStyle(
        size=f.body,
        leading=f.leading,
        family=f.family,
        language=language,
        direction=words.direction,
    )


#: A field on a handout's head: its label, and what is already filled in.
Field = tuple[str, str]


def fields_table(
    rows: Sequence[tuple[Field, Field]], style: TextStyle, width: float, row_height: float
) -> Flowable:
    """Name / Date / Class/Period lines at the head of a handout: two label and
    write-on-line pairs a row. Label columns are as wide as their widest label (a
    label never wraps); a pair with an empty label is left blank. A value starting
    with "/" (a score's "/ 12") sits at the end of its line. Mirrored on a
    right-to-left page."""
    pad = 10.0  # the cells' own padding
    labels = [[width_of(label, style) + pad for label, _ in (a, b)] for a, b in rows]
    first, second = max(row[0] for row in labels), max(row[1] for row in labels)
    rest = max(width - first - second, 0.0)
    cells: list[list[Flowable | str]] = []
    lines: list[tuple[str, tuple[int, int], tuple[int, int], float, Any]] = []
    for r, pairs in enumerate(rows):
        row: list[Flowable | str] = []
        for c, (label, value) in enumerate(pairs):
            row.append(paragraph(label, style).flowable if label else "")
            aligned = replace(style, align="end") if value.startswith("/") else style
            row.append(paragraph(value, aligned).flowable if value else "")
            if label:
                lines.append(
                    ("LINEBELOW", (2 * c + 1, r), (2 * c + 1, r), 0.6, HexColor(palette.INK))
                )
        cells.append(row)
    return page_table(
        cells,
        [first, rest * 0.6, second, rest * 0.4],
        [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            *lines,
        ],
        style.direction == "RTL",
        rowHeights=row_height,
    )
