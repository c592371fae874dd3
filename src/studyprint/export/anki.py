"""``anki``: an Anki package (``.apkg``), one note per term (genanki).

Fields Term, Reading, Definition and Notes (facts, one a line); markup as HTML;
a term's picture goes into the package's media. Note ids come from the deck's
title and the term, so importing a newer export updates the same notes instead
of adding copies. Anki tags cannot hold spaces: they become underscores.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zlib
from collections.abc import Sequence
from html import escape
from pathlib import Path

from studyprint.export.text import to_html
from studyprint.export.zipdates import redate
from studyprint.model import Deck

#: A fixed moment for the package's dates: the same deck gives the same file.
STAMP = 946_684_800.0  # 2000-01-01


def media_name(picture: Path) -> str:
    """A picture's name in the package: its own, with a digest of its bytes, so two
    decks' different ``images/a.png`` stay two pictures in Anki's one media folder."""
    digest = hashlib.sha256(picture.read_bytes()).hexdigest()[:10]
    return f"{picture.stem}-{digest}{picture.suffix.lower()}"


def _id(text: str) -> int:
    """A stable id in Anki's range from a text."""
    return (1 << 30) + zlib.crc32(text.encode("utf-8")) % (1 << 30)


def write_anki(decks: Sequence[Deck], out: Path) -> list[str]:
    try:
        import genanki  # type: ignore[import-untyped]
    except ImportError:
        from studyprint.errors import OptionError

        raise OptionError("Anki packages need the export extra: pip install "
                          "'studyprint[export]'") from None  # fmt: skip
    model = genanki.Model(
        _id("studyprint term v1"),
        "studyprint term",
        fields=[{"name": n} for n in ("Term", "Reading", "Definition", "Notes")],
        templates=[{
            "name": "Term to definition",
            "qfmt": "<div class=term>{{Term}}</div>{{#Reading}}<div class=reading>{{Reading}}"
                    "</div>{{/Reading}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Definition}}"
                    "{{#Notes}}<div class=notes>{{Notes}}</div>{{/Notes}}",
        }],
        css=".card{font-family:sans-serif;font-size:20px;text-align:center}"
            ".term{font-size:28px}.reading{color:#555}.notes{font-size:16px;color:#333}",
    )  # fmt: skip
    notes: list[str] = []
    packages = []
    media: list[str] = []
    for deck in decks:
        anki_deck = genanki.Deck(_id(f"deck {deck.title}"), deck.title)
        for term in deck.terms:
            definition = to_html(term.definition)
            if term.image is not None:
                name = media_name(term.image)  # Anki finds media by file name
                if str(term.image) not in media:
                    media.append(str(term.image))
                definition += f'<br><img src="{escape(name)}">'
            tags = [t.replace(" ", "_") for t in term.tags]
            if any(" " in t for t in term.tags):
                notes.append(f"{term.term}: spaces in tags became underscores (Anki's tags)")
            anki_deck.add_note(
                genanki.Note(
                    model=model,
                    fields=[to_html(term.term), escape(term.reading or ""), definition,
                            "<br>".join(to_html(f) for f in term.facts)],
                    tags=tags,
                    guid=genanki.guid_for(deck.title, term.term),
                )
            )  # fmt: skip
        packages.append(anki_deck)
    package = genanki.Package(packages)
    with tempfile.TemporaryDirectory() as folder:
        # genanki names each media file as it is on disk: copies under unique names
        named = []
        for path in media:
            copy = Path(folder) / media_name(Path(path))
            shutil.copyfile(path, copy)
            named.append(str(copy))
        package.media_files = named
        package.write_to_file(str(out), timestamp=STAMP)
    redate(out)  # genanki dates the zip entries now
    return notes
