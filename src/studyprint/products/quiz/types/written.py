"""Written answers: a definition and a line to write its term on (every name of every
term with that definition is right, and "also known as" names too); with
``--ask definition``, a term and lines to write what it means."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from studyprint.model import Term
from studyprint.products.quiz.bank import Entry
from studyprint.products.quiz.types.base import (
    Arranger,
    Block,
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
class WrittenItem:
    term: Term
    ask_term: bool
    accepted: tuple[str, ...]
    sources: tuple[Source, ...]
    shown: str = ""  # the definition as printed (asking for the term)


class Written(QuestionType):
    name = "written"
    title = "Name the term"
    instructions = "Write the term that each definition describes."

    def section(self, items: Sequence[Printed], words: Words) -> tuple[str, str]:
        if items and items[0].mode == "ask-definition":
            return words("define.title"), words("define.instructions")
        return super().section(items, words)

    def capacity(self, pool: Pool) -> int:
        return len(pool.entries)

    def generate(self, pool: Pool, n: int) -> list[WrittenItem]:
        ask_term = pool.ask != "definition"
        items: list[WrittenItem] = []

        def accept(entry: Entry) -> bool:
            if not ask_term:  # the term is printed, its definition asked for
                why = pool.paper.leak([entry], shown=entry.shown_names)
            elif entry.names_in_definition:  # the answer could be copied from the stem
                return False
            else:  # the definition is printed; the term must be nowhere else on the sheet
                why = pool.paper.leak(
                    [entry],
                    stated=(entry.definition,),
                    secret=pool.bank.answer_set(entry.answer).accepted,
                )
            if why is not None:
                pool.paper.passed_over("leak", entry.term.term, why)
            return why is None

        for entry in pool.subjects(pool.entries, accept, stem=ask_term):
            if len(items) >= n:
                break
            pool.claim(entry, stem=ask_term)
            if ask_term:
                pool.paper.record(
                    [entry],
                    stated=(entry.definition,),
                    secret=pool.bank.answer_set(entry.answer).accepted,
                )
            else:
                pool.paper.record([entry], shown=entry.shown_names)
            answers = pool.bank.answer_set(entry.answer)
            accepted = tuple(answers.accepted) if ask_term else (entry.term.definition,)
            item = WrittenItem(
                entry.term, ask_term, accepted, (source_of(entry),), entry.definition
            )
            items.append(item)
        return items

    def arrange(self, item: WrittenItem, number: int, arranger: Arranger) -> Printed:
        term = item.term
        return Printed(
            number,
            self.name,
            item.shown if item.ask_term else term.term,
            accepted=item.accepted,
            sources=item.sources,
            mode="ask-term" if item.ask_term else "ask-definition",
            term=term,
        )

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        if q.mode == "ask-term":
            return [kit.stem(q.stem, q.number), kit.write_lines(1)]
        prompt = kit.words("define.prompt", term=q.stem)
        return [kit.stem(prompt, q.number), kit.write_lines(kit.answer_lines)]

    def key_labels(self, q: Printed, words: Words) -> list[tuple[int, str]]:
        return [(q.number, q.accepted[0] if q.mode == "ask-term" else words("see_below"))]

    def key_detail(self, q: Printed, words: Words) -> KeyDetail:
        first, *extra = q.accepted
        text = words("also_accepted", answer=first, others=", ".join(extra)) if extra else first
        return KeyDetail(text, f"{q.number}.")
