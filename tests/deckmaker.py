"""Decks made up for the quiz property test: every trap a real deck sets, at any size.

A made-up science-like vocabulary (words of made-up syllables, so nothing is
copied), with the things that make quizzes give themselves away: definitions
that name other terms (tangles), shared definitions, "also called" aliases,
terms inside their own definitions, templated definitions, verbs among nouns,
katakana among kanji, readings, review questions whose worked answers name
terms, authored multiple choice, and near-synonym definitions.
"""

from __future__ import annotations

import random

from studyprint.model import Deck, Question, Term

_SYLLABLES = "ka lo mi ren tor vel sa quin bra dul fen gos hap ith jor lum nex pol rast ub".split()
_CONTENT = (
    "energy membrane signal pressure current layer mixture particle gradient protein "
    "surface channel pattern motion charge vessel crystal sample reaction balance "
    "pigment region process structure sugar oxygen carbon water light heat field "
    "tissue organ system force wave orbit river stone market border treaty"
).split()
_LINKS = "that moves|which stores|found near|that breaks down|used to measure|that carries".split(
    "|"
)
_KANJI = "学校先生本水火山川田雨空花"
_KATAKANA = "テレビカメラノートペンパンコーヒー"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _definition(rng: random.Random, names: list[str]) -> str:
    words = rng.sample(_CONTENT, rng.randint(3, 7))
    text = f"A {words[0]} {rng.choice(_LINKS)} {' '.join(words[1:])}"
    if names and rng.random() < 0.15:  # names another term: a tangle
        text += f" in the {rng.choice(names).lower()}"
    return text + "."


def make_deck(size: int, seed: int) -> Deck:
    """A deck of ``size`` terms (10 or more) with every trap, the same for one seed."""
    rng = random.Random(f"deckmaker {size} {seed}")
    names: list[str] = []
    while len(names) < size:
        name = _word(rng)
        if rng.random() < 0.1:
            name += " " + _word(rng).lower()
        if name not in names:
            names.append(name)
    terms: list[Term] = []
    definitions: list[str] = []
    for i, name in enumerate(names):
        roll = rng.random()
        also: tuple[str, ...] = ()
        reading = None
        questions: tuple[Question, ...] = ()
        shown = name
        if roll < 0.05 and definitions:  # shares a definition with an earlier term
            definition = rng.choice(definitions)
        elif roll < 0.10:  # its name stands in its own definition
            definition = f"The {name.lower()} {rng.choice(_LINKS)} {rng.choice(_CONTENT)}."
        elif roll < 0.15:  # templated: near-identical to many others
            definition = f"Entry number {rng.randint(1, 9)} of the {rng.choice(_CONTENT)} list."
        elif roll < 0.20:  # a verb among nouns
            verb = rng.choice(["mix", "split", "warm", "carry"])
            definition = f"to {verb} a {rng.choice(_CONTENT)}"
        elif roll < 0.25:  # an alias
            alias = _word(rng)
            definition = _definition(rng, names[:i]).rstrip(".") + f", also called {alias}."
        else:
            definition = _definition(rng, names[:i])
        if rng.random() < 0.05:
            also = (_word(rng),)
        if rng.random() < 0.05:  # written in katakana, or kanji with a reading
            if rng.random() < 0.5:
                shown = "".join(rng.sample(_KATAKANA, 3)) + str(i)
            else:
                shown = "".join(rng.sample(_KANJI, 2)) + str(i)
                reading = _word(rng).lower()
        if rng.random() < 0.06:  # a review question; its worked answer may name terms
            other = rng.choice(names)
            questions = (Question(f"What does {shown} do?", f"It works with the {other.lower()}."),)
        elif rng.random() < 0.03:
            wrong = tuple(rng.sample(names, 3))
            if name not in wrong:
                questions = (Question(f"Which is {shown}?", name, (name, *wrong)),)
        definitions.append(definition)
        terms.append(
            Term(shown, definition, also=also, reading=reading, questions=questions, tags=())
        )
    return Deck(f"Made-up deck {size}/{seed}", tuple(terms), path=f"made-{size}-{seed}.yaml")
