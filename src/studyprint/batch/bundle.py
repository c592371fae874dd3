"""Bundling finished PDFs into one, with bookmarks, page labels and metadata.

The only module that imports pypdf: it reads each finished PDF; the bundle is
written here object by object (pypdf's writer holds a whole bundle in memory
until it is saved, several GB for a school's roster), with the document
metadata, ``/Lang``, page labels and bookmarks set on the result.
"""

from __future__ import annotations

import hashlib
import io
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    create_string_object,
)


@dataclass(frozen=True, slots=True)
class Part:
    """One finished PDF that goes into a bundle, under ``group`` (a student) as ``title``."""

    path: Path
    group: str
    title: str
    #: each page a sheet of its own (fold cards, a glossary): in a duplex bundle every
    #: page gets a blank back, so nothing prints inside the fold
    one_sided: bool = False


#: Bookmarks by group: (group, its first page, [(part title, its first page)]).
Groups = list[tuple[str, int, list[tuple[str, int]]]]


@dataclass(frozen=True, slots=True)
class BundleMeta:
    title: str
    author: str = "studyprint"
    subject: str = ""
    language: str | None = None


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def bundle(parts: Sequence[Part], out: Path, meta: BundleMeta, duplex: bool = False) -> int:
    """Write ``parts`` in order into ``out``; return its page count (see :class:`Bundler`)."""
    with Bundler(out, meta, duplex) as bundler:
        for part in parts:
            bundler.add(part)
        return bundler.close()


def open_part(path: Path) -> object:
    """A finished PDF, read once to go into several bundles (a student's own packet
    and the class's)."""
    return PdfReader(str(path))


class Bundler:
    """A bundle written as parts are added.

    With ``duplex``, a blank page is added wherever a part would otherwise begin
    on the back of a sheet, so every part (and so every group) starts on a front;
    a one-sided part has a blank page after each of its pages.
    Bookmarks: one per group, one per part under it. Page labels restart at 1 for
    each group, prefixed with the group's name.

    Each part's objects are copied to the file as it is added and the part let go,
    so memory does not grow with the number of parts (a school's roster). Objects
    that repeat from part to part (the same font subset in every student's guide)
    are written once. ``close`` writes the page tree, bookmarks, labels and the
    catalogue; leaving the ``with`` block by an error leaves an unfinished file for
    the caller's scratch folder to remove.
    """

    def __init__(self, out: Path, meta: BundleMeta, duplex: bool = False) -> None:
        self.meta = meta
        self.duplex = duplex
        self.handle = out.open("wb")
        self.writer = _StreamingWriter(self.handle)
        self.groups: Groups = []
        self.size = (612.0, 792.0)
        self.pages = 0

    def __enter__(self) -> Bundler:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def add(self, part: Part, opened: object | None = None) -> None:
        writer = self.writer
        if self.duplex and writer.count % 2 == 1:
            writer.blank(*self.size)
        start = writer.count
        reader = opened if isinstance(opened, PdfReader) else PdfReader(str(part.path))
        self.size = writer.append(reader, blank_backs=self.duplex and part.one_sided)
        if not self.groups or self.groups[-1][0] != part.group:
            self.groups.append((part.group, start, []))
        self.groups[-1][2].append((part.title, start))

    def close(self) -> int:
        """Finish the file; return its page count."""
        if self.duplex and self.writer.count % 2 == 1:
            self.writer.blank(*self.size)
        self.writer.finish(self.groups, self.meta)
        self.handle.close()
        self.pages = self.writer.count
        return self.pages


class _StreamingWriter:
    """A PDF written object by object: pages and what they use copied from finished
    PDFs with new numbers, then the page tree, bookmarks, labels and catalogue."""

    def __init__(self, handle: BinaryIO) -> None:
        self.out = handle
        #: where each object starts in the file, by its number (8 bytes an object:
        #: a school's packet has hundreds of thousands)
        self.offsets = array("q", [0])
        self.next = 1
        self.pages_root = self._reserve()
        self.kids: list[int] = []
        self.seen: dict[bytes, int] = {}  # digest of a leaf object's bytes -> its number
        self.digest = hashlib.sha256()
        handle.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    @property
    def count(self) -> int:
        return len(self.kids)

    def _reserve(self) -> int:
        self.next += 1
        self.offsets.append(0)
        return self.next - 1

    def _write(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.out.tell()
        self.out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        self.digest.update(body)

    def append(self, reader: PdfReader, blank_backs: bool = False) -> tuple[float, float]:
        """Copy every page of a PDF (each followed by a blank one with ``blank_backs``);
        return the last page's size."""
        numbers: dict[int, int] = {}
        size = (612.0, 792.0)
        for page in reader.pages:
            ref = page.indirect_reference
            number = self._reserve()
            if ref is not None:
                numbers[ref.idnum] = number
            fields = {k: v for k, v in page.items() if k not in ("/Parent", "/B", "/StructParents")}
            body = self._dictionary(fields, numbers, extra=b"/Parent %d 0 R" % self.pages_root)
            self._write(number, body)
            self.kids.append(number)
            box = page.mediabox
            size = (float(box.width), float(box.height))
            if blank_backs:
                self.blank(*size)
        return size

    def blank(self, width: float, height: float) -> None:
        number = self._reserve()
        self._write(number, b"<</Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources <<>>>>"
                    % (self.pages_root, _num(width), _num(height)))  # fmt: skip
        self.kids.append(number)

    # -- copying objects -------------------------------------------------------

    def _object(self, obj: Any, numbers: dict[int, int]) -> bytes:
        """An object as bytes, every reference renumbered (what it refers to copied)."""
        if isinstance(obj, IndirectObject):
            return b"%d 0 R" % self._indirect(obj, numbers)
        if isinstance(obj, StreamObject):
            raise ValueError("a stream must be an indirect object")
        if isinstance(obj, DictionaryObject):
            return self._dictionary(obj, numbers)
        if isinstance(obj, ArrayObject):
            return b"[" + b" ".join(self._object(item, numbers) for item in obj) + b"]"
        buffer = io.BytesIO()
        obj.write_to_stream(buffer)
        return buffer.getvalue()

    def _dictionary(self, fields: Any, numbers: dict[int, int], extra: bytes = b"") -> bytes:
        body = b"".join(
            self._object(NameObject(key), numbers) + b" " + self._object(value, numbers) + b" "
            for key, value in fields.items()
        )
        return b"<<" + body + extra + b">>"

    def _indirect(self, ref: IndirectObject, numbers: dict[int, int]) -> int:
        found = numbers.get(ref.idnum)
        if found is not None:
            return found
        target = ref.get_object()
        if _leaf(target):  # no references inside: the same bytes are the same object
            body = self._body(target, numbers)
            key = hashlib.sha256(body).digest()
            number = self.seen.get(key)
            if number is None:
                number = self.seen[key] = self._reserve()
                self._write(number, body)
            numbers[ref.idnum] = number
            return number
        number = numbers[ref.idnum] = self._reserve()  # before its contents: cycles end here
        self._write(number, self._body(target, numbers))
        return number

    def _body(self, target: Any, numbers: dict[int, int]) -> bytes:
        if isinstance(target, StreamObject):
            data = target._data
            fields = {k: v for k, v in target.items() if k != "/Length"}
            head = self._dictionary(fields, numbers, extra=b"/Length %d" % len(data))
            return head + b"\nstream\n" + data + b"\nendstream"
        return self._object(target, numbers)

    # -- the end ---------------------------------------------------------------

    def finish(
        self, groups: list[tuple[str, int, list[tuple[str, int]]]], meta: BundleMeta
    ) -> None:
        total = self.count
        kids = b" ".join(b"%d 0 R" % k for k in self.kids)
        self._write(self.pages_root, b"<</Type /Pages /Kids [%s] /Count %d>>" % (kids, total))
        outline = self._outline(groups)
        labels = b" ".join(
            b"%d <</S /D /St 1%s>>" % (start, b" /P " + _text(f"{group} ") if group else b"")
            for group, start, _ in groups
        )
        info = self._reserve()
        self._write(info, b"<<" + b"".join(
            b"/%s %s " % (key.encode(), _text(value)) for key, value in (
                ("Title", meta.title), ("Author", meta.author), ("Subject", meta.subject),
                ("Creator", "studyprint"), ("Producer", "studyprint"))) + b">>")  # fmt: skip
        root = self._reserve()
        lang = b" /Lang " + _text(meta.language) if meta.language else b""
        outlines = b" /Outlines %d 0 R /PageMode /UseOutlines" % outline if outline else b""
        self._write(root, b"<</Type /Catalog /Pages %d 0 R /PageLabels <</Nums [%s]>>%s%s>>"
                    % (self.pages_root, labels, outlines, lang))  # fmt: skip
        xref = self.out.tell()
        size = self.next
        self.out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for start in range(1, size, 4096):  # a school's table, a slice at a time
            entries = self.offsets[start : min(size, start + 4096)]
            self.out.write(b"".join(b"%010d 00000 n \n" % offset for offset in entries))
        ident = self.digest.hexdigest()[:32].encode()
        trailer = b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]>>\n"
        self.out.write(trailer % (size, root, info, ident, ident))
        self.out.write(b"startxref\n%d\n%%%%EOF\n" % xref)

    def _outline(self, groups: Groups) -> int | None:
        """Bookmarks: a group with its parts under it (or the parts alone, ungrouped)."""
        nested = len(groups) > 1 or bool(groups and groups[0][0])
        tops: Groups = (
            [(g, start, sections) for g, start, sections in groups]
            if nested
            else [(title, page, []) for _, _, sections in groups for title, page in sections]
        )
        if not tops:
            return None
        root = self._reserve()
        first, last = self._items(tops, root)
        self._write(root, b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>"
                    % (first, last, len(tops)))  # fmt: skip
        return root

    def _items(
        self, items: list[tuple[str, int, list[tuple[str, int]]]], parent: int
    ) -> tuple[int, int]:
        numbers = [self._reserve() for _ in items]
        for i, (title, page, children) in enumerate(items):
            links = b"/Parent %d 0 R" % parent
            if i > 0:
                links += b" /Prev %d 0 R" % numbers[i - 1]
            if i + 1 < len(items):
                links += b" /Next %d 0 R" % numbers[i + 1]
            if children:
                first, last = self._items([(t, p, []) for t, p in children], numbers[i])
                links += b" /First %d 0 R /Last %d 0 R /Count -%d" % (first, last, len(children))
            self._write(numbers[i], b"<</Title %s %s /Dest [%d 0 R /Fit]>>"
                        % (_text(title), links, self.kids[page]))  # fmt: skip
        return numbers[0], numbers[-1]


def _leaf(obj: Any) -> bool:
    """Does an object hold no references (so its bytes say all it is)?"""
    if isinstance(obj, IndirectObject):
        return False
    if isinstance(obj, DictionaryObject):  # a stream is a dictionary too
        return all(_leaf(v) for v in obj.values())
    if isinstance(obj, ArrayObject):
        return all(_leaf(v) for v in obj)
    return True


def _text(value: str) -> bytes:
    buffer = io.BytesIO()
    create_string_object(value).write_to_stream(buffer)
    return buffer.getvalue()


def _num(value: float) -> bytes:
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".")
