"""Bundling finished PDFs into one, with bookmarks, page labels and metadata.

The only module that imports pypdf. pypdf drops the inputs' document
metadata, ``/Lang`` and page labels when it merges, so they are set here on
the result.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import NameObject, TextStringObject


@dataclass(frozen=True, slots=True)
class Part:
    """One finished PDF that goes into a bundle, under ``group`` (a student) as ``title``."""

    path: Path
    group: str
    title: str


@dataclass(frozen=True, slots=True)
class BundleMeta:
    title: str
    author: str = "studyprint"
    subject: str = ""
    language: str | None = None


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def bundle(parts: Sequence[Part], out: Path, meta: BundleMeta, duplex: bool = False) -> int:
    """Write ``parts`` in order into ``out``; return its page count.

    With ``duplex``, a blank page is added wherever a part would otherwise begin
    on the back of a sheet, so every part (and so every group) starts on a front.
    Bookmarks: one per group, one per part under it. Page labels restart at 1 for
    each group, prefixed with the group's name.
    """
    writer = PdfWriter()
    groups: list[tuple[str, int, list[tuple[str, int]]]] = []
    for part in parts:
        if duplex and len(writer.pages) % 2 == 1:
            size = writer.pages[-1].mediabox
            writer.add_blank_page(float(size.width), float(size.height))
        start = len(writer.pages)
        writer.append(io.BytesIO(part.path.read_bytes()), import_outline=False)
        if not groups or groups[-1][0] != part.group:
            groups.append((part.group, start, []))
        groups[-1][2].append((part.title, start))
    if duplex and len(writer.pages) % 2 == 1:
        size = writer.pages[-1].mediabox
        writer.add_blank_page(float(size.width), float(size.height))
    total = len(writer.pages)
    for index, (group, start, sections) in enumerate(groups):
        end = groups[index + 1][1] if index + 1 < len(groups) else total
        if len(groups) > 1 or group:
            parent = writer.add_outline_item(title=group, page_number=start)
            for title, page in sections:
                writer.add_outline_item(title=title, page_number=page, parent=parent)
        else:
            for title, page in sections:
                writer.add_outline_item(title=title, page_number=page)
        writer.set_page_label(
            start,
            end - 1,
            style=PageLabelStyle.DECIMAL,
            prefix=f"{group} " if group else None,
            start=1,
        )
    writer.add_metadata(
        {
            "/Title": meta.title,
            "/Author": meta.author,
            "/Subject": meta.subject,
            "/Creator": "studyprint",
            "/Producer": "studyprint (pypdf)",
        }
    )
    if meta.language:
        writer._root_object[NameObject("/Lang")] = TextStringObject(meta.language)
    writer.page_mode = "/UseOutlines"
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    with out.open("wb") as handle:
        writer.write(handle)
    return total
