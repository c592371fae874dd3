"""Finding the sheet in a scan: its printed code, which way up it is, its corner
markers, and the page straightened onto the plan's millimetres.

A copier scan is a little rotated and scaled; a phone photo on a table is also
in perspective and lit unevenly. The four markers give a homography that undoes
all of that at once; dividing by a blurred copy of the page evens the light.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from studyprint.products.answers.geometry import MARKER, code_box, read_payload

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


@dataclass(frozen=True, slots=True)
class Code:
    """The printed code as found in an image: its text, its corners (top-left, top-right,
    bottom-right, bottom-left, as the symbol reads) and its side in modules."""

    text: str
    corners: np.ndarray
    modules: int

    @property
    def centre(self) -> tuple[float, float]:
        x, y = self.corners.mean(axis=0)
        return float(x), float(y)


def find_code(image: np.ndarray) -> Code:
    """The sheet's printed code in the image."""
    import zxingcpp

    for barcode in zxingcpp.read_barcodes(image):
        if read_payload(barcode.text) is not None:
            p = barcode.position
            corners = np.array(
                [(q.x, q.y) for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)],
                dtype=np.float32,
            )
            extra: Any = getattr(barcode, "extra", None)
            try:
                version = int(str(extra.get("Version", "1"))) if isinstance(extra, dict) else 1
            except ValueError:
                version = 1
            return Code(barcode.text, corners, 17 + 4 * max(version, 1))
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


def find_markers(
    page: np.ndarray,
    page_mm: tuple[float, float],
    markers_mm: list[list[float]],
    code: Code,
    every: bool = False,
) -> list[list[tuple[float, float]]]:
    """Candidates for the four corner markers (top-left, top-right, bottom-right,
    bottom-left) in the image, nearest first where each should be.

    The printed code tells the page's scale and where each marker should be (an affine
    map from the code's corners: a phone's perspective moves the far markers by a few
    per cent of the page, well inside the search radius). Candidates are solid squares
    of a marker's size found at three thresholds (the page's own, a local one for
    uneven light, black alone for a toner streak) among all contours, nested ones too
    (the markers sit inside the page's outline on a dark desk): the plainest threshold
    that finds one, or (``every``) all three. A corner with no candidate near where it
    should be is out of the picture, covered or torn: the page is refused, never
    guessed."""
    mapping, px_per_mm = _code_map(code, page_mm)
    side = MARKER * px_per_mm
    height, width = page.shape
    reach = 0.12 * (page_mm[0] ** 2 + page_mm[1] ** 2) ** 0.5 * px_per_mm
    names = ("top-left", "top-right", "bottom-right", "bottom-left")
    found = []
    for name, (mx, my) in zip(names, markers_mm, strict=True):
        x, y = mapping @ np.array([mx, my, 1.0])
        near: list[tuple[float, float]] = []
        x0, y0 = max(int(x - reach), 0), max(int(y - reach), 0)
        window = page[y0 : max(int(y + reach), 0), x0 : max(int(x + reach), 0)]
        for threshold in _THRESHOLDS if window.size else ():
            near += [
                (cx + x0, cy + y0)
                for cx, cy in _squares(window, side, threshold)
                if _dist((cx + x0, cy + y0), (x, y)) < reach
                and all(_dist((cx + x0, cy + y0), n) > side / 2 for n in near)
            ]
            if near and not every:  # the plainest threshold that finds one: the rest cost
                break
        if not near:
            inside = 0 <= x < width and 0 <= y < height
            raise Unreadable(
                f"the {name} corner marker is {'not found' if inside else 'out of the picture'}"
                " (photograph or scan the whole page, all four corners showing)"
            )
        found.append(sorted(near, key=lambda c: _dist(c, (x, y))))
    return found


def fit_markers(
    page: np.ndarray, page_mm: tuple[float, float], markers_mm: list[list[float]], code: Code
) -> np.ndarray:
    """The four markers: the nearest candidates, or else the nearest few of each that
    make a page and put the printed code where it was printed (a filled bubble near a
    corner can look like a marker from afar)."""
    import cv2

    problem = "the corner markers do not make a page (is the sheet folded?)"
    for every in (False, True):
        candidates = find_markers(page, page_mm, markers_mm, code, every)
        for choice in itertools.product(*(c[:3] for c in candidates)):
            markers = np.array(choice, dtype=np.float32)
            if not cv2.isContourConvex(markers.reshape(-1, 1, 2)):
                continue
            try:
                check_code_place(code, markers, markers_mm, page_mm)
            except Unreadable as exc:
                problem = str(exc)
                continue
            return markers
    raise Unreadable(problem)


def _code_map(code: Code, page_mm: tuple[float, float]) -> tuple[np.ndarray, float]:
    """An affine map from the page's millimetres to the image, from the code's corners;
    and the image's pixels per millimetre there."""
    import cv2

    left, top, box = code_box(page_mm[0])
    symbol = box * code.modules / (code.modules + 4)  # drawn with two modules of border
    x0, y0 = left + (box - symbol) / 2, top + (box - symbol) / 2
    square = np.array(
        [[x0, y0], [x0 + symbol, y0], [x0 + symbol, y0 + symbol], [x0, y0 + symbol]],
        dtype=np.float32,
    )
    matrix, _ = cv2.estimateAffine2D(square, code.corners)
    if matrix is None:
        raise Unreadable("the printed code is too distorted to place the page")
    corners = [(float(c[0]), float(c[1])) for c in code.corners]
    sides = [_dist(corners[i], corners[(i + 1) % 4]) for i in range(4)]
    return np.asarray(matrix, dtype=np.float64), float(np.mean(sides)) / symbol


#: How ink is told from paper in a corner's window, tried in turn: the window's own
#: level; a local one, for uneven light; black alone, for a toner streak or a shadow.
_THRESHOLDS = ("otsu", "local", "black")


def _squares(page: np.ndarray, side: float, threshold: str) -> list[tuple[float, float]]:
    """Centres of solid dark squares about ``side`` pixels wide, among all contours
    (nested ones too: on a dark desk the marker sits inside the page's outline)."""
    import cv2

    if threshold == "otsu":
        _, ink = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    elif threshold == "local":
        block = max(3, int(side * 3) | 1)
        ink = cv2.adaptiveThreshold(
            page, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15
        )
    else:
        _, ink = cv2.threshold(page, 70, 255, cv2.THRESH_BINARY_INV)
    found: list[tuple[float, float]] = []
    contours, _ = cv2.findContours(ink, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for contour in contours:
        _, _, w, h = cv2.boundingRect(contour)
        if not (0.6 * side < max(w, h) < 1.6 * side and 0.6 < w / max(h, 1) < 1.6):
            continue
        (cx, cy), (rw, rh), _ = cv2.minAreaRect(contour)
        if rw * rh < 0.4 * side * side:
            continue
        filled = cv2.contourArea(contour) / max(rw * rh, 1)
        new = all(_dist((cx, cy), f) > side / 2 for f in found)
        # a square, not a disc (a filled bubble fills 79 % of its box), not a QR finder
        if new and filled > 0.88 and _solid(ink, contour) > 0.85:
            found.append((cx, cy))
    return found


def _solid(ink: np.ndarray, contour: Any) -> float:
    """How much of the contour's inside is ink (a QR finder pattern has a white ring)."""
    import cv2

    mask = np.zeros_like(ink)
    cv2.drawContours(mask, [contour], -1, 255, thickness=-1)
    inside = mask > 0
    return float(np.mean(ink[inside] > 0)) if inside.any() else 0.0


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)


#: How far (mm) the printed code may land from its place once the page is straightened.
CODE_SLACK = 2.5


def check_code_place(
    code: Code, markers: np.ndarray, markers_mm: list[list[float]], page_mm: tuple[float, float]
) -> None:
    """The four markers found must put the printed code where it was printed: a square
    of the page taken for a marker (a corner cut off, a blot) puts it elsewhere, and
    the page is refused rather than read through a wrong map."""
    import cv2

    matrix = cv2.getPerspectiveTransform(markers, np.array(markers_mm, dtype=np.float32))
    placed = cv2.perspectiveTransform(code.corners.reshape(-1, 1, 2), matrix).reshape(-1, 2)
    left, top, box = code_box(page_mm[0])
    symbol = box * code.modules / (code.modules + 4)
    x0, y0 = left + (box - symbol) / 2, top + (box - symbol) / 2
    want = [(x0, y0), (x0 + symbol, y0), (x0 + symbol, y0 + symbol), (x0, y0 + symbol)]
    off = max(_dist((float(p[0]), float(p[1])), w) for p, w in zip(placed, want, strict=True))
    if off > CODE_SLACK:
        raise Unreadable(
            "the corner markers found do not fit the printed code (a corner hidden, cut off "
            "or blotted?); photograph or scan the whole page"
        )


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
    code = find_code(image)
    sheet = sheets.get(code.text)
    if sheet is None:
        raise Unreadable(
            f"its code {code.text} is not in this plan (another quiz, or another seed?)"
        )
    turned = upright(image, code.centre)
    if turned is not image:
        code = find_code(turned)
    text = code.text
    flat = evened(turned)
    page_mm = sheet["page_mm"]
    markers = fit_markers(flat, (page_mm[0], page_mm[1]), sheet["markers_mm"], code)
    quiz, version, number, total = read_payload(text) or ("", "", 0, 0)
    page = straighten(flat, markers, sheet["markers_mm"], page_mm)
    return Found(text, quiz, version, number, total, page), sheet


__all__ = ["SCALE", "Found", "Unreadable", "locate"]
