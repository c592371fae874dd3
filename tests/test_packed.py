"""The packed canvas writes the same bytes as ReportLab's own, holding less."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfgen.canvas import Canvas

from studyprint.page import packed
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
    save_to_file = PDFDocument.SaveToFile

    def waiting(self: PDFDocument, *args: object) -> None:
        together.wait()
        save_to_file(self, *args)

    monkeypatch.setattr(PDFDocument, "SaveToFile", waiting)
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
    monkeypatch.setattr(packed, "pack", lambda page: pytest.fail("packing was not turned off"))
    assert run(*command, deck, "-o", str(tmp_path / "plain.pdf")).exit_code == 0
    assert (tmp_path / "packed.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()
