"""The fairness rules checked on an arranged version, from the deck's side.

Written apart from the generator (it re-derives answer sets, names and kinds
from the decks) so that a bug in the generator's bookkeeping cannot hide here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from studyprint.model import Deck, Term
from studyprint.products.quiz.bank import (
    aliases,
    kind,
    mentions,
    near_identical,
    norm,
    tokens,
    without_reading,
)
from studyprint.products.quiz.generate import Version
from studyprint.products.quiz.types.base import Printed


def as_printed(term: Term) -> str:
    """A term's definition as a quiz prints it (a reading of the term left out), compared."""
    return norm(without_reading(term.term, term.definition))


class Facts:
    """What the decks say: answer sets, accepted names, terms by name and definition."""

    def __init__(self, decks: Sequence[Deck]) -> None:
        self.terms = [t for d in decks for t in d.terms]
        self.set_of: dict[int, str] = {id(t): as_printed(t) for t in self.terms}
        self.accepted: dict[str, set[str]] = {}
        for t in self.terms:
            names = {norm(n) for n in (*t.names, *aliases(t.definition))}
            self.accepted.setdefault(as_printed(t), set()).update(names)
        self.by_name: dict[str, list[Term]] = {}
        for t in self.terms:
            self.by_name.setdefault(norm(t.term), []).append(t)
        self.definitions = {as_printed(t) for t in self.terms}

    def right_names(self, term: Term) -> set[str]:
        return self.accepted[as_printed(term)]

    def term_named(self, name: str) -> Term:
        return self.by_name[norm(name)][0]


def subjects(q: Printed, facts: Facts) -> list[str]:
    """The answer sets an item is about."""
    if q.kind == "match":
        return [as_printed(facts.term_named(p)) for p in q.prompts]
    assert q.term is not None
    return [as_printed(q.term)]


def stems(q: Printed) -> list[str]:
    """Definitions the item shows as its stem or statement."""
    if q.kind == "mc" and q.mode == "pick-term":
        return [norm(q.stem)]
    if q.kind == "written" and q.mode == "ask-term":
        return [norm(q.stem)]
    if q.kind == "tf":
        assert q.term is not None
        return [norm(q.stem[len(q.term.term) + 2 :])]
    return []


def wrong_definitions(q: Printed, facts: Facts) -> list[str]:
    """Definitions the item shows that belong to none of its subjects."""
    mine = set(subjects(q, facts))
    shown = list(q.options) if q.kind in ("mc", "match") else []
    if q.kind == "mc" and q.mode != "pick-definition":
        shown = []
    shown += stems(q)
    return [norm(s) for s in shown if norm(s) in facts.definitions and norm(s) not in mine]


def check(version: Version, decks: Sequence[Deck], *, repeats: bool = False) -> int:
    """Assert rules 1-4 on one version; return how many items were checked."""
    facts = Facts(decks)
    items = version.questions
    # 1. independence
    about = [s for q in items for s in subjects(q, facts)]
    stemmed = [s for q in items for s in stems(q)]
    if not repeats:
        assert not [s for s, n in Counter(about).items() if n > 1], "a term asked twice"
        assert not [s for s, n in Counter(stemmed).items() if n > 1], "a definition used twice"
        for q in items:
            others = {s for o in items if o is not q for s in subjects(o, facts)}
            others |= {s for o in items if o is not q for s in stems(o)}
            for wrong in wrong_definitions(q, facts):
                assert wrong not in others, (q.number, "shows another item's definition")
        offered = [w for q in items for w in set(wrong_definitions(q, facts))]
        twice = [w for w, n in Counter(offered).items() if n > 1]
        assert not twice, ("a wrong definition printed by two items", twice)
    for q in items:
        _right_answers(q, facts)
        _no_giveaway(q, facts)
    _even(items)
    assert leaks(version, decks) == []
    for q in items:  # a matching block without a spare definition gives its last pair away
        assert q.kind != "match" or len(q.options) > len(q.prompts), (q.number, "no spare")
    for q in items:
        assert cue(q) == set(), (q.number, "the stem points at the right option")
    return len(items)


#: Words too common to count as a cue (checked apart from the generator's own list).
_COMMON = set(
    "about after also another because been before being between both called could does "
    "each every from have into made make makes many more most much must only other over "
    "same should some such than that their them then there these they this those through "
    "under used uses using very what when where which while with within without would "
    "your".split()
)


def cue(q: Printed) -> set[str]:
    """Words of four letters or more a generated multiple-choice stem (or a matching
    prompt) shares with its right option and with no wrong option ("friction" in the
    stem, one option with it)."""
    if q.kind == "match":
        found: set[str] = set()
        for n, prompt in enumerate(q.prompts):
            right = q.options[q.correct[n]]
            shared = {w for w in tokens(prompt) & tokens(right) if len(w) >= 4}
            for i, option in enumerate(q.options):
                if i != q.correct[n]:
                    shared -= tokens(option)
            found |= shared - _COMMON
        return found
    if q.kind != "mc" or q.mode == "authored":
        return set()
    right = q.options[q.correct[0]]
    shared = {w for w in tokens(q.stem) & tokens(right) if len(w) >= 4 and w not in _COMMON}
    for n, option in enumerate(q.options):
        if n != q.correct[0]:
            shared -= tokens(option)
    return shared


def printed(q: Printed) -> list[str]:
    """Every text an item puts on the students' sheet."""
    texts = [q.stem, *q.prompts]
    if q.kind in ("mc", "match"):
        texts += q.options
    return [t for t in texts if t]


def told(q: Printed) -> list[str]:
    """The texts of an item that say something about a term (definitions, statements,
    review prompts): a term named in one of them is told about."""
    if q.kind == "mc":
        if q.mode == "pick-term":
            return [q.stem]
        if q.mode == "pick-definition":
            return list(q.options)
        return [q.stem]  # an authored question's choices are options, as terms are
    if q.kind == "tf":
        assert q.term is not None
        return [q.stem[len(q.term.term) + 2 :]]
    if q.kind == "match":
        return list(q.options)
    if q.kind == "written" and q.mode == "ask-term":
        return [q.stem]
    if q.kind == "short":
        return [q.stem]
    return []


def subject_terms(q: Printed, facts: Facts) -> list[Term]:
    if q.kind == "match":
        return [facts.term_named(p) for p in q.prompts]
    assert q.term is not None
    return [q.term]


def all_names(term: Term, facts: Facts) -> set[str]:
    """Every right name of the term's answer set, and the readings printed with them."""
    names = set(facts.right_names(term))
    same = [t for t in facts.terms if as_printed(t) == as_printed(term)]
    return names | {norm(t.reading) for t in same if t.reading}


def secrets(q: Printed, facts: Facts) -> set[str]:
    """Names an item asks the student to recall: a written item's right names, and the
    deck's terms a review question's worked answer gives."""
    if q.kind == "written" and q.mode == "ask-term":
        assert q.term is not None
        return facts.right_names(q.term)
    if q.kind == "short":
        return {
            norm(n)
            for t in facts.terms
            for n in (*t.names, *((t.reading,) if t.reading else ()))
            if mentions(q.accepted[0], n)
        }
    return set()


def leaks(version: Version, decks: Sequence[Deck]) -> list[tuple[int, str, int]]:
    """Rule 5, one version is one sheet of paper: (item, the name, the item that prints
    it) wherever a name an item asks to recall stands anywhere else on the sheet, or a
    text telling about a term names another item's subject."""
    facts = Facts(decks)
    items = version.questions
    found = []
    for w in items:
        for name in secrets(w, facts):
            for q in items:
                if q is not w and any(mentions(text, name) for text in printed(q)):
                    found.append((w.number, name, q.number))
        for term in subject_terms(w, facts):
            for name in all_names(term, facts):
                for q in items:
                    if q is not w and any(mentions(text, name) for text in told(q)):
                        found.append((w.number, name, q.number))
    return found


def _even(items: Sequence[Printed]) -> None:
    """4. right letters spread evenly over A-D, true and false half each, per version."""
    lettered = [q for q in items if q.kind == "mc"]
    counts = Counter(q.correct[0] for q in lettered)
    short = sum(len(q.options) < 4 for q in lettered)  # fewer letters than four
    if lettered:
        spread = max(counts.get(i, 0) for i in range(4)) - min(counts.get(i, 0) for i in range(4))
        assert spread <= 1 + short, ("letters uneven", counts)
    truths = Counter(q.correct[0] == 0 for q in items if q.kind == "tf")
    assert abs(truths[True] - truths[False]) <= 1, ("true/false uneven", truths)


def _right_answers(q: Printed, facts: Facts) -> None:
    """2. the key is right, and no other printed option is right too."""
    if q.kind == "mc" and q.mode in ("pick-term", "pick-definition"):
        assert q.term is not None
        (right,) = q.correct
        options = [norm(o) for o in q.options]
        assert len(set(options)) == len(options), (q.number, "two options read the same")
        if q.mode == "pick-term":
            assert options[right] in facts.right_names(q.term)
            for i, o in enumerate(options):
                if i != right:
                    assert o not in facts.right_names(q.term), (q.number, "a second right name")
                    other = facts.term_named(o)
                    assert as_printed(other) != as_printed(q.term), q.number
        else:
            assert options[right] == as_printed(q.term)
            for i, o in enumerate(q.options):
                if i != right:
                    assert norm(o) != as_printed(q.term), (q.number, "the answer twice")
                    assert not near_identical(tokens(o), tokens(as_printed(q.term))), q.number
                    owner = next(t for t in facts.terms if as_printed(t) == norm(o))
                    assert not facts.right_names(owner) & facts.right_names(q.term), q.number
        texts = [tokens(o) for o in q.options]
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                assert not near_identical(texts[i], texts[j]), (q.number, "near-identical options")
    elif q.kind == "tf":
        assert q.term is not None
        shown = q.stem[len(q.term.term) + 2 :]
        truth = norm(shown) == as_printed(q.term)
        assert q.options[q.correct[0]] == ("True" if truth else "False"), q.number
    elif q.kind == "match":
        sets = [as_printed(facts.term_named(p)) for p in q.prompts]
        assert len(set(sets)) == len(sets), "two matching terms share a definition"
        assert len({norm(p) for p in q.prompts}) == len(q.prompts), "a term listed twice"
        for prompt, right in zip(q.prompts, q.correct, strict=True):
            assert norm(q.options[right]) == as_printed(facts.term_named(prompt))
        assert len({norm(o) for o in q.options}) == len(q.options), "a definition listed twice"
    elif q.kind == "written" and q.mode == "ask-term":
        assert q.term is not None
        assert {norm(a) for a in q.accepted} >= facts.right_names(q.term), "a right name refused"


def _no_giveaway(q: Printed, facts: Facts) -> None:
    """3. the term is not in the definition it is asked from; options are of one kind."""
    if q.kind == "mc" and q.mode == "pick-term":
        assert q.term is not None
        assert not mentions(q.stem, q.term.term), (q.number, "the term is in its stem")
    if q.kind == "written" and q.mode == "ask-term":
        assert q.term is not None
        assert not any(mentions(q.stem, n) for n in q.term.names), (q.number, "name in stem")
    if q.kind == "match":
        for prompt in q.prompts:
            assert not mentions(as_printed(facts.term_named(prompt)), prompt), prompt
    if q.kind == "mc" and q.mode in ("pick-term", "pick-definition"):
        kinds = {kind(o) for o in q.options}
        assert len(kinds) == 1, (q.number, "options of different kinds", kinds)
        lengths = [max(len(norm(o)), 16) for o in q.options]
        assert max(lengths) <= 2 * min(lengths), (q.number, "one option twice another's length")
    if q.kind == "mc" and q.mode == "pick-term":  # verbs among verbs, nouns among nouns
        verbs = {_is_verb(as_printed(facts.term_named(o))) for o in q.options}
        assert len(verbs) == 1, (q.number, "the only verb (or the only noun) among the options")
    for text in told(q):  # no reading of a term in another script beside or for it
        for term in subject_terms(q, facts):
            if kind(term.term)[0] in ("LATIN", ""):
                continue  # a Latin-script term: a bracket is meaning, not a reading
            for inside in re.findall(r"[(（]([^()（）]*)[)）]", text):
                assert not inside.isascii() or not re.search("[A-Za-z]", inside), (
                    q.number,
                    "a transliteration printed for the term",
                    inside,
                )


def _is_verb(meaning: str) -> bool:
    words = meaning.split()
    return len(words) > 1 and words[0] == "to"
