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
