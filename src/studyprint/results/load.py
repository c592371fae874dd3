"""A class's results read back: grading's results.csv beside the quiz plan, so each
answer is known with its question's term, right letter and options."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyprint.errors import OptionError


@dataclass(frozen=True, slots=True)
class Question:
    version: str
    number: int  # as printed on that version
    term: str  # the term the question tests
    kind: str  # the plan's item type
    right: str  # the right bubble's value ("" for a teacher-marked answer)
    options: tuple[str, ...]  # the bubbles' values, in print order


@dataclass(slots=True)
class Student:
    scan: str
    name: str
    number: str
    version: str
    answers: dict[int, str] = field(default_factory=dict)  # question -> what was read
    scores: dict[int, float] = field(default_factory=dict)  # question -> 0..1


@dataclass(slots=True)
class Results:
    questions: dict[str, list[Question]]  # by version, in question order
    students: list[Student]
    points: float  # a question's points


def load_results(results: Path, plan: dict[str, Any]) -> Results:
    """The students graded in ``results`` (unreadable pages left out) and the plan's
    questions, each with its term and right answer."""
    from studyprint.read.textfile import read_bytes

    points = float(plan.get("points_per_question", 1.0))
    questions = {v["version"]: _questions(v) for v in plan["versions"]}
    try:
        text = read_bytes(results, str(results)).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OptionError(f"{results}: not a results.csv of studyprint grade (not UTF-8)") from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"version", "student_number", "total"} <= set(
        reader.fieldnames
    ):
        raise OptionError(
            f"{results}: not a results.csv of studyprint grade; give the file grade wrote"
        )
    students = []
    for row in reader:
        version = (row.get("version") or "").strip()
        if version not in questions:
            continue  # an unreadable page's row, or a version the plan does not have
        student = Student(row.get("scan") or "", row.get("student") or "",
                          row.get("student_number") or "", version)  # fmt: skip
        for q in questions[version]:
            student.answers[q.number] = (row.get(f"q{q.number}") or "").strip()
            try:
                earned = float(row.get(f"q{q.number}_points") or 0)
            except ValueError:
                earned = 0.0
            student.scores[q.number] = min(1.0, max(0.0, earned / points)) if points else 0.0
        students.append(student)
    return Results(questions, students, points)


def _questions(version: dict[str, Any]) -> list[Question]:
    rows = {r["number"]: r for s in version.get("answer_sheets", []) for r in s["rows"]}
    found = []
    for item in version["items"]:
        for k, number in enumerate(item["numbers"]):
            row = rows.get(number, {})
            values = tuple(b["value"] for b in row.get("bubbles", ()))
            right = ""
            if row.get("kind") == "choice" and k < len(item["correct"]):
                index = item["correct"][k]
                right = values[index] if 0 <= index < len(values) else ""
            kind = str(item.get("type", ""))
            options = values if row.get("kind") == "choice" else ()
            found.append(Question(version["version"], number, _term(item, k), kind, right, options))
    return sorted(found, key=lambda q: q.number)


def _term(item: dict[str, Any], k: int) -> str:
    """The term question ``k`` of an item tests: a matching block's k-th prompt, else the
    item's subject (the plan's first term), else its stem. The plan comes from a file:
    what is missing or odd in it gives the stem, never a crash."""
    prompts = item.get("prompts")
    if item.get("type") == "match" and isinstance(prompts, list) and k < len(prompts):
        return str(prompts[k])
    terms = item.get("terms")
    if isinstance(terms, list) and terms and isinstance(terms[0], dict):
        return str(terms[0].get("term", ""))
    return str(item.get("stem") or "")


__all__ = ["Question", "Results", "Student", "load_results"]
