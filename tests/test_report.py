"""studyprint report (issue 34, first part): item statistics checked by hand and by a
second method, and a simulated class whose wrong key and dead distractor the report
names."""

from __future__ import annotations

import copy
import csv
import json
import math
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from studyprint.results import stats
from tests.helpers import run
from tests.test_grading import quiz  # noqa: F401

# five students, three items, worked out on paper
SMALL = [[1, 1, 0], [1, 0, 0], [1, 1, 1], [0, 0, 0], [1, 1, 1]]


def test_statistics_of_a_small_case_worked_by_hand() -> None:
    # totals 2, 1, 3, 0, 3: mean 1.8, population variance 1.36
    assert stats.mean([sum(r) for r in SMALL]) == pytest.approx(1.8, abs=1e-12)
    assert stats.variance([sum(r) for r in SMALL]) == pytest.approx(1.36, abs=1e-12)
    # KR-20: p = .8, .6, .4; sum pq = .16 + .24 + .24 = .64; 3/2 (1 - .64/1.36)
    assert stats.kr20(SMALL) == pytest.approx(1.5 * (1 - 0.64 / 1.36), abs=1e-12)
    # item 1 against the rest (totals less item 1): rest = 1, 0, 2, 0, 2
    own, rest = [1, 1, 1, 0, 1], [1, 0, 2, 0, 2]
    mx, my = 0.8, 1.0
    r = sum((a - mx) * (b - my) for a, b in zip(own, rest, strict=True)) / math.sqrt(
        sum((a - mx) ** 2 for a in own) * sum((b - my) ** 2 for b in rest)
    )
    assert stats.point_biserial(SMALL, 0) == pytest.approx(r, abs=1e-12)
    # upper and lower 27 % of five: one student each; top total 3 (student 5 wins the
    # tie by order), bottom 0 (student 4): item 2: 1 - 0
    assert stats.upper_lower(SMALL, 1) == pytest.approx(1.0, abs=1e-12)
    assert stats.median([2, 1, 3, 0, 3]) == 2
    assert stats.sem(SMALL, 0.5) == pytest.approx(math.sqrt(1.36) * math.sqrt(0.5), abs=1e-12)


def test_statistics_agree_with_a_second_method_on_generated_data() -> None:
    """numpy's correlation for the point-biserial; KR-20 against alpha (equal on 0/1
    items) and against alpha computed with numpy's variances; within 1e-9."""
    rng = random.Random(7)
    for _ in range(20):
        students, items = rng.randint(10, 80), rng.randint(3, 30)
        ability = [rng.gauss(0, 1) for _ in range(students)]
        hardness = [rng.gauss(0, 1) for _ in range(items)]
        scores = [[1.0 if rng.random() < 1 / (1 + math.exp(b - a)) else 0.0 for b in hardness]
                  for a in ability]  # fmt: skip
        matrix = np.array(scores)
        totals = matrix.sum(axis=1)
        for i in range(items):
            own, rest = matrix[:, i], totals - matrix[:, i]
            if own.std() == 0 or rest.std() == 0:
                assert math.isnan(stats.point_biserial(scores, i))
                continue
            assert stats.point_biserial(scores, i) == pytest.approx(
                float(np.corrcoef(own, rest)[0, 1]), abs=1e-9
            )
        if totals.var() == 0:
            continue
        k = items
        by_numpy = k / (k - 1) * (1 - matrix.var(axis=0).sum() / totals.var())
        assert stats.kr20(scores) == pytest.approx(by_numpy, abs=1e-9)
        assert stats.alpha(scores) == pytest.approx(by_numpy, abs=1e-9)


def simulated_class(plan: dict[str, Any], folder: Path, students: int = 60) -> dict[str, Any]:
    """60 students of known abilities answer both versions as the true key says; the
    plan given to the report has one key wrong, and one item's option nobody picks.
    Returns what was done to which question."""
    rng = random.Random(34)
    sheets = {v["version"]: {r["number"]: r for s in v["answer_sheets"] for r in s["rows"]}
              for v in plan["versions"]}  # fmt: skip
    version_a = plan["versions"][0]
    mc = [i for i in version_a["items"] if i["type"] == "mc" and len(i["options"]) == 4]
    wrong_item, dead_item = mc[0], mc[1]
    true_right = wrong_item["correct"][0]
    told = copy.deepcopy(plan)
    told_item = next(i for i in told["versions"][0]["items"] if i["number"] == wrong_item["number"])
    told_item["correct"] = [(true_right + 1) % 4]
    dead_option = (dead_item["correct"][0] + 2) % 4
    rows = []
    for s in range(students):
        version = plan["versions"][s % 2]
        ability = -2.0 + 4.0 * s / (students - 1)
        told_version = told["versions"][s % 2]
        answers: dict[int, str] = {}
        points: dict[int, float] = {}
        for item, told_it in zip(version["items"], told_version["items"], strict=True):
            for k, number in enumerate(item["numbers"]):
                row = sheets[version["version"]][number]
                values = [b["value"] for b in row["bubbles"]]
                knows = rng.random() < 1 / (1 + math.exp(-(ability + 0.3)))
                if row["kind"] == "mark":
                    answers[number] = "1" if knows else "0"
                    points[number] = 1.0 if knows else 0.0
                    continue
                right = item["correct"][k]
                if knows:
                    pick = right
                else:
                    others = [j for j in range(len(values)) if j != right]
                    if item is dead_item:
                        others = [j for j in others if j != dead_option]
                    pick = rng.choice(others)
                answers[number] = values[pick]
                points[number] = 1.0 if pick == told_it["correct"][k] else 0.0
        rows.append((f"scan{s}.jpg", f"Student {s}", f"{100 + s:06d}", version["version"],
                     answers, points))  # fmt: skip
    header = ["scan", "student", "student_number", "version"]
    count = max(max(a) for *_, a, _ in rows)
    for n in range(1, count + 1):
        header += [f"q{n}", f"q{n}_points"]
    with (folder / "results.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*header, "total", "out_of", "flags"])
        for scan, name, number, letter, answers, points in rows:
            cells = []
            for n in range(1, count + 1):
                cells += [answers.get(n, ""), f"{points.get(n, 0.0):g}"]
            writer.writerow([scan, name, number, letter, *cells, f"{sum(points.values()):g}",
                             count, ""])  # fmt: skip
    (folder / "told.json").write_text(json.dumps(told), encoding="utf-8")
    dead_value = sheets["A"][dead_item["number"]]["bubbles"][dead_option]["value"]
    return {"wrong": wrong_item["number"], "dead": dead_item["number"], "dead_option": dead_value}


def test_a_simulated_class_report_names_the_wrong_key_and_the_dead_distractor(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    _, plan = quiz
    done = simulated_class(plan, tmp_path)
    out = tmp_path / "report.pdf"
    made = run("report", str(tmp_path / "results.csv"), "--key", str(tmp_path / "told.json"),
               "-o", str(out))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    assert made.stdout.startswith(f"wrote {out} (")
    assert "60 students, 36 questions" in made.stdout
    with (tmp_path / "report.csv").open(encoding="utf-8") as handle:
        rows = {(r["version"], int(r["question"])): r for r in csv.DictReader(handle)}
    wrong = rows[("A", done["wrong"])]
    assert "key" in wrong["flags"] and float(wrong["discrimination"]) < 0
    dead = rows[("A", done["dead"])]
    assert f"option {done['dead_option']} was chosen by nobody" in dead["flags"]
    assert "key" not in dead["flags"]
    keyed = [k for k, r in rows.items() if "key" in r["flags"]]
    assert keyed == [("A", done["wrong"])]  # no other item suspected
    quiet = [r for r in rows.values() if not r["flags"]]
    assert len(quiet) > len(rows) / 2  # most items unremarkable
    assert all(0 <= float(r["correct_share"]) <= 1 for r in rows.values())
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert "check the key" in text and "Version A" in text and "KR-20" in text


def test_report_mistakes_are_one_line_messages(
    quiz: tuple[Path, dict[str, Any]],  # noqa: F811
    tmp_path: Path,
) -> None:
    folder, _ = quiz
    plan = str(folder / "plan.json")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    cases = [
        ((str(tmp_path / "missing.csv"), "--key", plan), 1,
         f"{tmp_path / 'missing.csv'}: no such file\n"),
        ((str(tmp_path / "other.csv"), "--key", plan), 2,
         f"error: {tmp_path / 'other.csv'}: not a results.csv of studyprint grade; give the "
         "file grade wrote\n"),
        ((str(tmp_path / "other.csv"), "--key", str(tmp_path / "other.csv")), 2,
         f"error: {tmp_path / 'other.csv'}: not a quiz plan (JSON) (Expecting value: line 1 "
         "column 1 (char 0))\n"),
        ((str(tmp_path / "other.csv"), "--key", plan, "-o", str(tmp_path / "r.txt")), 2,
         f"error: -o {tmp_path / 'r.txt'}: the report is a PDF; give a name ending in .pdf\n"),
    ]  # fmt: skip
    for args, code, message in cases:
        result = run("report", *args)
        assert (result.exit_code, result.stderr) == (code, message), args
    assert not list(tmp_path.glob("*.pdf"))
