"""Layouts as data: page size, margins and type sizes read from ``layouts/*.yaml``.

A layout may ``extends:`` another (a built-in name, or a path relative to the
layout file); its keys override the parent's, mapping by mapping. Product blocks
(``sheet:``, ``cards:``, ``quiz:``) are kept as located nodes so each product
validates its own block with the same ``path:line:col`` errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from studyprint.errors import LayoutError, Pos, Problem
from studyprint.loader import MapNode, Node, ScalarNode, YamlFileError, load_yaml_file
from studyprint.resources import layouts_dir
from studyprint.schema import Checker
from studyprint.units import PAPER_SIZES

LAYOUT_KEYS = ("description", "extends", "paper", "margins", "fonts", "sheet", "cards", "quiz")
MARGIN_KEYS = ("top", "right", "bottom", "left")
FONT_KEYS = ("family", "body", "heading", "small", "min", "leading")
FONT_FAMILIES = ("sans", "hyperlegible")
PRODUCT_BLOCKS = ("sheet", "cards", "quiz")
DEFAULT_LAYOUT = "letter"


@dataclass(frozen=True, slots=True)
class Fonts:
    family: str = "sans"
    body: float = 11.0
    heading: float = 16.0
    small: float = 8.0
    min: float = 7.0
    leading: float = 1.25


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    description: str
    paper: str  # "letter", "a4" or "custom"
    page_size: tuple[float, float]
    margins: tuple[float, float, float, float]  # top, right, bottom, left in points
    fonts: Fonts
    source: str = ""
    blocks: dict[str, MapNode] = field(default_factory=dict, compare=False)

    def with_paper(self, paper: str) -> Layout:
        """The same layout on another paper size (``--paper``)."""
        return replace(self, paper=paper, page_size=PAPER_SIZES[paper])

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the area inside the margins."""
        top, right, bottom, left = self.margins
        width, height = self.page_size
        return left, bottom, width - left - right, height - top - bottom


def builtin_layouts() -> dict[str, Path]:
    """Built-in layouts by name, sorted."""
    return {p.stem: p for p in sorted(layouts_dir().glob("*.yaml"), key=lambda p: p.stem)}


def describe_builtin() -> list[tuple[str, str]]:
    """(name, one-line description) for every built-in layout."""
    result = []
    for name, path in builtin_layouts().items():
        try:
            node = load_yaml_file(path, name)
        except YamlFileError:
            result.append((name, "(unreadable)"))
            continue
        desc = node.get("description") if isinstance(node, MapNode) else None
        text = desc.value if isinstance(desc, ScalarNode) and desc.value else ""
        result.append((name, text))
    return result


def resolve_layout_path(spec: str, relative_to: Path | None = None) -> tuple[Path, str]:
    """A layout's file and display name from a built-in name or a path."""
    builtins = builtin_layouts()
    if spec in builtins and not spec.endswith(".yaml"):
        return builtins[spec], spec
    base = relative_to if relative_to is not None else Path.cwd()
    path = (base / spec) if not Path(spec).is_absolute() else Path(spec)
    return path, spec


def load_layout(spec: str = DEFAULT_LAYOUT, paper: str | None = None) -> Layout:
    """Load a layout by built-in name or path, following ``extends:``."""
    path, shown = resolve_layout_path(spec)
    if not path.is_file() and spec == shown and "/" not in spec and not spec.endswith(".yaml"):
        names = ", ".join(builtin_layouts())
        raise LayoutError(
            [Problem(None, f"no layout named '{spec}'; built-in layouts: {names}", path=spec)]
        )
    merged = _load_chain(path, shown, [])
    check = Checker(shown)
    layout = _layout(check, merged, Path(shown).stem if shown.endswith(".yaml") else shown, shown)
    if check.failed or layout is None:
        raise LayoutError(check.sorted_problems())
    if paper is not None:
        layout = layout.with_paper(paper)
    return layout


def _load_chain(path: Path, shown: str, seen: list[Path]) -> MapNode:
    try:
        root = load_yaml_file(path, shown)
    except YamlFileError as exc:
        raise LayoutError(exc.problems) from None
    check = Checker(shown)
    top = check.mapping(root, "a layout", LAYOUT_KEYS)
    if top is None or check.failed:
        raise LayoutError(check.sorted_problems())
    parent_node = top.get("extends")
    if parent_node is None:
        return top
    parent_spec = check.text(parent_node, "extends", required=True)
    if parent_spec is None:
        raise LayoutError(check.sorted_problems())
    parent_path, parent_shown = resolve_layout_path(parent_spec, path.parent)
    resolved = parent_path.resolve()
    if resolved in seen or resolved == path.resolve():
        raise LayoutError(
            [Problem(parent_node.pos, f"layout '{parent_spec}' extends itself in a loop")]
        )
    if not parent_path.is_file():
        raise LayoutError(
            [Problem(parent_node.pos, f"layout '{parent_spec}' to extend was not found")]
        )
    parent = _load_chain(parent_path, parent_shown, [*seen, path.resolve()])
    return _merge(parent, top)


def _merge(base: MapNode, over: MapNode) -> MapNode:
    merged = MapNode(over.pos, dict(base.entries))
    for key, (pos, value) in over.entries.items():
        if key == "extends":
            continue
        old = merged.entries.get(key)
        if old is not None and isinstance(old[1], MapNode) and isinstance(value, MapNode):
            merged.entries[key] = (pos, _merge(old[1], value))
        else:
            merged.entries[key] = (pos, value)
    return merged


def _length(check: Checker, node: Node | None, key: str) -> float | None:
    return check.length(node, key)


def _paper(check: Checker, node: Node | None) -> tuple[str, tuple[float, float]]:
    if node is None:
        return "letter", PAPER_SIZES["letter"]
    if isinstance(node, ScalarNode):
        name = check.choice(node, "paper", PAPER_SIZES)
        return (name, PAPER_SIZES[name]) if name else ("letter", PAPER_SIZES["letter"])
    if not isinstance(node, MapNode):
        check.error(node.pos, "'paper' must be letter, a4 or {width: ..., height: ...}")
        return "letter", PAPER_SIZES["letter"]
    size = check.mapping(node, "paper", ("width", "height"))
    width = _length(check, size.get("width") if size else None, "width")
    height = _length(check, size.get("height") if size else None, "height")
    if width is None or height is None:
        if not check.failed:
            check.error(node.pos, "a custom 'paper' needs both 'width' and 'height'")
        return "letter", PAPER_SIZES["letter"]
    return "custom", (width, height)


def _layout(check: Checker, top: MapNode, name: str, shown: str) -> Layout | None:
    description = check.text(top.get("description"), "description") or ""
    paper, size = _paper(check, top.get("paper"))
    margins = [36.0, 36.0, 36.0, 36.0]
    margin_node = check.mapping(top.get("margins"), "margins", MARGIN_KEYS)
    if margin_node is not None:
        for i, key in enumerate(MARGIN_KEYS):
            value = _length(check, margin_node.get(key), key)
            if value is not None:
                margins[i] = value
    fonts = Fonts()
    font_node = check.mapping(top.get("fonts"), "fonts", FONT_KEYS)
    if font_node is not None:
        family = check.choice(font_node.get("family"), "family", FONT_FAMILIES) or fonts.family
        sizes = {
            key: check.number(font_node.get(key), key, minimum=4, maximum=200)
            for key in ("body", "heading", "small", "min")
        }
        leading = check.number(font_node.get("leading"), "leading", minimum=1.0, maximum=3.0)
        fonts = Fonts(
            family=family,
            body=sizes["body"] or fonts.body,
            heading=sizes["heading"] or fonts.heading,
            small=sizes["small"] or fonts.small,
            min=sizes["min"] or fonts.min,
            leading=leading or fonts.leading,
        )
        if fonts.min > fonts.body:
            check.error(
                font_node.pos, f"fonts 'min' ({fonts.min:g}) is larger than 'body' ({fonts.body:g})"
            )
    width, height = size
    if margins[1] + margins[3] >= width * 0.8 or margins[0] + margins[2] >= height * 0.8:
        check.error(top.pos, "the margins leave almost no room on the page; make them smaller")
    blocks: dict[str, MapNode] = {}
    for key in PRODUCT_BLOCKS:
        block = check.mapping(top.get(key), key, None)
        if block is not None:
            blocks[key] = block
    if check.failed:
        return None
    return Layout(
        name=name,
        description=description,
        paper=paper,
        page_size=size,
        margins=(margins[0], margins[1], margins[2], margins[3]),
        fonts=fonts,
        source=shown,
        blocks=blocks,
    )


__all__ = ["DEFAULT_LAYOUT", "Fonts", "Layout", "Pos", "builtin_layouts", "load_layout"]
