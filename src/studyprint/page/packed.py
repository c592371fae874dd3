"""A canvas that holds as little of a long document as ReportLab allows.

ReportLab keeps every finished page's drawing commands as text until ``save``,
gives each page its own copy of the dictionary naming the forms it uses, and
at ``save`` builds the whole file as one bytes object before writing it. For a
5,000-page guide that was ~14 MB of page text, ~3 MB of identical dictionaries
and the file twice over at the end. This canvas compresses each page's
content when the page ends, shares one dictionary among pages that use the
same forms, and writes the file's pieces as they are made.

The bytes written are the same: the stream is encoded with the filters
ReportLab would choose, in the order it would apply them, and marked as
already encoded, so ``save`` leaves it alone.
"""

from __future__ import annotations

import threading
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFBase85Encode,
    PDFName,
    PDFPage,
    PDFStream,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas


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

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        target = self._filename
        if hasattr(target, "write"):
            _save_streaming(self, target)
            return
        with open(target, "wb") as file:
            _save_streaming(self, file)


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


_sink = threading.local()
_ReportLabFile = pdfdoc.PDFFile


class _SinkFile(_ReportLabFile):  # type: ignore[misc,valid-type]
    """ReportLab's output collector, writing straight to the file being saved by
    this thread (if any) instead of collecting every piece to join at the end."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target: BinaryIO | None = getattr(_sink, "file", None)
        if target is not None:
            header: list[bytes] = self.strings  # added as the collector is made
            for piece in header:
                target.write(piece)
            self.strings: list[bytes] = []
            self.write = target.write


pdfdoc.PDFFile = _SinkFile  # looked up by name when a document is formatted


def _save_streaming(canvas: Canvas, file: BinaryIO) -> None:
    _sink.file = file
    try:
        canvas._doc.SaveToFile(file, canvas)  # writes its (now empty) joined result last
    finally:
        _sink.file = None
