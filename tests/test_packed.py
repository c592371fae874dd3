"""The packed canvas writes the same bytes as ReportLab's own, holding less."""

from __future__ import annotations

import io
import threading
import weakref
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfgen.canvas import Canvas

from studyprint.page import packed, pdffile
from studyprint.page.packed import PackedCanvas
from studyprint.text import fonts
from tests.helpers import run


def _draw(canvas: Canvas, pages: int, tag: str) -> None:
    """Pages with text in an embedded font, forms used on some pages, bookmarks."""
    face = fonts.face_name("FiraGO")
    canvas.beginForm("stamp")
    canvas.setFont(face, 9)
    canvas.drawString(0, 0, f"stamp {tag}")
    canvas.endForm()
    for number in range(1, pages + 1):
        canvas.setFont(face, 12)
        canvas.drawString(72, 700, f"{tag} page {number}: Grüße, ½, ĳ")
        canvas.rect(72, 600, 100 + number, 40)
        if number % 3 == 0:
            canvas.doForm("stamp")
        canvas.bookmarkPage(f"p{number}")
        canvas.addOutlineEntry(f"Page {number}", f"p{number}", level=0)
        canvas.showPage()
    canvas.save()


def _bytes(kind: type[Canvas], pages: int, tag: str = "a") -> bytes:
    out = io.BytesIO()
    _draw(kind(out, invariant=1), pages, tag)
    return out.getvalue()


def test_same_bytes_as_reportlabs_canvas() -> None:
    plain, packed_bytes = _bytes(Canvas, 40), _bytes(PackedCanvas, 40)
    assert packed_bytes.startswith(b"%PDF-")
    assert packed_bytes == plain


def test_same_bytes_written_to_a_named_file(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.pdf", tmp_path / "theirs.pdf"
    _draw(PackedCanvas(str(ours), invariant=1), 12, "f")
    _draw(Canvas(str(theirs), invariant=1), 12, "f")
    assert ours.read_bytes() == theirs.read_bytes()


#: outline levels of nested entries: siblings, children, grandchildren, back up two
LEVELS = [0, 1, 1, 2, 2, 1, 0, 0, 1, 2, 0, 1]


def _outlined(canvas: Canvas) -> None:
    """Pages with outline entries at several levels, two on some pages, one moved
    from the page's origin (where the entry points)."""
    face = fonts.face_name("FiraGO")
    for number, level in enumerate(LEVELS, start=1):
        canvas.setFont(face, 12)
        canvas.drawString(72, 700, f"page {number}, level {level}: Ωμέγα")
        canvas.saveState()
        canvas.translate(40.5, 612.25)
        title = f"Entry {number} · level {level} (ß)"
        if isinstance(canvas, PackedCanvas):
            canvas.outline_entry(title, level)
        else:
            packed.reportlab_outline_entry(canvas, title, level)
        canvas.restoreState()
        if number % 4 == 0:
            canvas.showPage()
    canvas.save()


def test_outline_kept_in_arrays_writes_reportlabs_bytes() -> None:
    ours, theirs = io.BytesIO(), io.BytesIO()
    _outlined(PackedCanvas(ours, invariant=1))
    _outlined(Canvas(theirs, invariant=1))
    assert b"/Outlines" in ours.getvalue()
    assert ours.getvalue() == theirs.getvalue()


def test_an_outline_level_cannot_be_skipped() -> None:
    canvas = PackedCanvas(io.BytesIO(), invariant=1)
    canvas.outline_entry("top", 0)
    with pytest.raises(ValueError, match="level 2 cannot follow level 0"):
        canvas.outline_entry("too deep", 2)


def test_written_pages_are_let_go() -> None:
    """Each page is let go once it is written, not kept until the file is done."""
    canvas = PackedCanvas(io.BytesIO(), invariant=1)
    held: list[weakref.ref[Any]] = []
    for number in range(5):
        canvas.drawString(72, 700, f"page {number}")
        canvas.outline_entry(f"page {number}", 0)
        canvas.showPage()
        held.append(weakref.ref(canvas._doc.Pages.pages[-1]))
    canvas.save()
    assert [ref() for ref in held] == [None] * 5


def test_finished_pages_hold_compressed_bytes_not_text() -> None:
    canvas = PackedCanvas(io.BytesIO(), invariant=1)
    canvas.setFont(fonts.face_name("FiraGO"), 12)
    for line in range(60):
        canvas.drawString(72, 720 - line * 11, "the same line of text again " * 3)
    canvas.showPage()
    page = canvas._doc.Pages.pages[-1]
    assert page.stream is None
    assert "FlateDecode" in str(page.Contents.dictionary["Filter"].sequence)
    assert len(page.Contents.content) < 2000  # the page's text was ~10 KB
    canvas.save()


def test_threads_saving_at_once_each_write_their_own_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The file a save streams to is the thread's own (the web server's and Dask's
    threads may save two documents at once): all four saves are made to start
    together, each after naming its file."""
    tags = "abcd"
    expected = {tag: _bytes(Canvas, 30, tag) for tag in tags}
    together = threading.Barrier(len(tags), timeout=20)
    write = pdffile.write

    def waiting(document: PDFDocument, *args: Any) -> None:
        together.wait()
        write(document, *args)

    monkeypatch.setattr(pdffile, "write", waiting)
    results: dict[str, bytes] = {}

    def work(tag: str) -> None:
        results[tag] = _bytes(PackedCanvas, 30, tag)

    threads = [threading.Thread(target=work, args=(tag,)) for tag in tags]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == expected


@pytest.mark.parametrize(
    ("command", "deck"),
    [
        (["sheet"], "content/biology/cells.yaml"),
        (["sheet", "--style", "glossary"], "content/arabic/greetings.yaml"),
        (["quiz", "--seed", "4"], "content/japanese/basics.yaml"),
        (["cards", "--mode", "duplex"], "content/physics/motion.yaml"),
    ],
)
def test_products_are_byte_identical_without_packing(
    command: list[str], deck: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(*command, deck, "-o", str(tmp_path / "packed.pdf")).exit_code == 0
    monkeypatch.setattr(PackedCanvas, "showPage", Canvas.showPage)
    monkeypatch.setattr(PackedCanvas, "_setXObjects", Canvas._setXObjects)
    monkeypatch.setattr(PackedCanvas, "save", Canvas.save)
    monkeypatch.setattr(PackedCanvas, "outline_entry", packed.reportlab_outline_entry)
    monkeypatch.setattr(packed, "pack", lambda page: pytest.fail("packing was not turned off"))
    assert run(*command, deck, "-o", str(tmp_path / "plain.pdf")).exit_code == 0
    assert (tmp_path / "packed.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()
