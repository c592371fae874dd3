"""Anki packages (``.apkg``) in: a zip holding an SQLite collection of notes.

Our own exports (fields Term, Reading, Definition, Notes) come back field by
field; any other note type gives its first field as the term and its second as
the definition. The collection is read from a private temporary copy, read-only,
and only if its unpacked size is sane.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from studyprint.errors import DeckError, Pos, Problem
from studyprint.model import Term

#: The largest collection unpacked (a deck of 100,000 notes is a few tens of MB).
MAX_COLLECTION = 200 * 1024 * 1024


def read_apkg(data: bytes, shown: str) -> tuple[list[Term], list[Problem], str | None, list[str]]:
    """(terms, problems, the deck's title) from the bytes of an ``.apkg`` file."""
    from studyprint.read.imports import from_html

    def fail(message: str) -> DeckError:
        return DeckError([Problem(Pos(shown, 1, 1), message)])

    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise fail("not an Anki package (.apkg is a zip file; export the deck again)") from None
    names = package.namelist()
    inner = next((n for n in ("collection.anki21", "collection.anki2") if n in names), None)
    if inner is None:
        if "collection.anki21b" in names:
            raise fail("this package uses Anki's newest format; export it again with "
                       "'Support older Anki versions' ticked")  # fmt: skip
        raise fail("not an Anki package (no collection inside)")
    if package.getinfo(inner).file_size > MAX_COLLECTION:
        raise fail("the collection inside is larger than 200 MB")
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "collection.db"
        database.write_bytes(package.read(inner))
        try:
            connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
            try:
                models, decks = connection.execute("select models, decks from col").fetchone()
                rows = connection.execute(
                    "select mid, flds, tags from notes order by id"
                ).fetchall()
            finally:
                connection.close()
        except (sqlite3.Error, TypeError):
            raise fail("the collection inside cannot be read (a damaged package?)") from None
    try:
        fields_of = {
            str(mid): [f["name"] for f in model.get("flds", [])]
            for mid, model in json.loads(models).items()
        }
        titles = [d.get("name", "") for d in json.loads(decks).values()]
    except (ValueError, AttributeError, TypeError):
        raise fail("the collection's note types cannot be read (a damaged package?)") from None
    title = next((t for t in titles if t and t != "Default"), None)
    terms: list[Term] = []
    problems: list[Problem] = []
    notes: list[str] = []  # what the deck cannot take of a note
    for number, (mid, flds, tags) in enumerate(rows, 1):
        values = str(flds).split("\x1f")
        named = dict(zip(fields_of.get(str(mid), []), values, strict=False))
        if {"Term", "Definition"} <= named.keys():
            front, back = named["Term"], named["Definition"]
            reading, facts = named.get("Reading", ""), named.get("Notes", "")
        else:
            front, back = [*values, "", ""][:2]
            reading = facts = ""
        name, meaning = from_html(front), from_html(back)
        pos = Pos(shown, number, 1)  # the note's place in the collection
        if not name or not meaning:
            problems.append(Problem(pos, f"note {number} has an empty front or back"))
            continue
        for picture in re.findall(r"<img[^>]*\bsrc=[\"']?([^\"'>]+)", front + back):
            notes.append(f"note {number}, {name}: its picture '{picture}' is left out "
                         "(import reads text; add it to the term with image:)")  # fmt: skip
        terms.append(
            Term(
                term=name,
                definition=meaning,
                facts=tuple(f for f in from_html(facts).split("\n") if f.strip()),
                tags=tuple(t.replace("_", " ") for t in str(tags).split()),
                pos=pos,
                reading=from_html(reading) or None,
            )
        )
    return terms, problems, title, notes


__all__ = ["read_apkg"]
