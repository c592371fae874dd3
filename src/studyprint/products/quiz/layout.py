"""Printed quizzes and their answer keys, laid out from arranged versions.

The page (header, sections, key grid) is here; what each question looks like
comes from its question type, through the :class:`Kit` this module hands it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, Spacer

from studyprint import palette
from studyprint.errors import Problem
from studyprint.page.document import (
    Bookmark,
    Document,
    Marker,
    PageState,
    PdfMeta,
    SheetBreak,
    WriteLines,
    body_style,
    fields_table,
)
from studyprint.page.tables import page_table
from studyprint.products.answers.geometry import Sheet
from studyprint.products.quiz.generate import Version
from studyprint.products.quiz.types.base import Block, escape_markers, letter
from studyprint.read.catalogue import load_words
from studyprint.read.layout import Layout, QuizOptions
from studyprint.text.setter import TextStyle, paragraph, widest_word, width_of
from studyprint.units import mm
from studyprint.vocab import KeyPlace
from studyprint.words import Words

#: Where the answer key goes: a file of its own, after the quizzes, nowhere, or
#: alone (a packet's teacher copy).
KeyPlacement = KeyPlace | Literal["only"]


@dataclass(frozen=True, slots=True)
class QuizInfo:
    """What the printed quiz says about itself."""

    title: str
    subtitle: str
    seed: int
    points: float = 1.0
    language: str | None = None
    student: str | None = None  # packets print the student's name in the header
    period: str = ""  # and their class period from the roster
    student_id: str = ""  # and their number, pre-filled on an answer sheet


@dataclass(slots=True)
class QuizResult:
    pages: int
    key_pages: int = 0
    warnings: list[Problem] = field(default_factory=list)


def _points(value: float) -> str:
    return f"{value:g}"


class _Styles:
    def __init__(self, layout: Layout, language: str | None, words: Words) -> None:
        f = layout.fonts
        base = body_style(layout, language, words)
        self.base = base
        self.title = replace(base, size=f.heading * 1.2, bold=True, leading=1.15, space_after=2)
        self.subtitle = replace(base, size=max(f.small, f.body * 0.85), color=palette.SOFT_INK)
        self.section = replace(
            base, size=f.body * 1.1, bold=True, space_before=f.body * 1.1, keep_with_next=True
        )
        self.instructions = replace(
            base,
            italic=True,
            size=max(f.small, f.body * 0.9),
            space_after=f.body * 0.4,
            keep_with_next=True,
        )
        self.question = replace(base, indent=f.body * 2.4, space_before=f.body * 0.5)
        self.option = replace(base, indent=f.body * 4.1, bullet_indent=f.body * 2.4)
        self.field = replace(base, size=max(f.small, f.body * 0.9))
        self.cell = base
        self.key_heading = replace(base, size=f.heading, bold=True, space_after=f.body * 0.5)
        self.key_cell = replace(base, size=max(f.small, f.body * 0.9))
        self.key_answer = replace(base, indent=f.body * 2.4, space_after=f.body * 0.25)


def _header(
    info: QuizInfo, version: Version, total: float, s: _Styles, width: float, w: Words
) -> list[Flowable]:
    title = paragraph(info.title, s.title).flowable
    sub = " · ".join(
        x
        for x in (
            info.subtitle,
            w("version", letter=version.letter),
            w("quiz_code", code=version.code),
        )
        if x
    )
    fields = fields_table(
        [
            ((w("name"), info.student or ""), (w("date"), "")),
            ((w("period"), info.period), (w("score"), f"/ {_points(total)}")),
        ],
        s.field,
        width,
        s.base.size * 2.2,
    )
    return [title, paragraph(sub, s.subtitle).flowable, Spacer(1, s.base.size * 0.6), fields]


class Kit:
    """How question types print on this page (see ``types.base.PrintKit``)."""

    def __init__(
        self, s: _Styles, options: QuizOptions, width: float, height: float, words: Words
    ) -> None:
        self.s = s
        self.words = words
        self.width = width
        #: the most a block may take and still share a page with its part's heading
        self.room = height - 4 * s.base.size * s.base.leading
        self.answer_lines = options.answer_lines
        self.line_gap = max(mm(8), s.base.size * 2)

    def stem(self, text: str, number: int) -> Block:
        return paragraph(text, self.s.question, bullet=f"{number}.").flowable

    def option(self, text: str, letter: str) -> Block:
        return paragraph(text, self.s.option, bullet=f"{letter}.").flowable

    def choice_line(self, text: str) -> Block:
        return paragraph(text, replace(self.s.option, bold=True)).flowable

    def write_lines(self, count: int) -> Block:
        return WriteLines(count, self.line_gap, self.s.question.indent, palette.WRITE_LINE)

    def matching(self, first: int, terms: Sequence[str], options: Sequence[str]) -> Block:
        """Terms with answer blanks at the start side, lettered definitions across a
        gutter (so a term aligned to its column's end never meets a definition)."""
        s, width = self.s, self.width
        gutter = s.base.size * 1.2
        left_style = replace(s.cell, indent=s.base.size * 5.2)
        right_style = replace(s.cell, indent=s.base.size * 1.8)
        rows: list[list[Flowable | str]] = []
        for i in range(max(len(terms), len(options))):
            left: Flowable | str = ""
            right: Flowable | str = ""
            if i < len(terms):
                left = paragraph(terms[i], left_style, bullet=f"____ {first + i}.").flowable
            if i < len(options):
                right = paragraph(options[i], right_style, bullet=f"{letter(i)}.").flowable
            rows.append([left, right])
        # the term column is as wide as its longest word needs (a term never breaks)
        need = left_style.indent + widest_word(terms, left_style) + gutter + 2
        first_width = min(max(width * 0.38, need), width * 0.55)
        below = s.base.size * 0.45
        table = page_table(
            rows,
            [first_width, width - first_width],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), gutter),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), below),
            ],
            self.words.rtl,
        )
        if table.wrap(width, 1e9)[1] <= self.room:
            return table
        return self._stacked(first, terms, options, left_style, right_style, below)

    def _stacked(
        self,
        first: int,
        terms: Sequence[str],
        options: Sequence[str],
        term_style: TextStyle,
        option_style: TextStyle,
        below: float,
    ) -> Block:
        """Matching too tall for a page side by side (long definitions in large print):
        the lettered definitions across the whole width, then the terms with their
        blanks two to a row, so the block still fits one page."""
        width = self.width
        rows: list[list[Flowable | str]] = [
            [paragraph(option, option_style, bullet=f"{letter(i)}.").flowable, ""]
            for i, option in enumerate(options)
        ]
        rule = len(rows)
        for i in range(0, len(terms), 2):
            pair: list[Flowable | str] = [
                paragraph(term, term_style, bullet=f"____ {first + i + j}.").flowable
                for j, term in enumerate(terms[i : i + 2])
            ]
            rows.append(pair + [""] * (2 - len(pair)))
        return page_table(
            rows,
            [width / 2, width / 2],
            [
                *(("SPAN", (0, r), (1, r)) for r in range(rule)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), self.s.base.size * 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), below),
                ("TOPPADDING", (0, rule), (-1, rule), self.s.base.size * 0.8),
            ],
            self.words.rtl,
        )


def _opening(
    doc: Document,
    state: PageState,
    info: QuizInfo,
    section: str,
    title: str,
    footer: str,
    footer_note: str,
    bookmark: str | None = None,
) -> list[Flowable]:
    """A new sheet, its running header and footer, and its bookmark."""
    return [
        SheetBreak(doc),
        Marker(
            state,
            section=section,
            footer_left=f"{footer} · {footer_note}",
            header_left=title,
            header_right=info.student or info.subtitle,
        ),
        Bookmark(bookmark or footer, 0),
    ]


def _version_story(
    version: Version,
    info: QuizInfo,
    s: _Styles,
    layout: Layout,
    options: QuizOptions,
    state: PageState,
    doc: Document,
) -> list[Flowable]:
    _, _, width, _ = layout.frame
    w = doc.words
    total = sum(q.size for q in version.questions) * info.points
    story: list[Flowable] = [
        *_opening(
            doc,
            state,
            info,
            f"quiz-{version.letter}",
            info.title,
            w("version", letter=version.letter),
            # never the seed: with it and the deck, the key rebuilds
            w("quiz_code", code=version.code),
        ),
        *_header(info, version, total, s, width, w),
    ]
    kit = Kit(s, options, width, layout.frame[3], w)
    each = w("one_point" if info.points == 1 else "points", points=_points(info.points))
    for part, (kind, items) in enumerate(version.sections, 1):
        size = sum(q.size for q in items)
        title, instructions = kind.section(items, w)
        heading = w(
            "part" if size > 1 else "part_one",  # not "1 × 1 point = 1"
            part=part,
            title=title,
            count=size,
            each=each,
            total=_points(size * info.points),
        )
        # the heading and instructions travel with the section's first question
        lead: list[Flowable] = [
            paragraph(heading, s.section).flowable,
            paragraph(instructions, s.instructions).flowable,
        ]
        for q in items:
            story.append(KeepTogether([*lead, *kind.print(q, kit)]))
            lead = []
    return story


def _answer_sheets(
    version: Version, info: QuizInfo, layout: Layout, state: PageState, doc: Document
) -> list[Flowable]:
    """A version's answer sheets, each on a sheet of paper of its own (to hand in)."""
    from studyprint.products.answers.draw import SheetPage, sheet_text

    w = doc.words
    style = body_style(layout, info.language, w)
    story: list[Flowable] = []
    for sheet in answer_sheets(version, layout, w):
        text = sheet_text(w, info.title, version.letter, sheet, info.student or "", info.student_id)
        story += [SheetBreak(doc), Marker(state, blank=True), SheetPage(sheet, text, style)]
    return story


def answer_sheets(version: Version, layout: Layout, words: Words) -> list[Sheet]:
    """The sheets of one version as placed on this layout's paper (the plan file
    carries the same, for the grader)."""
    from studyprint.products.answers.geometry import plan_sheets
    from studyprint.products.answers.rows import answer_rows

    width, height = layout.page_size
    return plan_sheets(
        answer_rows(version, words),
        code=version.code,
        letter=version.letter,
        page=(width / mm(1), height / mm(1)),
        id_digits=layout.quiz.id_digits,
    )


def _key_opening(doc: Document, state: PageState, info: QuizInfo, bookmark: str) -> list[Flowable]:
    """Keys start on a new sheet, with their own running header and footer."""
    w = doc.words
    title, seed = w("key_title", title=info.title), w("seed", seed=info.seed)
    return _opening(doc, state, info, "keys", title, w("answer_keys"), seed, bookmark=bookmark)


def _keys(
    versions: list[Version],
    info: QuizInfo,
    s: _Styles,
    layout: Layout,
    options: QuizOptions,
    state: PageState,
    doc: Document,
) -> list[Flowable]:
    """One version's key as a grid; several versions' keys side by side."""
    if len(versions) == 1:
        return _key_story(versions[0], info, s, layout, options, state, doc)
    return _keys_story(versions, info, s, layout, state, doc)


def _key_story(
    version: Version,
    info: QuizInfo,
    s: _Styles,
    layout: Layout,
    options: QuizOptions,
    state: PageState,
    doc: Document,
) -> list[Flowable]:
    """One version's key: a compact grid, then the longer answers."""
    _, _, width, _ = layout.frame
    w = doc.words
    columns = options.key_columns
    story = _key_opening(doc, state, info, w("answer_key", letter=version.letter))
    code, seed = w("quiz_code", code=version.code), w("seed", seed=info.seed)
    head: list[Flowable] = [
        paragraph(w("answer_key", letter=version.letter), s.key_heading).flowable,
        paragraph(" · ".join(x for x in (info.title, code, seed) if x), s.subtitle).flowable,
        Spacer(1, s.base.size * 0.6),
    ]
    labels = [label for kind, q in version.typed for label in kind.key_labels(q, w)]
    # as many columns as fit the widest answer word, so no answer breaks in two
    widest = widest_word([f"{n}. {a}" for n, a in labels], replace(s.key_cell, bold=True))
    columns = max(1, min(columns, int(width // (widest + 14))))
    rows = []
    for start in range(0, len(labels), columns):
        chunk = labels[start : start + columns]
        rows.append(
            [paragraph(f"**{n}.** {escape_markers(a)}", s.key_cell).flowable for n, a in chunk]
            + [""] * (columns - len(chunk))
        )
    if rows:
        grid = page_table(
            rows,
            [width / columns] * columns,
            [
                ("GRID", (0, 0), (-1, -1), 0.4, HexColor(palette.HAIRLINE)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ],
            w.rtl,
        )
        head.append(grid)
    story.append(KeepTogether(head))  # a key's heading never ends a page
    details: list[Flowable] = []
    for kind, q in version.typed:
        detail = kind.key_detail(q, w)
        if detail is not None:
            details.append(paragraph(detail.text, s.key_answer, bullet=detail.bullet).flowable)
    if details:
        story.append(
            paragraph(w("long_answers"), replace(s.section, space_before=s.base.size)).flowable
        )
        story.extend(details)
    return story


#: The narrowest a version's column may be in side-by-side keys.
KEY_COLUMN = 150.0


def _keys_story(
    versions: list[Version],
    info: QuizInfo,
    s: _Styles,
    layout: Layout,
    state: PageState,
    doc: Document,
) -> list[Flowable]:
    """The keys of several versions side by side: a row per question number, a column
    per version (as many as the page is wide for), each answer with its text; then
    each longer answer once, with the numbers it has in each version."""
    _, _, width, _ = layout.frame
    w = doc.words
    story = _key_opening(doc, state, info, w("answer_keys"))
    seed = w("seed", seed=info.seed)
    head: list[Flowable] = [
        paragraph(w("answer_keys"), s.key_heading).flowable,
        paragraph(" · ".join(x for x in (info.title, seed) if x), s.subtitle).flowable,
        Spacer(1, s.base.size * 0.6),
    ]
    labels = {
        v.letter: dict(label for kind, q in v.typed for label in kind.key_labels(q, w))
        for v in versions
    }
    numbers = sorted({n for answers in labels.values() for n in answers})
    bold = replace(s.key_cell, bold=True)
    number_width = widest_word([f"{n}." for n in numbers], bold) + 12
    widest = widest_word([a for answers in labels.values() for a in answers.values()], s.key_cell)
    room = width - number_width
    per_row = max(1, min(len(versions), int(room // max(KEY_COLUMN, widest + 14))))
    for start in range(0, len(versions), per_row):
        chunk = versions[start : start + per_row]
        header: list[Flowable | str] = [""] + [
            paragraph(
                f"{w('version', letter=v.letter)} · {w('quiz_code', code=v.code)}", bold
            ).flowable
            for v in chunk
        ]
        rows: list[list[Flowable | str]] = [header]
        for n in numbers:
            row: list[Flowable | str] = [paragraph(f"**{n}.**", s.key_cell).flowable]
            for v in chunk:
                answer = labels[v.letter].get(n, "")
                row.append(paragraph(escape_markers(answer), s.key_cell).flowable if answer else "")
            rows.append(row)
        grid = page_table(
            rows,
            [number_width] + [room / per_row] * len(chunk),
            [
                ("GRID", (0, 0), (-1, -1), 0.4, HexColor(palette.HAIRLINE)),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor(palette.TINT)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ],
            w.rtl,
            repeatRows=1,
            hAlign="LEFT",
        )
        if start == 0:
            story.append(KeepTogether([*head, grid]))  # the heading never ends a page
        else:
            story += [Spacer(1, s.base.size), grid]
    story += _shared_details(versions, s, width, w)
    return story


#: Version tags ("A 8 · B 9") in one row of the long answers before the next row.
TAGS_A_ROW = 12


def _shared_details(versions: list[Version], s: _Styles, width: float, w: Words) -> list[Flowable]:
    """Each longer answer once, tagged with its number in every version ("A 8 · B 9")."""
    tags: dict[str, list[str]] = {}
    for v in versions:
        for kind, q in v.typed:
            detail = kind.key_detail(q, w)
            if detail is None or detail.bullet is None:
                continue  # no number of its own: a summary the grid already shows
            number = detail.bullet.rstrip(".")
            # a no-break space: "V 7" never splits at a line's end
            tags.setdefault(detail.text, []).append(f"{v.letter}\u00a0{number}".strip())
    if not tags:
        return []
    bold = replace(s.key_cell, bold=True)
    labels = {text: " · ".join(found[:TAGS_A_ROW]) for text, found in tags.items()}
    first = min(width * 0.4, widest_word(labels.values(), bold) * 1.0 + 12)
    first = min(width * 0.4, max(first, max(width_of(t, bold) for t in labels.values()) + 12))
    rows: list[list[Flowable | str]] = []
    ends: list[int] = []  # the last row of each answer's tags: a hairline below it
    for text, found in tags.items():
        # a class with a version per student tags an answer a thousand times: a row
        # per TAGS_A_ROW tags, so the table can break between them
        for start in range(0, len(found), TAGS_A_ROW):
            label = " · ".join(found[start : start + TAGS_A_ROW])
            cell = paragraph(text, s.key_cell).flowable if start == 0 else ""
            rows.append([paragraph(label, bold).flowable, cell])
        ends.append(len(rows) - 1)
    grouped = any(len(found) > TAGS_A_ROW for found in tags.values())

    def table(part: list[list[Flowable | str]], offset: int) -> Flowable:
        lines = [("LINEBELOW", (0, end - offset), (-1, end - offset), 0.4,
                  HexColor(palette.HAIRLINE))
                 for end in ends if grouped and offset <= end < offset + len(part)]  # fmt: skip
        return page_table(
            part,
            [first, width - first],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), s.base.size * 0.3),
                *lines,
            ],
            w.rtl,
            hAlign="LEFT",
        )

    heading = paragraph(w("long_answers"), replace(s.section, space_before=s.base.size))
    # the heading travels with the first answer only: the rest may start a new page
    story: list[Flowable] = [KeepTogether([heading.flowable, table(rows[:1], 0)])]
    return story + ([table(rows[1:], 1)] if len(rows) > 1 else [])


def build_quiz(
    versions: list[Version],
    info: QuizInfo,
    out: Path,
    key_out: Path | None,
    *,
    layout: Layout,
    key: KeyPlacement = "separate",
    words: Words | None = None,
    answer_sheets: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> QuizResult:
    """Write the quiz (all versions) and, as asked, its key: separate file, at the end, or
    none; with ``answer_sheets``, each version's answer sheets follow its questions."""
    w = words or load_words()
    s = _Styles(layout, info.language, w)
    options = layout.quiz
    meta = PdfMeta(
        title=w("quiz_title", title=info.title),
        subject=info.subtitle or w("quiz"),
        language=info.language,
    )
    state = PageState(header_left=info.title, header_right=info.student or info.subtitle)
    doc = Document(out, layout, meta, state, words=w)

    def story() -> Iterator[Flowable]:  # made a version at a time, as the pages need it
        if key != "only":  # "only": the keys alone (a packet's teacher copy)
            for done, version in enumerate(versions, 1):
                yield from _version_story(version, info, s, layout, options, state, doc)
                if answer_sheets:
                    yield from _answer_sheets(version, info, layout, state, doc)
                if progress is not None:
                    progress(done, len(versions))
        if key in ("end", "only"):
            yield from _keys(versions, info, s, layout, options, state, doc)

    doc.build_story(story())
    result = QuizResult(pages=doc.page)
    if key == "separate" and key_out is not None:
        key_state = PageState(header_left=w("key_title", title=info.title))
        key_doc = Document(
            key_out,
            layout,
            PdfMeta(
                title=w("key_file_title", title=info.title),
                subject=info.subtitle or w("quiz"),
                language=info.language,
            ),
            key_state,
            words=w,
        )
        key_doc.build_story(_keys(versions, info, s, layout, options, key_state, key_doc))
        result.key_pages = key_doc.page
    return result


__all__ = ["QuizInfo", "QuizResult", "answer_sheets", "build_quiz"]
