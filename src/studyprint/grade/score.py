"""From what was read to points: the plan's right answers, per copy.

A copy is one student's sheets of one version, in order (sheet 1 starts a
copy). Right answers come from the plan, the same versions the quiz and its
key were printed from; the letter a right answer has on the sheet is the
printed bubble's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studyprint.grade.marks import Reading

MARK_POINTS = {"0": 0.0, "½": 0.5, "1": 1.0}


@dataclass(slots=True)
class Copy:
    version: str
    code: str
    pages: list[str] = field(default_factory=list)  # where its sheets were scanned
    number: Reading = field(default_factory=lambda: Reading("", False))
    rows: dict[int, tuple[Reading, dict[str, Any]]] = field(default_factory=dict)
    sheets_seen: list[int] = field(default_factory=list)
    sheets: int = 1
    where: dict[int, str] = field(default_factory=dict)  # row number -> the page it is on
    number_page: str = ""  # the page the student number was read from


@dataclass(frozen=True, slots=True)
class Answer:
    number: int
    read: str  # a letter or T/F, "" blank, "*" two marks; for written: the mark
    right: str  # the right letter (or "" for a written answer)
    points: float
    flag: str = ""


@dataclass(frozen=True, slots=True)
class Graded:
    copy: Copy
    answers: list[Answer]
    total: float
    possible: float
    flags: list[str]


def score(copy: Copy, version: dict[str, Any], points: float, penalty: float) -> Graded:
    """The copy's answers scored against its version's items."""
    answers: list[Answer] = []
    flags: list[str] = []
    for item in version["items"]:
        for k, number in enumerate(item["numbers"]):
            found = copy.rows.get(number)
            if found is None:
                answers.append(Answer(number, "", "", 0.0, "sheet missing"))
                continue
            reading, row = found
            flag = (reading.why or "doubtful mark") if reading.doubtful else ""
            if row["kind"] == "mark":
                value = MARK_POINTS.get(reading.value)
                if value is None:
                    flag = flag or ("two marks" if reading.value == "*" else "not marked")
                answers.append(Answer(number, reading.value, "", (value or 0.0) * points, flag))
                continue
            index = item["correct"][k] if k < len(item["correct"]) else -1
            if not (row["kind"] == "choice" and 0 <= index < len(row["bubbles"])):
                answers.append(Answer(number, reading.value, "", 0.0, "not in the plan's key"))
                continue
            right = row["bubbles"][index]["value"]
            if reading.value == right:
                earned = points
            elif reading.value == "":
                earned = 0.0
            else:
                earned = 0.0 - penalty * points  # never -0
                if reading.value == "*":
                    flag = flag or "two marks"
            answers.append(Answer(number, reading.value, right, earned, flag))
    if copy.number.doubtful:
        flags.append("student number unclear")
    missing = sorted(set(range(1, copy.sheets + 1)) - set(copy.sheets_seen))
    if missing:
        flags.append("sheet " + ", ".join(map(str, missing)) + " missing")
    flags += [f"{a.number}: {a.flag}" for a in answers if a.flag]
    total = sum(a.points for a in answers)
    possible = points * len(answers)
    return Graded(copy, answers, total, possible, flags)


__all__ = ["Answer", "Copy", "Graded", "score"]
