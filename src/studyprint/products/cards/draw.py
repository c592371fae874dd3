"""Flashcards: faces set by the text engine, placed by ``cardgeometry``, drawn on a canvas.

Cards are drawn straight onto a ReportLab canvas, one sheet at a time, so a
10,000-card deck holds no more than the PDF being written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from studyprint import palette
from studyprint.errors import CardGridError, OptionError, Problem, ProblemsError, Severity
from studyprint.model import Deck, Term
from studyprint.page.images import open_image
from studyprint.page.packed import PackedCanvas
from studyprint.products.cards.geometry import Face, Grid, Rect, fold_line, fronts_per_sheet, plan
from studyprint.read.catalogue import load_words
from studyprint.read.layout import CardOptions, Layout
from studyprint.request import CardsRequest
from studyprint.text import fonts, markup, scripts
from studyprint.text.setter import Fit, TextStyle, fit, paragraph, width_of
from studyprint.units import mm
from studyprint.vocab import CardMode, Flip
from studyprint.words import Words

_CUT, _GREY = HexColor(palette.CUT), HexColor(palette.CARD_NUMBER)
#: Card numbers and print hints: the smallest text on a card sheet.
SMALLEST = 7.0
#: Face text set smaller than this is reported (an error with --strict).
READABLE = 8.0
#: Line spacing of a face with sub- or superscripts: a subscript at a card's size
#: otherwise touches the line below.
RAISED_LEADING = 1.45
#: The most of a face a term's reading may take.
READING_SHARE = 0.3
#: A term of one to three CJK characters starts at this size.
BIG_CJK = 48.0
_LARGER = "shorten it or use a larger card layout"
#: A face whose text must shrink below this share of its sheet's usual size for its
#: role shrinks alone; the sheet keeps the size the rest fit at.
SHRINKS_ALONE = 0.75
#: How far a card's number and unit label sit from its side edges.
INSET = mm(1.8)
#: Their baseline above the card's bottom edge: the descenders of "Psychology" stay
#: 1.5 mm inside the cut, where a guillotine a millimetre off still spares them.
BASELINE = mm(1.5) + SMALLEST * 0.27


@dataclass(slots=True)
class CardsResult:
    pages: int
    cards: int
    advice: str = ""  # how to print and cut them, as the sheets say
    warnings: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    #: a fold sheet holds both faces on one side (its back stays blank); manual
    #: fronts and backs go through the printer apart
    one_sided: bool = False


@dataclass(frozen=True, slots=True)
class _Box:
    """A face's layout inside its card: the text's box, the picture's band (bottom,
    height), the reading, and the text fitted alone."""

    pad: float
    top: float
    width: float
    height: float
    image: tuple[float, float] | None
    reading: Fit | None
    alone: Fit
    role: tuple[bool, bool]


class _Faces:
    """Sets the text of card faces, remembering what overflowed or could not print."""

    def __init__(self, layout: Layout, options: CardOptions, job: CardsRequest) -> None:
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
        self.number_style = TextStyle(size=SMALLEST, family=family, color=palette.CARD_NUMBER)
        self.problems: list[Problem] = []
        self.layout_name = layout.name

    def _report(self, term: Term, deck: Deck, message: str, severity: Severity) -> None:
        self.problems.append(Problem(term.pos, message, path=deck.path, severity=severity))

    @lru_cache(maxsize=64)  # noqa: B019 - one _Faces per run; styles per language
    def _style(self, term_side: bool, language: str | None) -> TextStyle:
        return replace(self.front_style if term_side else self.back_style, language=language)

    def reading(self, term: Term, deck: Deck, width: float, height: float) -> Fit:
        """A term's reading, set at up to 40% of the front's size in a band above it."""
        style = replace(
            self._style(True, deck.language),
            size=self.front_style.size * 0.4,
            bold=False,
            color=palette.SOFT_INK,
        )
        return fit(term.reading or "", style, width, height, min(READABLE, style.size))

    def role(self, term: Term, side: str) -> tuple[bool, bool]:
        """What a face shows, for one size per role on a sheet: (the term?, a kanji or
        two set big?)."""
        shows_term = (side == "front") == (self.job.front == "term")
        text = term.term if shows_term else term.definition
        return shows_term, len(text) <= 3 and scripts.has_cjk(text)

    def set(
        self,
        term: Term,
        deck: Deck,
        side: str,
        width: float,
        height: float,
        cap: float | None = None,
        report: bool = True,
    ) -> Fit:
        """The face's text at the largest size that fits (no larger than ``cap``, the
        sheet's size for its role); ``report``: say what overflowed or is too small."""
        shows_term, big = self.role(term, side)
        text = term.term if shows_term else term.definition
        style = self._style(shows_term, deck.language)
        if big:  # a kanji or two fills the card
            style = replace(style, size=max(style.size, BIG_CJK))
        if cap is not None:
            style = replace(style, size=min(style.size, cap))
        if _raised(text):  # CO₂ over H₂O: room for the little figures between lines
            style = replace(style, leading=max(style.leading, RAISED_LEADING))
        result = fit(text, style, width, height, self.options.min_size)
        if not report:
            return result
        what = f"term '{term.term}': the {'term' if shows_term else 'definition'}"
        too_small: Severity = "error" if self.job.strict else "warning"
        if not result.fits:
            where = (
                f"does not fit on a {self.layout_name} card even at {self.options.min_size:g} pt"
            )
            self._report(term, deck, f"{what} {where}; {_LARGER}", too_small)
        elif result.size < READABLE:
            where = f"is set at {result.size:g} pt on a {self.layout_name} card"
            self._report(term, deck, f"{what} {where}, below {READABLE:g} pt; {_LARGER}", too_small)
        if result.missing:
            chars = "".join(sorted(result.missing))
            missing = f"no bundled font has {chars!r}; printed as {fonts.REPLACEMENT}"
            self._report(term, deck, f"term '{term.term}': {missing}", "warning")
        return result


def _raised(text: str) -> bool:
    """True if the text has sub- or superscripts (which reach into the next line)."""
    if "~" not in text and "^" not in text:
        return False
    return any(span.sub or span.sup for span in markup.parse(text))


def _numbered(decks: list[Deck], numbered_from: list[Deck]) -> list[tuple[Deck, Term, str]]:
    """Each card with its deck and its label "n/total" in the unselected decks."""
    place = {id(t): i for i, t in enumerate(t for d in numbered_from for t in d.terms)}
    total = len(place)
    return [
        (deck, term, f"{place.get(id(term), i) + 1}/{total}")
        for i, (deck, term) in enumerate((d, t) for d in decks for t in d.terms)
    ]


def _hint(job: CardsRequest, mode: CardMode, words: Words, perforated: bool) -> str:
    """How to print and finish the sheets, in the page language."""
    finish = words("tear" if perforated else "cut")
    key = {"fold-horizontal": "fold_horizontal", "duplex": f"duplex_{job.flip}"}.get(mode, mode)
    hint = f"{words('print_actual')} {words(key, finish=finish)}"
    return f"{job.owner} · {hint}" if job.owner else hint


def _label(deck: Deck) -> str:
    """The small line that tells cut cards of one unit from another's."""
    return " · ".join(x for x in (deck.subject, deck.unit) if x) or deck.title


class _Painter:
    """Draws sheets of card faces onto one or two canvases."""

    def __init__(
        self, layout: Layout, grid: Grid, job: CardsRequest, mode: CardMode, words: Words
    ) -> None:
        self.layout = layout
        self.options = options = layout.cards
        self.grid = grid
        self.mode = mode
        self.words = words
        self.faces = _Faces(layout, options, job)
        self.hint = _hint(job, mode, words, options.perforated)
        #: the band at a face's foot that holds its number and unit label
        self.foot = BASELINE + SMALLEST * 1.1
        self.labels: dict[str, tuple[str, float]] = {}  # unit label -> (form, width)

    def page(self, canvas: Canvas, faces: list[Face], cards: list[tuple[Deck, Term, str]]) -> None:
        """Draw one printed page: the faces, their cut lines, the fold line and the hint."""
        boxes = [self.box(face, *cards[face.card][:2]) for face in faces]
        caps = self.sheet_sizes(boxes)
        for face, box in zip(faces, boxes, strict=True):
            deck, term, number = cards[face.card]
            self.face(canvas, face, deck, term, number, box, caps)
        if not self.options.perforated:  # precut stock: a printed line would be off the cut
            self.cut_lines(canvas, [face.rect for face in faces])
        line = fold_line(self.grid, self.mode)
        if line is not None:
            self.fold(canvas, *line)
        self.print_hint(canvas)
        canvas.showPage()

    def box(self, face: Face, deck: Deck, term: Term) -> _Box:
        """Where a face's parts go inside the card's own frame, and its text fitted alone
        (at the most its role's size)."""
        pad = self.options.padding
        bottom = max(pad, self.foot)  # the text stays clear of the number and label
        width, height = face.rect.width - 2 * pad, face.rect.height - pad - bottom
        top = face.rect.height - pad
        image = None
        if face.side == "back" and term.image is not None:
            image = (top - height * 0.45, height * 0.45)
            top -= height * 0.45 + pad / 2
            height -= height * 0.45 + pad / 2
        reading = None
        shows_term = (face.side == "front") == (self.faces.job.front == "term")
        if shows_term and term.reading:  # the reading above the term, as ruby sits
            reading = self.faces.reading(term, deck, width, height * READING_SHARE)
            top -= reading.height + pad / 4
            height -= reading.height + pad / 4
        alone = self.faces.set(term, deck, face.side, width, height, report=False)
        return _Box(
            pad, top, width, height, image, reading, alone, self.faces.role(term, face.side)
        )

    def sheet_sizes(self, boxes: list[_Box]) -> dict[tuple[bool, bool], float]:
        """One text size per role (terms, definitions, big kanji) on a printed page: the
        largest at which most of its faces fit. A face that must shrink well below it
        (a definition three times as long as the rest) shrinks alone; the rest do not
        follow it down."""
        sizes: dict[tuple[bool, bool], list[float]] = {}
        for box in boxes:
            if box.alone.fits:
                sizes.setdefault(box.role, []).append(box.alone.size)
        caps = {}
        for role, found in sizes.items():
            found.sort()
            middle = found[len(found) // 2]
            caps[role] = min(s for s in found if s >= middle * SHRINKS_ALONE)
        return caps

    def face(
        self,
        canvas: Canvas,
        face: Face,
        deck: Deck,
        term: Term,
        number: str,
        box: _Box,
        caps: dict[tuple[bool, bool], float],
    ) -> None:
        rect = face.rect
        canvas.saveState()
        if face.rotation == 180:
            canvas.translate(rect.x + rect.width, rect.y + rect.height)
            canvas.rotate(180)
        else:
            canvas.translate(rect.x, rect.y)
        if box.image is not None:
            self.image(canvas, term, box.pad, box.image[0], box.width, box.image[1])
        if box.reading is not None:
            box.reading.draw_on(canvas, box.pad, rect.height - box.pad - (
                box.image[1] + box.pad / 2 if box.image else 0.0), box.width)  # fmt: skip
        # set again from the sheet's size: a fit found by searching down from a larger
        # size is drawn scaled, and lands a fraction off the sheet's one size
        cap = caps.get(box.role)
        result = self.faces.set(term, deck, face.side, box.width, box.height, cap)
        result.draw_on(canvas, box.pad, box.top, box.width, valign="middle",
                       box_height=box.height)  # fmt: skip
        self.number(canvas, number, _label(deck), rect.width, face.side)
        canvas.restoreState()

    def image(self, canvas: Canvas, term: Term, x: float, y: float, w: float, h: float) -> None:
        reader, iw, ih = open_image(term)
        scale = min(w / iw, h / ih)
        dw, dh = iw * scale, ih * scale
        canvas.drawImage(reader, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh, mask="auto")

    def number(self, canvas: Canvas, text: str, label: str, card_width: float, side: str) -> None:
        """The card's number in one bottom corner, its subject and unit in the other
        (the corners swap on the back, so both stay under the same thumb)."""
        face = fonts.face_name(fonts.PRIMARY[self.layout.fonts.family])
        canvas.setFont(face, SMALLEST)
        canvas.setFillColor(_GREY)
        name, width = self.labels[label]
        canvas.saveState()
        if side == "front":
            canvas.drawRightString(card_width - INSET, BASELINE, text)
            canvas.translate(INSET, BASELINE)  # the label's baseline is its form's 0
        else:
            canvas.drawString(INSET, BASELINE, text)
            canvas.translate(card_width - INSET - width, BASELINE)
        canvas.doForm(name)
        canvas.restoreState()

    def define_labels(self, canvas: Canvas, labels: list[str], widest_number: str) -> None:
        """Each unit label set once, as a form every card on ``canvas`` reuses (before
        anything is drawn on the canvas: a form takes the stream it starts in)."""
        face = fonts.face_name(fonts.PRIMARY[self.layout.fonts.family])
        room = self.grid.card_width - 3 * INSET - SMALLEST
        room -= canvas.stringWidth(widest_number, face, SMALLEST)
        self.labels = {}
        for index, label in enumerate(dict.fromkeys(labels)):
            para = _label_paragraph(label, self.layout.fonts.family, room)
            name = f"unit{index}"
            # the form's box reaches below the line: a box from 0 up clipped descenders
            canvas.beginForm(name, lowery=-SMALLEST)
            para.drawOn(canvas, 0, 0)
            canvas.endForm()
            self.labels[label] = (name, para.width)

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
        canvas.setStrokeColor(HexColor(palette.FOLD))
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
        size = SMALLEST
        bottom_room = grid.slot(0, grid.rows - 1).y - grid.safe_margin
        top_room = grid.page_height - grid.safe_margin - grid.slot(0, 0).top
        if bottom_room >= size * 1.3:
            y = grid.safe_margin + (bottom_room - size) / 2 + 1
        elif top_room >= size * 1.3:
            y = grid.slot(0, 0).top + (top_room - size) / 2 + 1
        else:
            return  # no free band: the hint would overlap the cards
        para = _hint_paragraph(
            self.hint,
            self.layout.fonts.family,
            size,
            grid.page_width - 2 * grid.safe_margin,
            self.words.direction,
        )
        para.drawOn(canvas, grid.safe_margin, y)


@lru_cache(maxsize=256)
def _label_paragraph(text: str, family: str, room: float) -> Flowable:
    """A one-line unit label at most ``room`` wide (cut short with "…" if longer)."""
    style = TextStyle(size=SMALLEST, family=family, color=palette.CARD_NUMBER, leading=1.0)
    while len(text) > 1 and width_of(text, style) > room:
        text = text[: max(1, len(text) - max(1, len(text) // 8))].rstrip() + "…"
        text = text.replace("……", "…")
    para = paragraph(text, style).flowable
    para.wrap(width_of(text, style) + 1, SMALLEST * 2)
    para.width = width_of(text, style) + 1
    return para


@lru_cache(maxsize=16)
def _hint_paragraph(text: str, family: str, size: float, width: float, direction: str) -> Flowable:
    style = TextStyle(
        size=size, family=family, color=palette.CARD_NUMBER, align="center", direction=direction
    )
    para = paragraph(text, style).flowable
    para.wrap(width, 100)
    return para


def new_canvas(
    path: Path,
    layout: Layout,
    title: str,
    mode: CardMode,
    flip: Flip,
    language: str | None,
    words: Words | None = None,
) -> Canvas:
    canvas = PackedCanvas(
        str(path),
        pagesize=layout.page_size,
        invariant=1,
        initialFontName=fonts.face_name(fonts.PRIMARY[layout.fonts.family]),
        lang=language,
    )
    canvas.setTitle(title)
    canvas.setAuthor("studyprint")
    canvas.setSubject((words or load_words())("flashcards"))
    canvas.setCreator("studyprint")
    canvas.setViewerPreference("PrintScaling", "None")
    if mode == "duplex":
        canvas.setViewerPreference(
            "Duplex", "DuplexFlipLongEdge" if flip == "long" else "DuplexFlipShortEdge"
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
    job: CardsRequest,
    numbered_from: list[Deck] | None = None,
    words: Words | None = None,
) -> CardsResult:
    """Write the cards to ``outs`` (one path, or two for manual mode: fronts, backs).

    Cards are numbered by their place in ``numbered_from`` (the decks before
    ``--terms``/``--tags`` picked some), so a reprinted card keeps its number.
    The caller makes the writes atomic; under ``job.strict`` a card that does
    not fit raises :class:`ProblemsError` before the caller keeps any file.
    """
    mode = job.mode or layout.cards.mode
    grid = layout.card_grid()
    try:
        fronts_per_sheet(grid, mode)
    except CardGridError as exc:
        raise OptionError(f"--mode {mode} with layout {layout.name}: {exc}") from None
    cards = _numbered(decks, numbered_from or decks)
    first = decks[0]
    title = first.title if len(decks) == 1 else " / ".join(d.title for d in decks)
    words = words or load_words()
    painter = _Painter(layout, grid, job, mode, words)
    language = first.language
    main = new_canvas(
        outs[0], layout, words("cards_title", title=title), mode, job.flip, language, words
    )
    backs = main
    if mode == "manual":
        backs = new_canvas(
            outs[1], layout, words("backs_title", title=title), mode, job.flip, language, words
        )
    offset = (mm(job.offset_mm[0]), mm(job.offset_mm[1]))
    sheets = list(plan(grid, len(cards), mode, job.flip, offset))
    labels = [_label(deck) for deck, _, _ in cards]
    widest = max((number for _, _, number in cards), key=len, default="")
    for canvas in dict.fromkeys((main, backs)):
        painter.define_labels(canvas, labels, widest.replace("1", "8"))
    for faces in sheets:
        painter.page(main, [f for f in faces if f.page == 0], cards)
        if mode == "duplex":
            painter.page(main, [f for f in faces if f.page == 1], cards)
    if mode == "manual":
        order = reversed(sheets) if job.reverse_backs else iter(sheets)
        for faces in order:
            painter.page(backs, [f for f in faces if f.page == 1], cards)
    errors = [p for p in painter.faces.problems if p.is_error]
    if errors:
        raise ProblemsError(errors)
    main.save()
    if backs is not main:
        backs.save()
    pages = len(sheets) * (1 if mode.startswith("fold") else 2)
    return CardsResult(
        pages=pages,
        cards=len(cards),
        # the terminal speaks English whatever the page language
        advice=_hint(replace(job, owner=None), mode, load_words(), layout.cards.perforated),
        warnings=painter.faces.problems,
        files=list(outs[: 2 if mode == "manual" else 1]),
        one_sided=mode != "duplex",
    )


__all__ = ["CardsResult", "build_cards", "manual_paths"]
