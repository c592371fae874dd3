"""Issue 33, find the page anywhere a phone or copier puts it: sheets photographed on
dark and wooden desks, tilted up to 25°, shadowed, with a dark copier border, a toner
streak or a curled edge are read; a picture missing a corner is refused with that
reason; and no row is ever read wrong without a flag (``tests/photoharness.py``).

The default run takes 24 sheets (and 12 clean ones); ``pytest --slow`` takes 300
(and 100)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("cv2")
pytest.importorskip("zxingcpp")

from tests.photoharness import trial
from tests.test_answer_sheets import sheet_pages
from tests.test_grading import quiz  # noqa: F401  (the fixture)

QUICK, SLOW = 24, 300


def test_pages_are_found_on_any_desk_and_refused_without_a_corner(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    request: pytest.FixtureRequest,
) -> None:
    folder, plan = quiz
    pages = sheet_pages(folder / "quiz.pdf")
    count = SLOW if request.config.getoption("--slow") else QUICK
    outcomes = [trial(folder, plan, pages, n) for n in range(count)]
    whole = [o for o in outcomes if o.whole]
    cut = [o for o in outcomes if not o.whole]
    assert whole and cut  # the harness makes both
    found = [o for o in whole if o.read]
    missed = [(o.shot, o.why) for o in whole if not o.read]
    assert len(found) >= 0.98 * len(whole), missed
    for o in cut:
        assert not o.read, ("a page missing a corner was graded", o.shot)
        assert "corner marker is out of the picture" in o.why or "not found" in o.why, o.why
    wrong = [(o.shot, o.wrong) for o in found if o.wrong]
    assert wrong == []  # a row read differently from what was drawn is always flagged
    desks = {o.shot.desk for o in found}
    assert len(desks) >= 3  # on light, dark, wooden and black desks alike


def test_flags_are_rare_on_clean_sheets_photographed_badly(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    request: pytest.FixtureRequest,
) -> None:
    """Flags must keep their meaning: sheets filled as asked (filled, in haste, or left
    blank), shot on any desk, tilted, shadowed, streaked or curled, carry a flag on at
    most 2 % of their rows, and no row is read wrong."""
    folder, plan = quiz
    pages = sheet_pages(folder / "quiz.pdf")
    count = 100 if request.config.getoption("--slow") else 12
    outcomes = [trial(folder, plan, pages, n, clean=True) for n in range(count)]
    assert all(o.read for o in outcomes), [(o.shot, o.why) for o in outcomes if not o.read]
    assert [o.wrong for o in outcomes if o.wrong] == []
    rows = sum(o.rows for o in outcomes)
    flagged = sum(o.flagged for o in outcomes)
    assert rows >= 10 * count and flagged <= 0.02 * rows, (flagged, rows)
