"""Finding the sheet in a scan: its printed code, which way up it is, its corner
markers, and the page straightened onto the plan's millimetres.

A copier scan is a little rotated and scaled; a phone photo on a table is also
in perspective and lit unevenly. The four markers give a homography that undoes
all of that at once; dividing by a blurred copy of the page evens the light.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from studyprint.products.answers.geometry import MARKER, read_payload

#: The straightened page: pixels per millimetre (8: about 200 dpi).
SCALE = 8.0


class Unreadable(Exception):
    """A page that cannot be graded, and why (said to the teacher as it is)."""


@dataclass(frozen=True, slots=True)
class Found:
    payload: str  # the code's whole text, as the plan names the sheet
    code: str  # the quiz code printed on the sheet
    version: str
    sheet: int
    sheets: int
    page: np.ndarray  # straightened and evened: SCALE px/mm, 255 paper, 0 ink


def read_code(image: np.ndarray) -> tuple[str, tuple[float, float]]:
    """The sheet's code text and its centre in the image."""
    import zxingcpp

    for barcode in zxingcpp.read_barcodes(image):
        if read_payload(barcode.text) is not None:
            p = barcode.position
            xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
            ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
            return barcode.text, (sum(xs) / 4, sum(ys) / 4)
    raise Unreadable(
        "no studyprint code found (is this an answer sheet, scanned whole and in focus?)"
    )


def upright(image: np.ndarray, centre: tuple[float, float]) -> np.ndarray:
    """The image turned by quarter turns so that the code is at the top right."""
    height, width = image.shape
    x, y = centre[0] / width - 0.5, centre[1] / height - 0.5
    # where the code is now -> quarter turns (counter-clockwise) that bring it top right
    if x >= 0 and y < 0:
        turns = 0
    elif x < 0 and y < 0:
        turns = 3  # top left: turn clockwise once
    elif x < 0:
        turns = 2  # bottom left: upside down
    else:
        turns = 1  # bottom right
    return np.ascontiguousarray(np.rot90(image, turns)) if turns else image


def evened(image: np.ndarray) -> np.ndarray:
    """The page divided by its own blurred background: shadows and a lamp's falloff
    gone, paper near 255 everywhere."""
    import cv2

    # the background is smooth: find it on an eighth-size copy (a full-size blur of
    # this width took two thirds of a page's time), then stretch it back
    height, width = image.shape
    shrunk = cv2.resize(image, (max(width // 8, 1), max(height // 8, 1)),
                        interpolation=cv2.INTER_AREA)  # fmt: skip
    size = max(shrunk.shape) // 40 | 1
    background = cv2.morphologyEx(shrunk, cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
    background = cv2.GaussianBlur(background, (0, 0), size / 2)
    background = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    ratio = image.astype(np.float32) / np.maximum(background.astype(np.float32), 1)
    return np.asarray(np.clip(ratio * 255, 0, 255), dtype=np.uint8)


def find_markers(page: np.ndarray, page_mm: tuple[float, float]) -> np.ndarray:
    """The centres of the four corner markers (top-left, top-right, bottom-right,
    bottom-left) in the image: solid squares of the right size nearest each corner."""
    import cv2

    height, width = page.shape
    px_per_mm = width / page_mm[0]  # rough: the scan's scale is within 10 %
    side = MARKER * px_per_mm
    _, ink = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    candidates: list[tuple[float, float]] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (0.6 * side < max(w, h) < 1.6 * side and 0.6 < w / max(h, 1) < 1.6):
            continue
        box = ink[y : y + h, x : x + w]
        (cx, cy), (rw, rh), _ = cv2.minAreaRect(contour)
        if float(np.mean(box)) / 255 < 0.5 or rw * rh < 0.4 * side * side:
            continue
        filled = cv2.contourArea(contour) / max(rw * rh, 1)
        solid = _solid(ink, contour)
        if filled > 0.8 and solid > 0.85:  # a solid square, not a QR finder (ringed)
            candidates.append((cx, cy))
    corners = [(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)]
    diagonal = (width**2 + height**2) ** 0.5
    chosen = []
    for corner in corners:
        best = min(candidates, key=lambda c: _dist(c, corner), default=None)
        if best is None or _dist(best, corner) > 0.25 * diagonal:
            raise Unreadable("a corner marker is missing (scan the whole page, corners too)")
        chosen.append(best)
    return np.array(chosen, dtype=np.float32)


def _solid(ink: np.ndarray, contour: Any) -> float:
    """How much of the contour's inside is ink (a QR finder pattern has a white ring)."""
    import cv2

    mask = np.zeros_like(ink)
    cv2.drawContours(mask, [contour], -1, 255, thickness=-1)
    inside = mask > 0
    return float(np.mean(ink[inside] > 0)) if inside.any() else 0.0


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)


def straighten(
    image: np.ndarray, markers: np.ndarray, markers_mm: list[list[float]], page_mm: list[float]
) -> np.ndarray:
    """The page mapped onto the plan's millimetres at SCALE px/mm."""
    import cv2

    target = np.array(markers_mm, dtype=np.float32) * SCALE
    matrix = cv2.getPerspectiveTransform(markers, target)
    size = (round(page_mm[0] * SCALE), round(page_mm[1] * SCALE))
    return np.asarray(
        cv2.warpPerspective(image, matrix, size, flags=cv2.INTER_AREA, borderValue=255)
    )


def locate(image: np.ndarray, sheets: dict[str, dict[str, Any]]) -> tuple[Found, dict[str, Any]]:
    """The sheet in ``image`` and its plan entry (``sheets``: plan sheets by code text)."""
    text, centre = read_code(image)
    sheet = sheets.get(text)
    if sheet is None:
        raise Unreadable(f"its code {text} is not in this plan (another quiz, or another seed?)")
    turned = upright(image, centre)
    if turned is not image:
        text, centre = read_code(turned)
    flat = evened(turned)
    page_mm = sheet["page_mm"]
    markers = find_markers(flat, (page_mm[0], page_mm[1]))
    code, version, number, total = read_payload(text) or ("", "", 0, 0)
    page = straighten(flat, markers, sheet["markers_mm"], page_mm)
    return Found(text, code, version, number, total, page), sheet


__all__ = ["SCALE", "Found", "Unreadable", "locate"]
