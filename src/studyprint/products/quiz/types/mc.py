"""Multiple choice: a definition with four terms to pick from, or a term with four
definitions, plus the deck's own multiple-choice questions with their choices.

``--ask term`` makes only the first kind, ``--ask definition`` only the second;
``both`` (the default) makes a third of them the second way. When a term's
kind has too few others in the deck (the only verb among nouns), the other way
round is tried, and failing that the term is left to other question types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from studyprint.model import Question, Term
from studyprint.products.quiz.bank import cue_words, shared_words
from studyprint.products.quiz.types.base import (
    OPTIONS,
    Arranger,
    Block,
    Entry,
    Pool,
    Printed,
    PrintKit,
    QuestionType,
    Source,
    escape_markers,
    letter,
    source_of,
)
from studyprint.text.markup import plain
from studyprint.words import Words

Mode = Literal["pick-term", "pick-definition", "authored"]

#: How much of the right option a key shows beside its letter.
KEY_TEXT = 32


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with "…" if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:. ")
    return (cut or text[: limit - 1]) + "…"


@dataclass(frozen=True, slots=True)
class ChoiceItem:
    prompt: str
    correct: str
    distractors: tuple[str, ...]
    term: Term
    mode: Mode
    sources: tuple[Source, ...] = ()
    fixed: tuple[str, ...] = ()  # authored choices that keep their order (shuffle: false)


class MultipleChoice(QuestionType):
    name = "mc"
    title = "Multiple choice"
    instructions = "Circle the letter of the best answer."
    lettered = True
    skipped = (
        "multiple choice skipped: it needs at least 4 terms with different "
        "definitions (or authored choices)"
    )

    def capacity(self, pool: Pool) -> int:
        generated = pool.answer_sets if pool.answer_sets >= OPTIONS else 0
        return generated + len(self._authored(pool))

    @staticmethod
    def _authored(pool: Pool) -> list[Entry]:
        return pool.bank.with_choices

    def generate(self, pool: Pool, n: int) -> list[ChoiceItem]:
        items: list[ChoiceItem] = []
        # the deck's own questions: a quarter (by chance, for a few), or all that are needed
        share = n // 4 + (pool.rng.random() < (n % 4) / 4)
        if pool.answer_sets < OPTIONS:
            share = n
        for entry in pool.subjects(self._authored(pool), stem=False):
            if len(items) >= share:
                break
            questions = [
                q
                for q in entry.term.questions
                if q.is_choice
                and pool.paper.leak([entry], shown=q.choices, stated=(q.prompt,)) is None
            ]
            if not questions:  # each would answer another item, or be answered
                first = next(q for q in entry.term.questions if q.is_choice)
                why = pool.paper.leak([entry], shown=first.choices, stated=(first.prompt,))
                pool.paper.passed_over("leak", entry.term.term, why or "its text names a term")
                continue
            question: Question = pool.rng.choice(questions)
            pool.claim(entry, stem=False)
            pool.paper.record([entry], shown=question.choices, stated=(question.prompt,))
            distractors = tuple(c for c in question.choices if c != question.answer)
            items.append(
                ChoiceItem(
                    question.prompt,
                    question.answer,
                    distractors,
                    entry.term,
                    "authored",
                    (source_of(entry),),
                    fixed=() if question.shuffle else question.choices,
                )
            )
        if pool.answer_sets < OPTIONS:
            return items
        made = 0
        stem = pool.ask != "definition"  # asking for terms shows definitions as stems
        for entry in pool.subjects(pool.entries, lambda e: not e.self_referential, stem=stem):
            if len(items) >= n:
                break
            item = self._generated(pool, entry, made)
            if item is not None:
                items.append(item)
                made += 1
        return items

    def _generated(self, pool: Pool, entry: Entry, index: int) -> ChoiceItem | None:
        if pool.ask == "term":
            tries: tuple[Mode, ...] = ("pick-term",)
        elif pool.ask == "definition":
            tries = ("pick-definition",)
        elif index % 3 == 2 and pool.answer_sets >= 3 * pool.count:
            # a third the other way round, where the deck can spare the definitions
            # its wrong options use up (each is shown, so no item may be about it)
            tries = ("pick-definition", "pick-term")
        else:
            tries = ("pick-term", "pick-definition")
        term = entry.term
        # the term and its definition are printed whichever way round it asks
        why = pool.paper.leak([entry], shown=(term.term,), stated=(entry.definition,))
        if why is not None:
            pool.paper.passed_over("leak", term.term, why)
            return None
        shared = shared_words(term.term, entry.definition)
        for mode in tries:
            definitions = mode == "pick-definition"
            if not definitions and not pool.free(entry):  # its definition is a stem elsewhere
                continue
            if shared and not pool.bank.cue_can_hide(shared, definitions):
                # no wrong option could carry the word the stem and answer share
                pool.paper.passed_over(
                    "cue", term.term, f"its stem shares “{min(shared)}” with its answer"
                )
                continue
            others = pool.distractors(entry, OPTIONS - 1, definitions=definitions)
            if others is None:
                continue
            if definitions:
                prompt, correct = term.term, entry.definition
                wrong = tuple(o.definition for o in others)
            else:
                prompt, correct = entry.definition, term.term
                wrong = tuple(o.term.term for o in others)
            cues = cue_words(prompt, correct, wrong)
            if cues:  # the stem points at the right option
                pool.paper.passed_over(
                    "cue", term.term, f"only the right option shares “{min(cues)}” with the stem"
                )
                continue
            pool.claim(entry, stem=not definitions)
            if definitions:
                pool.offer(*others)
                pool.paper.record([entry], shown=(prompt,), stated=(correct, *wrong))
            else:
                pool.paper.record([entry], shown=(correct, *wrong), stated=(prompt,))
            sources = (source_of(entry), *(source_of(o) for o in others))
            return ChoiceItem(prompt, correct, wrong, term, mode, sources)
        return None

    def arrange(self, item: ChoiceItem, number: int, arranger: Arranger) -> Printed:
        width = len(item.distractors) + 1
        answer = arranger.correct_position(width)  # taken even when not used: letters stay even
        others = list(item.distractors)
        arranger.rng.shuffle(others)
        options = (*others[:answer], item.correct, *others[answer:])
        if item.fixed:
            options, answer = item.fixed, item.fixed.index(item.correct)
        return Printed(
            number,
            self.name,
            item.prompt,
            options,
            (answer,),
            accepted=(item.correct,),
            sources=item.sources,
            mode=item.mode,
            term=item.term,
        )

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        prompt = q.stem
        if q.mode == "pick-definition":
            term = f"**{escape_markers(q.stem)}**"
            prompt = kit.words("mc.which_definition", term=term)
        return [
            kit.stem(prompt, q.number),
            *(kit.option(option, letter(i)) for i, option in enumerate(q.options)),
        ]

    def key_labels(self, q: Printed, words: Words) -> list[tuple[int, str]]:
        """The letter and, beside it, the start of the answer: a marker checks both."""
        right = q.correct[0]
        return [(q.number, f"{letter(right)} {shorten(plain(q.options[right]), KEY_TEXT)}")]
