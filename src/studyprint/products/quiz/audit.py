"""The planner's own audit: for a set of versions, every leak, cue and near-synonym it
steered round (from the plan) and every one still on a sheet (read off the versions
as printed, apart from the generator's bookkeeping).

"On a sheet" is checked the way a student reads it: one version is one sheet, so a
written answer printed anywhere else on it, or a term named in another item's
definition, counts wherever it stands. The checks are linear in what is printed:
each text is looked up against the deck's names once (:meth:`Bank.names_in`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from studyprint.model import Deck
from studyprint.products.quiz.bank import (
    Bank,
    Entry,
    Names,
    comparable,
    cue_words,
    kind,
    length,
    mentions,
    near_identical,
    near_synonyms,
    norm,
    same_band,
    tokens,
)
from studyprint.products.quiz.generate import QuizPlan, Version
from studyprint.products.quiz.types.base import Printed


@dataclass(frozen=True, slots=True)
class Finding:
    """One leak, cue or near-synonym: steered round (``avoided``) or on the sheet."""

    kind: str  # "leak", "cue" or "near-synonym"
    term: str
    why: str
    avoided: bool
    items: tuple[int, ...] = ()  # question numbers on the sheet

    def as_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "term": self.term,
            "why": self.why,
            "avoided": self.avoided,
            "items": list(self.items),
        }


@dataclass(frozen=True, slots=True)
class Audit:
    """What the planner steered round (the same for every version: one plan), what it
    changed, and what each version still prints."""

    avoided: tuple[Finding, ...]
    avoided_count: dict[str, int]  # by kind, including the notes not kept
    changed: str  # the one-line change of the mix, if any
    on_sheet: dict[str, tuple[Finding, ...]]  # by version letter

    @property
    def clean(self) -> bool:
        return not any(self.on_sheet.values())

    def as_data(self) -> dict[str, Any]:
        return {
            "mix_changed": self.changed,
            "avoided_count": dict(self.avoided_count),
            "avoided": [f.as_data() for f in self.avoided],
            "versions": {
                letter: [f.as_data() for f in found] for letter, found in self.on_sheet.items()
            },
        }

    def lines(self) -> list[str]:
        """The audit as a person reads it, one line each."""
        counts = ", ".join(
            f"{n} {k}{'' if n == 1 else 's'}" for k, n in sorted(self.avoided_count.items())
        )
        out = [f"audit: steered round {counts or 'nothing'}"]
        if self.changed:
            out.append(f"  {self.changed}")
        out += [f"  avoided {f.kind}: {f.term}: {f.why}" for f in self.avoided]
        kept = sum(self.avoided_count.values()) - len(self.avoided)
        if kept > 0:
            out.append(f"  … and {kept} more passed over")
        for letter, found in self.on_sheet.items():
            if not found:
                out.append(f"  version {letter}: no leak, cue or near-synonym on the sheet")
            for f in found:
                where = ", ".join(str(n) for n in f.items)
                out.append(f"  version {letter}: {f.kind} ({where}): {f.term}: {f.why}")
        return out


def audit(plan: QuizPlan, versions: Sequence[Version], decks: Sequence[Deck]) -> Audit:
    bank = plan.bank if plan.bank is not None else Bank(decks)
    avoided = tuple(Finding(a.kind, a.term, a.why, True) for a in plan.avoided)
    names = _SubjectNames(bank)
    on_sheet = {v.letter: tuple(sheet_findings(v, bank, names)) for v in versions}
    return Audit(avoided, dict(plan.avoided_count), plan.changed, on_sheet)


def _told(q: Printed) -> list[str]:
    """The texts of an item that say something about a term."""
    if q.kind == "mc":
        if q.mode == "pick-term":
            return [q.stem]
        if q.mode == "pick-definition":
            return list(q.options)
        return [q.stem]  # authored: its choices are options, as terms are
    if q.kind == "tf":
        return [q.stem[len(q.term.term) + 2 :]] if q.term is not None else [q.stem]
    if q.kind == "match":
        return list(q.options)
    if q.kind == "short" or (q.kind == "written" and q.mode == "ask-term"):
        return [q.stem]
    return []


def _printed(q: Printed) -> list[str]:
    texts = [q.stem, *q.prompts]
    if q.kind in ("mc", "match"):
        texts += q.options
    return [t for t in texts if t]


class _SubjectNames:
    """A term's name -> every right name of its answer set and the readings shown."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self._by_name: dict[str, Entry] = {}
        for entry in bank.entries:
            self._by_name.setdefault(norm(entry.term.term), entry)

    def __call__(self, term: str) -> list[str]:
        entry = self._by_name.get(norm(term))
        return [term] if entry is None else self.bank.subject_names(entry)


def sheet_findings(version: Version, bank: Bank, names: _SubjectNames) -> list[Finding]:
    """Every leak, cue and near-synonym printed on one version's sheet."""
    items = version.questions
    asked, secret = Names(), Names()
    asked_by: dict[str, int] = {}  # a name -> the item whose subject it names
    secret_by: dict[str, int] = {}  # a name -> the item that asks to recall it
    for q in items:
        subject_names = [n for s in _subjects(q) for n in names(s)]
        asked.add(subject_names)
        for name in subject_names:
            asked_by.setdefault(comparable(name), q.number)
        recall: list[str] = []
        if q.kind == "written" and q.mode == "ask-term":
            recall = list(q.accepted)
        elif q.kind == "short" and q.accepted:
            recall = bank.names_in(q.accepted[0])
        secret.add(recall)
        for name in recall:
            secret_by.setdefault(comparable(name), q.number)
    found: list[Finding] = []
    for q in items:
        told = _told(q)
        for text in _printed(q):
            for name in secret.found(text):
                owner = secret_by.get(comparable(name))
                if owner is not None and owner != q.number:
                    why = f"item {q.number} prints a name item {owner} asks to recall"
                    found.append(Finding("leak", name, why, False, (owner, q.number)))
            if text not in told:
                continue
            for name in asked.found(text):
                owner = asked_by.get(comparable(name))
                if owner is not None and owner != q.number:
                    why = f"item {q.number}'s text names the subject of item {owner}"
                    found.append(Finding("leak", name, why, False, (owner, q.number)))
        found += _cues(q)
        if q.kind == "match":
            found += _near_synonyms(q)
    return found


def _subjects(q: Printed) -> list[str]:
    if q.kind == "match":
        return list(q.prompts)
    return [q.term.term] if q.term is not None else []


def _cues(q: Printed) -> list[Finding]:
    if q.kind == "match":
        found = []
        for n, prompt in enumerate(q.prompts):
            right = q.options[q.correct[n]]
            wrong = [o for i, o in enumerate(q.options) if i != q.correct[n]]
            words = cue_words(prompt, right, wrong)
            if words:
                why = f"only its definition shares “{', '.join(sorted(words))}” with it"
                found.append(Finding("cue", prompt, why, False, (q.number + n,)))
        return found
    if q.kind != "mc" or q.mode not in ("pick-term", "pick-definition"):
        return []
    right = q.options[q.correct[0]]
    wrong = [o for i, o in enumerate(q.options) if i != q.correct[0]]
    found = []
    words = cue_words(q.stem, right, wrong)
    term = q.term.term if q.term is not None else q.stem
    if words:
        why = f"only the right option shares “{', '.join(sorted(words))}” with the stem"
        found.append(Finding("cue", term, why, False, (q.number,)))
    if len({kind(o) for o in q.options}) > 1:
        found.append(Finding("cue", term, "its options are of different kinds", False, (q.number,)))
    if not same_band(length(o) for o in q.options):
        why = "one option is more than twice as long as another"
        found.append(Finding("cue", term, why, False, (q.number,)))
    return found


def _near_synonyms(q: Printed) -> list[Finding]:
    """Two definitions of one matching block that both fit one of its prompts: alike in
    words, or one naming a prompt it does not define."""
    found = []
    right = set(q.correct)
    words = [tokens(o) for o in q.options]
    for i in range(len(q.options)):
        for j in range(i + 1, len(q.options)):
            if i not in right and j not in right:
                continue  # two spare definitions alike fit no prompt
            if near_synonyms(words[i], words[j]) or near_identical(words[i], words[j]):
                why = f"definitions {i + 1} and {j + 1} say much the same"
                found.append(Finding("near-synonym", q.prompts[0], why, False, (q.number,)))
    for n, prompt in enumerate(q.prompts):
        for i, option in enumerate(q.options):
            if i != q.correct[n] and mentions(option, prompt):
                why = f"definition {i + 1} names “{prompt}”, which it does not define"
                found.append(Finding("near-synonym", prompt, why, False, (q.number + n,)))
    return found
