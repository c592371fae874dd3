"""True or false: a term beside its own definition (true) or another term's (false)."""

from __future__ import annotations

from dataclasses import dataclass

from studyprint.model import Term
from studyprint.products.quiz.types.base import (
    Arranger,
    Block,
    Pairs,
    Pool,
    Printed,
    PrintKit,
    QuestionType,
    escape_markers,
    norm,
)


@dataclass(frozen=True, slots=True)
class TrueFalseItem:
    term: Term
    shown: str  # the definition shown with the term
    true: bool


class TrueFalse(QuestionType):
    name = "tf"
    title = "True or false"
    instructions = "Circle True or False for each statement."
    skipped = "true/false skipped: it needs at least 2 terms with different definitions"

    @staticmethod
    def _ready(pool: Pool) -> Pairs:
        return [
            (deck, term)
            for deck, term in pool.pairs
            if any(norm(o.definition) != norm(term.definition) for o in deck.terms)
        ]

    def capacity(self, pool: Pool) -> int:
        return len(self._ready(pool))

    def generate(self, pool: Pool, n: int) -> list[TrueFalseItem]:
        rng = pool.rng
        chosen = pool.choose(self._ready(pool), n)
        truths = [i % 2 == 0 for i in range(len(chosen))]
        rng.shuffle(truths)
        items: list[TrueFalseItem] = []
        for (deck, term), true in zip(chosen, truths, strict=True):
            if true:
                items.append(TrueFalseItem(term, term.definition, True))
                continue
            others = [o for o in deck.terms if norm(o.definition) != norm(term.definition)]
            names = {norm(n) for n in term.names}
            others = [o for o in others if not names & {norm(n) for n in o.names}] or others
            wrong = rng.choice(others)
            items.append(TrueFalseItem(term, wrong.definition, False))
        return items

    def arrange(self, item: TrueFalseItem, number: int, arranger: Arranger) -> Printed:
        return Printed(
            number, self.name, item.term.term, answer=item.true, shown=item.shown, term=item.term
        )

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        return [
            kit.stem(f"**{escape_markers(q.prompt)}**: {q.shown}", q.number),
            kit.choice_line("True   /   False"),
        ]

    def key_labels(self, q: Printed) -> list[tuple[int, str]]:
        return [(q.number, "True" if q.answer else "False")]
