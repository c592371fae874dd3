"""Multiple choice: a definition with four terms to pick from, or a term with four
definitions, plus the deck's own multiple-choice questions with their choices."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from studyprint.model import Deck, Question, Term
from studyprint.products.quiz.types.base import (
    OPTIONS,
    Arranger,
    Block,
    Pairs,
    Pool,
    Printed,
    PrintKit,
    QuestionType,
    escape_markers,
    letter,
    norm,
)

Direction = Literal["pick-term", "pick-definition"]


@dataclass(frozen=True, slots=True)
class ChoiceItem:
    prompt: str
    correct: str
    distractors: tuple[str, ...]
    term: Term
    mode: Literal["pick-term", "pick-definition", "authored"]


def fair_distractors(term: Term, deck: Deck, direction: Direction) -> list[tuple[Term, str]]:
    """Every other term of the deck that may be offered against ``term``, with its text."""
    names = {norm(n) for n in term.names}
    definition = norm(term.definition)
    correct = norm(term.term if direction == "pick-term" else term.definition)
    seen = {correct}
    result = []
    for other in deck.terms:
        if other is term or norm(other.definition) == definition:
            continue  # the same definition: it would be right too
        if names & {norm(n) for n in other.names}:
            continue  # the answer under another name
        text = other.term if direction == "pick-term" else other.definition
        key = norm(text)
        if key in seen:
            continue  # two options must never read the same
        seen.add(key)
        result.append((other, text))
    return result


def _pick(
    term: Term,
    correct_text: str,
    candidates: list[tuple[Term, str]],
    count: int,
    rng: random.Random,
) -> list[str]:
    """``count`` distractors, preferring shared tags and similar length, with some chance."""
    tags = {t.casefold() for t in term.tags}

    def closeness(candidate: tuple[Term, str]) -> tuple[float, float]:
        length = abs(len(candidate[1]) - len(correct_text)) / max(len(correct_text), 1)
        return (round(length, 1), rng.random())

    related = sorted(
        (c for c in candidates if tags & {t.casefold() for t in c[0].tags}), key=closeness
    )
    others = sorted((c for c in candidates if c not in related), key=closeness)
    if len(related) >= count:
        pool = related[: count * 2]  # shared tags first: the closest few, picked by chance
        return [text for _, text in rng.sample(pool, count)]
    fill = others[: (count - len(related)) * 2]
    return [text for _, text in related] + [
        text for _, text in rng.sample(fill, count - len(related))
    ]


class MultipleChoice(QuestionType):
    name = "mc"
    title = "Multiple choice"
    instructions = "Circle the letter of the best answer."
    lettered = True
    skipped = (
        "multiple choice skipped: it needs at least 4 terms with different "
        "definitions (or authored choices)"
    )

    @staticmethod
    def _eligible(pool: Pool) -> Pairs:
        def make() -> Pairs:
            return [
                (deck, term)
                for deck, term in pool.pairs
                if len(fair_distractors(term, deck, "pick-term")) >= OPTIONS - 1
            ]

        result: Pairs = pool.memo("mc.eligible", make)
        return result

    @staticmethod
    def _authored(pool: Pool) -> list[tuple[Term, Question]]:
        return [(term, q) for _, term in pool.pairs for q in term.questions if q.is_choice]

    def capacity(self, pool: Pool) -> int:
        return len(self._eligible(pool)) + len(self._authored(pool))

    def generate(self, pool: Pool, n: int) -> list[ChoiceItem]:
        """Mostly generated questions, with the deck's own multiple-choice questions mixed in."""
        rng = pool.rng
        eligible, authored = self._eligible(pool), self._authored(pool)
        take_authored = min(len(authored), max(n // 4, n - len(eligible)))
        items: list[ChoiceItem] = []
        for term, question in rng.sample(authored, take_authored):
            distractors = tuple(c for c in question.choices if c != question.answer)
            items.append(
                ChoiceItem(question.prompt, question.answer, distractors, term, "authored")
            )
        for index, (deck, term) in enumerate(pool.choose(eligible, n - take_authored)):
            direction: Direction = "pick-definition" if index % 3 == 2 else "pick-term"
            candidates = fair_distractors(term, deck, direction)
            if len(candidates) < OPTIONS - 1:
                direction = "pick-term"
                candidates = fair_distractors(term, deck, direction)
            if direction == "pick-term":
                prompt, correct = term.definition, term.term
            else:
                prompt, correct = term.term, term.definition
            picked = _pick(term, correct, candidates, OPTIONS - 1, rng)
            items.append(ChoiceItem(prompt, correct, tuple(picked), term, direction))
        return items

    def arrange(self, item: ChoiceItem, number: int, arranger: Arranger) -> Printed:
        width = len(item.distractors) + 1
        answer = arranger.correct_position(width)
        others = list(item.distractors)
        arranger.rng.shuffle(others)
        options = [*others[:answer], item.correct, *others[answer:]]
        return Printed(
            number, self.name, item.prompt, tuple(options), answer, term=item.term, mode=item.mode
        )

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        prompt = q.prompt
        if q.mode == "pick-definition":
            prompt = f"Which definition fits **{escape_markers(q.prompt)}**?"
        return [
            kit.stem(prompt, q.number),
            *(kit.option(option, letter(i)) for i, option in enumerate(q.options)),
        ]

    def key_labels(self, q: Printed) -> list[tuple[int, str]]:
        assert isinstance(q.answer, int)
        return [(q.number, letter(q.answer))]
