"""The bundler writes a packet as it goes (issue 19). Checked against what pypdf's
own writer makes of the same parts: the same pages in the same order with the
same text, blank backs where duplex needs them, bookmarks per student and
section, page labels, metadata and language; repeated fonts written once; and
the file read strictly by pypdf and drawn by PDFium page by page."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader, PdfWriter

from studyprint.batch.bundle import BundleMeta, Part, bundle
from tests.helpers import run, sample_decks

THERAPY = next(p for p in sample_decks() if p.stem == "therapy")
BASICS = next(p for p in sample_decks() if p.stem == "basics")


def parts(tmp_path: Path) -> list[Part]:
    made = []
    for name, args in {
        "guide.pdf": ("sheet", str(THERAPY)),
        "cards.pdf": ("cards", str(BASICS)),
        "quiz.pdf": ("quiz", str(THERAPY), "--count", "5", "--key", "none", "--seed", "2"),
    }.items():
        out = tmp_path / name
        assert run(*args, "-o", str(out)).exit_code == 0
        made.append(out)
    return [
        Part(path, student, title)
        for student in ("Ana Ruiz", "Ben Okafor", "Chen Wei")
        for path, title in zip(made, ("Study guide", "Flashcards", "Quiz"), strict=True)
    ]


def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_a_streamed_bundle_has_every_page_bookmark_and_label(tmp_path: Path) -> None:
    pieces = parts(tmp_path)
    out = tmp_path / "packet.pdf"
    meta = BundleMeta("Unit 8 · packet", "Lincoln High", "Packet", "es")
    total = bundle(pieces, out, meta, duplex=True)
    # what pypdf's writer makes of the same parts, blanks where duplex needs them
    expected: list[str] = []
    starts: dict[tuple[str, str], int] = {}
    for part in pieces:
        if len(expected) % 2 == 1:
            expected.append("")
        starts[(part.group, part.title)] = len(expected)
        expected += texts(PdfReader(str(part.path)))
    if len(expected) % 2 == 1:
        expected.append("")
    reader = PdfReader(str(out), strict=True)
    assert total == len(reader.pages) == len(expected)
    assert texts(reader) == expected
    outline = reader.outline
    students = [item for item in outline if not isinstance(item, list)]
    assert [s.title for s in students] == ["Ana Ruiz", "Ben Okafor", "Chen Wei"]
    for student in students:
        sections = outline[outline.index(student) + 1]
        assert [s.title for s in sections] == ["Study guide", "Flashcards", "Quiz"]
        for section in sections:
            page = reader.get_destination_page_number(section)
            assert page == starts[(student.title, section.title)]
        assert reader.get_destination_page_number(student) == starts[(student.title, "Study guide")]
    labels = reader.page_labels
    assert (
        labels[0] == "Ana Ruiz 1"
        and labels[starts[("Ben Okafor", "Study guide")]] == "Ben Okafor 1"
    )
    assert labels[-1].startswith("Chen Wei ")
    assert reader.metadata.title == "Unit 8 · packet" and reader.metadata.author == "Lincoln High"
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    # the same font subsets in each student's copy are written once
    pypdf_writer = PdfWriter()
    for part in pieces:
        pypdf_writer.append(io.BytesIO(part.path.read_bytes()), import_outline=False)
    whole = io.BytesIO()
    pypdf_writer.write(whole)
    assert out.stat().st_size < 0.6 * len(whole.getvalue())
    document = pdfium.PdfDocument(str(out))  # every page draws
    for index in range(len(document)):
        bitmap = document[index].render(scale=0.3)
        assert bitmap.width > 100
    document.close()
    again = tmp_path / "again.pdf"  # the same parts, the same bytes
    bundle(pieces, again, meta, duplex=True)
    assert again.read_bytes() == out.read_bytes()


def test_one_group_without_a_name_gets_flat_bookmarks(tmp_path: Path) -> None:
    pieces = [Part(p.path, "", p.title) for p in parts(tmp_path)[:3]]
    out = tmp_path / "class.pdf"
    bundle(pieces, out, BundleMeta("Class"), duplex=False)
    reader = PdfReader(str(out), strict=True)
    assert [item.title for item in reader.outline] == ["Study guide", "Flashcards", "Quiz"]
    assert reader.page_labels[0] == "1"
