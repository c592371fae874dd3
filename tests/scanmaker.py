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
    ticks: dict[int, str] = field(default_factory=dict)  # the same, with a tick, not an X
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
    for number, value in filling.ticks.items():
        for b in rows[number]["bubbles"]:
            if b["value"] == value:  # a teacher's tick in the box
                w, h = (v * px / 2 for v in sheet["mark_box_mm"])
                x, y = b["x"] * px, b["y"] * px
                tick = np.array([(x - 0.6 * w, y), (x - 0.15 * w, y + 0.7 * h),
                                 (x + 0.8 * w, y - 0.8 * h)], np.int32)  # fmt: skip
                cv2.polylines(image, [tick], False, 30, 3, cv2.LINE_AA)
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


@dataclass(frozen=True)
class Shot:
    """How a page is photographed or scanned, beyond ``photograph``'s copier faults."""

    desk: str = "lid"  # what is round the page: "lid" (light grey), "dark", "wood", "black"
    tilt: float = 0.0  # the camera's tilt in degrees (0-25): the far edge shrinks
    shadow: float = 0.0  # how dark a soft shadow across part of the page is (0-0.6)
    streak: bool = False  # a toner streak down the page, near a corner
    curl_mm: float = 0.0  # the bottom edge lifted off the desk (a sheet from a stack)
    cut: str = ""  # a corner of the page torn off or covered: "tl", "tr", "br", "bl"


def shoot(image: np.ndarray, shot: Shot, seed: int = 0, dpi: int = DPI) -> np.ndarray:
    """The page (``image``, rendered at ``dpi``) as a phone or a careless copier sees it."""
    import cv2

    rng = np.random.default_rng(seed)
    height, width = image.shape
    page = image.astype(np.float32)
    px = dpi / 25.4
    if shot.streak:  # toner: a dark band a few millimetres wide near one side
        x = (
            int(rng.uniform(0.02, 0.1) * width)
            if rng.random() < 0.5
            else int(rng.uniform(0.9, 0.98) * width)
        )
        half = max(1, int(rng.uniform(1.5, 3) * px))
        page[:, max(0, x - half) : x + half] *= 0.45
    if shot.curl_mm:  # the bottom edge lifted: rows near it pulled up, more at the middle
        lift = shot.curl_mm * px
        ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
        depth = np.clip((ys - 0.75 * height) / (0.25 * height), 0, 1) ** 2
        across = 0.6 + 0.4 * np.sin(np.pi * xs / width)
        page = cv2.remap(page, xs, ys + (lift * depth * across).astype(np.float32),
                         cv2.INTER_LINEAR, borderValue=255)  # fmt: skip
    pad = int(0.12 * max(height, width))
    desk_h, desk_w = height + 2 * pad, width + 2 * pad
    if shot.desk == "wood":
        grain = np.sin(np.linspace(0, 60, desk_h))[:, None] * 18 + rng.normal(0, 8, (desk_h, 1))
        desk = np.clip(105 + grain + rng.normal(0, 6, (desk_h, desk_w)), 0, 255)
    else:
        level = {"lid": 235, "dark": 45, "black": 12}[shot.desk]
        desk = np.clip(rng.normal(level, 4, (desk_h, desk_w)), 0, 255)
    canvas = desk.astype(np.float32)
    canvas[pad : pad + height, pad : pad + width] = page
    if shot.cut:  # a corner of the page torn off or covered: the desk shows there
        cut_h, cut_w = int(0.09 * height), int(0.09 * width)
        top = pad if shot.cut[0] == "t" else pad + height - cut_h
        left = pad if shot.cut[1] == "l" else pad + width - cut_w
        canvas[top : top + cut_h, left : left + cut_w] = desk[
            top : top + cut_h, left : left + cut_w
        ]
    if shot.tilt:  # the camera tilted: the top edge shrinks toward the middle
        shrink = np.tan(np.radians(shot.tilt)) * 0.35
        d = shrink * desk_w / 2
        src = np.float32([[0, 0], [desk_w, 0], [desk_w, desk_h], [0, desk_h]])
        dst = np.float32([[d, d * 0.5], [desk_w - d, d * 0.5], [desk_w, desk_h], [0, desk_h]])
        matrix = cv2.getPerspectiveTransform(src, dst)
        canvas = cv2.warpPerspective(canvas, matrix, (desk_w, desk_h),
                                     borderMode=cv2.BORDER_REPLICATE)  # fmt: skip
    if shot.shadow:  # a soft shadow (a hand, the phone) over one side
        ys, xs = np.mgrid[0:desk_h, 0:desk_w].astype(np.float32)
        cx, cy = rng.uniform(0, desk_w), rng.uniform(0, desk_h)
        spread = rng.uniform(0.25, 0.45) * desk_w
        shade = 1 - shot.shadow * np.exp(-(((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * spread**2)))
        canvas = canvas * shade
    return np.clip(canvas, 0, 255).astype(np.uint8)
