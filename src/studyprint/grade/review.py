"""The review step of grading: the flagged readings a person can settle, settled, and
everything written again. The page that shows them is :mod:`studyprint.web.review`;
this holds what it does, so a test (or another front) settles the same way."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyprint.grade.pages import NUMBER, PageRead
from studyprint.grade.run import GradeRequest, GradeResult, finish
from studyprint.grade.settle import Doubt, load_settled, save_settled, settle


def doubt_id(doubt: Doubt) -> str:
    """A short name for a doubt that stays the same while it is open (a form field)."""
    return "d" + hashlib.sha256(doubt.key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Review:
    """One grading run under review: the pages as read (read once), what is open."""

    request: GradeRequest
    plan: dict[str, Any]
    reads: list[PageRead]  # as read, before anything was settled
    out_dir: Path
    result: GradeResult
    settled_now: int = 0  # settled on this page since it opened
    _open: dict[str, Doubt] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._open = {doubt_id(d): d for d in self.result.doubts}

    @property
    def open(self) -> list[Doubt]:
        return list(self._open.values())

    def doubt(self, ident: str) -> Doubt | None:
        return self._open.get(ident)

    def settle(self, answers: dict[str, str]) -> list[str]:
        """Settle open doubts (by :func:`doubt_id`) with the values given; save them and
        write results.csv and graded.pdf again. Returns what could not be settled (and
        then settles nothing, so a slip never half-applies a page of answers)."""
        problems: list[str] = []
        chosen: dict[str, str] = {}
        for ident, value in answers.items():
            doubt = self._open.get(ident)
            if doubt is None:
                problems.append("an answer on the page is no longer open; reload the page")
                continue
            settled = settle(doubt, value)
            if settled is None:
                number = doubt.question == NUMBER
                where = "the student number" if number else f"question {doubt.question}"
                allowed = (
                    f"up to {doubt.digits} digits"
                    if number
                    else ", ".join(c or "no answer" for c in doubt.choices)
                )
                problems.append(f"{doubt.page}, {where}: {value!r} is not one of: {allowed}")
                continue
            chosen[doubt.key] = settled
        if problems or not chosen:
            return problems
        everything = load_settled(self.out_dir)
        everything.update(chosen)
        save_settled(self.out_dir, everything)
        self.result = finish(self.request, self.plan, self.reads, self.out_dir)
        self._open = {doubt_id(d): d for d in self.result.doubts}
        self.settled_now += len(chosen)
        return []


__all__ = ["Review", "doubt_id"]
