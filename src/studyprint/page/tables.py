"""Tables that read the page's way: on a right-to-left page the first column is
on the right.

Products describe a table as it reads on a left-to-right page (term, then
definition; label, then line) and this module mirrors it: columns reversed,
column numbers in the style commands remapped, left and right paddings and
lines swapped. Nothing else in a product needs to know the page's direction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Table, TableStyle

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


__all__ = ["page_table"]
