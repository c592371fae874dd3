"""What a teacher settled on the review page (``grade --review``), kept beside
results.csv as settled.json, so a rerun over the same scans applies it and asks
nothing twice.

A settled reading is known by the scan it is on (the file's name and size, the page),
the row, and what was read there: the same scan read again finds its answer; a new
scan of that page, read differently, is asked about afresh.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from studyprint.errors import Problem, UnreadableFile
from studyprint.grade.marks import Reading
from studyprint.grade.pages import NUMBER, PageRead
from studyprint.grade.score import Graded
from studyprint.output import TEXT, atomic_output

SETTLED = "settled.json"
SCHEMA = "studyprint-settled/1"
#: The reason a settled reading carries: nothing left to flag.
BY_TEACHER = "settled by the teacher"
#: A settled value is a bubble's value (a letter, T/F, 0/½/1), "" for no answer, or a
#: student number; nothing longer is kept.
LONGEST = 20


@dataclass(frozen=True, slots=True)
class Doubt:
    """One reading a person should settle, with the picture to settle it from."""

    key: str  # how settled.json knows it
    page: str  # the scan it is on
    question: int  # the row's number; NUMBER (0) for the student number
    student: str  # the copy's student number as read ("" none)
    read: str  # what was read: a value, "" none, "*" two marks
    why: str  # the flag results.csv carries for it
    choices: tuple[str, ...]  # what it may be settled as ("" no answer); () a number
    digits: int  # the student number's width (0 for a row)
    crop: bytes  # the row (or the number area) as a JPEG


def page_key(read: PageRead) -> str:
    """The scan a page came from, as a rerun finds it again: file name, size, page."""
    try:
        size = os.stat(read.source).st_size
    except OSError:
        size = -1
    return f"{Path(read.source).name}:{size}:{read.page}"


def reading_key(page: str, question: int, reading: Reading) -> str:
    mark = "doubtful" if reading.doubtful else "sure"
    return f"{page}|{question}|{reading.value}|{mark}|{reading.why}"


def load_settled(folder: Path) -> dict[str, str]:
    """The answers settled before in this output folder ({} if none)."""
    path = folder / SETTLED
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        why = f"cannot read the settled answers ({exc}); move it away to settle afresh"
        raise UnreadableFile([Problem(None, why, str(path))]) from None
    settled = data.get("settled") if isinstance(data, dict) else None
    if (
        not isinstance(settled, dict)
        or data.get("schema") != SCHEMA
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in settled.items())
    ):
        why = "not a file of settled answers; move it away to settle afresh"
        raise UnreadableFile([Problem(None, why, str(path))])
    return {k: v for k, v in settled.items() if len(v) <= LONGEST}


def save_settled(folder: Path, settled: dict[str, str]) -> Path:
    """Write every settled answer (atomically: a crash leaves the old file whole)."""
    path = folder / SETTLED
    text = json.dumps({"schema": SCHEMA, "settled": dict(sorted(settled.items()))},
                      ensure_ascii=False, indent=1)  # fmt: skip
    with atomic_output(path, TEXT) as tmp:
        tmp.write_text(text + "\n", encoding="utf-8")
    return path


def apply_settled(reads: list[PageRead], settled: dict[str, str]) -> list[PageRead]:
    """The pages as read, with what the teacher settled in place of what was doubtful."""
    if not settled:
        return reads
    out = []
    for read in reads:
        if read.problem:
            out.append(read)
            continue
        page = page_key(read)
        rows = list(read.rows)
        for i, (question, reading) in enumerate(zip(read.numbers, rows, strict=True)):
            value = settled.get(reading_key(page, question, reading))
            if value is not None:
                rows[i] = Reading(value, False, BY_TEACHER)
        number = read.number
        value = settled.get(reading_key(page, NUMBER, number))
        if value is not None:
            number = Reading(value, False, BY_TEACHER)
        out.append(replace(read, rows=tuple(rows), number=number))
    return out


def doubts(copies: list[Graded], reads: list[PageRead], names: dict[str, str]) -> list[Doubt]:
    """Every flagged reading a person can settle from a picture, in scan order."""
    by_name = {r.name: r for r in reads}
    found: list[Doubt] = []
    for graded in copies:
        copy = graded.copy
        number = copy.number
        page = by_name.get(copy.number_page)
        crops = dict(page.crops) if page else {}
        on_roster = not names or (number.value.lstrip("0") or "0") in names
        unsure = number.doubtful or not number.value or not on_roster
        if page and unsure and number.why != BY_TEACHER and NUMBER in crops:
            found.append(Doubt(
                reading_key(page_key(page), NUMBER, number), page.name, NUMBER,
                number.value, number.value, _number_why(number, on_roster), (),
                page.digits, crops[NUMBER],
            ))  # fmt: skip
        for answer in graded.answers:
            where = by_name.get(copy.where.get(answer.number, ""))
            if not answer.flag or where is None:
                continue
            crop = dict(where.crops).get(answer.number)
            reading, row = copy.rows[answer.number]
            if crop is None or reading.why == BY_TEACHER:
                continue
            values = tuple(b["value"] for b in row["bubbles"])
            choices = values if row["kind"] == "mark" else (*values, "")
            found.append(Doubt(
                reading_key(page_key(where), answer.number, reading), where.name,
                answer.number, number.value, reading.value, answer.flag, choices, 0, crop,
            ))  # fmt: skip
    return found


def _number_why(number: Reading, on_roster: bool) -> str:
    if not number.value:
        return "no student number bubbled (written only?)"
    if number.doubtful:
        return "student number unclear"
    return f"student number {number.value} is not on the roster"


def settle(doubt: Doubt, value: str) -> str | None:
    """``value`` as ``doubt`` may be settled with, or None if it may not."""
    value = value.strip()
    if doubt.question == NUMBER:
        ok = value.isascii() and value.isdigit() and len(value) <= doubt.digits
        return value.zfill(doubt.digits) if ok else None
    return value if value in doubt.choices else None


__all__ = [
    "BY_TEACHER",
    "SETTLED",
    "Doubt",
    "apply_settled",
    "doubts",
    "load_settled",
    "save_settled",
    "settle",
]
