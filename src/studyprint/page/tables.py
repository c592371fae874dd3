"""Tables that read the page's way: on a right-to-left page the first column is
on the right.

Products describe a table as it reads on a left-to-right page (term, then
definition; label, then line) and this module mirrors it: columns reversed,
column numbers in the style commands remapped, left and right paddings and
lines swapped. Nothing else in a product needs to know the page's direction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

_SWAP = {
    "LEFTPADDING": "RIGHTPADDING",
    "RIGHTPADDING": "LEFTPADDING",
    "LINEBEFORE": "LINEAFTER",
    "LINEAFTER": "LINEBEFORE",
}

Command = tuple[Any, ...]


def page_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    commands: Sequence[Command],
    rtl: bool,
    **options: Any,
) -> Table:
    """A ReportLab table of ``rows`` in reading order, mirrored when ``rtl``."""
    columns = len(widths)
    if rtl:
        rows = [list(reversed(row)) for row in rows]
        widths = list(reversed(widths))
        commands = [_mirror(command, columns) for command in commands]
        if options.get("hAlign") == "LEFT":
            options["hAlign"] = "RIGHT"
    table = Table([list(row) for row in rows], colWidths=list(widths), **options)
    table.setStyle(TableStyle(list(commands)))
    return table


def _mirror(command: Command, columns: int) -> Command:
    name, (c0, r0), (c1, r1), *rest = command

    def flip(c: int) -> int:
        return columns - 1 - (c % columns)

    a, b = flip(c0), flip(c1)
    return (_SWAP.get(name, name), (min(a, b), r0), (max(a, b), r1), *rest)


Row = Sequence[Any]


class StreamedTable(Flowable):  # type: ignore[misc]
    """A long table whose rows are made as the pages need them.

    ReportLab lays out a table from all of its rows, and splits the rest again
    at every page: a 10,000-term glossary held every row's cells at once. This
    holds only the rows of the page being filled and a little beyond: it makes
    rows until the table is taller than the room left, lets ReportLab's own
    split choose where the page ends (so the page breaks are the ones the whole
    table would get), and hands the rows that did not fit on to the rest.
    ``make`` builds a table from the header rows and some rows; it must repeat
    the header (``repeatRows``) as the whole table would.
    """

    def __init__(
        self,
        header: list[Row],
        rows: Iterator[Row],
        make: Callable[[list[Row]], Table],
        made: list[Row] | None = None,
    ) -> None:
        super().__init__()
        self.header = header
        self.rows = rows
        self.make = make
        self.made: list[Row] = made or []  # rows made, not yet placed on a page
        self.done = False  # the iterator has run out
        self.table: Table | None = None
        #: (rows made, width) the last table was made and wrapped for: the frame asks
        #: for the size and then the split of the same page
        self._for: tuple[int, float] = (-1, 0.0)

    def fill(self, avail_width: float, avail_height: float) -> Table:
        """A table of the made rows, made taller than ``avail_height`` if rows remain."""
        while True:
            if self.table is None or self._for != (len(self.made), avail_width):
                self.table = self.make([*self.header, *self.made])
                self._for = (len(self.made), avail_width)
            table = self.table
            height = float(table.wrap(avail_width, avail_height)[1])
            if height > avail_height or self.done:
                return table
            added = 0
            for row in self.rows:  # the next page's worth (at least one row)
                self.made.append(row)
                added += 1
                if added >= max(8, len(self.made) // 2):
                    break
            else:
                self.done = True
            if not added:
                return table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        table = self.fill(avail_width, avail_height)
        self.hAlign = table.hAlign  # a right-to-left page's table sits on the right
        self.width, self.height = table._width, table._height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        table = self.fill(avail_width, avail_height)
        parts = table.split(avail_width, avail_height)
        if len(parts) != 2:
            return list(parts)
        first = parts[0]
        placed = len(first._cellvalues) - len(self.header)
        rest = StreamedTable(self.header, self.rows, self.make, self.made[placed:])
        rest.done = self.done
        return [first, rest]

    def draw(self) -> None:
        assert self.table is not None
        self.table.drawOn(self.canv, 0, 0)


__all__ = ["StreamedTable", "page_table"]
