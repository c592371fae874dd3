"""The quiz plan as data (``--plan PLAN.json``): every version's items as printed,
with every right answer and where each term comes from.

Made from the very :class:`~studyprint.products.quiz.generate.Version` objects
the PDF and the key are printed from, so all three agree. Exports (Moodle,
QTI) read this. The schema is described in ``docs/quiz-plan.md``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from studyprint.products.answers.geometry import Sheet, as_data
from studyprint.products.quiz.generate import Version
from studyprint.products.quiz.types.base import Printed

SCHEMA = "studyprint-quiz-plan/1"


def _item(q: Printed) -> dict[str, Any]:
    return {
        "number": q.number,
        "numbers": list(range(q.number, q.number + q.size)),
        "type": q.kind,
        "mode": q.mode,
        "stem": q.stem,
        "options": list(q.options),
        "prompts": list(q.prompts),
        "correct": list(q.correct),
        "accepted": list(q.accepted),
        "terms": [{"file": s.path, "line": s.line, "term": s.term} for s in q.sources],
    }


def plan_document(
    versions: Sequence[Version],
    *,
    title: str,
    seed: int,
    points: float,
    sheets: Mapping[str, Sequence[Sheet]] | None = None,
    audit: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The plan; ``sheets``: each version's answer sheets as printed, if any were;
    ``audit``: the planner's audit (see :mod:`studyprint.products.quiz.audit`)."""
    document = {
        "schema": SCHEMA,
        "title": title,
        "seed": seed,
        "points_per_question": points,
        "versions": [
            {
                "version": v.letter,
                "code": v.code,
                "questions": sum(q.size for q in v.questions),
                "items": [_item(q) for q in v.questions],
                **(
                    {"answer_sheets": [as_data(sheet) for sheet in sheets[v.letter]]}
                    if sheets is not None
                    else {}
                ),
            }
            for v in versions
        ],
        **({"audit": dict(audit)} if audit is not None else {}),
    }
    return document


def plan_json(
    versions: Sequence[Version],
    *,
    title: str,
    seed: int,
    points: float,
    sheets: Mapping[str, Sequence[Sheet]] | None = None,
    audit: Mapping[str, Any] | None = None,
) -> str:
    document = plan_document(
        versions, title=title, seed=seed, points=points, sheets=sheets, audit=audit
    )
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
