"""Short answer: the deck's own review questions, with the model answer in the key."""

from __future__ import annotations

from dataclasses import dataclass

from studyprint.model import Question, Term
from studyprint.products.quiz.types.base import (
    Arranger,
    Block,
    Entry,
    KeyDetail,
    Pool,
    Printed,
    PrintKit,
    QuestionType,
    Source,
    source_of,
)
from studyprint.words import Words


@dataclass(frozen=True, slots=True)
class ShortItem:
    question: Question
    term: Term
    sources: tuple[Source, ...]


class ShortAnswer(QuestionType):
    name = "short"
    title = "Short answer"
    instructions = "Answer each question in a sentence or two."
    supply_first = True  # only terms with review questions can give one
    skipped = "short answer skipped: the decks have no review questions with 'a:'"

    @staticmethod
    def _open(pool: Pool) -> list[Entry]:
        return pool.bank.with_open

    def capacity(self, pool: Pool) -> int:
        return len(self._open(pool))

    def generate(self, pool: Pool, n: int) -> list[ShortItem]:
        items: list[ShortItem] = []
        for entry in pool.subjects(self._open(pool), stem=False):
            if len(items) >= n:
                break
            question = pool.rng.choice([q for q in entry.term.questions if not q.is_choice])
            # the worked answer's terms are what the question asks for: no other item may
            # print them (an option "Mitochondria" answers "which organelle makes ATP?")
            given = pool.bank.names_in(question.answer)
            why = pool.paper.leak([entry], stated=(question.prompt,), secret=given)
            if why is not None:
                pool.paper.passed_over("leak", entry.term.term, why)
                continue
            pool.claim(entry, stem=False)
            pool.paper.record([entry], stated=(question.prompt,), secret=given)
            items.append(ShortItem(question, entry.term, (source_of(entry),)))
        return items

    def arrange(self, item: ShortItem, number: int, arranger: Arranger) -> Printed:
        return Printed(
            number,
            self.name,
            item.question.prompt,
            accepted=(item.question.answer,),
            sources=item.sources,
            term=item.term,
        )

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        return [kit.stem(q.stem, q.number), kit.write_lines(kit.answer_lines)]

    def key_detail(self, q: Printed, words: Words) -> KeyDetail:
        return KeyDetail(q.accepted[0], f"{q.number}.")
