"""The words a page prints itself, in the page's language, and the page's direction.

A page has a page language: the language of Name, Date, part titles,
instructions, True / False, "Page N of M" and the card hints (not of the deck,
which keeps its own). Its words come from a message catalogue, a data file
(``languages/*.yaml``, read by ``read.catalogue``); a right-to-left page language
mirrors the layout. Products ask :class:`Words` for a message by key and never
hold English of their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Direction = Literal["LTR", "RTL"]

#: A placeholder in a message: ``{name}``; nothing else in braces is special.
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

#: Languages written right to left: a page in one of them is mirrored.
RTL_LANGUAGES = frozenset(("ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"))


@dataclass(frozen=True, slots=True)
class Words:
    """One page language's messages (English where it has none of its own)."""

    code: str
    direction: Direction
    messages: Mapping[str, str] = field(compare=False)
    fallback: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def rtl(self) -> bool:
        return self.direction == "RTL"

    def __call__(self, key: str, **values: object) -> str:
        """The message ``key`` with its placeholders filled: never ``str.format``, so a
        catalogue from a stranger cannot reach into the values' attributes."""
        template = self.messages.get(key)
        if template is None:
            template = self.fallback[key]
        return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)

    def get(self, key: str, default: str) -> str:
        """A message that code outside the catalogue may define (a registered question
        type's title): ``default`` where no catalogue has it."""
        return self.messages.get(key) or self.fallback.get(key) or default

    def split(self, key: str, at: str, **values: object) -> tuple[str, str]:
        """The message ``key`` cut at placeholder ``at``: the text before and after it
        (for "Page 3 of" + a total only known when the document ends)."""
        template = self.messages.get(key) or self.fallback[key]
        before, _, after = template.partition("{" + at + "}")

        def fill(text: str) -> str:
            return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), text)

        return fill(before), fill(after)


def placeholders(template: str) -> frozenset[str]:
    return frozenset(PLACEHOLDER.findall(template))


__all__ = ["RTL_LANGUAGES", "Direction", "Words", "placeholders"]
