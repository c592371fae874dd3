"""Real cases for grading (issue 33): filled sheets photographed and scanned the way a
school makes them -- tilted phones, dark and wooden desks, shadows, a dark copier
border, a toner streak, a curled sheet, a corner cut off -- each read by the grader's
own page reader and compared with what the student drew.

An outcome is "found" (read, and every row either right or flagged), "refused" (the
page said why it cannot be graded), or "wrong" (a row read differently from what was
drawn and not flagged: the one outcome that must never happen). A page missing a
corner must be refused.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.scanmaker import Filling, Shot, fill, render_page, shoot

DESKS = ("lid", "dark", "wood", "black")
SHAPES = ("dot", "circle", "tick", "x")


@dataclass(frozen=True)
class Outcome:
    whole: bool  # every corner of the page is in the picture
    read: bool  # the grader read the page (not refused)
    wrong: list[tuple[int, str, str]]  # (row, drawn, read) read wrong and not flagged
    why: str  # the refusal, if refused
    shot: Shot
    flagged: int = 0  # rows of choices flagged for a person to look at
    rows: int = 0  # rows of choices read


def random_shot(rng: random.Random) -> Shot:
    return Shot(
        desk=rng.choice(DESKS),
        tilt=rng.choice([0.0, rng.uniform(0, 25)]),
        shadow=rng.choice([0.0, rng.uniform(0.2, 0.55)]),
        streak=rng.random() < 0.2,
        curl_mm=rng.choice([0.0, 0.0, rng.uniform(5, 20)]),
        cut=rng.choice([""] * 9 + ["tl", "tr", "br", "bl"]),
    )


def trial(
    folder: Path, plan: dict[str, Any], pages: list[int], n: int, clean: bool = False
) -> Outcome:
    """Sheet ``n``: filled at random (marks of every kind; ``clean``: filled, filled in
    haste or left blank only, and the page whole), shot at random, read."""
    from studyprint.grade.locate import Unreadable, locate
    from studyprint.grade.marks import read_sheet
    from studyprint.grade.pages import sheets_of

    rng = random.Random(f"{'clean' if clean else 'photo'} {n}")
    v = n % len(plan["versions"])
    sheet = plan["versions"][v]["answer_sheets"][0]
    dpi = rng.choice([150, 200])
    blank = _blank(folder, pages[v], dpi)
    choices = [r for r in sheet["rows"] if r["kind"] == "choice"]
    answers: dict[int, str] = {}
    light: dict[int, str] = {}
    partial: dict[int, str] = {}
    shapes: dict[int, tuple[str, str]] = {}
    for row in choices:
        value = rng.choice([b["value"] for b in row["bubbles"]])
        roll = rng.random()
        if roll < 0.1:
            continue
        if clean:
            (partial if roll < 0.3 else answers)[row["number"]] = value
        elif roll < 0.15:
            light[row["number"]] = value
        elif roll < 0.3:
            shapes[row["number"]] = (value, rng.choice(SHAPES))
        elif roll < 0.45:
            partial[row["number"]] = value
        else:
            answers[row["number"]] = value
    filling = Filling(answers, light=light, partial=partial, shapes=shapes,
                      number=f"{rng.randrange(10**6):06d}")  # fmt: skip
    shot = random_shot(rng)
    if clean:
        shot = Shot(shot.desk, shot.tilt, shot.shadow, shot.streak, shot.curl_mm)
    image = shoot(fill(blank, sheet, filling, seed=n, dpi=dpi), shot, seed=n, dpi=dpi)
    try:
        found, located = locate(image, sheets_of(str(folder / "plan.json")))
    except Unreadable as exc:
        return Outcome(not shot.cut, False, [], str(exc), shot)
    rows, number = read_sheet(found.page, located)
    wrong = []
    choice_rows = [
        r for r, row in zip(rows, located["rows"], strict=True) if row["kind"] == "choice"
    ]
    flagged = sum(r.doubtful for r in choice_rows)
    for row, reading in zip(located["rows"], rows, strict=True):
        q = row["number"]
        if row["kind"] != "choice" or reading.doubtful:
            continue
        want = answers.get(q) or partial.get(q) or ""
        if reading.value != want:
            wrong.append((q, want, reading.value))
    if not number.doubtful and number.value != filling.number:
        wrong.append((0, filling.number, number.value))
    return Outcome(not shot.cut, True, wrong, "", shot, flagged, len(choice_rows))


_BLANKS: dict[tuple[Path, int, int], Any] = {}


def _blank(folder: Path, page: int, dpi: int) -> Any:
    key = (folder, page, dpi)
    if key not in _BLANKS:
        _BLANKS[key] = render_page(folder / "quiz.pdf", page, dpi)
    return _BLANKS[key]
