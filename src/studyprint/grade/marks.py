"""Reading marks on a straightened sheet: how dark each bubble and box is, and what
that says: filled, empty, or doubtful (a light or erased mark is flagged, never
guessed).

Darkness is measured inside each bubble (its outline left out) and compared
with the sheet's own empty bubbles, whose printed letters and outlines vary
with the printer, the paper and the scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Any

import numpy as np

from studyprint.grade.locate import SCALE

#: Above the sheet's empty level by this much: a mark; by at least DOUBT: doubtful.
FILLED = 0.30
DOUBT = 0.12


@dataclass(frozen=True, slots=True)
class Reading:
    """What one row (or one student-number column) says."""

    value: str  # the filled bubble's value, "" for none, "*" for two or more
    doubtful: bool  # a light, half-erased or stray mark: a person should look


def darkness(page: np.ndarray, x_mm: float, y_mm: float, r_mm: float) -> float:
    """Mean ink (0 paper, 1 black) inside a circle."""
    cx, cy, r = x_mm * SCALE, y_mm * SCALE, r_mm * SCALE
    x0, x1 = max(int(cx - r), 0), min(int(cx + r) + 1, page.shape[1])
    y0, y1 = max(int(cy - r), 0), min(int(cy + r) + 1, page.shape[0])
    if x0 >= x1 or y0 >= y1:
        return 0.0
    ys, xs = np.ogrid[y0:y1, x0:x1]
    inside = (xs - cx) ** 2 + (ys - cy) ** 2 <= r * r
    patch = page[y0:y1, x0:x1][inside]
    return float(1 - np.mean(patch) / 255) if patch.size else 0.0


def box_darkness(page: np.ndarray, x_mm: float, y_mm: float, w_mm: float, h_mm: float) -> float:
    """Mean ink inside a box, its border left out."""
    x0, x1 = round((x_mm - w_mm / 2 + 0.8) * SCALE), round((x_mm + w_mm / 2 - 0.8) * SCALE)
    y0, y1 = round((y_mm - h_mm / 2 + 0.8) * SCALE), round((y_mm + h_mm / 2 - 0.8) * SCALE)
    patch = page[max(y0, 0) : y1, max(x0, 0) : x1]
    return float(1 - np.mean(patch) / 255) if patch.size else 0.0


def measure(page: np.ndarray, sheet: dict[str, Any]) -> dict[tuple[str, int, int], float]:
    """Every bubble's and box's darkness: keys ("row", row index, bubble index) and
    ("id", digit column, digit)."""
    radius = sheet["bubble_mm"] / 2 * 0.75  # inside the printed outline
    box_w, box_h = sheet["mark_box_mm"]
    found: dict[tuple[str, int, int], float] = {}
    for i, row in enumerate(sheet["rows"]):
        for j, b in enumerate(row["bubbles"]):
            if row["kind"] == "mark":
                found["row", i, j] = box_darkness(page, b["x"], b["y"], box_w, box_h)
            else:
                found["row", i, j] = darkness(page, b["x"], b["y"], radius)
    for i, column in enumerate(sheet["student_number"]):
        for j, b in enumerate(column):
            found["id", i, j] = darkness(page, b["x"], b["y"], radius)
    return found


def empty_levels(
    found: dict[tuple[str, int, int], float], sheet: dict[str, Any]
) -> tuple[float, float]:
    """The darkness of an empty bubble and of an empty box on this sheet: the median
    (most are empty), so letters, outlines and a grey scan are allowed for."""
    bubbles = [v for (kind, i, _), v in found.items()
               if kind == "id" or sheet["rows"][i]["kind"] == "choice"]  # fmt: skip
    boxes = [v for (kind, i, _), v in found.items()
             if kind == "row" and sheet["rows"][i]["kind"] == "mark"]  # fmt: skip
    return (median(bubbles) if bubbles else 0.0, median(boxes) if boxes else 0.0)


def decide(levels: list[float], values: list[str], empty: float) -> Reading:
    """One row's answer from its bubbles' darkness."""
    marks = [v for level, v in zip(levels, values, strict=True) if level - empty >= FILLED]
    doubtful = any(DOUBT <= level - empty < FILLED for level in levels)
    if len(marks) > 1:
        return Reading("*", doubtful)
    return Reading(marks[0] if marks else "", doubtful)


def read_sheet(page: np.ndarray, sheet: dict[str, Any]) -> tuple[list[Reading], Reading]:
    """Every row's reading, and the student number's."""
    found = measure(page, sheet)
    empty_bubble, empty_box = empty_levels(found, sheet)
    rows = []
    for i, row in enumerate(sheet["rows"]):
        levels = [found["row", i, j] for j in range(len(row["bubbles"]))]
        values = [b["value"] for b in row["bubbles"]]
        empty = empty_box if row["kind"] == "mark" else empty_bubble
        rows.append(decide(levels, values, empty))
    digits, doubtful = [], False
    for i, column in enumerate(sheet["student_number"]):
        reading = decide(
            [found["id", i, j] for j in range(len(column))], [b["digit"] for b in column],
            empty_bubble,
        )  # fmt: skip
        digits.append(reading.value if reading.value not in ("", "*") else "?")
        doubtful = doubtful or reading.doubtful or reading.value in ("", "*")
    number = "".join(digits)
    if number and set(number) == {"?"}:
        number, doubtful = "", False  # left blank altogether
    return rows, Reading(number, doubtful)


__all__ = ["Reading", "decide", "read_sheet"]
