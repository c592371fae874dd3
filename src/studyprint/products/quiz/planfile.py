"""The quiz plan as data (``--plan PLAN.json``): every version's items as printed,
with every right answer and where each term comes from.

Made from the very :class:`~studyprint.products.quiz.generate.Version` objects
the PDF and the key are printed from, so all three agree. Exports (Moodle,
QTI) read this. The schema is described in ``docs/quiz-plan.md``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

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
    versions: Sequence[Version], *, title: str, seed: int, points: float
) -> dict[str, Any]:
    return {
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
            }
            for v in versions
        ],
    }


def plan_json(versions: Sequence[Version], *, title: str, seed: int, points: float) -> str:
    document = plan_document(versions, title=title, seed=seed, points=points)
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
