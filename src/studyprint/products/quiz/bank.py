"""What a quiz needs to know about every term, worked out once, in linear time.

* **Answer sets.** Terms whose definitions read the same (trimmed, spaces
  collapsed, case-folded) are one answer: they are never two options of one
  item, never two entries of one matching block, and a written item accepts
  every name of every term in the set.
* **Aliases.** "…, also known as X" / "also called X" inside a definition makes
  X a right answer too.
* **Kinds.** An option's kind is its script and its leading signal (an
  infinitive "to …", an article, a "～" affix, a quantity with a unit):
  distractors must share the answer's kind, or the odd one out gives it away.
* **Self-reference.** A term that stands in its own definition cannot be asked
  from that definition; a written answer is not asked from a definition that
  holds any name it accepts (a reading given in brackets, say).
* **Near-identical texts.** Two texts whose word tokens overlap by
  :data:`NEAR_IDENTICAL` or more (of the shorter one's tokens) are one answer
  in two wordings, and never offered against each other.
"""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from studyprint.model import Deck, Term
from studyprint.text.markup import plain

#: Share of the shorter text's word tokens found in the other text at which two
#: texts count as the same answer (tested in ``tests/test_quiz_rules.py``).
NEAR_IDENTICAL = 0.8

_ARTICLES = frozenset(
    "a an the ο η το οι τα ένας μια μία ένα el la los las un una unos unas le les l' "
    "der die das ein eine il lo gli i o os as um uma".split()
)
_ALIAS = re.compile(
    r"\b(?:also|sometimes|often)\s+(?:known\s+as|called|termed|named|referred\s+to\s+as)\s+"
    r"[\"“'‘]?([^.,;:()\"”'’]{1,60})",
    re.IGNORECASE,
)
_QUANTITY = re.compile(r"^[-+−]?\d[\d.,]*\s*[^\W\d_][\w/·²³°µ]*$")
_WORD = re.compile(r"\w+")
_ASCII_LETTER = re.compile("[A-Za-z]")
_SCRIPT_FAMILY = {"HIRAGANA": "CJK", "KATAKANA": "KATAKANA", "CJK": "CJK", "HANGUL": "HANGUL"}
#: Letters that belong to no script of their own (the long-vowel mark ー, the middle dot)
_NO_SCRIPT = frozenset({"KATAKANA-HIRAGANA", "HALFWIDTH", "FULLWIDTH"})


_MARKERS = str.maketrans("", "", "*^~\\")


def norm(text: str) -> str:
    """Text as compared for sameness: spaces collapsed, case-folded (cheap: no markup parse)."""
    if "  " in text or "\n" in text or "\t" in text or text[:1].isspace() or text[-1:].isspace():
        text = " ".join(text.split())
    return text.casefold()


def _readable(text: str) -> str:
    """Normalised text without markup markers, for words and kinds."""
    if any(ch in text for ch in "*^~\\"):
        text = plain(text)
    return norm(text)


def comparable(text: str) -> str:
    """Text as names are looked for in it (no markup markers, spaces collapsed, case-folded)."""
    return _readable(text)


def length(text: str) -> int:
    """Characters a reader sees, for options of one length band."""
    return len(_readable(text))


def tokens(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(_readable(text)))


#: Words too common to give an answer away when a stem and its right option share them.
_COMMON = frozenset(
    "about after also among another because been before being between both called cause "
    "could does each every from have having into made make makes many more most much must "
    "only other over same should some such than that their them then there these they this "
    "those through under used uses using very what when where which while with within "
    "without would your".split()
)


def shared_words(stem: str, right: str) -> set[str]:
    """Distinctive words (four letters or more, not common) a stem shares with an option."""
    return {w for w in tokens(stem) & tokens(right) if len(w) >= 4 and w not in _COMMON}


def cue_words(stem: str, right: str, wrong: Sequence[str]) -> set[str]:
    """Distinctive words (four letters or more, not common) that the stem shares with the
    right option and with no wrong option: "friction" in the stem, "coefficient of
    friction" the only option that has it. Each is a giveaway."""
    shared = shared_words(stem, right)
    for option in wrong:
        shared -= tokens(option)
    return shared


def near_identical(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when the shorter text's tokens are (almost) all in the longer one."""
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= NEAR_IDENTICAL


@lru_cache(maxsize=4096)
def _script_of(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ""
    first = name.split(" ", 1)[0]
    return _SCRIPT_FAMILY.get(first, first)


def _script(text: str) -> str:
    """The script most of the first letters are in (plain ASCII: Latin, at once). Words
    written in katakana alone are a kind apart from kanji and hiragana: a katakana
    loanword among native words (or the one katakana option under a katakana stem) is
    picked out at a glance."""
    if text.isascii():
        return "LATIN" if _ASCII_LETTER.search(text) else ""
    counts: dict[str, int] = {}
    seen = 0
    for ch in text:
        if ch.isalpha():
            script = _script_of(ch)
            if script in _NO_SCRIPT:
                continue
            counts[script] = counts.get(script, 0) + 1
            seen += 1
            if seen == 12:
                break
    if not counts:
        return ""
    if "KATAKANA" in counts and "CJK" in counts:  # kanji and kana mixed: Japanese
        return "CJK"
    return max(counts, key=lambda s: counts[s])


#: Texts a deck's word counts are taken from for the cue pre-check (Bank.cue_can_hide).
CUE_SAMPLE = 5000

#: Lengths under this many characters are all one band ("DNA" beside "Nucleus" is fine).
SHORT = 16


def same_band(lengths: Iterable[int]) -> bool:
    """Are these option lengths within twice each other (one long definition among short
    ones is the right one, as often as not)?"""
    banded = [max(n, SHORT) for n in lengths]
    return not banded or max(banded) <= 2 * min(banded)


def content_words(words: frozenset[str]) -> frozenset[str]:
    """The words that carry meaning: four letters or more, not common."""
    return frozenset(w for w in words if len(w) >= 4 and w not in _COMMON)


#: Share of the shorter definition's content words found in the other at which two
#: definitions both fit one prompt (exposure therapy and systematic desensitization).
NEAR_SYNONYM = 0.5


def near_synonyms(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two definitions' words say much the same (two or more content words shared, half
    of the shorter one's)?"""
    ca, cb = content_words(a), content_words(b)
    shared = len(ca & cb)
    return shared >= 2 and shared / max(1, min(len(ca), len(cb))) >= NEAR_SYNONYM


def kind(text: str) -> tuple[str, str]:
    """(script, leading signal) of an option's text; options of one item share it."""
    shown = _readable(text[:60])
    words = shown.split(maxsplit=2)
    if shown.startswith(("～", "~", "〜")):
        signal = "suffix"
    elif shown.endswith(("～", "~", "〜")):
        signal = "prefix"
    elif len(words) > 1 and words[0] == "to":
        signal = "verb"
    elif len(words) > 1 and words[0] in _ARTICLES:
        signal = "article"
    elif shown[:1].isdigit() and _QUANTITY.match(shown):
        signal = "quantity"
    else:
        signal = ""
    return _script(shown[:30]), signal


_BRACKET = re.compile(r"\s*[(（]([^()（）]{1,80})[)）]")


def without_reading(term: str, definition: str) -> str:
    """The definition as a quiz prints it: for a term in another script than its meaning,
    without the brackets that only read the term ("yes (naʿam)", "school (がっこう,
    gakkō)", "my name is … (ismī), followed by your name"). Beside the term, or asking
    for it, a reading lets a student who can sound out the script match the sound, not
    the meaning."""
    script = _script(term[:30])
    if script in ("", "LATIN") or ("(" not in definition and "（" not in definition):
        return definition
    japanese = {"CJK", "KATAKANA"}

    def reading(match: re.Match[str]) -> str:
        inside = _script(match.group(1)[:30])
        if inside in ("LATIN", script) or (inside in japanese and script in japanese):
            return ""
        return match.group(0)

    meaning = _BRACKET.sub(reading, definition).strip(" ,;:")
    meaning = re.sub(r"\s+([,;:.])", r"\1", meaning)  # "is … (ismī), followed" -> "is …, followed"
    if not meaning or _script(meaning[:30]) == script:
        return definition
    return meaning


def aliases(definition: str) -> tuple[str, ...]:
    """Names a definition gives its term: "also known as X", "also called X"."""
    low = definition.casefold()
    if "also" not in low and "sometimes" not in low and "often" not in low:
        return ()
    found = []
    for match in _ALIAS.finditer(plain(definition)):
        name = " ".join(match.group(1).split()).strip(" -–—")
        if name and len(name.split()) <= 5:
            found.append(name)
    return tuple(found)


def mentions(text: str, name: str) -> bool:
    """True if ``name`` stands in ``text`` as a word (plurals too); anywhere for CJK."""
    needle = _readable(name)
    hay = _readable(text)
    if not needle:
        return False
    if needle not in hay:  # the usual answer, without compiling a pattern per term
        return False
    if _is_cjk(needle):
        return True
    return re.search(rf"(?<!\w){re.escape(needle)}(?:s|es)?(?!\w)", hay) is not None


def _is_cjk(needle: str) -> bool:
    return any(_script_of(ch) in ("CJK", "HANGUL") for ch in needle)


class Names:
    """Names looked for in many texts, as :func:`mentions` would find each, at the cost of
    one search a text: word names in one pattern (plurals too), CJK names as substrings."""

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._cjk: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self._written: dict[str, str] = {}  # needle -> the name as first written

    def add(self, names: Iterable[str]) -> None:
        for name in names:
            needle = _readable(name)
            if needle:
                self._written.setdefault(needle, name)
                (self._cjk if _is_cjk(needle) else self._words).add(needle)
                self._pattern = None

    def __bool__(self) -> bool:
        return bool(self._words or self._cjk)

    def found(self, text: str) -> list[str]:
        """The names that stand in ``text``, as they were written when added."""
        if not self:
            return []
        hay = _readable(text)
        out = [needle for needle in self._cjk if needle in hay]
        if self._words:
            out += [m.group(1) for m in self._matcher().finditer(hay)]
        return [self._written.get(needle, needle) for needle in out]

    def _matcher(self) -> re.Pattern[str]:
        if self._pattern is None:
            longest_first = sorted(self._words, key=len, reverse=True)
            words = "|".join(re.escape(w) for w in longest_first)
            self._pattern = re.compile(rf"(?<!\w)({words})(?:s|es)?(?!\w)")
        return self._pattern

    def in_text(self, text: str) -> bool:
        """Does any name stand in ``text``?"""
        if not self:
            return False
        hay = _readable(text)
        if any(needle in hay for needle in self._cjk):
            return True
        if not self._words:
            return False
        return self._matcher().search(hay) is not None


class Sheet:
    """Texts on one sheet, normalised once, searched for a name as :func:`mentions` would
    (appended to as items are made, never joined again: a 500-item quiz stays linear)."""

    def __init__(self) -> None:
        self._hay = ""

    def add(self, texts: Iterable[str]) -> None:
        joined = "\n".join(_readable(t) for t in texts)
        if joined:
            self._hay = f"{self._hay}\n{joined}" if self._hay else joined

    def mentions(self, name: str) -> bool:
        needle = _readable(name)
        if not needle or not self._hay or needle not in self._hay:
            return False
        if _is_cjk(needle):
            return True
        return re.search(rf"(?<!\w){re.escape(needle)}(?:s|es)?(?!\w)", self._hay) is not None


class Entry:
    """One term as a quiz sees it; what costs time is worked out when first asked for."""

    def __init__(self, deck: Deck, term: Term, answer: int, definition: str | None = None) -> None:
        self.deck = deck
        self.term = term
        self.answer = answer  # index of its answer set
        #: the definition as a quiz prints it (see :func:`without_reading`)
        self.definition = definition if definition is not None else term.definition

    @cached_property
    def tags(self) -> frozenset[str]:
        return frozenset(t.casefold() for t in self.term.tags)

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(norm(n) for n in self.term.names)

    @cached_property
    def term_kind(self) -> tuple[str, str]:
        return kind(self.term.term)

    @cached_property
    def definition_kind(self) -> tuple[str, str]:
        return kind(self.definition)

    @cached_property
    def term_tokens(self) -> frozenset[str]:
        return tokens(self.term.term)

    @cached_property
    def definition_tokens(self) -> frozenset[str]:
        return tokens(self.definition)

    @property
    def reading(self) -> tuple[str, ...]:
        return (self.term.reading,) if self.term.reading else ()

    @property
    def shown_names(self) -> tuple[str, ...]:
        """The term as printed: its name and the reading printed beside it."""
        return (self.term.term, *self.reading)

    @cached_property
    def length(self) -> tuple[int, int]:
        """(term, definition) lengths in characters, for options of one length band."""
        return length(self.term.term), length(self.definition)

    @cached_property
    def self_referential(self) -> bool:
        """The term stands in its own definition: asked from that definition, with the
        terms as options (choices, matching, true/false), it would give itself away."""
        return any(mentions(self.definition, n) for n in self.shown_names)

    @cached_property
    def names_in_definition(self) -> bool:
        """Any accepted name (``also:`` too) stands in the definition: a written answer
        asked from that definition could be copied from it."""
        return any(mentions(self.definition, n) for n in (*self.term.names, *self.reading))

    @property
    def source(self) -> tuple[str, int]:
        return (self.deck.path, self.term.pos.line if self.term.pos else 0)


@dataclass
class AnswerSet:
    """Terms that share one definition: any of their names is right."""

    entries: list[Entry]
    _accepted: list[str] | None = None

    @property
    def accepted(self) -> list[str]:
        """Every right name, as written: every name of every term, and the aliases."""
        if self._accepted is None:
            seen: set[str] = set()
            self._accepted = []
            for entry in self.entries:
                for name in (*entry.term.names, *aliases(entry.term.definition)):
                    if norm(name) not in seen:
                        seen.add(norm(name))
                        self._accepted.append(name)
        return self._accepted

    @cached_property
    def accepted_norm(self) -> frozenset[str]:
        return frozenset(norm(name) for name in self.accepted)


class Bank:
    """Every term of the decks with what the fairness rules need, grouped in one pass
    (the rest is worked out for the few terms a quiz looks at)."""

    def __init__(self, decks: Sequence[Deck]) -> None:
        self.decks = list(decks)
        self.entries: list[Entry] = []
        self.with_choices: list[Entry] = []  # terms with authored multiple-choice questions
        self.with_open: list[Entry] = []  # terms with authored open questions
        self.sets_per_deck: list[int] = []
        self._members: list[list[Entry]] = []  # answer set -> its terms
        self._sets: dict[int, AnswerSet] = {}
        self._by_deck: dict[int, list[Entry]] = {}
        by_key: dict[str, int] = {}
        members = self._members
        for deck in decks:
            mine: list[Entry] = []
            first_set = len(members)
            for term in deck.terms:
                count = len(members)
                shown = without_reading(term.term, term.definition)
                index = by_key.setdefault(norm(shown), count)
                entry = Entry(deck, term, index, shown)
                if index == count:
                    members.append([entry])
                else:
                    members[index].append(entry)
                mine.append(entry)
                if term.questions:
                    if any(q.is_choice for q in term.questions):
                        self.with_choices.append(entry)
                    if not all(q.is_choice for q in term.questions):
                        self.with_open.append(entry)
            self.entries += mine
            self._by_deck[id(deck)] = mine
            shared = {e.answer for e in mine if e.answer < first_set}  # sets begun by a deck before
            self.sets_per_deck.append(len(members) - first_set + len(shared))

    @property
    def set_count(self) -> int:
        """How many different definitions (answer sets) the decks hold."""
        return len(self._members)

    def answer_set(self, index: int) -> AnswerSet:
        found = self._sets.get(index)
        if found is None:
            found = self._sets[index] = AnswerSet(self._members[index])
        return found

    def cue_can_hide(self, words: set[str], definitions: bool) -> bool:
        """Could some other option (a term, or a definition) carry each of these words, so a
        stem sharing them with the right option is no cue? Where none can, a subject whose
        stem and answer share such a word is passed over before any distractor search
        (a template deck where "Word 1234" is "definition number 1234" tried thousands).

        Counted over up to :data:`CUE_SAMPLE` texts (every one on a smaller deck): a word
        in fewer than one text in a few thousand may be missed, and its subject passed
        over, which is never unfair; a 100,000-term deck pays for a sample, not a pass."""
        counts = self._definition_words if definitions else self._term_words
        return all(counts.get(w, 0) > 1 for w in words)

    @cached_property
    def _term_words(self) -> Counter[str]:
        return self._word_counts(e.term.term for e in self._cue_sample)

    @cached_property
    def _definition_words(self) -> Counter[str]:
        return self._word_counts(e.definition for e in self._cue_sample)

    @cached_property
    def _cue_sample(self) -> list[Entry]:
        if len(self.entries) <= CUE_SAMPLE:
            return self.entries
        step = len(self.entries) / CUE_SAMPLE  # evenly spread: the same for every seed
        return [self.entries[int(i * step)] for i in range(CUE_SAMPLE)]

    @staticmethod
    def _word_counts(texts: Iterable[str]) -> Counter[str]:
        """How often each word stands in the texts, counted in one pass over them joined
        (a word twice in one text counts twice: the pre-check only grows more lenient)."""
        return Counter(_WORD.findall(_readable("\n".join(texts))))

    def subject_names(self, entry: Entry) -> list[str]:
        """Every right name of ``entry``'s answer set, and the readings printed with them:
        what no other item's text may name while ``entry`` is asked."""
        answers = self.answer_set(entry.answer)
        readings = [e.term.reading for e in answers.entries if e.term.reading]
        return [*answers.accepted, *readings]

    @cached_property
    def one_word_names(self) -> frozenset[str]:
        """Names of the decks' terms that are one word, case-folded (a name with no space
        or mark in it: cheap enough for 100,000 terms, unlike tokenising each)."""
        return frozenset(
            folded
            for entry in self.entries
            for name in entry.term.names
            if (folded := name.casefold()).isalnum()
        )

    def names_in(self, text: str) -> list[str]:
        """The deck's term names (and readings) that stand in ``text``: what a review
        question's worked answer gives away. Looked up by each name's first word, so a
        text costs its own length, not the deck's."""
        hay = _readable(text)
        words = dict.fromkeys(_WORD.findall(hay))
        stems = dict.fromkeys(  # "chloroplasts" names "Chloroplast"
            [*words, *(w[:-1] for w in words if w.endswith("s")), *(w[:-2] for w in words)]
        )
        found = [
            name
            for word in stems
            for name in self._names_by_first_word.get(word, ())
            if mentions(hay, name)
        ]
        found += [name for name in self._cjk_names if _readable(name) in hay]
        return list(dict.fromkeys(found))

    @cached_property
    def _names_by_first_word(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for entry in self.entries:
            for name in (*entry.term.names, *entry.reading):
                words = _WORD.findall(_readable(name))
                if words and not _is_cjk(name):
                    index.setdefault(words[0], []).append(name)
        return index

    @cached_property
    def _cjk_names(self) -> list[str]:
        return [n for e in self.entries for n in (*e.term.names, *e.reading) if _is_cjk(n)]

    #: Decks up to this many terms have their subjects ordered by :meth:`tangle`.
    TANGLE_LIMIT = 2000

    def tangle(self, entry: Entry) -> int:
        """How many other terms' definitions name this term, plus how many terms its own
        definition names: each is an item this one could not share a sheet with. A small
        deck asks its least tangled terms first, so more of them fit on one sheet."""
        return self._tangles.get(id(entry), 0)

    @cached_property
    def _tangles(self) -> dict[int, int]:
        if len(self.entries) > self.TANGLE_LIMIT:
            return {}
        owner: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for name in (*entry.term.names, *entry.reading):
                owner.setdefault(norm(name), []).append(entry)
        counts: dict[int, int] = {}
        for entry in self.entries:
            for name in self.names_in(entry.definition):
                for other in owner.get(norm(name), ()):
                    if other is not entry:
                        counts[id(other)] = counts.get(id(other), 0) + 1
                        counts[id(entry)] = counts.get(id(entry), 0) + 1
        return counts

    def rival(self, entry: Entry, other: Entry) -> bool:
        """Is ``other`` right too where ``entry`` is the answer (one definition, or a
        name or alias the two share)?"""
        if other.answer == entry.answer:
            return True
        return bool(
            other.names & self.answer_set(entry.answer).accepted_norm
            or entry.names & self.answer_set(other.answer).accepted_norm
        )

    def same_kind(
        self, entry: Entry, definitions: bool, rng: random.Random, limit: int
    ) -> list[Entry]:
        """Up to ``limit`` entries of ``entry``'s deck whose term (or definition) is of the
        kind of ``entry``'s, from a random place in the deck: a Spanish phrase is never
        offered against a Japanese word, an infinitive never against nouns.

        Kinds are worked out only for the entries looked at, so a question costs
        about ``limit`` entries whatever the deck's size (a rare kind costs a pass).
        """
        deck = self._by_deck[id(entry.deck)]
        want = entry.definition_kind if definitions else entry.term_kind
        start = rng.randrange(len(deck))
        found: list[Entry] = []
        # walked from ``start`` round to it, without copying the deck (a copy per question
        # made a 100,000-term quiz quadratic)
        wrapped = itertools.chain(
            itertools.islice(deck, start, None), itertools.islice(deck, start)
        )
        for other in wrapped:
            if (other.definition_kind if definitions else other.term_kind) == want:
                found.append(other)
                if len(found) == limit:
                    break
        return found
