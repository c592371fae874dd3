"""Pasted lines as the page's table: ``term<tab>definition`` (as Quizlet copies),
``term - definition`` or ``term, definition``, one term a line.

Each line is split at its own first tab, else its first `` - ``, else its first
comma, so a list typed by hand may mix them; a line with none of the three is
an error naming the line.
"""

from __future__ import annotations

from studyprint.errors import Pos, Problem, ProblemsError
from studyprint.web.deckform import DeckForm, Row

SEPARATORS = ("\t", " - ", " – ", ",")
SHOWN = "pasted terms"


def pasted_form(text: str, title: str = "My terms") -> DeckForm:
    rows: list[Row] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if not line.strip():
            continue
        separator = next((s for s in SEPARATORS if s in line), None)
        if separator is None:
            problems.append(Problem(Pos(SHOWN, number, 1), "put a tab, ' - ' or a comma "
                                    "between the term and its definition"))  # fmt: skip
            continue
        term, definition = (part.strip() for part in line.split(separator, 1))
        rows.append(Row(term=term, definition=definition))
    if problems:
        raise ProblemsError(problems)
    return DeckForm(title=title, rows=tuple(rows))
