"""Printed quizzes and their answer keys, laid out from ``quizgen`` versions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from studyprint.errors import LayoutError, Problem
from studyprint.layouts import Layout
from studyprint.model import Deck
from studyprint.pdfdoc import Bookmark, Document, Marker, PageState, PdfMeta, SheetBreak
from studyprint.quizgen import LETTERS, TYPE_NAMES, Printed, QuestionType, Version
from studyprint.schema import Checker
from studyprint.sheet import WriteLines
from studyprint.text.setter import TextStyle, paragraph
from studyprint.units import mm

KeyPlace = Literal["separate", "end", "none", "only"]
KEY_PLACES: tuple[KeyPlace, ...] = ("separate", "end", "none")

INSTRUCTIONS: dict[QuestionType, str] = {
    "mc": "Circle the letter of the best answer.",
    "tf": "Circle True or False for each statement.",
    "match": "Write the letter of the matching definition on the line. "
    "Some definitions match no term.",
    "written": "Write the term that each definition describes.",
    "short": "Answer each question in a sentence or two.",
}


QUIZ_KEYS = ("answer_lines", "key_columns")


@dataclass(frozen=True, slots=True)
class QuizOptions:
    """The ``quiz:`` block of a layout."""

    answer_lines: int = 3  # ruled lines under a short-answer question
    key_columns: int = 5  # columns of the answer key's grid


def quiz_options(layout: Layout) -> QuizOptions:
    block = layout.blocks.get("quiz")
    if block is None:
        return QuizOptions()
    check = Checker(layout.source)
    check.mapping(block, "quiz", QUIZ_KEYS)
    lines = check.number(block.get("answer_lines"), "answer_lines", minimum=1, maximum=20)
    columns = check.number(block.get("key_columns"), "key_columns", minimum=1, maximum=10)
    if check.failed:
        raise LayoutError(check.sorted_problems())
    default = QuizOptions()
    return QuizOptions(
        int(lines) if lines is not None else default.answer_lines,
        int(columns) if columns is not None else default.key_columns,
    )


@dataclass(frozen=True, slots=True)
class QuizInfo:
    """What the printed quiz says about itself."""

    title: str
    subtitle: str
    seed: int
    points: float = 1.0
    language: str | None = None
    student: str | None = None  # packets print the student's name in the header


@dataclass(slots=True)
class QuizResult:
    pages: int
    key_pages: int = 0
    warnings: list[Problem] = field(default_factory=list)


def _points(value: float) -> str:
    return f"{value:g}"


class _Styles:
    def __init__(self, layout: Layout, language: str | None) -> None:
        f = layout.fonts
        base = TextStyle(size=f.body, leading=f.leading, family=f.family, language=language)
        self.base = base
        self.title = replace(base, size=f.heading * 1.2, bold=True, leading=1.15, space_after=2)
        self.subtitle = replace(base, size=max(f.small, f.body * 0.85), color="#444444")
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
    info: QuizInfo, version: Version, total: float, s: _Styles, width: float
) -> list[Flowable]:
    title = paragraph(info.title, s.title).flowable
    sub = " · ".join(
        x for x in (info.subtitle, f"Version {version.letter}", f"Seed {info.seed}") if x
    )
    name_value = paragraph(info.student, s.field).flowable if info.student else ""
    fields = Table(
        [
            [
                paragraph("Name", s.field).flowable,
                name_value,
                paragraph("Date", s.field).flowable,
                "",
            ],
            [
                paragraph("Class/Period", s.field).flowable,
                "",
                paragraph("Score", s.field).flowable,
                paragraph(f"/ {_points(total)}", replace(s.field, align="end")).flowable,
            ],
        ],
        colWidths=[width * 0.16, width * 0.44, width * 0.1, width * 0.3],
        rowHeights=[s.base.size * 2.2] * 2,
    )
    fields.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 1), 0.6, HexColor("#000000")),
                ("LINEBELOW", (3, 0), (3, 1), 0.6, HexColor("#000000")),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return [title, paragraph(sub, s.subtitle).flowable, Spacer(1, s.base.size * 0.6), fields]


def _question(q: Printed, s: _Styles, lines: int, line_gap: float, width: float) -> list[Flowable]:
    number = f"{q.number}."
    if q.kind == "mc":
        prompt = q.prompt
        if q.mode == "pick-definition":
            prompt = f"Which definition fits **{_escape_markers(q.prompt)}**?"
        parts: list[Flowable] = [paragraph(prompt, s.question, bullet=number).flowable]
        for letter, option in zip(LETTERS, q.options, strict=False):
            parts.append(paragraph(option, s.option, bullet=f"{letter}.").flowable)
        return parts
    if q.kind == "tf":
        statement = paragraph(
            f"**{_escape_markers(q.prompt)}**: {q.shown}", s.question, bullet=number
        )
        return [
            statement.flowable,
            paragraph("True   /   False", replace(s.option, bold=True)).flowable,
        ]
    if q.kind == "written":
        return [
            paragraph(q.prompt, s.question, bullet=number).flowable,
            WriteLines(1, line_gap, s.question.indent, "#777777"),
        ]
    if q.kind == "short":
        return [
            paragraph(q.prompt, s.question, bullet=number).flowable,
            WriteLines(lines, line_gap, s.question.indent, "#777777"),
        ]
    return [_match_table(q, s, width)]


def _escape_markers(text: str) -> str:
    """A term put inside our own ``**…**`` must not close it early."""
    return text.replace("\\", "\\\\").replace("*", "\\*")


def _match_table(q: Printed, s: _Styles, width: float) -> Flowable:
    """Terms with answer blanks on the left, lettered definitions on the right."""
    left_style = replace(s.cell, indent=s.base.size * 5.2)
    right_style = replace(s.cell, indent=s.base.size * 1.8)
    rows: list[list[Flowable | str]] = []
    for i in range(max(len(q.terms), len(q.options))):
        left: Flowable | str = ""
        right: Flowable | str = ""
        if i < len(q.terms):
            left = paragraph(q.terms[i], left_style, bullet=f"____ {q.number + i}.").flowable
        if i < len(q.options):
            right = paragraph(q.options[i], right_style, bullet=f"{LETTERS[i]}.").flowable
        rows.append([left, right])
    table = Table(rows, colWidths=[width * 0.38, width * 0.62])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), s.base.size * 0.45),
            ]
        )
    )
    return table


def _opening(
    doc: Document, state: PageState, info: QuizInfo, section: str, title: str, footer: str
) -> list[Flowable]:
    """A new sheet, its running header and footer, and its bookmark."""
    return [
        SheetBreak(doc),
        Marker(
            state,
            section=section,
            footer_left=f"{footer} · Seed {info.seed}",
            header_left=title,
            header_right=info.student or info.subtitle,
        ),
        Bookmark(footer, 0),
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
    total = sum(q.size for q in version.questions) * info.points
    story: list[Flowable] = [
        *_opening(
            doc, state, info, f"quiz-{version.letter}", info.title, f"Version {version.letter}"
        ),
        *_header(info, version, total, s, width),
    ]
    line_gap = max(mm(8), s.base.size * 2)
    for part, (kind, items) in enumerate(version.sections, 1):
        size = sum(q.size for q in items)
        heading = (
            f"Part {part} · {TYPE_NAMES[kind]} · {size} × {_points(info.points)} "
            f"point{'s' if info.points != 1 else ''} = {_points(size * info.points)}"
        )
        # the heading and instructions travel with the section's first question
        lead: list[Flowable] = [
            paragraph(heading, s.section).flowable,
            paragraph(INSTRUCTIONS[kind], s.instructions).flowable,
        ]
        for q in items:
            story.append(
                KeepTogether([*lead, *_question(q, s, options.answer_lines, line_gap, width)])
            )
            lead = []
    return story


def _key_story(
    version: Version,
    info: QuizInfo,
    s: _Styles,
    layout: Layout,
    options: QuizOptions,
    state: PageState,
    doc: Document,
) -> list[Flowable]:
    _, _, width, _ = layout.frame
    columns = options.key_columns
    story: list[Flowable] = [
        *_opening(
            doc,
            state,
            info,
            f"key-{version.letter}",
            f"{info.title} · answer key",
            f"Answer key · Version {version.letter}",
        ),
        paragraph(f"Answer key · Version {version.letter}", s.key_heading).flowable,
        paragraph(
            " · ".join(x for x in (info.title, f"Seed {info.seed}") if x), s.subtitle
        ).flowable,
        Spacer(1, s.base.size * 0.6),
    ]
    labels = [label for q in version.questions for label in q.key_labels()]
    rows = []
    for start in range(0, len(labels), columns):
        chunk = labels[start : start + columns]
        rows.append(
            [paragraph(f"**{n}.** {_escape_markers(a)}", s.key_cell).flowable for n, a in chunk]
            + [""] * (columns - len(chunk))
        )
    if rows:
        grid = Table(rows, colWidths=[width / columns] * columns)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#BBBBBB")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(grid)
    details: list[Flowable] = []
    for q in version.questions:
        if q.kind == "match":
            assert isinstance(q.answer, tuple)
            pairs = ", ".join(f"{q.number + i}. {LETTERS[a]}" for i, a in enumerate(q.answer))
            details.append(paragraph(f"Matching: {pairs}", s.key_answer).flowable)
        elif q.kind == "written":
            extra = [n for n in q.accepted if n != q.answer]
            text = str(q.answer) + (f" (also accepted: {', '.join(extra)})" if extra else "")
            details.append(paragraph(text, s.key_answer, bullet=f"{q.number}.").flowable)
        elif q.kind == "short":
            details.append(paragraph(str(q.answer), s.key_answer, bullet=f"{q.number}.").flowable)
    if details:
        story.append(
            paragraph(
                "Matching, written and short answers", replace(s.section, space_before=s.base.size)
            ).flowable
        )
        story.extend(details)
    return story


def build_quiz(
    versions: list[Version],
    info: QuizInfo,
    out: Path,
    key_out: Path | None,
    *,
    layout: Layout,
    key: KeyPlace = "separate",
) -> QuizResult:
    """Write the quiz (all versions) and, as asked, its key: separate file, at the end, or none."""
    s = _Styles(layout, info.language)
    options = quiz_options(layout)  # checked once, not once per version
    meta = PdfMeta(
        title=f"{info.title} — quiz", subject=info.subtitle or "Quiz", language=info.language
    )
    state = PageState(header_left=info.title, header_right=info.student or info.subtitle)
    doc = Document(out, layout, meta, state)
    story: list[Flowable] = []
    if key != "only":  # "only": the keys alone (a packet's teacher copy)
        for version in versions:
            story += _version_story(version, info, s, layout, options, state, doc)
    if key in ("end", "only"):
        for version in versions:
            story += _key_story(version, info, s, layout, options, state, doc)
    doc.build_story(story)
    result = QuizResult(pages=doc.page)
    if key == "separate" and key_out is not None:
        key_state = PageState(header_left=f"{info.title} · answer key")
        key_doc = Document(
            key_out,
            layout,
            PdfMeta(
                title=f"{info.title} — answer key",
                subject=info.subtitle or "Quiz",
                language=info.language,
            ),
            key_state,
        )
        key_story: list[Flowable] = []
        for version in versions:
            key_story += _key_story(version, info, s, layout, options, key_state, key_doc)
        key_doc.build_story(key_story)
        result.key_pages = key_doc.page
    return result


__all__ = ["KEY_PLACES", "Deck", "QuizInfo", "QuizResult", "build_quiz"]
