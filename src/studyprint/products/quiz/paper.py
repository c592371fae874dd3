"""One version is one sheet of paper: what its items print, and what no item may show.

A student reads the whole sheet, not one item. So an item's answer must not
stand anywhere else on it:

* **Told texts** (definitions as stems, statements, definition options,
  matching definitions, review prompts) say something about a term; none of
  them may name another item's subject (any name, alias or reading of it), and a
  new subject may not be one that a told text already names.
* **Secrets** (the names a written item asks for, and the deck terms a review
  question's worked answer gives) stand in no text at all, not even as a wrong
  option or a matching prompt: recall must not become recognition.

Every subject passed over for one of these reasons (or for a cue, or a
near-synonym) is noted in :attr:`Paper.avoided`, so the planner's audit can say
what it steered round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from studyprint.products.quiz.bank import Bank, Entry, Names, Sheet, comparable, mentions

#: Notes of avoided leaks kept per quiz: a 100,000-term deck may pass over thousands,
#: and an audit that long is read by nobody (the count is kept whole).
NOTES = 200


@dataclass(frozen=True, slots=True)
class Avoided:
    """A subject (or an option) the planner passed over, and why."""

    kind: str  # "leak", "cue" or "near-synonym"
    term: str
    why: str


class Paper:
    """The texts of one quiz's items, as a student sees them on one sheet."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self._printed = Sheet()  # every text
        self._told = Sheet()  # texts that say something about a term
        self._told_by: list[tuple[str, str]] = []  # (the item's term, a told text)
        self._asked = Names()  # every name of every item's subject
        self._asked_by: dict[str, str] = {}  # a name -> the term of the item asking it
        self._secrets = Names()  # names written answers and worked answers give
        self._noted: set[tuple[str, str]] = set()
        self.avoided: list[Avoided] = []
        self.avoided_count: dict[str, int] = {}
        self.asking = ""  # the question type making items now
        self.avoided_by_type: dict[str, dict[str, int]] = {}  # type -> kind -> count

    def leak(
        self,
        subjects: Sequence[Entry],
        shown: Sequence[str] = (),
        stated: Sequence[str] = (),
        secret: Sequence[str] = (),
    ) -> str | None:
        """Why an item about ``subjects`` that prints ``shown`` (terms) and ``stated``
        (told texts), and keeps ``secret`` names, would answer another item or be
        answered by one; None when it is clean."""
        if self._secrets:
            for text in (*shown, *stated):
                found = self._secrets.found(text)
                if found:
                    return f"it would print “{found[0]}”, which another item asks to recall"
        if self._asked:
            for text in stated:
                found = self._asked.found(text)
                if found:
                    owner = self._asked_by.get(comparable(found[0]), found[0])
                    return f"its text names “{found[0]}”, which the item on “{owner}” asks about"
        for entry in subjects:
            for name in self.bank.subject_names(entry):
                if self._told.mentions(name):
                    owner = next((t for t, text in self._told_by if mentions(text, name)), "")
                    return f"the text of the item on “{owner}” names “{name}”"
        for name in secret:
            if self._printed.mentions(name):
                return f"“{name}” is printed elsewhere on the sheet"
        return None

    def printable(self, text: str, *, told: bool) -> bool:
        """May ``text`` be printed as a wrong option or statement (a term; ``told``: a
        definition)?"""
        if self._secrets and self._secrets.in_text(text):
            return False
        return not (told and self._asked and self._asked.in_text(text))

    def record(
        self,
        subjects: Sequence[Entry],
        shown: Sequence[str] = (),
        stated: Sequence[str] = (),
        secret: Sequence[str] = (),
    ) -> None:
        """An item is made: its texts are on the sheet, its names asked, its secrets kept."""
        self._printed.add((*shown, *stated))
        self._told.add(stated)
        label = subjects[0].term.term if subjects else ""
        self._told_by += [(label, text) for text in stated]
        for entry in subjects:
            names = self.bank.subject_names(entry)
            self._asked.add(names)
            for name in names:
                self._asked_by.setdefault(comparable(name), entry.term.term)
        self._secrets.add(secret)

    def passed_over(self, kind: str, term: str, why: str) -> None:
        """Note a subject passed over (once per term and kind, however often it was tried)."""
        mine = self.avoided_by_type.setdefault(self.asking, {})
        mine[kind] = mine.get(kind, 0) + 1
        if (kind, term) in self._noted:
            return
        self._noted.add((kind, term))
        self.avoided_count[kind] = self.avoided_count.get(kind, 0) + 1
        if len(self.avoided) < NOTES:
            self.avoided.append(Avoided(kind, term, why))
