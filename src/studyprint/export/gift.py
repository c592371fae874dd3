"""``gift``: Moodle's GIFT text format, one ``$CATEGORY`` per version.

GIFT's special characters (``~ = # { } :`` and the backslash) are escaped in
every text; markup becomes HTML (``[html]``), which Moodle renders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studyprint.export.text import styled, to_html, to_plain

SUFFIX = ".gift.txt"
_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    return "".join("\\" + c if c in _SPECIAL else c for c in text).replace("\n", "\\n")


def _text(text: str) -> str:
    return "[html]" + escape(to_html(text)) if styled(text) else escape(to_plain(text))


def write(plan: dict[str, Any], out: Path) -> list[str]:
    lines: list[str] = []
    notes: list[str] = []
    points = plan["points_per_question"]
    for version in plan["versions"]:
        lines += [f"$CATEGORY: {escape(plan['title'])}/Version {version['version']}", ""]
        for item in version["items"]:
            title = escape(f"{version['version']}{item['number']}")
            stem = _text(item["stem"] or "Match each term with its meaning.")
            lines.append(f"::{title}::{stem} {{{_answers(item, points)}}}")
            lines.append("")
            extra = len(item["options"]) - len(set(item["correct"]))
            if item["type"] == "match" and extra > 0:
                notes.append(
                    f"version {version['version']}, question {item['number']}: GIFT matching "
                    f"has no extra meanings; {extra} left out"
                )
    out.write_text("\n".join(lines), encoding="utf-8")
    return notes


def _answers(item: dict[str, Any], points: float) -> str:
    kind = item["type"]
    if kind == "tf":
        return "TRUE" if item["correct"][0] == 0 else "FALSE"
    if kind == "match":
        pairs = [
            f"={_text(prompt)} -> {escape(to_plain(item['options'][index]))}"
            for prompt, index in zip(item["prompts"], item["correct"], strict=True)
        ]
        return "\n" + "\n".join(pairs) + "\n"
    if item["options"]:
        return (
            "\n"
            + "\n".join(
                f"{'=' if i in item['correct'] else '~'}{_text(o)}"
                for i, o in enumerate(item["options"])
            )
            + "\n"
        )
    if kind == "written":
        return " ".join(f"={escape(to_plain(a))}" for a in item["accepted"])
    return ""  # an open question: an essay
