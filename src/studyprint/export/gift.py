"""``gift``: Moodle's GIFT text format, one ``$CATEGORY`` per version.

Every text a student reads (stems, options, matching prompts) is written as
``[html]`` with the deck's text HTML-escaped (a ``<b>`` in a definition is shown
as typed, never run as markup), then GIFT's special characters (``~ = # { } :``
and the backslash) escaped after that. What a student types or picks from a list
(a written answer, a matching answer) is plain text in Moodle, so it is only
GIFT-escaped: an answer "AT&T" must be typed "AT&T", not "AT&amp;T".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studyprint.export.matching import moodle_matching
from studyprint.export.text import to_html, to_plain, to_unicode
from studyprint.export.written import Written, whole

SUFFIX = ".gift.txt"
_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    return "".join("\\" + c if c in _SPECIAL else c for c in text).replace("\n", "\\n")


def _html(text: str) -> str:
    """Text a student reads: HTML (markup kept, everything else escaped), then GIFT."""
    return "[html]" + escape(to_html(text))


def _plain(text: str, where: str, notes: list[str]) -> str:
    """Text a student types or picks: plain, its sub- and superscripts as Unicode where
    Unicode has them; what plain text loses is noted."""
    shown, lost = to_unicode(text)
    if lost:
        notes.append(f"{where}: {to_plain(text)!r} loses its bold, italics or raised text")
    return escape(shown.replace("\n", " "))


def write(plan: dict[str, Any], out: Path) -> Written:
    lines: list[str] = []
    notes: list[str] = []
    points = plan["points_per_question"]
    for version in plan["versions"]:
        lines += [f"$CATEGORY: {escape(to_plain(plan['title']))}/Version {version['version']}", ""]
        for item in version["items"]:
            where = f"version {version['version']}, question {item['number']}"
            title = escape(f"{version['version']}{item['number']}")
            stem = _html(item["stem"] or "Match each term with its meaning.")
            lines.append(f"::{title}::{stem} {{{_answers(item, points, where, notes)}}}")
            lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    return whole(plan, notes)


def _answers(item: dict[str, Any], points: float, where: str, notes: list[str]) -> str:
    kind = item["type"]
    if kind == "tf":
        return "TRUE" if item["correct"][0] == 0 else "FALSE"
    if kind == "match":
        block = moodle_matching(item, where)
        notes += block.notes
        if block.spares:
            notes.append(f"{where}: GIFT matching has no spare meanings; "
                         f"{len(block.spares)} left out")  # fmt: skip
        pairs = [
            f"={_html(asked)} -> {_plain(answer, where, notes)}" for asked, answer in block.pairs
        ]
        return "\n" + "\n".join(pairs) + "\n"
    if item["options"]:
        marked = (
            f"{'=' if i in item['correct'] else '~'}{_html(o)}"
            for i, o in enumerate(item["options"])
        )
        return "\n" + "\n".join(marked) + "\n"
    if kind == "written":
        return " ".join(f"={_plain(a, where, notes)}" for a in item["accepted"])
    return ""  # an open question: an essay
