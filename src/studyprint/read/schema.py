"""Small typed readers over located YAML nodes, shared by decks, layouts and manifests.

Each reader records a problem and returns ``None`` instead of raising, so one
pass over a file reports everything wrong with it at once.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable

from studyprint.errors import Pos, Problem
from studyprint.read.loader import ListNode, MapNode, Node, ScalarNode, kind_of
from studyprint.units import parse_length

_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")

#: A language tag as decks, catalogues and --language write it: en, es, ja, zh-Hant.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

#: The longest text one field may hold: a page of prose is about 3,000 characters.
MAX_TEXT = 20_000


class Checker:
    """Collects the problems found in one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        #: (mapping, key) pairs that an unknown key was probably meant to be.
        self._suggested: set[tuple[int, str]] = set()

    def sorted_problems(self) -> list[Problem]:
        """Problems in file order, as a reader goes through the file; problems found in
        files it names (a manifest's layouts) follow, file by file."""

        def place(p: Problem) -> tuple[bool, str, int, int]:
            path = p.pos.path if p.pos else p.path
            line, col = (p.pos.line, p.pos.col) if p.pos else (0, 0)
            return path != self.path, path, line, col  # this file's first, then others'

        return sorted(self.problems, key=place)

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)

    def error(self, pos: Pos, message: str) -> None:
        self.problems.append(Problem(pos, message))

    def warn(self, pos: Pos, message: str) -> None:
        self.problems.append(Problem(pos, message, severity="warning"))

    def mapping(
        self, node: Node | None, what: str, known: Iterable[str] | None, hint: str = ""
    ) -> MapNode | None:
        """A mapping whose keys are all in ``known`` (any key if None); unknown keys
        get a suggestion."""
        if node is None:
            return None
        if not isinstance(node, MapNode):
            self.error(
                node.pos,
                f"{what} must be a mapping (key: value lines), found {kind_of(node)}{hint}",
            )
            return None
        if known is None:
            return node
        known = list(known)
        for key, (key_pos, _) in node.entries.items():
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                if close:
                    self._suggested.add((id(node), close[0]))
                tip = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else f"; known keys: {', '.join(known)}"
                )
                self.error(key_pos, f"unknown key '{key}' in {what}{tip}")
        return node

    def required(self, node: MapNode, key: str, what: str) -> Node | None:
        value = node.get(key)
        if value is None and (id(node), key) not in self._suggested:
            self.error(node.pos, f"{what} has no '{key}'; add '{key}: ...'")
        return value

    def text(
        self, node: Node | None, key: str, *, required: bool = False, item: bool = False
    ) -> str | None:
        """A non-empty text value; numbers and words like ``yes`` stay as typed.

        ``item`` says the node is one entry of the list ``key``.
        """
        if node is None:
            return None
        name = f"each item of '{key}'" if item else f"'{key}'"
        if isinstance(node, ScalarNode):
            value = (node.value or "").strip()
            if not value:
                if required:
                    tip = "remove the empty '-' line" if item else f"write some text after '{key}:'"
                    self.error(node.pos, f"{name} is empty; {tip}")
                return None
            if len(value) > MAX_TEXT:
                self.error(
                    node.pos,
                    f"{name} is {len(value):,} characters long; the most one text may hold "
                    f"is {MAX_TEXT:,}: split it",
                )
                return None
            return value
        hint = ""
        if isinstance(node, ListNode):
            hint = "; write one text, not a list"
        elif isinstance(node, MapNode):
            hint = "; if the text contains ': ', put it in quotes"
        self.error(node.pos, f"{name} must be text, found {kind_of(node)}{hint}")
        return None

    def text_list(self, node: Node | None, key: str) -> list[str] | None:
        """A list of non-empty texts (``[a, b]`` or ``- a`` lines)."""
        if node is None:
            return None
        if isinstance(node, ScalarNode):
            if node.value is None:
                return []
            self.error(
                node.pos,
                f"'{key}' must be a list, found text; write it as '{key}: [...]' "
                "or as '- ...' lines under it",
            )
            return None
        if isinstance(node, MapNode):
            self.error(node.pos, f"'{key}' must be a list, found a mapping")
            return None
        values: list[str] = []
        for item in node.items:
            value = self.text(item, key, required=True, item=True)
            if value is not None:
                values.append(value)
        return values

    def number(
        self,
        node: Node | None,
        key: str,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.value is None:
            self.error(node.pos, f"'{key}' must be a number, found {kind_of(node)}")
            return None
        try:
            value = float(node.value)
        except ValueError:
            self.error(node.pos, f"'{key}' must be a number, found '{node.value}'")
            return None
        if not math.isfinite(value):  # "nan", "inf" and ".inf" read as numbers
            self.error(node.pos, f"'{key}' must be a finite number, found '{node.value}'")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            lo = "" if minimum is None else f"at least {minimum:g}"
            hi = "" if maximum is None else f"at most {maximum:g}"
            self.error(
                node.pos,
                f"'{key}' must be {' and '.join(x for x in (lo, hi) if x)}, found {value:g}",
            )
            return None
        return value

    def boolean(self, node: Node | None, key: str) -> bool | None:
        """``true``/``false`` (``yes``/``no``, ``on``/``off`` too), or None if absent."""
        text = self.text(node, key)
        if text is None or node is None:
            return None
        value = text.lower()
        if value in ("true", "yes", "on"):
            return True
        if value in ("false", "no", "off"):
            return False
        self.error(node.pos, f"'{key}' must be true or false, found '{text}'")
        return None

    def choice(self, node: Node | None, key: str, options: Iterable[str]) -> str | None:
        value = self.text(node, key)
        if value is None or node is None:
            return None
        options = list(options)
        if value not in options:
            self.error(node.pos, f"'{key}' must be one of {', '.join(options)}, found '{value}'")
            return None
        return value

    def length(self, node: Node | None, key: str) -> float | None:
        """A length in points from ``18mm``, ``0.5in``, ``12pt`` or a bare number (points)."""
        text = self.text(node, key)
        if text is None or node is None:
            return None
        value = parse_length(text)
        if value is None or value < 0:
            self.error(
                node.pos, f"'{key}' must be a length like 18mm, 0.5in or 12pt, found '{text}'"
            )
            return None
        return value

    def color(self, node: Node | None, key: str) -> str | None:
        """A colour written as ``"#RRGGBB"`` (quoted, since # starts a YAML comment)."""
        text = self.text(node, key)
        if text is None or node is None:
            return None
        if not _COLOR.match(text):
            self.error(node.pos, f"'{key}' must be a colour like \"#1F3A5F\", found '{text}'")
            return None
        return text.upper()
