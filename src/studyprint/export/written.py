"""What an export wrote, so its last line tells the truth about the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Written:
    questions: int  # numbered questions the file holds, over every version
    of: int  # numbered questions of the quiz, over every version
    notes: list[str] = field(default_factory=list)  # each change, item by item
    cut: int = 0  # texts cut to a limit


def numbered(plan: dict[str, Any]) -> int:
    """The quiz's numbered questions over every version (a matching pair is one)."""
    return sum(len(item["numbers"]) for v in plan["versions"] for item in v["items"])


def whole(plan: dict[str, Any], notes: list[str] | None = None) -> Written:
    """Every question written."""
    count = numbered(plan)
    return Written(count, count, notes or [])


__all__ = ["Written", "numbered", "whole"]
