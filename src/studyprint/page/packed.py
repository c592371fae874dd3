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

from studyprint.page import pdffile
from studyprint.page.pdffile import Outline


class PackedCanvas(Canvas):  # type: ignore[misc]
    """A ReportLab canvas whose finished pages are compressed at once and whose
    file is written piece by piece."""

    _shared_xobjects: dict[tuple[str, ...], Any]

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
