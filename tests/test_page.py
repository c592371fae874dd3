"""The shared page: a filler back added for double-sided printing is truly blank."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from studyprint.page.document import Document, Marker, PageState, PdfMeta, SheetBreak
from studyprint.read.layout import load_layout
from studyprint.text.setter import TextStyle, paragraph


def test_a_filler_back_is_blank_and_not_counted(tmp_path: Path) -> None:
    out = tmp_path / "doc.pdf"
    layout = load_layout("letter")
    state = PageState(header_left="Handout")
    doc = Document(out, layout, PdfMeta("Handout"), state)
    style = TextStyle(size=11)
    story = [
        paragraph("The first sheet's front.", style).flowable,
        SheetBreak(doc),  # page 2 would be the back: it stays blank
        Marker(state, section="second"),
        paragraph("The second sheet's front.", style).flowable,
        SheetBreak(doc),  # the end of a front: its back is left blank too
    ]
    doc.build_story(story)
    texts = [(page.extract_text() or "").strip() for page in PdfReader(str(out)).pages]
    flat = [" ".join(t.split()) for t in texts]
    assert len(flat) == 4
    assert "first sheet" in flat[0] and "Page 1 of 1" in flat[0]  # the blank is not counted
    assert flat[1] == flat[3] == ""  # no header, no footer, no page number
    assert "second sheet" in flat[2] and "Page 1 of 1" in flat[2]
