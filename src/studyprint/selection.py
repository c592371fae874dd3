"""Choosing which terms to print (``--terms``, ``--tags``): pure logic, no PDF."""

from __future__ import annotations

import difflib

from studyprint.errors import OptionError, listed
from studyprint.model import Deck


def split_list(value: str | None) -> list[str]:
    """``"a, b ,c"`` -> ``["a", "b", "c"]``; None or blanks -> ``[]``."""
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def _did_you_mean(unknown: list[str], known: dict[str, str]) -> str:
    """ "; did you mean 'Empathy'?" for the typos that are close to a known name."""
    guesses = []
    for name in unknown:
        close = difflib.get_close_matches(name.casefold(), list(known), n=1, cutoff=0.75)
        if close:
            guesses.append(repr(known[close[0]]))
    return f"; did you mean {' or '.join(dict.fromkeys(guesses))}?" if guesses else ""


def select(decks: list[Deck], terms: list[str], tags: list[str]) -> list[Deck]:
    """The decks restricted to the named terms and tags; decks left empty are dropped.

    A name in ``terms`` that matches no term (or ``also:`` name) in any deck is
    an error, so a typo in a reprint request is not silently ignored.
    """
    if terms:
        names = {n.casefold(): n for deck in decks for term in deck.terms for n in term.names}
        unknown = [t for t in terms if t.casefold() not in names]
        if unknown:
            raise OptionError(
                f"--terms: no term named {listed([repr(u) for u in unknown])} in the decks given"
                + _did_you_mean(unknown, names)
            )
    if tags:
        known_tags = {tag.casefold(): tag for deck in decks for t in deck.terms for tag in t.tags}
        unknown = [t for t in tags if t.casefold() not in known_tags]
        if unknown:
            raise OptionError(
                f"--tags: no term is tagged {listed([repr(u) for u in unknown])}"
                + _did_you_mean(unknown, known_tags)
            )
    chosen = [deck.select(terms or None, tags or None) for deck in decks]
    chosen = [deck for deck in chosen if deck.terms]
    if not chosen:
        raise OptionError("--terms/--tags: together they select no term")
    return chosen
