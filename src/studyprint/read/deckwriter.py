"""Writing a deck as YAML in the documented format, for a person to read and edit.

Written by hand rather than with a YAML library: the output stays in our own
style (block lists, plain text where it is safe, double quotes where it is
not), and only the loader imports PyYAML.
"""

from __future__ import annotations

import json
import re

from studyprint.model import Deck, Term

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\t]*$")
_NULLS = frozenset(("~", "null", "Null", "NULL"))
#: What YAML cannot hold bare (its reader refuses it, or reads it as a line break:
#: newlines, NEL, U+2028, U+2029), and the byte-order mark: written as escapes.
_NOT_BARE = re.compile(
    "[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def quote(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly ``text``."""
    if (
        _PLAIN.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and text not in _NULLS
        and not _NOT_BARE.search(text)
    ):
        return text
    # a JSON string is a YAML double-quoted scalar; JSON leaves some of YAML's breaks bare
    return _NOT_BARE.sub(_escape, json.dumps(text, ensure_ascii=False))


def to_yaml(deck: Deck, source: str | None = None) -> str:
    lines = [f"# Imported by studyprint from {source}" if source else "# A studyprint deck"]
    lines.append(f"title: {quote(deck.title)}")
    for key in ("subject", "unit", "language"):
        value = getattr(deck, key)
        if value:
            lines.append(f"{key}: {quote(value)}")
    lines.append("terms:")
    for term in deck.terms:
        lines += _term(term)
    return "\n".join(lines) + "\n"


def _term(term: Term) -> list[str]:
    lines = [f"  - term: {quote(term.term)}"]
    if term.reading:
        lines.append(f"    reading: {quote(term.reading)}")
    lines.append(f"    definition: {quote(term.definition)}")
    for key in ("facts", "also", "tags"):
        values = getattr(term, key)
        if values:
            lines.append(f"    {key}:")
            lines += [f"      - {quote(v)}" for v in values]
    if term.questions:
        lines.append("    questions:")
        for q in term.questions:
            lines.append(f"      - q: {quote(q.prompt)}")
            if q.is_choice:
                lines.append("        choices:")
                lines += [f"          - {quote(c)}" for c in q.choices]
                lines.append(f"        answer: {quote(q.answer)}")
            else:
                lines.append(f"        a: {quote(q.answer)}")
    return lines


#: What `studyprint new` writes: a deck that passes `check` and says how to grow.
STARTER = """\
# A studyprint deck. Check it with:  studyprint check {name}
# Print it with:  studyprint sheet {name}   (or cards, or quiz)
# Every key is explained in docs/deck-format.md.
title: {title}
subject: My class            # optional: printed on every page
unit: Unit 1                 # optional
language: en                 # the language of the terms: en, es, fr, ja, zh, ar...
terms:
  # Each term starts with "- term:". Indent the lines under it by four spaces.
  - term: Photosynthesis
    definition: How plants make sugar from light, water and carbon dioxide.
    facts:                   # optional: short must-know facts
      - It takes place in the chloroplasts.
      - It gives off oxygen.
    questions:               # optional: review questions
      - q: Which gas do plants take in for photosynthesis?
        a: Carbon dioxide (CO~2~).
  - term: Chlorophyll
    definition: The green pigment that absorbs light for photosynthesis.
    also: [chlorophyl]       # optional: other names accepted as the answer
  - term: Stomata
    definition: Tiny pores in a leaf that let gases in and out.
"""


def starter(name: str, title: str) -> str:
    """The text of a new deck named ``name`` (a file name) with ``title``."""
    return STARTER.format(name=name, title=quote(title))
