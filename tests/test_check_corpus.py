"""Every broken deck in tests/data/broken reports exactly the lines in its .err file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import DATA, run

BROKEN = DATA / "broken"
CASES = sorted(p.stem for p in BROKEN.glob("*.yaml"))


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", CASES)
def test_broken_deck_reports_exact_problems(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN)
    expected = (BROKEN / f"{name}.err").read_text(encoding="utf-8")
    result = run("check", f"{name}.yaml")
    assert result.exception is None
    assert result.exit_code == 1
    assert result.stderr == expected
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for line in expected.splitlines():
        assert line.startswith(f"{name}.yaml:"), line


def test_every_case_has_expectation() -> None:
    for name in CASES:
        err = BROKEN / f"{name}.err"
        assert err.is_file(), f"{name}.err is missing"
        assert err.read_text(encoding="utf-8").strip(), f"{name}.err is empty"


def test_all_problems_of_a_file_are_reported_in_file_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(BROKEN)
    result = run("check", "many_problems.yaml")
    lines = [tuple(int(x) for x in line.split(":")[1:3]) for line in result.stderr.splitlines()]
    assert len(lines) == 3
    assert lines == sorted(lines)


def test_good_and_bad_files_together(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("title: T\nterms:\n  - term: A\n    definition: B\n", encoding="utf-8")
    result = run("check", str(good), str(BROKEN / "missing_title.yaml"))
    assert result.exit_code == 1
    assert result.stdout == f"ok: {good}: 1 term\n"
    assert "missing_title.yaml:1:1: the deck has no 'title'" in result.stderr


def test_billion_laughs_fails_fast() -> None:
    import time

    start = time.process_time()  # work done, not wall time: a busy machine doesn't change it
    result = run("check", str(BROKEN / "billion_laughs.yaml"))
    assert result.exit_code == 1
    assert time.process_time() - start < 10  # generous: a real expansion never finishes
