"""Deck markup (**bold**, *italic*, ^sup^, ~sub~) in other formats' terms."""

from __future__ import annotations

import re
from html import escape

from studyprint.text.markup import parse, plain

_TAGS = (("bold", "b"), ("italic", "i"), ("sup", "sup"), ("sub", "sub"))

#: Characters XML 1.0 (and so Moodle, QTI and xlsx files) cannot hold at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """The text without control characters no XML file may hold (a stray backspace
    pasted into a deck would make the whole export unreadable)."""
    return _NOT_XML.sub("", text)


def to_html(text: str) -> str:
    """Markup as HTML, every character of the user's text escaped (a ``<`` in a
    definition is a less-than sign, never a tag); new lines as ``<br>``."""
    out = []
    for span in parse(text):
        piece = escape(clean(span.text), quote=False).replace("\n", "<br>")
        for flag, tag in _TAGS:
            if getattr(span, flag):
                piece = f"<{tag}>{piece}</{tag}>"
        out.append(piece)
    return "".join(out)


def styled(text: str) -> bool:
    """Does the text use markup that plain text loses?"""
    return any(any(span.style) for span in parse(text))


def to_plain(text: str) -> str:
    return clean(plain(text))


_SUP = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
_SUB = str.maketrans("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ")


def to_unicode(text: str) -> tuple[str, bool]:
    """Plain text for a format without styling, sub- and superscripts as Unicode's
    small characters where it has them (H₂O, x²); and whether anything was lost
    (bold, italics, or a raised or lowered character Unicode has no small form of)."""
    out, lost = [], False
    for span in parse(text):
        piece = clean(span.text)
        if span.sup or span.sub:
            small = piece.translate(_SUP if span.sup else _SUB)
            lost = lost or any(
                a == b and not a.isspace() for a, b in zip(piece, small, strict=True)
            )
            piece = small
        lost = lost or span.bold or span.italic
        out.append(piece)
    return "".join(out), lost


__all__ = ["clean", "styled", "to_html", "to_plain", "to_unicode"]
