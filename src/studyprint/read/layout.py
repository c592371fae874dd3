"""Layouts as data: page size, margins and type sizes read from ``layouts/*.yaml``.

A layout may ``extends:`` another (a built-in name, or a path relative to the
layout file); its keys override the parent's, mapping by mapping. The product
blocks (``sheet:``, ``cards:``, ``quiz:``) are read into typed options here,
once, when the layout is loaded: every mistake in a layout, including a card
grid that does not fit its paper, is reported before anything is printed, as
``path:line:col`` like a deck's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from studyprint import palette
from studyprint.errors import CardGridError, LayoutError, Pos, Problem, UnreadableFile
from studyprint.products.cards.geometry import Grid, fronts_per_sheet
from studyprint.read.catalogue import check_page_language
from studyprint.read.loader import MapNode, Node, ScalarNode, load_yaml_file
from studyprint.read.schema import Checker
from studyprint.resources import layouts_dir
from studyprint.safety import Allowed, outside, outside_message
from studyprint.units import PAPER_SIZES, mm
from studyprint.vocab import CARD_MODES, DEFAULT_LAYOUT, FONT_FAMILIES, CardMode, FontFamily, Paper

LAYOUT_KEYS = (
    "description", "extends", "paper", "margins", "fonts", "page_language",
    "sheet", "cards", "quiz",
)  # fmt: skip
MARGIN_KEYS = ("top", "right", "bottom", "left")
#: How many layouts may stand behind one through ``extends:``.
MAX_EXTENDS = 16
FONT_KEYS = ("family", "body", "heading", "small", "min", "leading")
SHEET_KEYS = ("tint", "rule", "accent", "answer_lines", "line_gap", "gap", "image_height")
CARD_KEYS = (
    "width", "height", "columns", "rows", "gap_x", "gap_y", "safe_margin", "padding",
    "front_size", "back_size", "min_size", "mode", "perforated",
)  # fmt: skip
QUIZ_KEYS = ("answer_lines", "key_columns", "id_digits")


@dataclass(frozen=True, slots=True)
class Fonts:
    family: FontFamily = "sans"
    body: float = 11.0
    heading: float = 16.0
    small: float = 8.0
    min: float = 7.0
    leading: float = 1.25


@dataclass(frozen=True, slots=True)
class SheetOptions:
    """The ``sheet:`` block: study guides and glossaries."""

    tint: str = palette.TINT  # definition box and table header: light grey prints everywhere
    rule: str = palette.MUTED
    accent: str = palette.ACCENT  # headings: dark enough to read in greyscale
    answer_lines: int = 3  # ruled lines under an open question with --answers none
    line_gap: float = mm(8)  # distance between ruled answer lines
    gap: float = mm(6)  # space between term blocks
    image_height: float = 2.2 * 72


@dataclass(frozen=True, slots=True)
class CardOptions:
    """The ``cards:`` block (defaults: the letter-2x4 grid)."""

    width: float = 3.75 * 72
    height: float = 2.5 * 72
    columns: int = 2
    rows: int = 4
    gap_x: float = 0.0
    gap_y: float = 0.0
    safe_margin: float = mm(8)
    padding: float = mm(4)
    front_size: float = 40.0  # the largest size a front is set at; shrunk to fit
    back_size: float = 24.0  # the largest size a back is set at
    min_size: float = 6.0
    mode: CardMode = "fold"
    #: precut or perforated card stock: no cut lines, "tear along the perforations"
    perforated: bool = False


@dataclass(frozen=True, slots=True)
class QuizOptions:
    """The ``quiz:`` block."""

    answer_lines: int = 3  # ruled lines under a short-answer question
    key_columns: int = 5  # columns of the answer key's grid
    id_digits: int = 6  # the student-number grid of an answer sheet (0: none)


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    description: str
    paper: str  # "letter", "a4" or "custom"
    page_size: tuple[float, float]
    margins: tuple[float, float, float, float]  # top, right, bottom, left in points
    fonts: Fonts
    source: str = ""
    page_language: str | None = None  # a built-in code or a catalogue file's path
    sheet: SheetOptions = field(default_factory=SheetOptions)
    cards: CardOptions = field(default_factory=CardOptions)
    quiz: QuizOptions = field(default_factory=QuizOptions)

    def with_paper(self, paper: Paper) -> Layout:
        """The same layout on another paper size (``--paper``)."""
        return replace(self, paper=paper, page_size=PAPER_SIZES[paper])

    def card_grid(self) -> Grid:
        """The card grid on this layout's paper; a located error if it does not fit."""
        grid = _grid(self.cards, self.page_size)
        problems = grid.problems()
        if problems:
            raise LayoutError([Problem(None, problems[0], path=self.source)])
        return grid

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
        except UnreadableFile:
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


def load_layout(
    spec: str = DEFAULT_LAYOUT, paper: Paper | None = None, allow: Allowed = ()
) -> Layout:
    """Load a layout by built-in name or path, following ``extends:``; every problem at once.

    A layout file it extends, or a catalogue it names, must lie in the folder of
    the file that names it or in ``allow``.
    """
    path, shown = resolve_layout_path(spec)
    if not path.is_file() and spec == shown and "/" not in spec and not spec.endswith(".yaml"):
        names = ", ".join(builtin_layouts())
        raise LayoutError(
            [Problem(None, f"no layout named '{spec}'; built-in layouts: {names}", path=spec)]
        )
    check = Checker(shown)
    merged = _load_chain(check, path, shown, [], allow)
    name = Path(shown).stem if shown.endswith(".yaml") else shown
    layout = _layout(check, merged, name, shown, path.parent, allow) if merged is not None else None
    if check.failed or layout is None:
        raise LayoutError(_unique(check.sorted_problems()))
    if paper is not None:
        layout = layout.with_paper(paper)
    return layout


def _unique(problems: list[Problem]) -> list[Problem]:
    """A parent layout's mistake is found once per file that extends it: report it once."""
    return list(dict.fromkeys(problems))


def _load_chain(
    check: Checker, path: Path, shown: str, seen: list[Path], allow: Allowed
) -> MapNode | None:
    """The layout's top mapping merged over its parents'; problems go to ``check``."""
    try:
        root = load_yaml_file(path, shown)
    except UnreadableFile as exc:
        check.problems += exc.problems
        return None
    own = Checker(shown)
    top = own.mapping(root, "a layout", LAYOUT_KEYS)
    check.problems += own.problems
    if top is None:
        return None
    parent_node = top.get("extends")
    if parent_node is None:
        return top
    parent_spec = check.text(parent_node, "extends", required=True)
    if parent_spec is None:
        return top
    parent_path, parent_shown = resolve_layout_path(parent_spec, path.parent)
    resolved = parent_path.resolve()
    if resolved in seen or resolved == path.resolve():
        check.error(parent_node.pos, f"layout '{parent_spec}' extends itself in a loop")
        return top
    if len(seen) >= MAX_EXTENDS:
        check.error(
            parent_node.pos,
            f"layouts extend each other more than {MAX_EXTENDS} deep; extend a built-in "
            "layout directly",
        )
        return top
    if not parent_path.is_file():
        check.error(parent_node.pos, f"layout '{parent_spec}' to extend was not found")
        return top
    builtin = parent_path.resolve().is_relative_to(layouts_dir().resolve())
    if not builtin and outside(path.parent, parent_path, allow):
        check.error(
            parent_node.pos,
            f"'{parent_spec}': {outside_message('layout', path.parent, parent_path)}",
        )
        return top
    parent = _load_chain(check, parent_path, parent_shown, [*seen, path.resolve()], allow)
    return top if parent is None else _merge(parent, top)


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
    width = check.length(size.get("width") if size else None, "width")
    height = check.length(size.get("height") if size else None, "height")
    if width is None or height is None:
        if not check.failed:
            check.error(node.pos, "a custom 'paper' needs both 'width' and 'height'")
        return "letter", PAPER_SIZES["letter"]
    if not (72 <= width <= 72 * 60 and 72 <= height <= 72 * 60):
        check.error(node.pos, "a custom 'paper' must be between 1 in and 60 in each way")
        return "letter", PAPER_SIZES["letter"]
    return "custom", (width, height)


def _fonts(check: Checker, node: Node | None) -> Fonts:
    fonts = Fonts()
    font_node = check.mapping(node, "fonts", FONT_KEYS)
    if font_node is None:
        return fonts
    family = check.choice(font_node.get("family"), "family", FONT_FAMILIES)
    sizes = {
        key: check.number(font_node.get(key), key, minimum=4, maximum=200)
        for key in ("body", "heading", "small", "min")
    }
    leading = check.number(font_node.get("leading"), "leading", minimum=1.0, maximum=3.0)
    fonts = Fonts(
        family=family or fonts.family,  # type: ignore[arg-type]  # checked against the tuple
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
    return fonts


def _fits_the_page(
    check: Checker, top: MapNode, fonts: Fonts, sheet: SheetOptions, inner: float
) -> None:
    """Sizes that could not be drawn on this page: a heading or a gap taller than a
    good part of the page (ReportLab fails mid-PDF on a line taller than its frame)."""
    largest = "heading" if fonts.heading >= fonts.body else "body"
    limits = (
        ("fonts", largest, max(fonts.heading, fonts.body) * fonts.leading, inner / 8),
        ("sheet", "gap", sheet.gap, inner / 4),
        ("sheet", "line_gap", sheet.line_gap, inner / 8),
        ("sheet", "image_height", sheet.image_height, inner / 2),
    )
    for block, key, size, limit in limits:
        node = top.get(block)
        at = node.get(key) if isinstance(node, MapNode) else None
        if size > limit and at is not None:  # only what the layout says: defaults adapt
            what = f"a '{key}' line" if block == "fonts" else f"'{key}'"
            check.error(
                at.pos,
                f"{what} is {size / 72:.2f} in tall, too tall for this page's "
                f"{inner / 72:.2f} in of text; keep it under {limit / 72:.2f} in",
            )


def _sheet(check: Checker, node: Node | None) -> SheetOptions:
    default = SheetOptions()
    block = check.mapping(node, "sheet", SHEET_KEYS)
    if block is None:
        return default
    lines = check.number(block.get("answer_lines"), "answer_lines", minimum=0, maximum=20)
    return SheetOptions(
        tint=check.color(block.get("tint"), "tint") or default.tint,
        rule=check.color(block.get("rule"), "rule") or default.rule,
        accent=check.color(block.get("accent"), "accent") or default.accent,
        answer_lines=int(lines) if lines is not None else default.answer_lines,
        line_gap=check.length(block.get("line_gap"), "line_gap") or default.line_gap,
        gap=check.length(block.get("gap"), "gap") or default.gap,
        image_height=check.length(block.get("image_height"), "image_height")
        or default.image_height,
    )


#: The smallest card side that can hold a word (0.5 in).
MIN_CARD = 36.0


def _cards(check: Checker, node: Node | None, page: tuple[float, float]) -> CardOptions:
    default = CardOptions()
    block = check.mapping(node, "cards", CARD_KEYS)
    if block is None:
        return default
    failed_before = check.failed

    def length(key: str, fallback: float) -> float:
        value = check.length(block.get(key), key)
        return fallback if value is None else value

    def number(key: str, fallback: float, low: float, high: float) -> float:
        value = check.number(block.get(key), key, minimum=low, maximum=high)
        return fallback if value is None else value

    mode = check.choice(block.get("mode"), "mode", CARD_MODES)
    options = CardOptions(
        width=length("width", default.width),
        height=length("height", default.height),
        columns=int(number("columns", default.columns, 1, 20)),
        rows=int(number("rows", default.rows, 1, 20)),
        gap_x=length("gap_x", default.gap_x),
        gap_y=length("gap_y", default.gap_y),
        safe_margin=length("safe_margin", default.safe_margin),
        padding=length("padding", default.padding),
        front_size=number("front_size", default.front_size, 4, 200),
        back_size=number("back_size", default.back_size, 4, 200),
        min_size=number("min_size", default.min_size, 4, 200),
        mode=mode or default.mode,  # type: ignore[arg-type]  # checked against the tuple
        perforated=bool(check.boolean(block.get("perforated"), "perforated")),
    )
    if check.failed and not failed_before:
        return options  # geometry from values that were wrong would only add noise
    for key, size in (("width", options.width), ("height", options.height)):
        if size < MIN_CARD:
            at = block.get(key) or block
            check.error(at.pos, f"a card's '{key}' must be at least 0.5in (13mm); make it larger")
            return options
    if 2 * options.padding >= min(options.width, options.height):
        at = block.get("padding") or block
        check.error(at.pos, "the card 'padding' leaves no room for text; make it smaller")
    grid = _grid(options, page)
    for problem in grid.problems():
        check.error(block.pos, f"{problem}; make the cards smaller or use fewer rows or columns")
    mode_node = block.get("mode")
    if mode and mode_node is not None and not grid.problems():
        try:
            fronts_per_sheet(grid, options.mode)
        except CardGridError as exc:
            check.error(mode_node.pos, f"mode '{mode}' does not suit this grid: {exc}")
    return options


def _grid(o: CardOptions, page: tuple[float, float]) -> Grid:
    return Grid(page[0], page[1], o.width, o.height, o.columns, o.rows, o.gap_x, o.gap_y,
                o.safe_margin)  # fmt: skip


def _quiz(check: Checker, node: Node | None) -> QuizOptions:
    default = QuizOptions()
    block = check.mapping(node, "quiz", QUIZ_KEYS)
    if block is None:
        return default
    lines = check.number(block.get("answer_lines"), "answer_lines", minimum=1, maximum=20)
    columns = check.number(block.get("key_columns"), "key_columns", minimum=1, maximum=10)
    digits = check.number(block.get("id_digits"), "id_digits", minimum=0, maximum=10)
    return QuizOptions(
        int(lines) if lines is not None else default.answer_lines,
        int(columns) if columns is not None else default.key_columns,
        int(digits) if digits is not None else default.id_digits,
    )


def _layout(
    check: Checker, top: MapNode, name: str, shown: str, folder: Path, allow: Allowed
) -> Layout | None:
    description = check.text(top.get("description"), "description") or ""
    paper, size = _paper(check, top.get("paper"))
    margins = [36.0, 36.0, 36.0, 36.0]
    margin_node = check.mapping(top.get("margins"), "margins", MARGIN_KEYS)
    if margin_node is not None:
        for i, key in enumerate(MARGIN_KEYS):
            value = check.length(margin_node.get(key), key)
            if value is not None:
                margins[i] = value
    fonts = _fonts(check, top.get("fonts"))
    width, height = size
    if margins[1] + margins[3] >= width * 0.8 or margins[0] + margins[2] >= height * 0.8:
        where = margin_node.pos if margin_node is not None else top.pos
        check.error(where, "the margins leave almost no room on the page; make them smaller")
    sheet = _sheet(check, top.get("sheet"))
    if not check.failed:
        _fits_the_page(check, top, fonts, sheet, height - margins[0] - margins[2])
    cards = _cards(check, top.get("cards"), size)
    quiz = _quiz(check, top.get("quiz"))
    page_language = check_page_language(check, top.get("page_language"), folder, allow)
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
        page_language=page_language,
        sheet=sheet,
        cards=cards,
        quiz=quiz,
    )


__all__ = [
    "DEFAULT_LAYOUT",
    "CardOptions",
    "Fonts",
    "Layout",
    "Pos",
    "QuizOptions",
    "SheetOptions",
    "builtin_layouts",
    "load_layout",
]
