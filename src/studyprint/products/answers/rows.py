"""A quiz version as answer-sheet rows: what each question is answered with."""

from __future__ import annotations

from studyprint.products.answers.geometry import Row
from studyprint.products.quiz.generate import Version
from studyprint.vocab import LETTERS
from studyprint.words import Words


def truth_labels(words: Words) -> tuple[str, str]:
    """The letters in a true/false row's bubbles: the first letters of the page
    language's words for true and false (T/F, V/F, W/F...), T and F if they clash."""
    true, false = words("true").strip()[:1], words("false").strip()[:1]
    return (true, false) if true and false and true != false else ("T", "F")


def answer_rows(version: Version, words: Words) -> list[Row]:
    """One row per machine-gradable answer (a matching block gives one per term, each
    with every letter), and one teacher's-mark row per written answer."""
    rows: list[Row] = []
    for kind, q in version.typed:
        if not q.options:
            rows.append(Row(q.number))
            continue
        labels = truth_labels(words) if kind.truths else tuple(LETTERS[: len(q.options)])
        rows += [Row(q.number + i, labels) for i in range(q.size)]
    return rows


__all__ = ["answer_rows", "truth_labels"]
