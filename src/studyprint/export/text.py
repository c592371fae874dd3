"""Deck markup (**bold**, *italic*, ^sup^, ~sub~) in other formats' terms."""

from __future__ import annotations

from html import escape

from studyprint.text.markup import parse, plain

_TAGS = (("bold", "b"), ("italic", "i"), ("sup", "sup"), ("sub", "sub"))


def to_html(text: str) -> str:
    """Markup as HTML, every character of the user's text escaped (a ``<`` in a
    definition is a less-than sign, never a tag); new lines as ``<br>``."""
    out = []
    for span in parse(text):
        piece = escape(span.text, quote=False).replace("\n", "<br>")
        for flag, tag in _TAGS:
            if getattr(span, flag):
                piece = f"<{tag}>{piece}</{tag}>"
        out.append(piece)
    return "".join(out)


def styled(text: str) -> bool:
    """Does the text use markup that plain text loses?"""
    return any(any(span.style) for span in parse(text))


def to_plain(text: str) -> str:
    return plain(text)


__all__ = ["styled", "to_html", "to_plain"]
