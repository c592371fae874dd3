"""The deck model: plain data that every product (sheet, cards, quiz) lays out.

Text fields hold the user's text with its inline markup still in it
(``**bold**``, ``*italic*``, ``^sup^``, ``~sub~``); the text engine interprets
it when it sets the text, always after escaping.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from studyprint.errors import Pos, Problem


@dataclass(frozen=True, slots=True)
class Question:
    """A review question: open (``answer`` is a model answer) or multiple choice."""

    prompt: str
    answer: str
    choices: tuple[str, ...] = ()
    pos: Pos | None = None
    shuffle: bool = True  # False: the choices keep their order ("All of the above")

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    definition: str
    facts: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    also: tuple[str, ...] = ()
    image: Path | None = None
    tags: tuple[str, ...] = ()
    pos: Pos | None = None
    #: how the term is read (furigana, pinyin, a transliteration): printed with the
    #: term, never an answer of its own
    reading: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every accepted name of the term, the main one first."""
        return (self.term, *self.also)


@dataclass(frozen=True, slots=True)
class Deck:
    title: str
    terms: tuple[Term, ...]
    subject: str | None = None
    unit: str | None = None
    language: str | None = None
    path: str = ""
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    #: the language of the words the page prints (a built-in code or a catalogue
    #: file), not of the terms: an English class's Arabic deck keeps English pages
    page_language: str | None = None

    def select(self, terms: list[str] | None = None, tags: list[str] | None = None) -> Deck:
        """The deck restricted to the named terms and/or terms carrying any of ``tags``."""
        chosen = self.terms
        if terms:
            wanted = {t.casefold() for t in terms}
            chosen = tuple(t for t in chosen if any(n.casefold() in wanted for n in t.names))
        if tags:
            wanted_tags = {t.casefold() for t in tags}
            chosen = tuple(t for t in chosen if wanted_tags & {g.casefold() for g in t.tags})
        return replace(self, terms=chosen)

    @property
    def heading(self) -> str:
        """``subject · unit · title``, leaving out what the deck does not give."""
        return " · ".join(x for x in (self.subject, self.unit, self.title) if x)
