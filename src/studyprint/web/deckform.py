"""The page's table of terms, as a deck file and back.

The table is the deck the teacher edits: one row per term (term, reading,
definition, tags, facts, questions, picture). It is written out as the same
YAML a teacher would save (``Save deck``), and that file is what the loader
checks and every product prints, so the page shows the CLI's own ``line:col``
messages, each beside the row it concerns.

Questions are written one a line in a cell: ``question => answer`` is an open
question with its model answer; ``question => right | wrong | wrong`` is
multiple choice (the first choice is the right one; choices print shuffled).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from studyprint.model import Deck, Question, Term
from studyprint.read.deckwriter import quote

FIELDS = ("term", "reading", "definition", "also", "tags", "facts", "questions", "image")
ARROW = "=>"
BAR = " | "


@dataclass(frozen=True, slots=True)
class Row:
    term: str = ""
    reading: str = ""
    definition: str = ""
    also: str = ""  # other accepted names, separated by commas
    tags: str = ""  # separated by commas
    facts: str = ""  # one a line
    questions: str = ""  # one a line, as the module says
    image: str = ""  # a picture uploaded with the deck, by file name


@dataclass(frozen=True, slots=True)
class DeckForm:
    title: str = "My terms"
    language: str = ""
    rows: tuple[Row, ...] = ()
    subject: str = ""


@dataclass(frozen=True, slots=True)
class DeckText:
    """A table as a deck file: its text and the line each row starts on."""

    yaml: str
    starts: tuple[int, ...] = field(default=())

    def row_of(self, line: int) -> int | None:
        """The row (from 0) a line of the file belongs to; None: the deck's head."""
        index = bisect.bisect_right(self.starts, line) - 1
        return index if index >= 0 else None


def form_rows(fields: Mapping[str, Sequence[str]]) -> tuple[Row, ...]:
    """Rows from the page's repeated fields (``term``, ``definition``... one per row);
    a row left wholly empty is dropped (the page always offers a blank one)."""
    count = max((len(fields.get(name, ())) for name in FIELDS), default=0)
    rows = []
    for i in range(count):
        values = {name: _at(fields.get(name, ()), i) for name in FIELDS}
        if any(v.strip() for v in values.values()):
            rows.append(Row(**values))
    return tuple(rows)


def _at(values: Sequence[str], i: int) -> str:
    return values[i].replace("\r\n", "\n") if i < len(values) else ""


def deck_text(form: DeckForm) -> DeckText:
    """The table as a deck file, every cell quoted so any text reads back as typed."""
    lines = ["# Made on the studyprint page", f"title: {quote(form.title or 'My terms')}"]
    if form.subject.strip():
        lines.append(f"subject: {quote(form.subject.strip())}")
    if form.language.strip():
        lines.append(f"language: {quote(form.language.strip())}")
    lines.append("terms:")
    starts = []
    for row in form.rows:
        starts.append(len(lines) + 1)
        lines += _row(row)
    if not form.rows:
        lines[-1] = "terms: []"
    return DeckText("\n".join(lines) + "\n", tuple(starts))


def _row(row: Row) -> list[str]:
    lines = [f"  - term: {quote(row.term.strip())}"]
    if row.reading.strip():
        lines.append(f"    reading: {quote(row.reading.strip())}")
    lines.append(f"    definition: {quote(row.definition.strip())}")
    for key in ("also", "tags"):
        items = [t.strip() for t in getattr(row, key).split(",") if t.strip()]
        if items:
            lines.append(f"    {key}:")
            lines += [f"      - {quote(t)}" for t in items]
    facts = [f.strip() for f in row.facts.split("\n") if f.strip()]
    if facts:
        lines.append("    facts:")
        lines += [f"      - {quote(f)}" for f in facts]
    questions = [q.strip() for q in row.questions.split("\n") if q.strip()]
    if questions:
        lines.append("    questions:")
        for question in questions:
            lines += _question(question)
    if row.image.strip():
        lines.append(f"    image: {quote(row.image.strip())}")
    return lines


def _question(line: str) -> list[str]:
    prompt, arrow, answer = line.partition(ARROW)
    out = [f"      - q: {quote(prompt.strip())}"]
    if not arrow:
        return out  # the loader says what is missing, on this line
    choices = [c.strip() for c in answer.split("|")]
    if len(choices) > 1:
        out.append("        choices:")
        out += [f"          - {quote(c)}" for c in choices]
        out.append(f"        answer: {quote(choices[0])}")
    else:
        out.append(f"        a: {quote(answer.strip())}")
    return out


def deck_form(deck: Deck) -> DeckForm:
    """A loaded deck (an upload, a sample, an import) as the page's table."""
    return DeckForm(
        title=deck.title,
        language=deck.language or "",
        subject=deck.subject or "",
        rows=tuple(_form_row(t) for t in deck.terms),
    )


def _form_row(term: Term) -> Row:
    return Row(
        term=term.term,
        reading=term.reading or "",
        definition=term.definition,
        also=", ".join(term.also),
        tags=", ".join(term.tags),
        facts="\n".join(term.facts),
        questions="\n".join(_question_line(q) for q in term.questions),
        image=term.image.name if term.image is not None else "",
    )


def _question_line(q: Question) -> str:
    if q.is_choice:  # the right one first
        others = [c for c in q.choices if c != q.answer]
        return f"{q.prompt} {ARROW} {BAR.join([q.answer, *others])}"
    return f"{q.prompt} {ARROW} {q.answer}"
