"""True or false: a term beside its own definition (true) or another term's (false).

The false definition is one of the same kind as the true one (an infinitive for
a verb, the same script) that does not name either term, so it is not false
at a glance. Each version prints each statement true or false by chance, half
of them true.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyprint.model import Term
from studyprint.products.quiz.bank import Entry, mentions
from studyprint.products.quiz.types.base import (
    Arranger,
    Block,
    Pool,
    Printed,
    PrintKit,
    QuestionType,
    Source,
    escape_markers,
    source_of,
)
from studyprint.words import Words

TRUE_FALSE = ("True", "False")


@dataclass(frozen=True, slots=True)
class TrueFalseItem:
    term: Term
    true_text: str  # its own definition
    false_text: str  # another term's definition, of the same kind
    sources: tuple[Source, ...]


class TrueFalse(QuestionType):
    name = "tf"
    title = "True or false"
    instructions = "Circle True or False for each statement."
    truths = True
    skipped = "true/false skipped: it needs at least 2 terms with different definitions"

    def capacity(self, pool: Pool) -> int:
        return len(pool.entries) if pool.answer_sets >= 2 else 0

    def generate(self, pool: Pool, n: int) -> list[TrueFalseItem]:
        items: list[TrueFalseItem] = []
        if pool.answer_sets < 2:
            return items

        def accept(e: Entry) -> bool:
            if e.self_referential:
                return False
            why = pool.paper.leak([e], shown=(e.term.term,), stated=(e.definition,))
            if why is not None:
                pool.paper.passed_over("leak", e.term.term, why)
            return why is None

        for entry in pool.subjects(pool.entries, accept):
            if len(items) >= n:
                break
            found = pool.distractors(entry, 3, definitions=True, usable=pool.stateable)
            wrong = next(
                (
                    o
                    for o in found or ()
                    if not o.self_referential
                    and not any(mentions(o.definition, n) for n in entry.shown_names)
                ),
                None,
            )
            if wrong is None:
                continue
            pool.claim(entry)
            pool.state(wrong)
            term = entry.term
            # printed true or false: both statements are on some version's sheet
            pool.paper.record(
                [entry], shown=(term.term,), stated=(entry.definition, wrong.definition)
            )
            sources = (source_of(entry), source_of(wrong))
            items.append(TrueFalseItem(term, entry.definition, wrong.definition, sources))
        return items

    def arrange(self, item: TrueFalseItem, number: int, arranger: Arranger) -> Printed:
        true = arranger.truth()
        shown = item.true_text if true else item.false_text
        return Printed(
            number,
            self.name,
            f"{item.term.term}: {shown}",
            TRUE_FALSE,
            (0 if true else 1,),
            accepted=(TRUE_FALSE[0 if true else 1],),
            sources=item.sources if not true else item.sources[:1],
            mode="true" if true else "false",
            term=item.term,
        )

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        assert q.term is not None
        shown = q.stem[len(q.term.term) + 2 :]
        return [
            kit.stem(f"**{escape_markers(q.term.term)}**: {shown}", q.number),
            kit.choice_line(f"{kit.words('true')}   /   {kit.words('false')}"),
        ]

    def key_labels(self, q: Printed, words: Words) -> list[tuple[int, str]]:
        return [(q.number, words("true" if q.correct[0] == 0 else "false"))]
