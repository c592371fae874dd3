"""Study sheets: the one-term-a-block study guide and the fold-to-quiz glossary.

Decks come in as models and leave as a PDF; this module only arranges
flowables. Text goes through the text engine, the page furniture through
``pdfdoc``.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
)

from studyprint import palette
from studyprint.errors import DeckError, Problem
from studyprint.model import Deck, Question, Term
from studyprint.page.document import (
    Bookmark,
    Document,
    Marker,
    NextPageMarker,
    PageState,
    PdfMeta,
    WriteLines,
    body_style,
    bookmarked,
    fields_table,
)
from studyprint.page.images import open_image
from studyprint.page.tables import Row, StreamedTable, page_table
from studyprint.read.catalogue import load_words
from studyprint.read.layout import Layout, SheetOptions
from studyprint.text.fonts import REPLACEMENT
from studyprint.text.markup import plain
from studyprint.text.setter import SetText, TextStyle, fit, lines, paragraph, width_of
from studyprint.units import mm
from studyprint.vocab import LETTERS, AnswerPlace, SheetStyle
from studyprint.words import Words

#: The answers start on the page the questions end on when this share of it is free.
ANSWERS_ROOM = 1 / 3


@dataclass(slots=True)
class SheetResult:
    pages: int
    warnings: list[Problem] = field(default_factory=list)


class _Styles:
    """The text styles of a sheet, derived from the layout's type sizes."""

    def __init__(
        self, layout: Layout, options: SheetOptions, language: str | None, words: Words
    ) -> None:
        f = layout.fonts
        base = body_style(layout, language, words)
        self.base = base
        self.body = base
        self.small = _with(base, size=f.small, color=palette.MUTED)
        self.label = _with(
            base,
            size=max(f.small, f.body * 0.8),
            bold=True,
            color=options.accent,
            space_before=f.body * 0.6,
            space_after=f.body * 0.2,
            keep_with_next=True,
        )
        self.heading = _with(
            base,
            size=f.heading,
            leading=1.15,
            bold=True,
            color=options.accent,
            space_after=f.body * 0.3,
            keep_with_next=True,
        )
        self.deck_heading = _with(
            base,
            size=f.heading * 1.3,
            leading=1.15,
            bold=True,
            color=options.accent,
            space_after=f.body,
            keep_with_next=True,
        )
        pad = f.body * 0.55
        self.definition = _with(
            base,
            back_color=options.tint,
            border_color=options.rule,
            padding=pad,
            indent=pad,
            right_indent=pad,
            space_before=pad + 2,
            space_after=pad + 2,
        )
        number_room = f.body * 2.2
        question_text = f.body * 2.9
        self.fact = _with(base, indent=number_room, space_after=f.body * 0.2)
        self.question = _with(base, indent=question_text, space_before=f.body * 0.35)
        self.choice = _with(base, indent=question_text + f.body * 1.7, bullet_indent=question_text)
        self.answer = _with(
            base,
            indent=question_text + f.body * 4.6,
            bullet_indent=question_text,
            italic=True,
            back_color=options.tint,
            padding=2,
            space_before=f.body * 0.3,
            space_after=f.body * 0.2,
        )
        self.answer_end = _with(base, indent=question_text, space_after=f.body * 0.2)
        self.also = _with(
            base,
            size=max(f.small, f.body * 0.85),
            italic=True,
            color=palette.SOFT_INK,
            space_after=f.body * 0.2,
            keep_with_next=True,
        )
        self.reading = _with(
            base, size=max(f.small, f.heading * 0.55), color=palette.SOFT_INK, keep_with_next=True
        )
        self.cell_reading = _with(base, size=max(f.small, f.body * 0.75), color=palette.SOFT_INK)
        self.cell_head = _with(base, bold=True, size=max(f.small, f.body * 0.9))
        self.cell_term = _with(base, bold=True)
        self.cell_also = _with(
            base, size=max(f.small, f.body * 0.8), italic=True, color=palette.SOFT_INK
        )
        self.number_room = number_room


def _with(style: TextStyle, **changes: object) -> TextStyle:
    from dataclasses import replace

    return replace(style, **changes)  # type: ignore[arg-type]


class _Builder:
    """Turns decks into a story, collecting warnings about unprintable characters."""

    def __init__(
        self,
        layout: Layout,
        options: SheetOptions,
        state: PageState,
        words: Words,
        student: str | None = None,
        period: str = "",
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.progress = progress
        self.words = words
        self.student = student
        self.period = period
        self.layout = layout
        self.options = options
        self.state = state
        self.warnings: list[Problem] = []
        self._warned: set[tuple[str, int, int, str]] = set()

    def text(
        self,
        text: str,
        style: TextStyle,
        where: Term | Deck | None = None,
        bullet: str | None = None,
    ) -> Flowable:
        result = paragraph(text, style, bullet=bullet)
        self._note_missing(result, where)
        return result.flowable

    def _note_missing(self, result: SetText, where: Term | Deck | None) -> None:
        if not result.missing:
            return
        pos = where.pos if isinstance(where, Term) else None
        path = where.path if isinstance(where, Deck) else ""
        name = f"term '{where.term}'" if isinstance(where, Term) else "deck"
        chars = "".join(sorted(result.missing))
        codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(result.missing))
        key = (str(pos), 0, 0, chars)
        if key in self._warned:
            return
        self._warned.add(key)
        self.warnings.append(
            Problem(
                pos,
                f"{name}: no bundled font has {chars!r} ({codes}); printed as {REPLACEMENT}",
                path=path,
                severity="warning",
            )
        )

    def deck_opening(self, index: int, deck: Deck) -> list[Flowable]:
        """A new page for every deck after the first, its header and its bookmark."""
        header = Marker(
            self.state, header_left=deck.title, header_right=self.student or _subline(deck)
        )
        return [*([PageBreak()] if index else []), header, Bookmark(deck.title, 0)]

    # -- guide ---------------------------------------------------------------

    def guide(self, decks: list[Deck], answers: AnswerPlace) -> Iterator[Flowable]:
        """The guide's flowables, made as the pages need them (see ``Streamed``)."""
        collected: list[tuple[Deck, Term, list[tuple[int, Question]]]] = []
        number = 0
        done, total = 0, sum(len(d.terms) for d in decks)
        for index, deck in enumerate(decks):
            styles = _Styles(self.layout, self.options, deck.language, self.words)
            yield from self.deck_opening(index, deck)
            # the deck's title and breadcrumb once, not above every term
            yield self.text(deck.title, styles.deck_heading, deck)
            subline = _subline(deck)
            if subline:
                yield self.text(subline, _with(styles.small, space_after=styles.base.size))
            if index == 0:  # a handout: the student writes their name on the first page
                field = _with(styles.base, size=max(styles.small.size, styles.base.size * 0.9))
                _, _, width, _ = self.layout.frame
                w = self.words
                fields = [
                    ((w("name"), self.student or ""), (w("date"), "")),
                    ((w("period"), self.period), ("", "")),
                ]
                rows = fields_table(fields, field, width, styles.base.size * 2.2)
                yield from (rows, Spacer(1, styles.base.size))
            compact = is_vocabulary(deck)
            if compact:  # short meanings: one table, not a block per word
                yield self.vocabulary(deck, styles)
            label = self.text(self.words("questions"), styles.label)
            for term in deck.terms:
                numbered = []
                for question in term.questions:
                    number += 1
                    numbered.append((number, question))
                if not compact:
                    yield from self.term_block(deck, term, numbered, answers, styles)
                else:
                    for n, question in numbered:  # the label travels with the first question
                        yield KeepTogether(
                            [label, *self.question(term, n, question, answers, styles)]
                        )
                        label = Spacer(0, 0)
                if numbered and answers == "end":
                    collected.append((deck, term, numbered))
                done += 1
                if self.progress is not None:  # its blocks are being laid out by now
                    self.progress(done, total)
        if answers == "end" and collected:
            yield from self.answer_pages(collected, decks)

    def term_block(
        self,
        deck: Deck,
        term: Term,
        questions: list[tuple[int, Question]],
        answers: AnswerPlace,
        s: _Styles,
    ) -> list[Flowable]:
        """A term's block. Its heading stays with its definition (and picture); the block
        may break between facts and between questions, never inside one, and a
        label never ends a page."""
        o = self.options
        head: list[Flowable] = [
            Bookmark(term.term, 1),
            Marker(self.state, continuing=term.term),
        ]
        if term.reading:  # how it is read, above the term as ruby sits above a word
            head.append(self.text(term.reading, s.reading, term))
        head.append(self.text(term.term, s.heading, term))
        if term.also:
            head.append(
                self.text(self.words("also_called", names=", ".join(term.also)), s.also, term)
            )
        head.append(self.text(term.definition, s.definition, term))
        if term.image is not None:
            head.append(self.image(term, s))
        units: list[list[Flowable]] = []  # each fact, each question: never split
        facts = [self.text(f, s.fact, term, bullet=f"{i}.") for i, f in enumerate(term.facts, 1)]
        if facts:
            units += [
                [self.text(self.words("facts"), s.label), facts[0]],
                *([f] for f in facts[1:]),
            ]
        asked = [
            self.question(term, number, question, answers, s) for number, question in questions
        ]
        if asked:
            units += [[self.text(self.words("questions"), s.label), *asked[0]], *asked[1:]]
        end: list[Flowable] = [
            Marker(self.state, continuing=None),
            Spacer(1, o.gap / 2),
            HRFlowable(
                width="100%",
                thickness=0.5,
                color=HexColor(palette.HAIRLINE),
                spaceBefore=0,
                spaceAfter=o.gap / 2,
            ),
        ]
        if not units:
            return [KeepTogether([*head, *end])]
        units[0] = [*head, *units[0]]  # the heading travels with the first fact or question
        units[-1] = [*units[-1], *end]
        return [KeepTogether(unit) for unit in units]

    def question(
        self, term: Term, number: int, question: Question, answers: AnswerPlace, s: _Styles
    ) -> list[Flowable]:
        parts: list[Flowable] = [
            self.text(
                question.prompt, s.question, term, bullet=self.words("question_number", n=number)
            )
        ]
        for letter, choice in zip(LETTERS, shown_choices(question), strict=False):
            parts.append(self.text(choice, s.choice, term, bullet=f"{letter}."))
        if answers == "inline":
            parts.append(
                self.text(_answer_text(question), s.answer, term, bullet=self.words("answer"))
            )
        elif answers == "none" and not question.is_choice and self.options.answer_lines:
            parts.append(
                WriteLines(
                    self.options.answer_lines,
                    self.options.line_gap,
                    s.question.indent,
                    palette.LIGHT_RULE,
                )
            )
        return parts

    def answer_pages(
        self, collected: list[tuple[Deck, Term, list[tuple[int, Question]]]], decks: list[Deck]
    ) -> list[Flowable]:
        first = collected[0][0]
        s = _Styles(self.layout, self.options, first.language, self.words)
        story: list[Flowable] = [
            # on the page the questions end on, if a third of it is free (a page of one
            # review question, then the answers on the next, wasted most of a sheet)
            CondPageBreak(self.layout.frame[3] * ANSWERS_ROOM),
            NextPageMarker(
                self.state,
                header_left=decks[0].title if len(decks) == 1 else self.words("answers"),
                # a packet's pages all name the student
                header_right=self.student or self.words("answers"),
            ),
            Spacer(1, s.base.size * 1.5),
            Bookmark(self.words("answers"), 0),
            self.text(self.words("answers"), s.deck_heading),
        ]
        for deck, term, numbered in collected:
            s = _Styles(self.layout, self.options, deck.language, self.words)
            group: list[Flowable] = [
                self.text(term.term, _with(s.label, space_before=s.base.size * 0.4), term)
            ]
            for number, question in numbered:
                group.append(
                    self.text(
                        _answer_text(question),
                        s.answer_end,
                        term,
                        bullet=self.words("question_number", n=number),
                    )
                )
            story.append(KeepTogether(group))
        return story

    def vocabulary(self, deck: Deck, s: _Styles) -> Flowable:
        """A vocabulary deck's words in one table: the word (and its other names), its
        meaning and any short notes; rows shaded in turn so the eye keeps the line.
        Its rows are made as the pages need them (a language list can be long)."""
        _, _, width, _ = self.layout.frame
        pad = s.base.size * 0.5
        widest = max(width_of(term.term, s.cell_term) for term in deck.terms)
        first = min(max(widest + 3 * pad, width * 0.25), width * 0.45)
        header: list[Row] = [
            [
                self.text(self.words("term"), s.cell_head),
                self.text(self.words("definition"), s.cell_head),
            ]
        ]
        make = partial(self.vocabulary_table, widths=(first, width - first), pad=pad)
        return StreamedTable(header, self.vocabulary_rows(deck, s), make)

    def vocabulary_rows(self, deck: Deck, s: _Styles) -> Iterator[Row]:
        notes = _with(s.cell_also, italic=False)
        for term in deck.terms:
            name = [(term.reading, s.cell_reading)] if term.reading else []
            name.append((term.term, s.cell_term))
            if term.also:
                name.append((", ".join(term.also), s.cell_also))
            meaning = [(term.definition, s.body), *((fact, notes) for fact in term.facts)]
            cells = [lines(name, s.cell_term), lines(meaning, s.body)]
            for cell in cells:
                self._note_missing(cell, term)
            yield [bookmarked(cells[0].flowable, term.term, 1), cells[1].flowable]

    def vocabulary_table(
        self, rows: Sequence[Row], widths: tuple[float, float], pad: float
    ) -> Table:
        return page_table(
            rows,
            widths,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.8),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor(self.options.tint)),
                (
                    "ROWBACKGROUNDS",
                    (0, 1),
                    (-1, -1),
                    [HexColor("#FFFFFF"), HexColor(palette.ZEBRA)],
                ),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor(palette.HAIRLINE)),
            ],
            self.words.rtl,
            repeatRows=1,
            splitByRow=1,
            hAlign="LEFT",
        )

    def image(self, term: Term, s: _Styles) -> Flowable:
        _, width, height = open_image(term)
        _, _, frame_width, _ = self.layout.frame
        scale = min(frame_width * 0.6 / width, self.options.image_height / height)
        picture = Image(str(term.image), width * scale, height * scale)
        picture.hAlign = "CENTER"
        return picture

    # -- glossary ------------------------------------------------------------

    def glossary(self, decks: list[Deck]) -> Iterator[Flowable]:
        x, _, width, height = self.layout.frame
        page_width = self.layout.page_size[0]
        fold = page_width / 2
        left_width = fold - x
        right_width = x + width - fold
        self.state.extra["fold_x"] = fold
        for index, deck in enumerate(decks):
            s = _Styles(self.layout, self.options, deck.language, self.words)
            yield from self.deck_opening(index, deck)
            # not kept with the table: that would measure the whole table twice
            title = self.text(deck.title, _with(s.deck_heading, keep_with_next=False), deck)
            yield title
            pad = s.base.size * 0.5
            header: list[Row] = [
                [
                    self.text(self.words("term"), s.cell_head),
                    self.text(self.words("definition"), s.cell_head),
                ]
            ]
            widths = (left_width, right_width)
            rows = self.glossary_rows(deck, s, right_width - 2 * pad, height * 0.8)
            room = height - title.wrap(width, height)[1] - title.getSpaceAfter()
            make = partial(self.glossary_table, widths=widths, pad=pad)
            table = StreamedTable(header, rows, make)
            made = table.fill(width, room * TIGHTEN)  # the rows of about a page are made
            if table.done:  # the whole deck is that short: tighten it onto one sheet?
                whole, total = [*header, *table.made], made._height
                if room < total <= room * TIGHTEN:  # a few rows over: tighten to fit the sheet
                    tighter = max(pad * 0.25, pad - (total - room) / (2 * len(whole)) - 0.5)
                    yield self.glossary_table(whole, widths, pad, tighter)
                    continue
            yield table

    def glossary_rows(
        self, deck: Deck, s: _Styles, definition_width: float, max_row: float
    ) -> Iterator[Row]:
        """The glossary's rows, one a term, made as the table needs them."""
        for term in deck.terms:
            parts = [(term.reading, s.cell_reading)] if term.reading else []
            parts.append((term.term, s.cell_term))
            if term.also:
                parts.append((", ".join(term.also), s.cell_also))
            name = lines(parts, s.cell_term)
            self._note_missing(name, term)
            yield [
                bookmarked(name.flowable, term.term, 1),
                self.definition_cell(term, s, definition_width, max_row),
            ]

    def glossary_table(
        self,
        rows: Sequence[Row],
        widths: tuple[float, float],
        pad: float,
        vpad: float | None = None,
    ) -> Table:
        """The term | definition table; ``vpad``: the space above and below a row's text
        (tightened to fit a sheet), ``pad`` that beside the fold line."""
        vpad = pad if vpad is None else vpad
        return page_table(
            rows,
            widths,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), pad * 1.5),
                ("LEFTPADDING", (1, 0), (1, -1), pad * 1.5),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), vpad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), vpad),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor(self.options.tint)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor(palette.HAIRLINE)),
                ("LINEAFTER", (0, 0), (0, -1), 0.8, HexColor(self.options.rule), None, (4, 3)),
            ],
            self.words.rtl,
            repeatRows=1,
            splitByRow=1,
            splitInRow=0,
            hAlign="LEFT",
        )

    def definition_cell(self, term: Term, s: _Styles, width: float, max_height: float) -> Flowable:
        """The definition, shrunk if (and only if) its row would not fit on one page."""
        text = term.definition
        estimate = len(text) * 0.55 * s.body.size / max(width, 1) * s.body.size * s.body.leading
        if estimate < max_height * 0.5:
            return self.text(text, s.body, term)
        result = fit(text, s.body, width, max_height, self.layout.fonts.min)
        if not result.fits:
            raise DeckError(
                [
                    Problem(
                        term.pos,
                        f"term '{term.term}': the definition is too long for one page of the "
                        "glossary even at the smallest size; shorten it or use --style guide",
                    )
                ]
            )
        return result.flowable


#: A deck whose meanings are all at most this long (and has no pictures) is a
#: vocabulary deck: its guide is one table.
SHORT_DEFINITION = 80


def is_vocabulary(deck: Deck) -> bool:
    """Short words, short meanings, at most a few short notes, no pictures: a row each
    is enough (a row never runs onto a second page)."""
    return all(
        len(plain(term.definition)) <= SHORT_DEFINITION
        and len(plain(term.term)) <= SHORT_DEFINITION
        and len(term.facts) <= 3
        and all(len(plain(fact)) <= 2 * SHORT_DEFINITION for fact in term.facts)
        and term.image is None
        for term in deck.terms
    )


#: A glossary up to this much taller than its first sheet is tightened to fit it.
TIGHTEN = 1.15


def _subline(deck: Deck) -> str:
    return " · ".join(x for x in (deck.subject, deck.unit) if x)


def shown_choices(question: Question) -> tuple[str, ...]:
    """The choices in the order a guide prints them: shuffled (authors tend to type the
    right one first), the same way on every run; as written with ``shuffle: false``."""
    if not question.shuffle:
        return question.choices
    order = list(question.choices)
    random.Random(zlib.crc32(question.prompt.encode())).shuffle(order)
    return tuple(order)


def _answer_text(question: Question) -> str:
    if question.is_choice:
        letter = LETTERS[shown_choices(question).index(question.answer)]
        return f"{letter}. {question.answer}"
    return question.answer


def _fold_marks(canvas: Canvas, doc: Document) -> None:
    """A "fold here" label above the fold line and a dashed tail below it, each page."""
    fold = doc.state.extra.get("fold_x")
    if fold is None:
        return
    _, y, _, frame_height = doc.layout.frame
    style = TextStyle(
        size=doc.layout.fonts.small,
        family=doc.layout.fonts.family,
        color=palette.MUTED,
        align="center",
        direction=doc.words.direction,
    )
    canvas.saveState()
    canvas.setStrokeColor(HexColor(palette.MUTED))
    canvas.setLineWidth(0.8)
    canvas.setDash(4, 3)
    top = y + frame_height
    label = _fold_label(style, doc.words("fold_here"))
    # above the table only where the label clears the running header's rule
    above = top + mm(1.5) + label.height < doc.header_rule_y - 1
    canvas.line(fold, top, fold, top + mm(1.5))
    canvas.line(fold, y, fold, y - mm(2))
    canvas.restoreState()
    if above:
        label.drawOn(canvas, fold - FOLD_LABEL / 2, top + mm(1.5))
    label.drawOn(canvas, fold - FOLD_LABEL / 2, y - mm(2) - label.height - 1)


#: The width the "fold here" label is centred in (room for the longer languages).
FOLD_LABEL = 160.0


@lru_cache(maxsize=8)
def _fold_label(style: TextStyle, text: str) -> Flowable:
    label = paragraph(text, style).flowable
    label.wrap(FOLD_LABEL, 50)
    return label


def build_sheet(
    decks: list[Deck],
    out: Path,
    *,
    style: SheetStyle = "guide",
    answers: AnswerPlace = "inline",
    layout: Layout,
    student: str | None = None,
    period: str = "",
    words: Words | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SheetResult:
    """Write a study sheet for ``decks`` to ``out`` (the caller makes it atomic).

    ``student`` (a packet's owner) takes the right of the running header.
    """
    options = layout.sheet
    first = decks[0]
    state = PageState(
        header_left=first.title, header_right=student or _subline(first), owner=student or ""
    )
    words = words or load_words()
    builder = _Builder(layout, options, state, words, student, period, progress)
    story = builder.guide(decks, answers) if style == "guide" else builder.glossary(decks)
    title = first.title if len(decks) == 1 else " / ".join(d.title for d in decks)
    meta = PdfMeta(
        title=title if style == "guide" else words("glossary_title", title=title),
        subject=" · ".join(x for x in (first.subject, first.unit) if x) or words("study_sheet"),
        keywords=tuple(sorted({tag for d in decks for t in d.terms for tag in t.tags})),
        language=first.language,
    )
    doc = Document(
        out, layout, meta, state, on_page=_fold_marks if style == "glossary" else None, words=words
    )
    doc.build_story(story)
    return SheetResult(pages=doc.page, warnings=builder.warnings)


__all__ = ["SheetResult", "build_sheet"]
