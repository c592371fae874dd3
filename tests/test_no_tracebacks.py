"""Every broken deck, through every printing command: a located message, exit 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import DATA, run

BROKEN = sorted((DATA / "broken").glob("*.yaml"))
COMMANDS = [["sheet"], ["sheet", "--style", "glossary"], ["cards"], ["quiz"]]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_broken_decks_fail_cleanly_in_every_command(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(DATA / "broken")
    for deck in BROKEN:
        out = tmp_path / f"{deck.stem}.pdf"
        result = run(*command, deck.name, "-o", str(out))
        expected = (deck.with_suffix(".err")).read_text(encoding="utf-8")
        assert result.exception is None, (deck.name, result.exception)
        assert result.exit_code == 1, deck.name
        assert result.stderr == expected, deck.name
        assert "Traceback" not in result.stderr + result.stdout
        assert not out.exists(), deck.name
    assert list(tmp_path.iterdir()) == []
