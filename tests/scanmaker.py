"""Synthetic scans of filled-in answer sheets, for grading tests.

A sheet page of a real quiz PDF is rendered, marks are drawn where the plan
says (a pencil's dark disc, a light or half-erased one, an X in a teacher's
box), and the page is then treated as a copier or a phone would: turned,
scaled, put in perspective, lit unevenly, noised and JPEG-compressed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np

DPI = 200


@dataclass
class Filling:
    """What a student wrote on one sheet."""

    answers: dict[int, str] = field(default_factory=dict)  # row number -> value(s), "AC": two
    light: dict[int, str] = field(default_factory=dict)  # row number -> a faint mark
    partial: dict[int, str] = field(default_factory=dict)  # row number -> a hasty, part fill
    marks: dict[int, str] = field(default_factory=dict)  # written row -> "0", "½", "1"
    number: str = ""
    #: row number -> (value, shape): what students draw instead of filling the bubble:
    #: "dot", "circle" (round the letter), "tick", "x"
    shapes: dict[int, tuple[str, str]] = field(default_factory=dict)


def render_page(pdf: Any, index: int, dpi: int = DPI) -> np.ndarray:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[index].render(scale=dpi / 72, grayscale=True).to_numpy()
    finally:
        document.close()
    return np.ascontiguousarray(image[:, :, 0] if image.ndim == 3 else image)


def fill(
    page: np.ndarray, sheet: dict[str, Any], filling: Filling, seed: int = 0, dpi: int = DPI
) -> np.ndarray:
    """The sheet with a student's pencil marks on it (``page`` rendered at ``dpi``)."""
    import cv2

    rng = random.Random(seed)
    image = page.copy()
    px = dpi / 25.4

    def disc(x: float, y: float, grey: int, share: float = 1.0) -> None:
        """A pencil mark: ``share`` of the bubble, as a hasty student leaves the rest."""
        jitter = (rng.uniform(-0.3, 0.3) * px, rng.uniform(-0.3, 0.3) * px)
        centre = (round(x * px + jitter[0]), round(y * px + jitter[1]))
        radius = round(sheet["bubble_mm"] / 2 * px * rng.uniform(0.85, 1.0))
        if share >= 1:
            cv2.circle(image, centre, radius, grey, -1, lineType=cv2.LINE_AA)
        else:  # a sector of the bubble, starting anywhere
            start = rng.uniform(0, 360)
            cv2.ellipse(image, centre, (radius, radius), 0, start, start + 360 * share, grey, -1,
                        lineType=cv2.LINE_AA)  # fmt: skip

    rows = {row["number"]: row for row in sheet["rows"]}
    for number, values in filling.answers.items():
        for b in rows[number]["bubbles"]:
            if b["value"] in values:
                disc(b["x"], b["y"], rng.randint(20, 60))
    for number, value in filling.light.items():
        for b in rows[number]["bubbles"]:
            if b["value"] == value:
                disc(b["x"], b["y"], 175)  # a mark rubbed out, or barely pressed
    for number, value in filling.partial.items():
        for b in rows[number]["bubbles"]:
            if b["value"] == value:
                disc(b["x"], b["y"], rng.randint(20, 70), share=rng.uniform(0.7, 0.85))
    for number, value in filling.marks.items():
        for b in rows[number]["bubbles"]:
            if b["value"] == value:  # a teacher's X across the box
                w, h = (v * px / 2 for v in sheet["mark_box_mm"])
                x, y = b["x"] * px, b["y"] * px
                cv2.line(image, (round(x - w), round(y - h)), (round(x + w), round(y + h)), 30, 3)
                cv2.line(image, (round(x - w), round(y + h)), (round(x + w), round(y - h)), 30, 3)
    for number, (value, shape) in filling.shapes.items():
        for b in rows[number]["bubbles"]:
            if b["value"] == value:
                _shape(image, b["x"] * px, b["y"] * px, sheet["bubble_mm"] / 2 * px, shape, rng)
    for column, digit in zip(sheet["student_number"], filling.number, strict=False):
        for b in column:
            if b["digit"] == digit:
                disc(b["x"], b["y"], rng.randint(20, 60))
    return image


def _shape(image: np.ndarray, x: float, y: float, r: float, shape: str, rng: random.Random) -> None:
    """A pencil mark that is not a filled bubble, drawn round (x, y), ``r`` the bubble's
    radius in pixels: a dot, a loop round the letter, a tick or an X."""
    import cv2

    grey = rng.randint(25, 70)
    width = max(2, round(r / 7))  # a pencil line, about 0.3 mm
    x += rng.uniform(-0.1, 0.1) * r
    y += rng.uniform(-0.1, 0.1) * r

    def at(dx: float, dy: float) -> tuple[int, int]:
        return round(x + dx * r), round(y + dy * r)

    if shape == "dot":
        cv2.circle(image, at(0, 0), round(r * rng.uniform(0.25, 0.4)), grey, -1, cv2.LINE_AA)
    elif shape == "circle":
        axes = (round(r * rng.uniform(1.25, 1.45)), round(r * rng.uniform(1.15, 1.35)))
        cv2.ellipse(image, at(0, 0), axes, rng.uniform(-20, 20), 0, 360, grey, width, cv2.LINE_AA)
    elif shape == "tick":
        points = np.array([at(-0.7, 0.0), at(-0.15, 0.6), at(0.85, -0.85)], np.int32)
        cv2.polylines(image, [points], False, grey, width + 1, cv2.LINE_AA)
    elif shape == "x":
        cv2.line(image, at(-0.7, -0.7), at(0.7, 0.7), grey, width + 1, cv2.LINE_AA)
        cv2.line(image, at(-0.7, 0.7), at(0.7, -0.7), grey, width + 1, cv2.LINE_AA)
    else:
        raise ValueError(shape)


def photograph(
    image: np.ndarray,
    *,
    angle: float = 0.0,
    scale: float = 1.0,
    perspective: float = 0.0,
    light: float = 0.0,
    noise: float = 0.0,
    quality: int = 0,
    turns: int = 0,
    blur: float = 0.0,
    seed: int = 0,
) -> np.ndarray:
    """The page as a scanner or phone sees it. ``perspective``: how far (share of the
    width) the top corners move in; ``light``: how much darker one side is."""
    import cv2

    rng = np.random.default_rng(seed)
    height, width = image.shape
    pad = int(0.08 * max(height, width))
    canvas = np.full((height + 2 * pad, width + 2 * pad), 235, np.uint8)  # scanner lid
    canvas[pad : pad + height, pad : pad + width] = image
    h2, w2 = canvas.shape
    matrix = cv2.getRotationMatrix2D((w2 / 2, h2 / 2), angle, scale)
    out = cv2.warpAffine(canvas, matrix, (w2, h2), borderValue=235)
    if perspective:
        d = perspective * w2
        src = np.float32([[0, 0], [w2, 0], [w2, h2], [0, h2]])
        dst = np.float32([[d, d * 0.3], [w2 - d, 0], [w2, h2], [0, h2]])
        out = cv2.warpPerspective(out, cv2.getPerspectiveTransform(src, dst), (w2, h2),
                                  borderValue=120)  # fmt: skip
    if blur:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    if light:
        ramp = np.linspace(1.0, 1.0 - light, w2, dtype=np.float32)[None, :]
        out = np.clip(out.astype(np.float32) * ramp, 0, 255).astype(np.uint8)
    if noise:
        grain = rng.standard_normal(out.shape, dtype=np.float32) * np.float32(noise)
        out = np.clip(out + grain, 0, 255).astype(np.uint8)  # float32: half float64's time
    if quality:
        ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
        assert ok
        out = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    if turns:
        out = np.ascontiguousarray(np.rot90(out, turns))
    return out
