"""What the results say, item by item, version by version and term by term, with a
plain sentence for every item a teacher should look at."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from studyprint.results import stats
from studyprint.results.load import Question, Results, Student

#: Fewer students than this and option counts say too little to flag an unpicked one.
FEW = 10


@dataclass(frozen=True, slots=True)
class ItemStats:
    question: Question
    correct_share: float  # difficulty: the share of the points earned
    discrimination: float  # point-biserial against the rest score
    upper_lower: float  # the top 27 %'s mean score less the bottom's
    blanks: int
    chosen: dict[str, int]  # option -> how many chose it ("*" two marks)
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VersionStats:
    version: str
    students: int
    questions: int
    mean: float
    median: float
    sd: float
    reliability: float  # KR-20 (alpha where some items are marked in halves)
    reliability_name: str
    sem: float
    totals: tuple[float, ...]


@dataclass(slots=True)
class Analysis:
    versions: list[VersionStats] = field(default_factory=list)
    items: list[ItemStats] = field(default_factory=list)
    terms: dict[str, tuple[float, int]] = field(default_factory=dict)  # share known, asked


def analyse(results: Results) -> Analysis:
    found = Analysis()
    by_term: dict[str, list[float]] = {}
    for version, questions in results.questions.items():
        students = [s for s in results.students if s.version == version]
        if not students or not questions:
            continue
        scores = [[s.scores[q.number] for q in questions] for s in students]
        totals = [sum(row) for row in scores]
        dichotomous = all(v in (0.0, 1.0) for row in scores for v in row)
        reliability = stats.kr20(scores) if dichotomous else stats.alpha(scores)
        found.versions.append(VersionStats(
            version, len(students), len(questions), stats.mean(totals), stats.median(totals),
            math.sqrt(stats.variance(totals)), reliability,
            "KR-20" if dichotomous else "alpha", stats.sem(scores, reliability), tuple(totals),
        ))  # fmt: skip
        for i, q in enumerate(questions):
            found.items.append(_item(q, i, scores, students))
            by_term.setdefault(q.term, []).extend(row[i] for row in scores)
    found.terms = {t: (stats.mean(v), len(v)) for t, v in by_term.items()}
    return found


def _item(q: Question, i: int, scores: list[list[float]], students: list[Student]) -> ItemStats:
    own = [row[i] for row in scores]
    answers = [s.answers.get(q.number, "") for s in students]
    chosen = Counter(a for a in answers if a)
    share = stats.mean(own)
    r = stats.point_biserial(scores, i)
    d = stats.upper_lower(scores, i)
    flags: list[str] = []
    if q.options and q.right:
        flags += _key_flags(q, scores, i, answers)
        if len(students) >= FEW:
            flags += [f"option {o} was chosen by nobody" for o in q.options
                      if o != q.right and not chosen.get(o)]  # fmt: skip
    if not flags and not math.isnan(r) and r < 0.1 and 0.1 < share < 0.95:
        flags.append(f"it does not tell strong students from weak ones (r = {r:.2f})")
    blanks = sum(1 for a in answers if not a)
    if blanks * 4 >= len(answers):
        flags.append(f"{blanks} of {len(answers)} left it blank")
    return ItemStats(q, share, r, d, blanks, dict(sorted(chosen.items())), tuple(flags))


def _key_flags(q: Question, scores: list[list[float]], i: int, answers: list[str]) -> list[str]:
    """Strong students choosing another option more than the key: a wrong key."""
    n = len(scores)
    size = max(1, round(n * stats.GROUP_SHARE))
    ranked = sorted(range(n), key=lambda s: (sum(scores[s]) - scores[s][i], s))
    upper = Counter(answers[s] for s in ranked[-size:] if answers[s] and answers[s] != "*")
    if not upper:
        return []
    top, count = upper.most_common(1)[0]
    if top != q.right and count > upper.get(q.right, 0) and count >= 2:
        return [f"strong students chose {top} more than the key {q.right}: check the key"]
    return []


__all__ = ["Analysis", "ItemStats", "VersionStats", "analyse"]
