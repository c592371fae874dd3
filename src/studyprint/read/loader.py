"""Reads YAML files into a small tree of nodes that remember where they came from.

This is the only module that imports PyYAML. It keeps every scalar as the text
the user typed (so ``term: no`` stays "no", not False), rejects duplicate keys
(PyYAML silently keeps the last one) and bounds alias expansion so that a
"billion laughs" file fails at once instead of eating memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from studyprint.errors import Pos, Problem, UnreadableFile
from studyprint.read import textfile

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in

#: Plain scalars that mean "nothing"; every other scalar stays the text typed.
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))

#: How many characters aliases may add beyond the file's own size before we stop
#: (counted in characters, not values: one alias of a long text is a lot of text).
ALIAS_BUDGET = 1_000_000


@dataclass(slots=True)
class ScalarNode:
    pos: Pos
    value: str | None  # None for YAML null (``~``, ``null`` or nothing)


@dataclass(slots=True)
class ListNode:
    pos: Pos
    items: list[Node] = field(default_factory=list)
    #: items given to a sink as they were read instead of being kept in ``items``
    handed_on: int = 0


@dataclass(slots=True)
class MapNode:
    pos: Pos
    #: key text -> (position of the key, value node); insertion ordered.
    entries: dict[str, tuple[Pos, Node]] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None


Node = ScalarNode | ListNode | MapNode

#: Takes each finished item of a top-level list (a deck's ``terms:``) as it is
#: read, so that the items' nodes need not all be held at once: a 10,000-term
#: deck's nodes came to ~2 KB a term, several times the terms they make.
ItemSink = Callable[[Node], None]


def kind_of(node: Node) -> str:
    """Name a node's type the way a user would."""
    if isinstance(node, MapNode):
        return "a mapping"
    if isinstance(node, ListNode):
        return "a list"
    return "nothing" if node.value is None else "text"


def read_text(path: Path, shown: str) -> str:
    """The file's text (see :mod:`studyprint.read.textfile`); an empty file is a problem here."""
    text = textfile.read_text(path, shown)
    if not text.strip():
        raise UnreadableFile([Problem(Pos(shown, 1, 1), "file is empty")])
    return text


_KEY_LINE = re.compile(r"^( +)([A-Za-z_][\w-]*):(\s|$)")


def _indentation(problem: str, line_text: str, column: int) -> str | None:
    """Indentation mistakes said in words (YAML speaks of indicators and contexts)."""
    count = len(line_text) - len(line_text.lstrip(" "))
    spaces = f"{count} space{'s' if count != 1 else ''}"
    key = _KEY_LINE.match(line_text)
    colon = len(key.group(1)) + len(key.group(2)) if key else -1
    if key and "mapping values are not allowed" in problem and column == colon:
        return (
            f"'{key.group(2)}:' is indented further ({spaces}) than the line above it "
            "allows; line it up with the keys above it"
        )
    if "expected '-' indicator" in problem or "expected <block end>" in problem:
        return (
            f"this line is indented by {spaces}, which lines it up with nothing above "
            "it; use the same indentation as the key or '- ' it belongs with"
        )
    return None


def _hint(problem: str, context: str, line_text: str) -> str:
    if "mapping values are not allowed" in problem:
        return "; put text that contains ': ' in quotes"
    if "\t" in line_text and "cannot start any token" in problem:
        return "; indent with spaces, not tabs"
    if "alias" in context or "found undefined alias" in problem:
        return "; '*' and '&' start aliases in YAML: put the text in quotes"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "; put text starting with @ or ` in quotes"
    if "expected" in problem:
        return "; check the indentation of this line and the lines above it"
    return ""


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    problem = exc.problem or exc.context or "cannot be read"
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if "another document" in problem:
        message = "a deck file holds one YAML document; remove the '---' line and what follows"
    elif "end of stream" in problem and "quoted" in context and exc.context_mark:
        mark = exc.context_mark
        message = "this quote is never closed; add the closing quote"
    else:
        line_text = (
            text.splitlines()[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
        )
        plain = _indentation(problem, line_text, mark.column if mark else -1)
        message = plain or f"{problem}{_hint(problem, context, line_text)}"
    pos = Pos(shown, mark.line + 1, mark.column + 1) if mark else Pos(shown, 1, 1)
    return Problem(pos, f"invalid YAML: {message}")


def parse_yaml(text: str, shown: str, sinks: Mapping[str, ItemSink] | None = None) -> Node:
    """Parse YAML text into nodes, reporting syntax errors as located problems;
    the items of a top-level list named in ``sinks`` go to its sink instead of
    into the tree.

    The tree is built straight from the parser's events: PyYAML's own composer
    and resolver cost five times as much as the parsing itself on a big deck.
    """
    try:
        return _Builder(shown, budget=len(text) + ALIAS_BUDGET, sinks=sinks or {}).build(
            yaml.parse(text, Loader=_Loader)
        )
    except yaml.MarkedYAMLError as exc:
        raise UnreadableFile([_syntax_problem(exc, text, shown)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise UnreadableFile(
            [
                Problem(
                    Pos(shown, line, col),
                    f"invalid YAML: character U+{exc.character:04X} is not allowed; delete it",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise UnreadableFile([Problem(Pos(shown, 1, 1), f"invalid YAML: {exc}")]) from None


_NO_KEY = ScalarNode(Pos("", 0, 0), None)  # marks "the next node is a key"


class _Frame:
    """A mapping or list being built, with the count of values it expands to."""

    __slots__ = ("anchor", "key", "node", "sink", "size")

    def __init__(
        self, node: MapNode | ListNode, anchor: str | None, sink: ItemSink | None = None
    ) -> None:
        self.node = node
        self.anchor = anchor
        self.key: Node = _NO_KEY
        self.size = 1
        self.sink = sink


class _Builder:
    """Builds nodes from parser events, checking duplicate keys and alias growth."""

    def __init__(self, shown: str, budget: int, sinks: Mapping[str, ItemSink]) -> None:
        self.shown = shown
        self.sinks = sinks
        #: mappings holding two terms run together (a missing '- '): their other
        #: repeated keys are the same slip, reported once
        self.merged: set[int] = set()
        self.budget = budget
        self.expanded = 0
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.open_anchors: set[str] = set()

    def build(self, events: Iterator[yaml.Event]) -> Node:
        shown = self.shown
        stack: list[_Frame] = []
        root: Node | None = None
        documents = 0
        for event in events:
            mark = event.start_mark
            pos = Pos(shown, mark.line + 1, mark.column + 1) if mark else Pos(shown, 1, 1)
            if isinstance(event, yaml.ScalarEvent):
                value = None if event.implicit[0] and event.value in _NULLS else event.value
                node: Node = ScalarNode(pos, value)
                size = 1 + len(event.value)  # in characters: what an alias would copy
                if event.anchor:
                    self.anchors[event.anchor] = (node, size)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                container = (
                    MapNode(pos) if isinstance(event, yaml.MappingStartEvent) else ListNode(pos)
                )
                stack.append(_Frame(container, event.anchor, self._sink(stack, container)))
                if event.anchor:
                    self.open_anchors.add(event.anchor)
                continue
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                node, size = frame.node, frame.size
                if frame.anchor:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = (node, size)
            elif isinstance(event, yaml.AliasEvent):
                node, size = self._alias(event.anchor or "", pos)
                self.expanded += size  # only aliases add text the file does not hold
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise UnreadableFile(
                        [
                            Problem(
                                pos,
                                "invalid YAML: a deck file holds one YAML document; "
                                "remove the '---' line and what follows",
                            )
                        ]
                    )
                continue
            else:
                continue
            if self.expanded > self.budget:
                raise UnreadableFile(
                    [
                        Problem(
                            pos,  # where the alias that crossed the line is used
                            "aliases here expand to far too many values; "
                            "remove the '&'/'*' aliases",
                        )
                    ]
                )
            if not stack:
                root = node
            else:
                self._add(stack[-1], node, size)
        if self.problems:
            raise UnreadableFile(self.problems)
        if root is None:
            raise UnreadableFile([Problem(Pos(shown, 1, 1), "file is empty")])
        return root

    def _sink(self, stack: list[_Frame], container: MapNode | ListNode) -> ItemSink | None:
        """The sink for a list that is the value of a top-level key named in ``sinks``."""
        if len(stack) != 1 or not isinstance(container, ListNode):
            return None
        top = stack[0]
        key = top.key
        if not isinstance(top.node, MapNode) or not isinstance(key, ScalarNode):
            return None
        return self.sinks.get(key.value) if key.value is not None else None

    def _alias(self, anchor: str, pos: Pos) -> tuple[Node, int]:
        if anchor in self.open_anchors:
            raise UnreadableFile([Problem(pos, "an alias refers to itself; remove the '*' alias")])
        if anchor not in self.anchors:
            raise UnreadableFile(
                [
                    Problem(
                        pos,
                        f"invalid YAML: '*{anchor}' is an alias to nothing; "
                        "put text starting with * in quotes",
                    )
                ]
            )
        return self.anchors[anchor]

    def _add(self, frame: _Frame, node: Node, size: int) -> None:
        frame.size += size
        parent = frame.node
        if isinstance(parent, ListNode):
            if frame.sink is None:
                parent.items.append(node)
            else:
                frame.sink(node)
                parent.handed_on += 1
            return
        if frame.key is _NO_KEY:
            frame.key = node
            return
        key, frame.key = frame.key, _NO_KEY
        if not isinstance(key, ScalarNode) or key.value is None:
            self.problems.append(Problem(key.pos, "a key must be a plain name"))
            return
        if key.value == "<<":
            self.problems.append(Problem(key.pos, "merge keys ('<<') are not supported"))
            return
        first = parent.entries.get(key.value)
        if first is not None:
            if id(parent) in self.merged:
                return  # the rest of a term that lost its '- ': already reported
            message = (
                f"duplicate key '{key.value}' (first given at line {first[0].line}); keep only one"
            )
            if key.value == "term":  # the everyday slip: a new term without its dash
                self.merged.add(id(parent))
                message = (
                    "did you forget '- ' before 'term:' to start a new term? "
                    f"(a term is already given at line {first[0].line})"
                )
            self.problems.append(Problem(key.pos, message))
            return
        parent.entries[key.value] = (key.pos, node)


def load_yaml_file(
    path: Path, shown: str | None = None, sinks: Mapping[str, ItemSink] | None = None
) -> Node:
    """Read and parse one YAML file; ``shown`` is the path as the user gave it
    (``sinks``: see :func:`parse_yaml`)."""
    shown = shown if shown is not None else str(path)
    return parse_yaml(read_text(path, shown), shown, sinks)
