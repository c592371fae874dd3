"""Short answer: the deck's own review questions, with the model answer in the key."""

from __future__ import annotations

from dataclasses import dataclass

from studyprint.model import Question, Term
from studyprint.products.quiz.types.base import (
    Arranger,
    Block,
    KeyDetail,
    Pool,
    Printed,
    PrintKit,
    QuestionType,
)


@dataclass(frozen=True, slots=True)
class ShortItem:
    question: Question
    term: Term


class ShortAnswer(QuestionType):
    name = "short"
    title = "Short answer"
    instructions = "Answer each question in a sentence or two."
    skipped = "short answer skipped: the decks have no review questions with 'a:'"

    @staticmethod
    def _open(pool: Pool) -> list[tuple[Term, Question]]:
        return [(term, q) for _, term in pool.pairs for q in term.questions if not q.is_choice]

    def capacity(self, pool: Pool) -> int:
        return len(self._open(pool))

    def generate(self, pool: Pool, n: int) -> list[ShortItem]:
        return [ShortItem(q, term) for term, q in pool.rng.sample(self._open(pool), n)]

    def arrange(self, item: ShortItem, number: int, arranger: Arranger) -> Printed:
        return Printed(
            number, self.name, item.question.prompt, answer=item.question.answer, term=item.term
        )

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        return [kit.stem(q.prompt, q.number), kit.write_lines(kit.answer_lines)]

    def key_detail(self, q: Printed) -> KeyDetail:
        return KeyDetail(str(q.answer), f"{q.number}.")
