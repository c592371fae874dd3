"""Long documents are laid out from a stream (issue 19): the story's flowables are
made as the pages need them and freed once drawn. The result must be the very
document a whole story gives: same bytes, so same pages, text, "Page N of M",
bookmarks and running headers."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from studyprint.page.document import Streamed
from tests.helpers import run

WORDS = "cell energy water light carbon oxygen enzyme protein gene force mass bond".split()


def long_deck(path: Path, terms: int) -> Path:
    rng = random.Random(5)
    lines = ["title: Long deck", "subject: Streaming", "terms:"]
    for i in range(terms):
        meaning = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 30)))
        lines += [f"  - term: Term {i} {rng.choice(WORDS)}", f"    definition: {meaning}.",
                  "    facts:", f"      - fact {i} about {rng.choice(WORDS)}.", "    questions:",
                  f"      - q: What is term {i}?", f"        a: {meaning}."]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [("sheet",), ("sheet", "--style", "glossary"),
     ("quiz", "--count", "150", "--versions", "2", "--key", "end", "--seed", "4")],
)  # fmt: skip
def test_a_streamed_document_is_the_whole_storys_document(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: Any
) -> None:
    deck = long_deck(tmp_path / "long.yaml", 400)
    made: dict[int, bytes] = {}
    drawn: list[int] = []
    real_init = Streamed.__init__

    def counting(self: Streamed, items: Any) -> None:
        def counted() -> Any:
            for n, item in enumerate(items, 1):
                drawn.append(n)
                yield item

        real_init(self, counted())

    monkeypatch.setattr(Streamed, "__init__", counting)
    for ahead in (10**9, 256, 12):  # the whole story at once, then chunks
        monkeypatch.setattr(Streamed, "AHEAD", ahead)
        drawn.clear()
        out = tmp_path / f"{ahead}.pdf"
        result = run(args[0], str(deck), *args[1:], "-o", str(out))
        assert result.exit_code == 0, result.stderr
        made[ahead] = out.read_bytes()
        if ahead == 12 and "glossary" not in args:  # the story spanned many chunks (a
            # glossary is one table a deck: ReportLab splits it page by page itself)
            assert max(drawn) > 10 * ahead
    assert made[256] == made[10**9]
    assert made[12] == made[10**9]
    reader = PdfReader(str(tmp_path / "12.pdf"))
    pages = len(reader.pages)
    assert pages > 10
    last = reader.pages[-1].extract_text()
    found = re.search(r"Page (\d+) of\s+(\d+)\b", last)  # the total is a form, drawn at the end
    assert found is not None and found[1] == found[2], last[-80:]  # the last page of its section
    assert reader.outline  # bookmarks survive


def test_a_long_document_reports_its_progress(tmp_path: Path) -> None:
    """Pages laid out, in terms (a guide) or versions (a quiz), as they happen."""
    from studyprint.render import render
    from studyprint.request import QuizRequest, Selection, SheetRequest

    deck = long_deck(tmp_path / "long.yaml", 300)
    heard: list[tuple[int, int]] = []
    render(SheetRequest(Selection((deck,))), tmp_path / "g.pdf",
           progress=lambda done, total: heard.append((done, total)))  # fmt: skip
    assert heard == [(n, 300) for n in range(1, 301)]
    heard.clear()
    request = QuizRequest(Selection((deck,)), seed=1, count=10, versions=("A", "B", "C"))
    render(request, tmp_path / "q.pdf", progress=lambda d, t: heard.append((d, t)))
    assert heard == [(1, 3), (2, 3), (3, 3)]


def vocabulary_deck(path: Path, terms: int) -> Path:
    """Short meanings: the guide sets the words as one table."""
    rng = random.Random(8)
    lines = ["title: Word list", "language: es", "terms:"]
    for i in range(terms):
        lines += [f"  - term: palabra {i}", f"    definition: {' '.join(rng.sample(WORDS, 3))}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["glossary", "vocabulary guide"])
def test_a_long_table_is_made_a_page_of_rows_at_a_time(
    kind: str, tmp_path: Path, monkeypatch: Any
) -> None:
    """A glossary's table (and a word list's) is made as the pages need it (a
    10,000-term glossary held every row at once): the same bytes as when every row
    is made first, and never more than a few pages' rows held."""
    from studyprint.page.tables import StreamedTable

    if kind == "glossary":
        deck, style = long_deck(tmp_path / "long.yaml", 250), "glossary"
    else:
        deck, style = vocabulary_deck(tmp_path / "words.yaml", 600), "guide"
    held: list[int] = []
    fill = StreamedTable.fill

    def watched(self: StreamedTable, width: float, height: float) -> Any:
        table = fill(self, width, height)
        held.append(len(self.made))
        return table

    monkeypatch.setattr(StreamedTable, "fill", watched)
    streamed = tmp_path / "streamed.pdf"
    for layout in ("letter", "large-print"):
        held.clear()
        assert run("sheet", str(deck), "--style", style, "--layout", layout,
                   "-o", str(streamed)).exit_code == 0  # fmt: skip
        assert 0 < max(held) < 100  # rows of about two pages, not 400

        def everything(self: StreamedTable, width: float, height: float) -> Any:
            self.made += list(self.rows)  # the whole table at once, as before
            self.done = True
            return fill(self, width, height)

        monkeypatch.setattr(StreamedTable, "fill", everything)
        whole = tmp_path / "whole.pdf"
        assert run("sheet", str(deck), "--style", style, "--layout", layout,
                   "-o", str(whole)).exit_code == 0  # fmt: skip
        assert streamed.read_bytes() == whole.read_bytes()
        assert len(PdfReader(str(whole)).pages) > 20
        monkeypatch.setattr(StreamedTable, "fill", watched)
        streamed.unlink()
        whole.unlink()
