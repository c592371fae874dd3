"""A matching block as Moodle can store it (Moodle XML and GIFT both land there).

Moodle keeps each matching answer (the choices of the drop-down) in a column of
255 characters and cuts what is longer, so a definition of 300 characters would
reach students cut off, and a student choosing it would be marked against the cut
text. Where every meaning fits, the block goes as printed: terms as questions,
meanings as answers, spare meanings as answers of no question. Where a meaning does
not fit, the block is turned round: each meaning becomes a question (a question's
text has no limit) and its term the answer; spare meanings have no term and are
left out, said in a note. Where a term does not fit either, nothing can carry the
block and the export stops, naming the term.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studyprint.errors import ExportError
from studyprint.export.text import to_plain

#: The characters Moodle keeps of a matching answer, and of a question's name.
MOODLE_LIMIT = 255


@dataclass(frozen=True, slots=True)
class MoodleMatch:
    pairs: list[tuple[str, str]]  # (question text, with markup; its answer, deck text)
    spares: list[str]  # answers of no question (deck text)
    turned: bool  # meanings are the questions, terms the answers
    notes: list[str]


def moodle_matching(item: dict[str, Any], where: str) -> MoodleMatch:
    prompts, options, correct = item["prompts"], item["options"], item["correct"]
    spares = [o for i, o in enumerate(options) if i not in set(correct)]
    if all(len(to_plain(o)) <= MOODLE_LIMIT for o in options):
        pairs = [(p, options[c]) for p, c in zip(prompts, correct, strict=True)]
        return MoodleMatch(pairs, spares, False, [])
    too_long = [p for p in prompts if len(to_plain(p)) > MOODLE_LIMIT]
    if too_long:  # turned round, the term would be cut instead
        term = to_plain(too_long[0])
        short = term if len(term) <= 40 else term[:40].rstrip() + "…"
        place = next((f"{t['file']}:{t['line']}: " for t in item.get("terms", ())
                      if t.get("term") == term and t.get("file")), "")  # fmt: skip
        raise ExportError(
            f"{place}{where}: the term {short!r} is longer than the {MOODLE_LIMIT} "
            "characters Moodle keeps of a matching answer, and so is a meaning in its "
            "block; shorten one, or leave matching out (--types)"
        )
    pairs = [(options[c], p) for p, c in zip(prompts, correct, strict=True)]
    notes = [
        f"{where}: a meaning is longer than Moodle keeps of a matching answer "
        f"({MOODLE_LIMIT} characters), so each meaning is asked and its term chosen"
        + (f"; {len(spares)} spare meaning(s) left out" if spares else "")
    ]
    return MoodleMatch(pairs, [], True, notes)


def moodle_name(letter: str, number: int, stem: str) -> str:
    """A question's name in Moodle's question bank: plain text (Moodle strips anything
    like a tag from it, so "<b>" becomes "‹b›"), well under its 255 characters."""
    title = to_plain(stem).replace("<", "‹").replace(">", "›")
    title = " ".join(title.split())
    if len(title) > 60:
        title = title[:59].rstrip() + "…"
    return f"{letter}{number} {title}".strip()


__all__ = ["MOODLE_LIMIT", "MoodleMatch", "moodle_matching", "moodle_name"]
