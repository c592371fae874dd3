"""Name the term: a definition, a line to write the term on; ``also:`` names count."""

from __future__ import annotations

from dataclasses import dataclass

from studyprint.model import Term
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
class WrittenItem:
    term: Term


class Written(QuestionType):
    name = "written"
    title = "Name the term"
    instructions = "Write the term that each definition describes."

    def capacity(self, pool: Pool) -> int:
        return len(pool.pairs)

    def generate(self, pool: Pool, n: int) -> list[WrittenItem]:
        return [WrittenItem(term) for _, term in pool.choose(pool.pairs, n)]

    def arrange(self, item: WrittenItem, number: int, arranger: Arranger) -> Printed:
        term = item.term
        return Printed(
            number, self.name, term.definition, answer=term.term, accepted=term.names, term=term
        )

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        return [kit.stem(q.prompt, q.number), kit.write_lines(1)]

    def key_labels(self, q: Printed) -> list[tuple[int, str]]:
        return [(q.number, str(q.answer))]

    def key_detail(self, q: Printed) -> KeyDetail:
        extra = [n for n in q.accepted if n != q.answer]
        text = str(q.answer) + (f" (also accepted: {', '.join(extra)})" if extra else "")
        return KeyDetail(text, f"{q.number}.")
