"""Packet manifests and class rosters: what goes into a packet, and for whom.

A manifest is YAML like a deck and gets the same ``path:line:col`` errors; a
roster is a CSV with a ``name`` column (``id`` and ``period`` optional).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from studyprint.errors import DeckError, LayoutError, Pos, Problem, UnreadableFile, gather
from studyprint.read.catalogue import check_page_language
from studyprint.read.encodings import decode
from studyprint.read.loader import ListNode, MapNode, Node, load_yaml_file
from studyprint.read.schema import Checker
from studyprint.read.textfile import read_bytes
from studyprint.safety import Allowed, outside, outside_message
from studyprint.vocab import (
    ANSWER_PLACES,
    ASKS,
    CARD_MODES,
    FLIPS,
    FRONT_SIDES,
    PAPERS,
    SECTIONS,
    AnswerPlace,
    Ask,
    CardMode,
    Flip,
    FrontSide,
    Paper,
    Section,
)

MANIFEST_KEYS = (
    "title", "school", "decks", "include", "sheet", "glossary", "cards", "quiz",
    "roster", "duplex", "layout", "paper", "page_language",
)  # fmt: skip
SHEET_KEYS = ("answers", "layout")
GLOSSARY_KEYS = ("layout",)
CARD_KEYS = ("mode", "layout", "flip", "front")
QUIZ_KEYS = (
    "count", "types", "versions", "seed", "points", "title", "layout", "ask", "allow_repeats",
    "answer_sheet", "strict",
)  # fmt: skip

T = TypeVar("T", bound=str)


@dataclass(frozen=True, slots=True)
class Student:
    name: str
    id: str = ""
    period: str = ""


@dataclass(frozen=True, slots=True)
class QuizSettings:
    count: int | None = None  # None: as many as the decks carry cleanly (up to 20)
    types: tuple[str, ...] | None = None  # None: every question type
    versions: int | None = 1  # None: a version of their own for every student
    seed: int | None = None
    points: float = 1.0
    title: str | None = None
    layout: str | None = None
    ask: Ask = "both"
    allow_repeats: bool = False
    answer_sheet: bool = False  # an answer sheet after every quiz, graded from scans
    strict: bool = False  # a changed mix of types, or fewer questions, is an error


@dataclass(frozen=True, slots=True)
class Manifest:
    path: Path
    title: str
    decks: tuple[Path, ...]
    include: tuple[Section, ...] = SECTIONS
    school: str = ""
    roster: Path | None = None
    duplex: bool = False
    layout: str | None = None  # layouts: a built-in name or a path resolved from the manifest
    paper: Paper | None = None
    page_language: str | None = None  # a built-in code or a catalogue file's path
    sheet_answers: AnswerPlace = "end"
    sheet_layout: str | None = None
    glossary_layout: str | None = None
    card_mode: CardMode | None = None
    card_layout: str | None = None
    card_flip: Flip = "long"
    card_front: FrontSide = "term"
    quiz: QuizSettings = field(default_factory=QuizSettings)
    #: folders besides their own that the files it names may come from (--allow-path)
    allow: Allowed = ()


def is_manifest(path: Path) -> bool:
    """True if the YAML file is a packet manifest (it lists ``decks:``), not a deck."""
    from studyprint.read.deck import file_kind

    return file_kind(path) == "manifest"


def load_manifest(path: Path, shown: str | None = None, allow: Allowed = ()) -> Manifest:
    """Load and check a manifest; paths in it are relative to the manifest's folder,
    and the files they name must lie in that folder or in ``allow``."""
    from studyprint.read.deck import wrong_kind

    shown = shown if shown is not None else str(path)
    mistaken = wrong_kind(path, "manifest")
    if mistaken is not None:
        raise DeckError([mistaken])
    try:
        root = load_yaml_file(path, shown)
    except UnreadableFile as exc:
        raise DeckError(exc.problems) from None
    check = Checker(shown)
    top = check.mapping(root, "a packet manifest", MANIFEST_KEYS)
    if top is None:
        raise DeckError(check.sorted_problems())
    folder = path.parent
    title = check.text(check.required(top, "title", "the manifest"), "title", required=True)
    decks = _paths(check, check.required(top, "decks", "the manifest"), "decks", folder, allow)
    include = _include(check, top.get("include"))
    roster_name = check.text(top.get("roster"), "roster")
    roster = None
    if roster_name and top.get("roster") is not None:
        roster = folder / roster_name
        where = top.entries["roster"][1].pos
        if not roster.is_file():
            check.error(where, f"roster file '{roster_name}' not found")
        elif outside(folder, roster, allow):
            check.error(where, f"'{roster_name}': {outside_message('roster', folder, roster)}")
    duplex = _bool(check, top.get("duplex"), "duplex")
    paper = check.choice(top.get("paper"), "paper", PAPERS)
    sheet = check.mapping(top.get("sheet"), "sheet", SHEET_KEYS)
    glossary = check.mapping(top.get("glossary"), "glossary", GLOSSARY_KEYS)
    cards = check.mapping(top.get("cards"), "cards", CARD_KEYS)
    quiz_node = check.mapping(top.get("quiz"), "quiz", QUIZ_KEYS)
    manifest = Manifest(
        path=path,
        title=title or "",
        decks=tuple(decks),
        include=include,
        school=check.text(top.get("school"), "school") or "",
        roster=roster,
        duplex=duplex,
        layout=_layout(check, top, folder, allow),
        paper=paper,  # type: ignore[arg-type]  # checked against the tuple
        page_language=check_page_language(check, top.get("page_language"), folder, allow),
        sheet_answers=_choice(check, sheet, "answers", ANSWER_PLACES) or "end",
        sheet_layout=_layout(check, sheet, folder, allow),
        glossary_layout=_layout(check, glossary, folder, allow),
        card_mode=_choice(check, cards, "mode", CARD_MODES),
        card_layout=_layout(check, cards, folder, allow),
        card_flip=_choice(check, cards, "flip", FLIPS) or "long",
        card_front=_choice(check, cards, "front", FRONT_SIDES) or "term",
        quiz=_quiz(check, quiz_node, folder, allow),
        allow=allow,
    )
    if manifest.card_mode == "manual" and "cards" in manifest.include:
        node = cards.get("mode") if cards else None
        check.error(
            node.pos if node else top.pos,
            "cards in a packet print on one side or duplex: "
            "use mode fold, fold-horizontal or duplex",
        )
    if check.failed:
        raise DeckError(check.sorted_problems())
    return manifest


def load_manifests(paths: list[Path], allow: Allowed = ()) -> tuple[list[Manifest], list[Problem]]:
    """Every manifest that loads, and every problem of those that do not."""
    return gather(paths, lambda path: load_manifest(path, allow=allow))


def _paths(check: Checker, node: Node | None, key: str, folder: Path, allow: Allowed) -> list[Path]:
    names = check.text_list(node, key)
    if names is None or node is None:
        return []
    if not names:
        check.error(node.pos, f"'{key}' is empty; list at least one deck file")
    result = []
    items = node.items if isinstance(node, ListNode) else []
    for name, item in zip(names, items, strict=False):
        path = folder / name
        if not path.is_file():
            check.error(
                item.pos, f"deck file '{name}' not found (paths are relative to the manifest)"
            )
        elif outside(folder, path, allow):
            check.error(item.pos, f"'{name}': {outside_message('deck', folder, path)}")
        result.append(path)
    return result


def _choice(check: Checker, block: MapNode | None, key: str, options: tuple[T, ...]) -> T | None:
    """``block[key]`` if it is one of ``options`` (a vocabulary tuple)."""
    if block is None:
        return None
    value = check.choice(block.get(key), key, options)
    return next((o for o in options if o == value), None)


def _layout(check: Checker, block: MapNode | None, folder: Path, allow: Allowed) -> str | None:
    """A layout named in a manifest, checked now (a path is relative to the manifest).

    Its problems join the manifest's, so ``check`` and ``packet`` report a
    broken layout before anything is printed.
    """
    from studyprint.read.layout import builtin_layouts, load_layout

    node = block.get("layout") if block is not None else None
    spec = check.text(node, "layout")
    if spec is None or node is None:
        return None
    if spec not in builtin_layouts() or spec.endswith(".yaml"):
        spec = str(folder / spec)
        if not Path(spec).is_file():
            check.error(node.pos, f"layout file '{check.text(node, 'layout')}' not found "
                        "(paths are relative to the manifest)")  # fmt: skip
            return None
        if outside(folder, Path(spec), allow):
            check.error(node.pos, f"'{check.text(node, 'layout')}': "
                        f"{outside_message('layout', folder, Path(spec))}")  # fmt: skip
            return None
    try:
        load_layout(spec, allow=allow)
    except LayoutError as exc:
        check.problems += exc.problems
    return spec


def _include(check: Checker, node: Node | None) -> tuple[Section, ...]:
    if node is None:
        return SECTIONS
    names = check.text_list(node, "include") or []
    items = node.items if isinstance(node, ListNode) else []
    for name, item in zip(names, items, strict=False):
        if name not in SECTIONS:
            check.error(item.pos, f"'{name}' is not a section; use {', '.join(SECTIONS)}")
    if isinstance(node, ListNode) and not names:
        check.error(node.pos, "'include' is empty; list the sections to print")
    return tuple(s for n in names for s in SECTIONS if s == n)


def _bool(check: Checker, node: Node | None, key: str) -> bool:
    return bool(check.boolean(node, key))


def _quiz(check: Checker, node: MapNode | None, folder: Path, allow: Allowed) -> QuizSettings:
    default = QuizSettings()
    if node is None:
        return default
    count = check.number(node.get("count"), "count", minimum=1, maximum=500)
    versions_node = node.get("versions")
    versions: int | None = default.versions
    if versions_node is not None:
        text = check.text(versions_node, "versions")
        if text == "per-student":
            versions = None
        else:
            number = check.number(versions_node, "versions", minimum=1, maximum=99)
            versions = int(number) if number is not None else default.versions
    types = check.text_list(node.get("types"), "types")
    types_node = node.get("types")
    from studyprint.products.quiz.types import type_names

    allowed = type_names()
    if types and isinstance(types_node, ListNode):
        for name, item in zip(types, types_node.items, strict=False):
            if name not in allowed:
                check.error(item.pos, f"'{name}' is not a question type; use {', '.join(allowed)}")
    seed = check.number(node.get("seed"), "seed", minimum=0)
    points = check.number(node.get("points"), "points", minimum=0.25, maximum=100)
    return QuizSettings(
        count=int(count) if count is not None else default.count,
        types=tuple(t for t in types if t in allowed) if types else default.types,
        versions=versions,
        seed=int(seed) if seed is not None else None,
        points=points if points is not None else default.points,
        title=check.text(node.get("title"), "title"),
        layout=_layout(check, node, folder, allow),
        ask=_choice(check, node, "ask", ASKS) or default.ask,
        allow_repeats=_bool(check, node.get("allow_repeats"), "allow_repeats"),
        answer_sheet=_bool(check, node.get("answer_sheet"), "answer_sheet"),
        strict=_bool(check, node.get("strict"), "strict"),
    )


def _row_lines(data: str) -> list[int]:
    """The line each data row starts on (rows may hold quoted line breaks)."""
    reader = csv.reader(io.StringIO(data))
    starts, line = [], 1
    try:
        next(reader)
        line = reader.line_num + 1
        for row in reader:
            if row:  # DictReader skips blank lines: so do its line numbers
                starts.append(line)
            line = reader.line_num + 1
    except (StopIteration, csv.Error):
        pass
    return starts


def load_roster(path: Path, shown: str | None = None) -> list[Student]:
    """Students from a CSV with a ``name`` column; problems as ``path:line: message``."""
    shown = shown if shown is not None else str(path)
    try:
        raw = read_bytes(path, shown)
    except UnreadableFile as exc:
        raise DeckError(exc.problems) from None
    text, _ = decode(raw, shown)  # a roster saved by Excel is Windows-1252: fine too
    data = text
    reader = csv.DictReader(io.StringIO(data))
    try:
        rows = list(reader)
    except csv.Error:  # a field past the reader's limit: a quote left open
        raise DeckError(
            [
                Problem(
                    Pos(shown, reader.line_num or 1, 1),
                    "a field runs on too long here; close the quote that opens it",
                )
            ]
        ) from None
    fields = {(f or "").strip().casefold(): f for f in reader.fieldnames or []}
    if "name" not in fields:
        raise DeckError(
            [Problem(Pos(shown, 1, 1), "roster needs a 'name' column in its first row")]
        )
    students: list[Student] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    width = len(reader.fieldnames or [])
    lines = _row_lines(data)
    for index, row in enumerate(rows):
        line = lines[index] if index < len(lines) else index + 2
        extra = row.get(None)  # DictReader's overflow
        missing = [key for key, value in row.items() if key is not None and value is None]
        if extra or missing:
            found = width + len(extra or []) - len(missing)
            fix = (
                'a name with a comma in it must be in double quotes: "O\'Brien, Sean"'
                if extra
                else "add the missing commas (an empty field is fine: Ada Lovelace,,2)"
            )
            if any("\n" in (value or "") for value in row.values() if isinstance(value, str)):
                fix = "a quote opened on this row is never closed, so it swallows the rows after it"
            problems.append(
                Problem(
                    Pos(shown, line, 1),
                    f"this row has {found} fields but the header has {width}; {fix}",
                )
            )
            continue
        name = (row.get(fields["name"]) or "").strip()
        student_id = (row.get(fields["id"]) or "").strip() if "id" in fields else ""
        if not name:
            problems.append(
                Problem(Pos(shown, line, 1), "a student with no name; fill it in or delete the row")
            )
            continue
        key = (name.casefold(), student_id)
        if key in seen:
            problems.append(
                Problem(
                    Pos(shown, line, 1),
                    f"'{name}' is listed twice (also line {seen[key]}); "
                    "give them different ids to tell them apart",
                )
            )
            continue
        seen[key] = line
        period = (row.get(fields["period"]) or "").strip() if "period" in fields else ""
        students.append(Student(name, student_id, period))
    if problems:
        raise DeckError(problems)
    if not students:
        raise DeckError([Problem(Pos(shown, 1, 1), "roster lists no students")])
    return students
