"""Outputs are all-or-nothing and never overwrite an input."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyprint.errors import OutputError
from studyprint.output import atomic_output, check_not_input


def test_success_replaces_target(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "x.pdf"
    with atomic_output(out) as tmp:
        tmp.write_bytes(b"new")
        assert not out.exists()
    assert out.read_bytes() == b"new"
    assert list(out.parent.iterdir()) == [out]


def test_failure_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(out) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("boom")
    assert out.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [out]


def test_refuses_to_write_over_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match="one of the input files"):
        check_not_input(Path("./deck.yaml"), [deck])
    check_not_input(tmp_path / "deck.pdf", [deck])


def test_output_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"), atomic_output(tmp_path):
        pass


def test_a_file_name_too_long_is_a_message_and_nothing_is_written(tmp_path: Path) -> None:
    from tests.helpers import run, sample_decks

    long_name = "x" * 300
    too_long_pdf = ["-o", str(tmp_path / f"{long_name}.pdf")]
    too_long_plan = ["-o", str(tmp_path / "q.pdf"), "--plan", str(tmp_path / f"{long_name}.json")]
    for extra in (too_long_pdf, too_long_plan):
        result = run("quiz", str(sample_decks()[0]), "--seed", "1", *extra)
        assert result.exit_code == 1, result.stderr
        assert result.stderr.endswith(
            f"error: {'x' * 40}…: the file name is too long; choose a shorter one\n"
        )
        assert list(tmp_path.iterdir()) == []
