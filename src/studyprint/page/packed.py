"""A canvas that holds as little of a long document as ReportLab allows.

ReportLab keeps every finished page's drawing commands as text until ``save``,
gives each page its own copy of the dictionary naming the forms it uses, and
at ``save`` builds the whole file as one bytes object before writing it. For a
5,000-page guide that was ~14 MB of page text, ~3 MB of identical dictionaries
and the file twice over at the end. This canvas compresses each page's
content when the page ends, shares one dictionary among pages that use the
same forms, keeps outline entries in arrays, and saves through
:mod:`studyprint.page.pdffile`, which writes each object as it is made.

The bytes written are the same: the stream is encoded with the filters
ReportLab would choose, in the order it would apply them, and marked as
already encoded, so ``save`` leaves it alone.
"""

from __future__ import annotations

import itertools
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFBase85Encode,
    PDFName,
    PDFPage,
    PDFStream,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from studyprint.page import pdffile
from studyprint.page.pdffile import Outline


class _BoldableText(PDFTextObject):  # type: ignore[misc]
    """A text object that draws the faces :data:`fonts.SYNTHETIC_BOLD` names with their
    outlines stroked too (text render mode 2, a line a thirtieth of the size): kana
    have no bold in the CJK fonts we ship, and beside bold kanji and Latin they read
    as light."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._stroked = False
        self._fill: Any = None
        super().__init__(*args, **kwargs)

    def _setFont(self, psfontname: str, size: float) -> None:
        super()._setFont(psfontname, size)
        self._stroke_for(psfontname, size)

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        super().setFont(psfontname, size, leading)
        self._stroke_for(psfontname, size)

    def _stroke_for(self, psfontname: str, size: float) -> None:
        from studyprint.text.fonts import SYNTHETIC_BOLD

        if psfontname in SYNTHETIC_BOLD:
            if self._fill is not None:
                self.setStrokeColor(self._fill)
            self._code.append(f"2 Tr {size * SYNTHETIC_STROKE:.3f} w")
            self._stroked = True
        elif self._stroked:
            self._code.append("0 Tr")
            self._stroked = False

    def setFillColor(self, aColor: Any, alpha: Any = None) -> None:
        super().setFillColor(aColor, alpha)
        self._fill = aColor
        if self._stroked:
            self.setStrokeColor(aColor)

    def getCode(self) -> str:
        if self._stroked:  # the render mode outlives the text object: put it back
            self._code.append("0 Tr")
            self._stroked = False
        return str(super().getCode())


#: The stroke of synthetic bold, as a share of the font size.
SYNTHETIC_STROKE = 1 / 30


class PackedCanvas(Canvas):  # type: ignore[misc]
    """A ReportLab canvas whose finished pages are compressed at once and whose
    file is written piece by piece."""

    _shared_xobjects: dict[tuple[str, ...], Any]

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:
        return _BoldableText(self, x, y, direction=direction)

    def showPage(self) -> None:
        super().showPage()
        pack(self._doc.Pages.pages[-1])

    def _setXObjects(self, thing: Any) -> None:
        forms = tuple(self._formsinuse)
        if not forms:
            thing.XObjects = None
            return
        shared = self.__dict__.setdefault("_shared_xobjects", {})
        if forms not in shared:  # a dictionary of references, never changed once made
            shared[forms] = self._doc.xobjDict(forms)
        thing.XObjects = shared[forms]

    def outline_entry(self, title: str, level: int) -> None:
        """An outline entry pointing at the current point: what ReportLab's
        ``bookmarkHorizontal`` and ``addOutlineEntry`` write, kept in arrays until
        it is written (a guide has one for every term)."""
        left, top = self.absolutePosition(0, 0)
        self._doc.inPage()
        outline = self.__dict__.setdefault("_outline", Outline())
        outline.add(title, level, self._doc.pageCounter, left, top)

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        outline = self.__dict__.get("_outline") or Outline()
        target = self._filename
        if hasattr(target, "write"):
            pdffile.write(self._doc, self, outline, target)
            return
        with open(target, "wb") as file:
            pdffile.write(self._doc, self, outline, file)


def pack(page: PDFPage) -> None:
    """Encode a finished page's content stream now, as ``save`` would have."""
    stream = page.stream
    if not stream or page.Contents or not page.compression:
        return  # left for ReportLab: nothing drawn, contents set, or no compression
    filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
    content = stream
    for encoder in reversed(filters):
        content = encoder.encode(content)
    packed = PDFStream(content=content)
    packed.dictionary["Filter"] = PDFArray([PDFName(f.pdfname) for f in filters])
    packed.__Comment__ = "page stream"
    page.Contents = packed
    page.stream = None


def reportlab_outline_entry(canvas: Canvas, title: str, level: int) -> None:
    """An outline entry pointing at the current point, kept by ReportLab (on a plain
    canvas), as :meth:`PackedCanvas.outline_entry` would write it."""
    key = f"bm{next(_keys)}"
    canvas.bookmarkHorizontal(key, 0, 0)
    canvas.addOutlineEntry(title, key, level=level, closed=False)


_keys = itertools.count(1)
