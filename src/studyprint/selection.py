"""Choosing which terms to print (``--terms``, ``--tags``): pure logic, no PDF."""

from __future__ import annotations

from studyprint.errors import OptionError
from studyprint.model import Deck


def split_list(value: str | None) -> list[str]:
    """``"a, b ,c"`` -> ``["a", "b", "c"]``; None or blanks -> ``[]``."""
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def select(decks: list[Deck], terms: list[str], tags: list[str]) -> list[Deck]:
    """The decks restricted to the named terms and tags; decks left empty are dropped.

    A name in ``terms`` that matches no term (or ``also:`` name) in any deck is
    an error, so a typo in a reprint request is not silently ignored.
    """
    if terms:
        known = {name.casefold() for deck in decks for term in deck.terms for name in term.names}
        unknown = [t for t in terms if t.casefold() not in known]
        if unknown:
            raise OptionError(
                f"--terms: no term named {', '.join(repr(u) for u in unknown)} in the decks given"
            )
    if tags:
        known_tags = {tag.casefold() for deck in decks for term in deck.terms for tag in term.tags}
        unknown = [t for t in tags if t.casefold() not in known_tags]
        if unknown:
            raise OptionError(f"--tags: no term is tagged {', '.join(repr(u) for u in unknown)}")
    chosen = [deck.select(terms or None, tags or None) for deck in decks]
    chosen = [deck for deck in chosen if deck.terms]
    if not chosen:
        raise OptionError("--terms/--tags: together they select no term")
    return chosen
