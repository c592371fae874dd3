"""What loading a deck gives: text as typed, positions, images and selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyprint.errors import DeckError, Pos
from studyprint.read.deck import load_deck

FULL = """\
title: Therapy
subject: Psychology
unit: 8
language: en
terms:
  - term: no
    definition: "<b>not bold</b> & <img src='/etc/passwd'/> **bold** H~2~O"
    facts: [one, 2, yes]
    questions:
      - q: Open?
        a: Yes.
      - q: Pick
        choices: [Red, Blue, Green]
        answer: blue
    also: [nope]
    image: pic.png
    tags: [x, y]
  - term: Second
    definition: Another
    tags: [y]
"""


def test_full_deck(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (4, 3), "white").save(tmp_path / "pic.png")
    path = tmp_path / "d.yaml"
    path.write_text(FULL, encoding="utf-8")
    deck = load_deck(path, "d.yaml")
    assert deck.title == "Therapy"
    assert deck.unit == "8"
    assert deck.heading == "Psychology · 8 · Therapy"
    first = deck.terms[0]
    assert first.term == "no"  # not False: scalars stay as typed
    assert first.definition.startswith("<b>not bold</b> & <img")
    assert first.facts == ("one", "2", "yes")
    assert first.questions[0].answer == "Yes." and not first.questions[0].is_choice
    assert first.questions[1].answer == "Blue"  # normalised to the choice as written
    assert first.questions[1].choices == ("Red", "Blue", "Green")
    assert first.image == (tmp_path / "pic.png").resolve()
    assert first.names == ("no", "nope")
    assert first.pos == Pos("d.yaml", 6, 5)
    assert deck.select(tags=["Y"]).terms == deck.terms
    assert [t.term for t in deck.select(terms=["nope"]).terms] == ["no"]
    assert [t.term for t in deck.select(terms=["second"], tags=["y"]).terms] == ["Second"]


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufefftitle: T\nterms:\n  - term: A\n    definition: B\n".encode())
    assert load_deck(path).title == "T"


def test_deck_error_carries_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("title: T\nterms: []\n", encoding="utf-8")
    with pytest.raises(DeckError) as info:
        load_deck(path, "bad.yaml")
    assert [str(p) for p in info.value.problems] == [
        "bad.yaml:2:8: the deck has no terms; add at least one '- term: ...'"
    ]


def test_quoted_null_is_text(tmp_path: Path) -> None:
    path = tmp_path / "n.yaml"
    path.write_text('title: T\nterms:\n  - term: "null"\n    definition: "~"\n', encoding="utf-8")
    term = load_deck(path).terms[0]
    assert (term.term, term.definition) == ("null", "~")


def _many_terms(path: Path, count: int) -> None:
    lines = ["title: Many", "terms:"]
    for i in range(count):
        lines += [f"  - term: word {i}", f"    definition: what word {i} means.",
                  "    facts:", f"      - fact {i}"]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_terms_are_made_as_they_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big deck's nodes are not all held at once: when the last term is made,
    the nodes of the terms before it are gone (they cost several times the terms)."""
    import gc

    from studyprint.read import deck as deck_module
    from studyprint.read.loader import MapNode

    _many_terms(tmp_path / "many.yaml", 400)
    alive: list[int] = []
    add = deck_module._Terms.add

    def counting(self: deck_module._Terms, item: object) -> None:
        add(self, item)  # type: ignore[arg-type]
        if len(self.terms) == 400:
            alive.append(sum(isinstance(o, MapNode) for o in gc.get_objects()))

    monkeypatch.setattr(deck_module._Terms, "add", counting)
    deck = load_deck(tmp_path / "many.yaml")
    assert [t.term for t in deck.terms] == [f"word {i}" for i in range(400)]
    assert deck.terms[399].facts == ("fact 399",)
    assert alive and alive[0] < 10  # the root and the term being made, not 400


def test_terms_given_through_an_alias_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text(
        "title: Aliased\nshared: &list\n  - term: one\n    definition: the first.\n"
        "  - term: two\n    definition: the second.\nterms: *list\n",
        encoding="utf-8",
    )
    with pytest.raises(DeckError) as caught:  # 'shared' is not a deck key: said, as before
        load_deck(path)
    assert len(caught.value.problems) == 1  # and nothing about the terms
    assert "shared" in str(caught.value.problems[0])
    path.write_text(
        "title: Aliased\nterms:\n  - &one\n    term: one\n    definition: the first.\n  - *one\n",
        encoding="utf-8",
    )
    deck = load_deck(path)
    assert [t.term for t in deck.terms] == ["one", "one"]
    assert "given twice" in deck.warnings[0].message
