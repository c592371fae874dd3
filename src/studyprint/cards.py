"""Flashcards: faces set by the text engine, placed by ``cardgeometry``, drawn on a canvas.

Cards are drawn straight onto a ReportLab canvas, one sheet at a time, so a
10,000-card deck holds no more than the PDF being written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from studyprint.cardgeometry import (
    MODES,
    Face,
    Flip,
    Grid,
    LayoutProblem,
    Mode,
    Rect,
    fold_line,
    fronts_per_sheet,
    plan,
)
from studyprint.errors import LayoutError, OptionError, Pos, Problem, ProblemsError
from studyprint.images import open_image
from studyprint.layouts import Layout
from studyprint.model import Deck, Term
from studyprint.schema import Checker
from studyprint.text import fonts
from studyprint.text.setter import Fit, TextStyle, fit, paragraph
from studyprint.units import mm

FrontSide = Literal["term", "definition"]
CARD_KEYS = (
    "width", "height", "columns", "rows", "gap_x", "gap_y", "safe_margin", "padding",
    "front_size", "back_size", "min_size", "mode",
)  # fmt: skip
CUT = "#AAAAAA"
FOLD = "#333333"
GREY = "#666666"
_CUT, _GREY = HexColor(CUT), HexColor(GREY)


@dataclass(frozen=True, slots=True)
class CardOptions:
    """The ``cards:`` block of a layout."""

    width: float = 3.75 * 72
    height: float = 2.5 * 72
    columns: int = 2
    rows: int = 4
    gap_x: float = 0.0
    gap_y: float = 0.0
    safe_margin: float = mm(8)
    padding: float = mm(4)
    front_size: float = 20.0
    back_size: float = 12.0
    min_size: float = 6.0
    mode: Mode = "fold"


def card_options(layout: Layout) -> CardOptions:
    """Read and check a layout's ``cards:`` block (defaults: the letter-2x4 grid)."""
    block = layout.blocks.get("cards")
    default = CardOptions()
    if block is None:
        return default
    check = Checker(layout.source)
    check.mapping(block, "cards", CARD_KEYS)

    def length(key: str, fallback: float) -> float:
        value = check.length(block.get(key), key)
        return fallback if value is None else value

    def number(key: str, fallback: float, low: float, high: float) -> float:
        value = check.number(block.get(key), key, minimum=low, maximum=high)
        return fallback if value is None else value

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
        mode=check.choice(block.get("mode"), "mode", MODES) or default.mode,  # type: ignore[arg-type]
    )
    if check.failed:
        raise LayoutError(check.sorted_problems())
    return options


def card_grid(layout: Layout, options: CardOptions) -> Grid:
    grid = Grid(
        page_width=layout.page_size[0],
        page_height=layout.page_size[1],
        card_width=options.width,
        card_height=options.height,
        columns=options.columns,
        rows=options.rows,
        gap_x=options.gap_x,
        gap_y=options.gap_y,
        safe_margin=options.safe_margin,
    )
    problems = grid.problems()
    if problems:
        raise LayoutError([Problem(None, f"{problems[0]}", path=layout.source)])
    return grid


@dataclass(frozen=True, slots=True)
class CardJob:
    """What to print and how."""

    mode: Mode = "fold"
    flip: Flip = "long"
    offset: tuple[float, float] = (0.0, 0.0)  # points
    front: FrontSide = "term"
    strict: bool = False
    reverse_backs: bool = False
    owner: str | None = None  # a packet's student, named on every sheet


@dataclass(slots=True)
class CardsResult:
    pages: int
    cards: int
    warnings: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


class _Faces:
    """Sets the text of card faces, remembering what overflowed or could not print."""

    def __init__(self, layout: Layout, options: CardOptions, job: CardJob) -> None:
        self.options = options
        self.job = job
        family = layout.fonts.family
        leading = min(layout.fonts.leading, 1.25)
        self.front_style = TextStyle(
            size=options.front_size, leading=1.15, family=family, bold=True, align="center"
        )
        self.back_style = TextStyle(
            size=options.back_size, leading=leading, family=family, align="center"
        )
        self.number_style = TextStyle(size=5.5, family=family, color=GREY)
        self.problems: list[Problem] = []
        self.layout_name = layout.name

    @lru_cache(maxsize=64)  # noqa: B019 - one _Faces per run; styles per language
    def _style(self, term_side: bool, language: str | None) -> TextStyle:
        return replace(self.front_style if term_side else self.back_style, language=language)

    def set(self, term: Term, deck: Deck, side: str, width: float, height: float) -> Fit:
        shows_term = (side == "front") == (self.job.front == "term")
        text = term.term if shows_term else term.definition
        style = self._style(shows_term, deck.language)
        result = fit(text, style, width, height, self.options.min_size)
        if not result.fits:
            self.problems.append(
                Problem(
                    term.pos,
                    f"term '{term.term}': the {'term' if shows_term else 'definition'} does not "
                    f"fit on a {self.layout_name} card even at {self.options.min_size:g} pt; "
                    "shorten it or use a larger card layout",
                    path=deck.path,
                    severity="error" if self.job.strict else "warning",
                )
            )
        if result.missing:
            chars = "".join(sorted(result.missing))
            self.problems.append(
                Problem(
                    term.pos,
                    f"term '{term.term}': no bundled font has {chars!r}; printed as "
                    f"{fonts.REPLACEMENT}",
                    path=deck.path,
                    severity="warning",
                )
            )
        return result


def _numbered(decks: list[Deck], numbered_from: list[Deck]) -> list[tuple[Deck, Term, str]]:
    """Each card with its deck and its label "n/total" in the unselected decks."""
    place = {id(t): i for i, t in enumerate(t for d in numbered_from for t in d.terms)}
    total = len(place)
    return [
        (deck, term, f"{place.get(id(term), i) + 1}/{total}")
        for i, (deck, term) in enumerate((d, t) for d in decks for t in d.terms)
    ]


def _hint(job: CardJob) -> str:
    scale = "Print at actual size (100%), not “fit to page”."
    cut = "then cut along the grey lines."
    steps = {
        "fold": f"Fold along the dashed line, {cut}",
        "fold-horizontal": f"Fold along the dashed line (top half over), {cut}",
        "duplex": f"Print double-sided, flipping on the {job.flip} edge; {cut}",
        "manual": "Print the fronts, put the pages back in the tray, print the backs; " + cut,
    }
    hint = f"{scale} {steps[job.mode]}"
    return f"{job.owner} · {hint}" if job.owner else hint


class _Painter:
    """Draws sheets of card faces onto one or two canvases."""

    def __init__(self, layout: Layout, options: CardOptions, grid: Grid, job: CardJob) -> None:
        self.layout = layout
        self.options = options
        self.grid = grid
        self.job = job
        self.faces = _Faces(layout, options, job)
        self.hint = _hint(job)

    def page(self, canvas: Canvas, faces: list[Face], cards: list[tuple[Deck, Term, str]]) -> None:
        """Draw one printed page: the faces, their cut lines, the fold line and the hint."""
        for face in faces:
            deck, term, number = cards[face.card]
            self.face(canvas, face, deck, term, number)
        self.cut_lines(canvas, [face.rect for face in faces])
        line = fold_line(self.grid, self.job.mode)
        if line is not None:
            self.fold(canvas, *line)
        self.print_hint(canvas)
        canvas.showPage()

    def face(self, canvas: Canvas, face: Face, deck: Deck, term: Term, number: str) -> None:
        rect = face.rect
        canvas.saveState()
        if face.rotation == 180:
            canvas.translate(rect.x + rect.width, rect.y + rect.height)
            canvas.rotate(180)
        else:
            canvas.translate(rect.x, rect.y)
        pad = self.options.padding
        width, height = rect.width - 2 * pad, rect.height - 2 * pad
        top = rect.height - pad
        show_image = face.side == "back" and term.image is not None
        if show_image and term.image is not None:
            image_height = height * 0.45
            self.image(canvas, term, pad, top - image_height, width, image_height)
            top -= image_height + pad / 2
            height -= image_height + pad / 2
        result = self.faces.set(term, deck, face.side, width, height)
        result.draw_on(canvas, pad, top, width, valign="middle", box_height=height)
        self.number(canvas, number, rect.width, face.side)
        canvas.restoreState()

    def image(self, canvas: Canvas, term: Term, x: float, y: float, w: float, h: float) -> None:
        reader, iw, ih = open_image(term)
        scale = min(w / iw, h / ih)
        dw, dh = iw * scale, ih * scale
        canvas.drawImage(reader, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh, mask="auto")

    def number(self, canvas: Canvas, text: str, card_width: float, side: str) -> None:
        canvas.setFont(fonts.face_name(fonts.PRIMARY[self.layout.fonts.family]), 5.5)
        canvas.setFillColor(_GREY)
        inset = mm(1.8)
        if side == "front":
            canvas.drawRightString(card_width - inset, inset, text)
        else:
            canvas.drawString(inset, inset, text)

    def cut_lines(self, canvas: Canvas, rects: list[Rect]) -> None:
        """Light lines around the real cards only (empty slots get none)."""
        canvas.saveState()
        canvas.setStrokeColor(_CUT)
        canvas.setLineWidth(0.4)
        for rect in rects:
            canvas.rect(rect.x, rect.y, rect.width, rect.height, stroke=1, fill=0)
        canvas.restoreState()

    def fold(self, canvas: Canvas, direction: str, where: float) -> None:
        grid = self.grid
        canvas.saveState()
        canvas.setStrokeColor(HexColor(FOLD))
        canvas.setLineWidth(0.9)
        canvas.setDash(6, 4)
        first, last = grid.slot(0, 0), grid.slot(grid.columns - 1, grid.rows - 1)
        if direction == "vertical":
            canvas.line(where, last.y, where, first.top)
        else:
            canvas.line(first.x, where, last.right, where)
        canvas.restoreState()

    def print_hint(self, canvas: Canvas) -> None:
        grid = self.grid
        size = 6.5
        bottom_room = grid.slot(0, grid.rows - 1).y - grid.safe_margin
        top_room = grid.page_height - grid.safe_margin - grid.slot(0, 0).top
        if bottom_room >= size * 1.3:
            y = grid.safe_margin + (bottom_room - size) / 2 + 1
        elif top_room >= size * 1.3:
            y = grid.slot(0, 0).top + (top_room - size) / 2 + 1
        else:
            return  # no free band: the hint would overlap the cards
        para = _hint_paragraph(
            self.hint, self.layout.fonts.family, size, grid.page_width - 2 * grid.safe_margin
        )
        para.drawOn(canvas, grid.safe_margin, y)


@lru_cache(maxsize=16)
def _hint_paragraph(text: str, family: str, size: float, width: float):  # type: ignore[no-untyped-def]
    para = paragraph(text, TextStyle(size=size, family=family, color=GREY, align="center")).flowable
    para.wrap(width, 100)
    return para


def _new_canvas(
    path: Path, layout: Layout, title: str, job: CardJob, language: str | None
) -> Canvas:
    canvas = Canvas(
        str(path),
        pagesize=layout.page_size,
        invariant=1,
        initialFontName=fonts.face_name(fonts.PRIMARY[layout.fonts.family]),
        lang=language,
    )
    canvas.setTitle(title)
    canvas.setAuthor("studyprint")
    canvas.setSubject("Flashcards")
    canvas.setCreator("studyprint")
    canvas.setViewerPreference("PrintScaling", "None")
    if job.mode == "duplex":
        canvas.setViewerPreference(
            "Duplex", "DuplexFlipLongEdge" if job.flip == "long" else "DuplexFlipShortEdge"
        )
    else:
        canvas.setViewerPreference("Duplex", "Simplex")
    return canvas


def manual_paths(out: Path) -> tuple[Path, Path]:
    """``cards.pdf`` -> ``cards-fronts.pdf`` and ``cards-backs.pdf``."""
    return out.with_name(f"{out.stem}-fronts.pdf"), out.with_name(f"{out.stem}-backs.pdf")


def build_cards(
    decks: list[Deck],
    outs: list[Path],
    *,
    layout: Layout,
    job: CardJob,
    numbered_from: list[Deck] | None = None,
) -> CardsResult:
    """Write the cards to ``outs`` (one path, or two for manual mode: fronts, backs).

    Cards are numbered by their place in ``numbered_from`` (the decks before
    ``--terms``/``--tags`` picked some), so a reprinted card keeps its number.
    The caller makes the writes atomic; under ``job.strict`` a card that does
    not fit raises :class:`ProblemsError` before the caller keeps any file.
    """
    options = card_options(layout)
    grid = card_grid(layout, options)
    try:
        fronts_per_sheet(grid, job.mode)
    except LayoutProblem as exc:
        raise OptionError(f"--mode {job.mode} with layout {layout.name}: {exc}") from None
    cards = _numbered(decks, numbered_from or decks)
    first = decks[0]
    title = first.title if len(decks) == 1 else " / ".join(d.title for d in decks)
    painter = _Painter(layout, options, grid, job)
    main = _new_canvas(outs[0], layout, f"{title} — flashcards", job, first.language)
    backs = main
    if job.mode == "manual":
        backs = _new_canvas(outs[1], layout, f"{title} — flashcard backs", job, first.language)
    sheets = list(plan(grid, len(cards), job.mode, job.flip, job.offset))
    for faces in sheets:
        painter.page(main, [f for f in faces if f.page == 0], cards)
        if job.mode == "duplex":
            painter.page(main, [f for f in faces if f.page == 1], cards)
    if job.mode == "manual":
        order = reversed(sheets) if job.reverse_backs else iter(sheets)
        for faces in order:
            painter.page(backs, [f for f in faces if f.page == 1], cards)
    errors = [p for p in painter.faces.problems if p.is_error]
    if errors:
        raise ProblemsError(errors)
    main.save()
    if backs is not main:
        backs.save()
    pages = len(sheets) * (1 if job.mode.startswith("fold") else 2)
    return CardsResult(
        pages=pages,
        cards=len(cards),
        warnings=painter.faces.problems,
        files=list(outs[: 2 if job.mode == "manual" else 1]),
    )


def build_calibration(out: Path, *, layout: Layout, flip: Flip = "long") -> int:
    """A two-page duplex test: a cross on the front, millimetre scales on the back."""
    width, height = layout.page_size
    job = CardJob(mode="duplex", flip=flip)
    canvas = _new_canvas(out, layout, "studyprint duplex calibration", job, "en")
    family = layout.fonts.family
    other = "short" if flip == "long" else "long"
    cx, cy = width / 2, height / 2
    text = TextStyle(size=10, family=family, align="center")
    # front: a bold cross at the centre and "top" marks
    _block(canvas, "**Front** · ↑ top of the sheet ↑", text, width, height - mm(20))
    _block(
        canvas,
        f"1. Print both pages double-sided at actual size (100%), flipping on the "
        f"**{flip} edge**. 2. Turn the sheet over like a book page. If the back reads upside "
        f"down, your printer flips the other way: use --flip {other} "
        "(and print this test again with it). 3. Hold the sheet up to a light and read, on the "
        "back's scales, where the centre of this cross shows through: that reading is the "
        "--offset to use, in millimetres (X,Y).",
        replace(text, size=9, align="start"),
        width,
        mm(60),
        margin=mm(25),
    )
    canvas.setStrokeColor(HexColor("#000000"))
    canvas.setLineWidth(1.2)
    arm = mm(12)
    canvas.line(cx - arm, cy, cx + arm, cy)
    canvas.line(cx, cy - arm, cx, cy + arm)
    canvas.circle(cx, cy, mm(3), stroke=1, fill=0)
    canvas.showPage()
    # back: millimetre scales centred where the front's cross should be
    _block(
        canvas,
        "**Back** · this side up ↑ (if this line is upside down, change --flip)",
        text,
        width,
        height - mm(20),
    )
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(HexColor("#000000"))
    span = 10  # millimetres each way
    canvas.line(cx - mm(span), cy, cx + mm(span), cy)
    canvas.line(cx, cy - mm(span), cx, cy + mm(span))
    face = fonts.face_name(fonts.PRIMARY[family])
    canvas.setFont(face, 6)
    for value in range(-span, span + 1):  # a tick every millimetre, labels every 5
        tick = mm(3) if value % 5 == 0 else mm(1.5)
        x, y = cx + mm(value), cy + mm(value)
        canvas.line(x, cy - tick / 2, x, cy + tick / 2)
        canvas.line(cx - tick / 2, y, cx + tick / 2, y)
        if value % 5 == 0 and value:
            canvas.drawCentredString(x, cy - mm(4.5), f"{value:+d}")
            canvas.drawString(cx + mm(2.5), y - 1.5, f"{value:+d}")
    _block(
        canvas,
        "X: read left (−) or right (+) · Y: read down (−) or up (+) · "
        "then print cards with --offset X,Y",
        replace(text, size=8),
        width,
        cy - mm(18),
    )
    canvas.showPage()
    canvas.save()
    return 2


def _block(
    canvas: Canvas, text: str, style: TextStyle, width: float, top: float, margin: float = mm(15)
) -> None:
    para = paragraph(text, style).flowable
    _, h = para.wrap(width - 2 * margin, 400)
    para.drawOn(canvas, margin, top - h)


def card_count(decks: Iterable[Deck]) -> int:
    return sum(len(d.terms) for d in decks)


__all__ = [
    "CardJob",
    "CardOptions",
    "CardsResult",
    "Pos",
    "build_calibration",
    "build_cards",
    "manual_paths",
]
