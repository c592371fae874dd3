"""Is this plan file one studyprint can grade with? Every field grading reads is
checked for its type and range first, so a damaged or hand-edited plan is one
message naming the place, not a crash half-way through a class set."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, NoReturn

from studyprint.errors import OptionError


def load_plan(path: Path) -> dict[str, Any]:
    """The quiz plan, checked to be one with answer sheets, every field that grading
    and reports read checked too (grade, report)."""
    from studyprint.errors import UnreadableFile
    from studyprint.read.textfile import read_bytes

    try:
        plan = json.loads(read_bytes(path, str(path)).decode("utf-8"))
    except UnreadableFile as exc:
        raise OptionError(str(exc.problems[0])) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OptionError(f"{path}: not a quiz plan (JSON) ({exc})") from None
    if not isinstance(plan, dict) or plan.get("schema") != "studyprint-quiz-plan/1":
        raise OptionError(f"{path}: not a studyprint quiz plan; give the --plan file of the quiz")
    versions = plan.get("versions")
    if not isinstance(versions, list) or not all(
        isinstance(v, dict) and v.get("answer_sheets") for v in versions
    ):
        raise OptionError(
            f"{path}: this quiz was printed without answer sheets; print it with --answer-sheet"
        )
    check_plan(plan, str(path))
    return plan


def check_plan(plan: dict[str, Any], shown: str) -> None:
    for v, version in enumerate(plan["versions"]):
        where = f"versions[{v}]"
        _text(version.get("version"), f"{where}.version", shown)
        for i, item in enumerate(_list(version.get("items"), f"{where}.items", shown)):
            at = f"{where}.items[{i}]"
            numbers = _list(item.get("numbers"), f"{at}.numbers", shown)
            options = _list(item.get("options"), f"{at}.options", shown)
            correct = _list(item.get("correct"), f"{at}.correct", shown)
            if not all(isinstance(n, int) and 0 < n < 10_000 for n in numbers):
                _fail(f"{at}.numbers", "must be question numbers", shown)
            if options and (
                len(correct) != len(numbers)
                or not all(isinstance(c, int) and 0 <= c < len(options) for c in correct)
            ):
                _fail(f"{at}.correct", "must give one right option per question", shown)
        for s, sheet in enumerate(_list(version.get("answer_sheets"), f"{where}.answer_sheets",
                                        shown)):  # fmt: skip
            _sheet(sheet, f"{where}.answer_sheets[{s}]", shown)
    points = plan.get("points_per_question", 1)
    if not _number(points, 0.25, 100):
        _fail("points_per_question", "must be a number from 0.25 to 100", shown)


def _sheet(sheet: Any, where: str, shown: str) -> None:
    if not isinstance(sheet, dict):
        _fail(where, "must be a sheet", shown)
    _text(sheet.get("code"), f"{where}.code", shown)
    page = sheet.get("page_mm")
    if not (isinstance(page, list) and len(page) == 2 and all(_number(x, 50, 2000) for x in page)):
        _fail(f"{where}.page_mm", "must be a paper's width and height in millimetres", shown)
    _points(sheet.get("markers_mm"), 4, f"{where}.markers_mm", shown)
    if not _number(sheet.get("bubble_mm"), 1, 20):
        _fail(f"{where}.bubble_mm", "must be a bubble's size in millimetres", shown)
    box = sheet.get("mark_box_mm")
    if not (isinstance(box, list) and len(box) == 2 and all(_number(x, 1, 50) for x in box)):
        _fail(f"{where}.mark_box_mm", "must be a box's width and height", shown)
    for c, column in enumerate(_list(sheet.get("student_number"), f"{where}.student_number",
                                     shown)):  # fmt: skip
        for b in _list(column, f"{where}.student_number[{c}]", shown):
            _bubble(b, "digit", f"{where}.student_number[{c}]", shown)
    for r, row in enumerate(_list(sheet.get("rows"), f"{where}.rows", shown)):
        at = f"{where}.rows[{r}]"
        if not isinstance(row, dict) or row.get("kind") not in ("choice", "mark"):
            _fail(at, "must be a row of kind choice or mark", shown)
        if not (isinstance(row.get("number"), int) and 0 < row["number"] < 10_000):
            _fail(f"{at}.number", "must be a question number", shown)
        for b in _list(row.get("bubbles"), f"{at}.bubbles", shown):
            _bubble(b, "value", f"{at}.bubbles", shown)


def _bubble(bubble: Any, key: str, where: str, shown: str) -> None:
    if not (
        isinstance(bubble, dict)
        and isinstance(bubble.get(key), str)
        and _number(bubble.get("x"), 0, 2000)
        and _number(bubble.get("y"), 0, 2000)
    ):
        _fail(where, f"must hold bubbles with '{key}', 'x' and 'y'", shown)


def _points(value: Any, count: int, where: str, shown: str) -> None:
    def point(p: Any) -> bool:
        return isinstance(p, list) and len(p) == 2 and all(_number(x, 0, 2000) for x in p)

    if not (isinstance(value, list) and len(value) == count and all(map(point, value))):
        _fail(where, f"must be {count} points in millimetres", shown)


def _number(value: Any, low: float, high: float) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and low <= value <= high
    )


def _list(value: Any, where: str, shown: str) -> list[Any]:
    if not isinstance(value, list):
        _fail(where, "must be a list", shown)
    return value


def _text(value: Any, where: str, shown: str) -> None:
    if not isinstance(value, str) or not value:
        _fail(where, "must be text", shown)


def _fail(where: str, what: str, shown: str) -> NoReturn:
    raise OptionError(
        f"{shown}: {where} {what}; this plan file was changed or damaged "
        "(print the quiz again with --plan)"
    )


__all__ = ["check_plan", "load_plan"]
