"""Where every card face goes on the sheet: pure geometry, no PDF.

Coordinates are PDF points with the origin at the bottom-left of the page, as
the printed page is seen from its printed side.

How each mode puts a back behind its front:

* ``fold``: fronts on the left half, backs on the right half, each back the
  mirror image of its front's position about the vertical centre line. Fold the
  right half behind the left: every back lies behind its front, reading upright.
* ``fold-horizontal``: fronts on the top half, backs on the bottom half,
  mirrored about the horizontal centre line and turned 180° so they read
  upright once the sheet is folded and turned over top to bottom.
* ``duplex`` / ``manual``: fronts on one page, backs on the next. A printer set
  to flip on the long edge (portrait paper) turns the sheet over left to right,
  so a back goes at the horizontal mirror of its front; flipping on the short
  edge turns it over top to bottom, so a back goes at the vertical mirror.
  Backs are drawn upright: the printer turns the page image for short-edge.

``offset`` moves every back by (dx, dy) points to correct a printer that
prints the second side a little off.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from studyprint.errors import CardGridError
from studyprint.vocab import CardMode, Flip

Side = Literal["front", "back"]

_EPS = 0.01


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def mirror_x(self, page_width: float) -> Rect:
        return Rect(page_width - self.right, self.y, self.width, self.height)

    def mirror_y(self, page_height: float) -> Rect:
        return Rect(self.x, page_height - self.top, self.width, self.height)

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.width, self.height)

    def inside(self, other: Rect) -> bool:
        return (
            self.x >= other.x - _EPS
            and self.y >= other.y - _EPS
            and self.right <= other.right + _EPS
            and self.top <= other.top + _EPS
        )


@dataclass(frozen=True, slots=True)
class Grid:
    """A grid of equal cards centred on the page."""

    page_width: float
    page_height: float
    card_width: float
    card_height: float
    columns: int
    rows: int
    gap_x: float = 0.0
    gap_y: float = 0.0
    safe_margin: float = 0.0

    @property
    def width(self) -> float:
        return self.columns * self.card_width + (self.columns - 1) * self.gap_x

    @property
    def height(self) -> float:
        return self.rows * self.card_height + (self.rows - 1) * self.gap_y

    @property
    def safe_area(self) -> Rect:
        m = self.safe_margin
        return Rect(m, m, self.page_width - 2 * m, self.page_height - 2 * m)

    def slot(self, column: int, row: int) -> Rect:
        """The card in ``column`` (from the left) and ``row`` (from the top)."""
        left = (self.page_width - self.width) / 2
        top = (self.page_height + self.height) / 2
        x = left + column * (self.card_width + self.gap_x)
        y = top - (row + 1) * self.card_height - row * self.gap_y
        return Rect(x, y, self.card_width, self.card_height)

    def problems(self) -> list[str]:
        """Why this grid cannot be printed (empty if it can)."""
        found = []
        if self.columns < 1 or self.rows < 1:
            found.append("the grid needs at least one column and one row")
        elif not self.slot(0, 0).inside(self.safe_area) or not self.slot(
            self.columns - 1, self.rows - 1
        ).inside(self.safe_area):
            found.append(
                f"{self.columns} x {self.rows} cards of {self.card_width / 72:.2f} x "
                f"{self.card_height / 72:.2f} in do not fit inside the page less its "
                f"{self.safe_margin / 72 * 25.4:.0f} mm safe margin"
            )
        return found


@dataclass(frozen=True, slots=True)
class Face:
    """One face of one card on one page of a sheet."""

    card: int  # index into the cards being printed
    side: Side
    page: int  # 0: the sheet's first page; 1: its second (duplex backs)
    rect: Rect
    rotation: int = 0  # degrees the content is turned: 0 or 180


def fronts_per_sheet(grid: Grid, mode: CardMode) -> list[Rect]:
    """The slots that take fronts, in reading order."""
    if mode == "fold":
        if grid.columns % 2:
            raise CardGridError(
                f"a {grid.columns}-column grid cannot fold in half left to right; "
                "use --mode fold-horizontal, duplex or manual"
            )
        columns = range(grid.columns // 2)
        return [grid.slot(c, r) for r in range(grid.rows) for c in columns]
    if mode == "fold-horizontal":
        if grid.rows % 2:
            raise CardGridError(
                f"a {grid.rows}-row grid cannot fold in half top to bottom; "
                "use --mode fold, duplex or manual"
            )
        return [grid.slot(c, r) for r in range(grid.rows // 2) for c in range(grid.columns)]
    return [grid.slot(c, r) for r in range(grid.rows) for c in range(grid.columns)]


def back_of(front: Rect, grid: Grid, mode: CardMode, flip: Flip) -> tuple[Rect, int, int]:
    """(rectangle, rotation, page) of the back that belongs behind ``front``."""
    if mode == "fold":
        return front.mirror_x(grid.page_width), 0, 0
    if mode == "fold-horizontal":
        return front.mirror_y(grid.page_height), 180, 0
    if flip == "long":
        return front.mirror_x(grid.page_width), 0, 1
    return front.mirror_y(grid.page_height), 0, 1


def plan(
    grid: Grid,
    count: int,
    mode: CardMode = "fold",
    flip: Flip = "long",
    offset: tuple[float, float] = (0.0, 0.0),
) -> Iterator[list[Face]]:
    """The faces of ``count`` cards, one list per sheet of paper."""
    slots = fronts_per_sheet(grid, mode)
    dx, dy = offset
    for start in range(0, count, len(slots)):
        faces: list[Face] = []
        for card, front in zip(range(start, count), slots, strict=False):
            back, rotation, page = back_of(front, grid, mode, flip)
            faces.append(Face(card, "front", 0, front))
            faces.append(Face(card, "back", page, back.moved(dx, dy), rotation))
        yield faces


def fold_line(grid: Grid, mode: CardMode) -> tuple[Literal["vertical", "horizontal"], float] | None:
    """Where to fold, for the fold modes: the exact half of the page."""
    if mode == "fold":
        return "vertical", grid.page_width / 2
    if mode == "fold-horizontal":
        return "horizontal", grid.page_height / 2
    return None
