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
from typing import Any, Literal

import numpy as np

from studyprint.grade.locate import SCALE

#: Above the sheet's empty level by this much: a mark; by at least DOUBT: doubtful.
FILLED = 0.30
DOUBT = 0.12
#: Ink above the sheet's empty bubbles by this share: a dot, tick or X drawn in it.
INK = 0.05
#: Side of the square (pixels at SCALE 8 px/mm, under a millimetre) that wears away a
#: pencil line but not a filled area; of a filled bubble this share or more remains.
WORN = 5
SOLID = 0.25
#: Ink in a ring just outside the bubble: the letter circled instead of filled.
RING = 0.18

#: How a row's marks are read: "strict" flags a dot, tick, X or circled letter;
#: "lenient" reads it as the answer where it is the only mark in the row.
MarkRule = Literal["strict", "lenient"]
MARK_RULES: tuple[MarkRule, ...] = ("strict", "lenient")

NOT_FILLED = "a dot, tick or cross, not a filled bubble"
CIRCLED = "a circled letter, not a filled bubble"
TWO_SHAPES = "marks in two bubbles, none filled"
BESIDE = "another mark beside the filled bubble"


@dataclass(frozen=True, slots=True)
class Reading:
    """What one row (or one student-number column) says."""

    value: str  # the filled bubble's value, "" for none, "*" for two or more
    doubtful: bool  # a light, half-erased or stray mark: a person should look
    why: str = ""  # what a person should look at, where it is more than a light mark


@dataclass(frozen=True, slots=True)
class Bubble:
    """What one bubble holds: how dark its inside is, how much of it is ink, and how
    much ink rings it."""

    fill: float
    ink: float = 0.0
    ring: float = 0.0
    solid: float = 0.0  # share of the bubble that is ink a pencil line's width deep


def bubble(page: np.ndarray, x_mm: float, y_mm: float, r_mm: float) -> Bubble:
    """A bubble of radius ``r_mm``: mean ink inside three quarters of it (its outline
    left out), the share of ink pixels inside it, and in a ring just outside it."""
    cx, cy, r = x_mm * SCALE, y_mm * SCALE, r_mm * SCALE
    reach = r * 1.5
    x0, x1 = max(int(cx - reach), 0), min(int(cx + reach) + 1, page.shape[1])
    y0, y1 = max(int(cy - reach), 0), min(int(cy + reach) + 1, page.shape[0])
    if x0 >= x1 or y0 >= y1:
        return Bubble(0.0)
    ys, xs = np.ogrid[y0:y1, x0:x1]
    d2 = (xs - cx) ** 2 + (ys - cy) ** 2
    patch = page[y0:y1, x0:x1]
    inner = patch[d2 <= (0.75 * r) ** 2]
    disc = patch[d2 <= r * r]
    ring = patch[(d2 >= (1.1 * r) ** 2) & (d2 <= reach * reach)]
    fill = float(1 - np.mean(inner) / 255) if inner.size else 0.0
    ink = float(np.mean(disc < 128)) if disc.size else 0.0
    ringed = float(np.mean(ring < 128)) if ring.size else 0.0
    # strokes (an X, a tick) are a pencil line wide and vanish when the ink is worn
    # away by a millimetre-wide square; a filled bubble keeps most of itself
    import cv2

    worn = cv2.erode((patch < 128).astype(np.uint8), np.ones((WORN, WORN), np.uint8))
    solid = float(np.mean(worn[d2 <= r * r])) if disc.size else 0.0
    return Bubble(fill, ink, ringed, solid)


def box(page: np.ndarray, x_mm: float, y_mm: float, w_mm: float, h_mm: float) -> Bubble:
    """A teacher's mark box, its border left out: how dark, and how much of it is ink."""
    x0, x1 = round((x_mm - w_mm / 2 + 0.8) * SCALE), round((x_mm + w_mm / 2 - 0.8) * SCALE)
    y0, y1 = round((y_mm - h_mm / 2 + 0.8) * SCALE), round((y_mm + h_mm / 2 - 0.8) * SCALE)
    patch = page[max(y0, 0) : y1, max(x0, 0) : x1]
    if not patch.size:
        return Bubble(0.0)
    return Bubble(float(1 - np.mean(patch) / 255), float(np.mean(patch < 128)))


#: How far (mm) a column's first row of bubbles is looked for around where the plan
#: puts it, and each next row around where the row above it was found: a curled sheet
#: moves rows further the lower they are, a little from one row to the next (rows are
#: 6.5 mm apart, so a search must stay under half that).
REACH = 3.0
TRACK = 1.5


def row_offset(
    page: np.ndarray,
    bubbles: list[dict[str, Any]],
    radius: float,
    around: tuple[float, float] = (0.0, 0.0),
    reach: float = REACH,
) -> tuple[float, float]:
    """Where a row's printed bubble outlines really are, as an offset (mm) from where the
    plan puts them: rows are straight on paper, so a sheet lifted off the desk (whose
    corners the straightening put right) is set right row by row. An outline is ink on
    the circle with paper just inside and outside it, so a filled bubble (ink
    throughout) does not pull the row toward itself."""
    angles = np.linspace(0, 2 * np.pi, 32, endpoint=False)
    unit = np.stack([np.cos(angles), np.sin(angles)], axis=1) * radius * SCALE
    centres = np.array([(b["x"] * SCALE, b["y"] * SCALE) for b in bubbles])
    rings = [(centres[:, None, :] + unit[None, :, :] * k).reshape(-1, 2) for k in (1.0, 0.6, 1.4)]
    height, width = page.shape

    def ink(points: np.ndarray, shifts: np.ndarray) -> np.ndarray:
        where = points[None, :, :] + shifts[:, None, :]
        xs = np.clip(np.rint(where[..., 0]).astype(np.int64), 0, width - 1)
        ys = np.clip(np.rint(where[..., 1]).astype(np.int64), 0, height - 1)
        return np.asarray(255.0 - page[ys, xs].mean(axis=1))

    def best(steps: np.ndarray, around: tuple[float, float]) -> tuple[float, float]:
        dx, dy = np.meshgrid(steps + around[0], steps + around[1])
        shifts = np.stack([dx.ravel(), dy.ravel()], axis=1)
        on, inner, outer = (ink(points, shifts) for points in rings)
        k = int(np.argmax(on - (inner + outer) / 2))
        return float(shifts[k, 0]), float(shifts[k, 1])

    span = reach * SCALE
    start = (around[0] * SCALE, around[1] * SCALE)
    coarse = best(np.arange(-span, span + 1, 4.0), start)
    x, y = best(np.arange(-3.0, 4.0, 1.0), coarse)
    return x / SCALE, y / SCALE


def _place(row: dict[str, Any]) -> tuple[int, float]:
    """(column, height) of a row: its first bubble's x to the nearest centimetre, its y."""
    first = row["bubbles"][0]
    return round(first["x"] / 10), first["y"]


def measure(page: np.ndarray, sheet: dict[str, Any]) -> dict[tuple[str, int, int], Bubble]:
    """Every bubble and box: keys ("row", row index, bubble index) and ("id", digit
    column, digit). Each row of bubbles is measured where its printed outlines are."""
    radius = sheet["bubble_mm"] / 2
    box_w, box_h = sheet["mark_box_mm"]
    found: dict[tuple[str, int, int], Bubble] = {}
    # rows top to bottom, column by column, each found near the one above it
    order = sorted(range(len(sheet["rows"])), key=lambda i: _place(sheet["rows"][i]))
    above: dict[int, tuple[float, float]] = {}  # column -> the last row's offset
    for i in order:
        row = sheet["rows"][i]
        if row["kind"] == "mark":
            for j, b in enumerate(row["bubbles"]):
                found["row", i, j] = box(page, b["x"], b["y"], box_w, box_h)
            continue
        column = _place(row)[0]
        if column in above:
            dx, dy = row_offset(page, row["bubbles"], radius, above[column], TRACK)
        else:
            dx, dy = row_offset(page, row["bubbles"], radius)
        above[column] = (dx, dy)
        for j, b in enumerate(row["bubbles"]):
            found["row", i, j] = bubble(page, b["x"] + dx, b["y"] + dy, radius)
    for i, column in enumerate(sheet["student_number"]):
        for j, b in enumerate(column):
            found["id", i, j] = bubble(page, b["x"], b["y"], radius)
    return found


@dataclass(frozen=True, slots=True)
class Empty:
    """An empty bubble (or box) on this very sheet: the median of each measure, since
    most are empty, so letters, outlines and a grey scan are allowed for."""

    fill: float
    ink: float = 0.0
    ring: float = 0.0


def empty_levels(
    found: dict[tuple[str, int, int], Bubble], sheet: dict[str, Any]
) -> tuple[Empty, Empty]:
    """The sheet's empty bubble and empty box."""
    bubbles = [v for (kind, i, _), v in found.items()
               if kind == "id" or sheet["rows"][i]["kind"] == "choice"]  # fmt: skip
    boxes = [v for (kind, i, _), v in found.items()
             if kind == "row" and sheet["rows"][i]["kind"] == "mark"]  # fmt: skip
    if not bubbles:
        empty = Empty(0.0)
    else:
        empty = Empty(
            median(b.fill for b in bubbles),
            median(b.ink for b in bubbles),
            median(b.ring for b in bubbles),
        )
    if not boxes:
        return empty, Empty(0.0)
    return empty, Empty(median(b.fill for b in boxes), median(b.ink for b in boxes))


def decide(
    levels: list[Bubble], values: list[str], empty: Empty, rule: MarkRule = "strict"
) -> Reading:
    """One row's answer from its bubbles. A bubble is filled (dark, and mostly ink),
    drawn in (a dot, tick or X), circled, light, or empty; only filled bubbles are
    answers, unless the rule is lenient and one drawn or circled bubble is the row's
    only mark. Anything else a student put down is flagged with what it is."""
    filled, drawn, light = [], [], False
    why = ""
    for level, value in zip(levels, values, strict=True):
        dark = level.fill - empty.fill
        if dark >= FILLED and level.solid >= SOLID:
            filled.append(value)
        elif level.ink - empty.ink >= INK:
            drawn.append(value)
            why = why or NOT_FILLED
        elif level.ring - empty.ring >= RING:
            drawn.append(value)
            why = why or CIRCLED
        elif dark >= DOUBT:
            light = True
    if len(filled) > 1:
        return Reading("*", light or bool(drawn), BESIDE if drawn else "")
    if filled:
        return Reading(filled[0], light or bool(drawn), BESIDE if drawn else "")
    if len(drawn) == 1 and rule == "lenient":
        return Reading(drawn[0], light)
    if drawn:
        return Reading("", True, why if len(drawn) == 1 else TWO_SHAPES)
    return Reading("", light)


def read_sheet(
    page: np.ndarray, sheet: dict[str, Any], rule: MarkRule = "strict"
) -> tuple[list[Reading], Reading]:
    """Every row's reading, and the student number's."""
    found = measure(page, sheet)
    empty_bubble, empty_box = empty_levels(found, sheet)
    rows = []
    for i, row in enumerate(sheet["rows"]):
        levels = [found["row", i, j] for j in range(len(row["bubbles"]))]
        values = [b["value"] for b in row["bubbles"]]
        empty = empty_box if row["kind"] == "mark" else empty_bubble
        if row["kind"] == "mark":  # a teacher's box: dark enough is marked (an X counts)
            rows.append(_box(levels, values, empty))
        else:
            rows.append(decide(levels, values, empty, rule))
    digits, doubtful = [], False
    for i, column in enumerate(sheet["student_number"]):
        levels = [found["id", i, j] for j in range(len(column))]
        reading = decide(levels, [b["digit"] for b in column], empty_bubble)
        digits.append(reading.value if reading.value not in ("", "*") else "?")
        doubtful = doubtful or reading.doubtful or reading.value in ("", "*")
    number = "".join(digits)
    if number and set(number) == {"?"}:
        number, doubtful = "", False  # left blank altogether
    return rows, Reading(number, doubtful)


#: Share of a teacher's box that is ink, above the sheet's empty boxes: a tick or an X
#: (a tick covers a fifth of the box or more); a stray touch, under STRAY, is nothing;
#: between the two, a person should look.
MARKED = 0.10
STRAY = 0.04


def _box(levels: list[Bubble], values: list[str], empty: Empty) -> Reading:
    """A teacher's mark boxes: one with a tick, an X or a fill is marked."""
    more = [level.ink - empty.ink for level in levels]
    marks = [v for ink, v in zip(more, values, strict=True) if ink >= MARKED]
    doubtful = any(STRAY <= ink < MARKED for ink in more)
    if len(marks) > 1:
        return Reading("*", doubtful)
    return Reading(marks[0] if marks else "", doubtful)


__all__ = ["MARK_RULES", "MarkRule", "Reading", "decide", "read_sheet"]
