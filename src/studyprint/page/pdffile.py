"""Writing a finished ReportLab document to its file, one object at a time.

ReportLab's ``save`` formats every object into one list of strings and joins
them, keeps every page object until the end, and builds an object for each
outline entry (with a name, a reference and a destination) before it starts.
A 10,000-term guide has 2,000 pages and 10,000 outline entries: together
9-12 MB more at the moment of saving than while laying out. Here each object is
written as soon as it is formatted and then let go, and outline entries kept in
arrays (:class:`Outline`) are formatted one by one in their turn.

The numbering, the order and every byte are ReportLab's: the outline's entries
take the numbers ReportLab would have registered them under (the outline's
root, then its entries in order), and each entry is formatted by ReportLab's
own classes.
"""

from __future__ import annotations

from array import array
from typing import Any, BinaryIO

from reportlab.pdfbase.pdfdoc import (
    OutlineEntryObject,
    PDFDestinationXYZ,
    PDFDocument,
    PDFIndirectObject,
    PDFObject,
    PDFObjectReference,
    PDFTrailer,
    pdfdocEnc,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format

_HEADER = b"\n%\223\214\213\236 ReportLab Generated PDF document (opensource)\n"
_XREF_SLICE = 4096  # cross-reference lines joined at a time


class Outline:
    """Outline entries in the order they were added: a title, a level and where
    on which page it points, kept in arrays rather than ReportLab's objects."""

    def __init__(self) -> None:
        self.titles: list[str] = []
        self.levels = array("i")
        self.pages = array("i")
        self.lefts = array("d")
        self.tops = array("d")

    def __len__(self) -> int:
        return len(self.titles)

    def add(self, title: str, level: int, page: int, left: float, top: float) -> None:
        previous = self.levels[-1] if self.levels else -1
        if not 0 <= level <= previous + 1:  # ReportLab's rule: no level skipped
            raise ValueError(f"outline level {level} cannot follow level {previous} ({title!r})")
        self.titles.append(title)
        self.levels.append(level)
        self.pages.append(page)
        self.lefts.append(left)
        self.tops.append(top)


class _Tree:
    """Each entry's neighbours (indices; -1: none) and how many entries lie under it."""

    def __init__(self, levels: array[int]) -> None:
        count = len(levels)
        self.parent = array("i", [-1]) * count
        self.prev = array("i", [-1]) * count
        self.next = array("i", [-1]) * count
        self.last_child = array("i", [-1]) * count
        self.under = array("i", [0]) * count
        self.first_top = 0 if count else -1
        self.last_top = -1
        open_: list[int] = []  # the entry at each level above the next one
        for i, level in enumerate(levels):
            while len(open_) > level:
                done = open_.pop()
                self.under[done] = i - done - 1
            parent = open_[-1] if open_ else -1
            sibling = self.last_child[parent] if parent >= 0 else self.last_top
            self.parent[i] = parent
            self.prev[i] = sibling
            if sibling >= 0:
                self.next[sibling] = i
            if parent >= 0:
                self.last_child[parent] = i
            else:
                self.last_top = i
            open_.append(i)
        for done in open_:
            self.under[done] = count - done - 1


class _Number(PDFObject):  # type: ignore[misc]
    """A reference to an object by its number (an outline entry has no name)."""

    def __init__(self, number: int) -> None:
        self.text: bytes = pdfdocEnc(f"{number} 0 R")

    def format(self, document: Any) -> bytes:
        return self.text


class _Entries:
    """The outline's entries, numbered ``first``, ``first + 1``... in order, formatted
    when the file reaches them."""

    def __init__(self, document: PDFDocument, outline: Outline) -> None:
        root = document.Outlines
        self.root = document.Reference(root)  # as ReportLab: the root, then its entries
        self.first: int = document.objectcounter + 1
        document.objectcounter += len(outline)  # the entries' numbers, taken
        self.outline = outline
        self.tree = tree = _Tree(outline.levels)
        # ReportLab counts the entries, plus one more for each that has entries under it
        root.count = len(outline) + sum(1 for under in tree.under if under)
        root.first = _Number(self.first + tree.first_top)
        root.last = _Number(self.first + tree.last_top)
        root.ready = 1

    def holds(self, number: int) -> bool:
        return self.first <= number < self.first + len(self.outline)

    def format(self, number: int, document: PDFDocument) -> bytes:
        i = number - self.first
        tree, outline = self.tree, self.outline
        entry = OutlineEntryObject()
        entry.Title = outline.titles[i]
        parent = tree.parent[i]
        entry.Parent = self.root if parent < 0 else _Number(self.first + parent)
        entry.Dest = PDFDestinationXYZ(
            PDFObjectReference(f"Page{outline.pages[i]}"), outline.lefts[i], outline.tops[i], 0
        )
        for name, j in (("Prev", tree.prev[i]), ("Next", tree.next[i])):
            if j >= 0:
                setattr(entry, name, _Number(self.first + j))
        if tree.under[i]:
            entry.Count = tree.under[i]
            entry.First = _Number(number + 1)
            entry.Last = _Number(self.first + tree.last_child[i])
        document.encrypt.register(number, 0)
        body: bytes = pdf_format(entry, document, toplevel=1)
        head: bytes = pdfdocEnc(f"{number} 0 obj\n")
        return head + body + (b"" if body.endswith(b"\n") else b"\n") + b"endobj\n"


class _Counted:
    """The file being written, with the offset of the next byte."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.offset = 0

    def add(self, data: bytes) -> int:
        at = self.offset
        self.file.write(data)
        self.offset += len(data)
        return at


def write(document: PDFDocument, canvas: Any, outline: Outline, file: BinaryIO) -> None:
    """Write a finished document to ``file`` (what ``SaveToFile`` does, streamed)."""
    if getattr(document, "_savedToFile", False):
        raise RuntimeError("a document can only be saved once")
    document._savedToFile = True
    for font in document.delayedFonts:
        font.addObjects(document)
    document.info.invariant = document.invariant
    document.info.digest(document.signature)
    document.Reference(document.Catalog)
    document.Reference(document.info)
    entries = None
    if len(outline):
        if document.Outlines.levelstack:
            raise ValueError("a document's outline is kept either by ReportLab or here, not both")
        entries = _Entries(document, outline)
    else:
        document.Outlines.prepare(document, canvas)
    if document.Outlines.ready < 0:
        document.Catalog.Outlines = None
    _write_objects(document, entries, _Counted(file))


def _write_objects(document: PDFDocument, entries: _Entries | None, out: _Counted) -> None:
    document.encrypt.prepare(document)
    catalog, info = document.Catalog, document.info  # both registered by ``write``
    encrypt_info = document.encrypt.info()
    encrypt = document.Reference(encrypt_info) if encrypt_info else None
    pages = document.Pages
    pages.pages = [PDFObjectReference(page.__InternalName__) for page in pages.pages]
    out.add(pdfdocEnc(f"%PDF-{document._pdfVersion[0]}.{document._pdfVersion[1]}") + _HEADER)
    numbers, objects = document.numberToId, document.idToObject
    offsets = array("q")
    number = 0
    while True:  # objects registered while formatting are written in their turn
        number += 1
        if entries is not None and entries.holds(number):
            offsets.append(out.add(entries.format(number, document)))
            continue
        name = numbers.get(number)
        if name is None:
            break
        offsets.append(out.add(PDFIndirectObject(name, objects[name]).format(document)))
        objects[name] = None  # written: only its name and number are needed from here on
    count = number - 1
    xref = out.add(b"xref\n")
    out.add(pdfdocEnc(f"0 {count + 1}\n0000000000 65535 f \n"))
    for start in range(0, count, _XREF_SLICE):
        piece = offsets[start : start + _XREF_SLICE]
        out.add("".join(f"{offset:010d} 00000 n \n" for offset in piece).encode("ascii"))
    trailer = PDFTrailer(
        startxref=xref,
        Size=count + 1,
        Root=document.Reference(catalog),
        Info=document.Reference(info),
        Encrypt=encrypt,
        ID=document.ID(),
    )
    out.add(trailer.format(document))
