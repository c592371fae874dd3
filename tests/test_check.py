"""`studyprint check` on good decks, warnings, and the CLI's basics."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from studyprint import __version__
from studyprint.read.deck import load_deck
from tests import processes
from tests.helpers import run, sample_decks


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_every_sample_deck_is_ok(content: Path) -> None:
    decks = sample_decks()
    assert len(decks) >= 5
    result = run("check", *map(str, decks))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == len(decks)
    for deck, line in zip(decks, lines, strict=True):
        count = len(load_deck(deck).terms)
        assert count >= 10
        assert line == f"ok: {deck}: {count} terms"


def test_check_a_folder_checks_the_decks_and_manifests_inside(content: Path) -> None:
    result = run("check", str(content))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(sample_decks()) + 1
    assert any(line.endswith(": packet of 1 deck, 6 students") for line in lines)


def test_duplicate_term_is_a_warning(tmp_path: Path) -> None:
    deck = write(
        tmp_path / "dup.yaml",
        "title: Dup\nterms:\n  - term: Cell\n    definition: one\n"
        "  - term: cell\n    definition: two\n",
    )
    result = run("check", str(deck))
    assert result.exit_code == 0
    assert result.stderr == f"{deck}:5:5: warning: term 'cell' is given twice (also at line 3)\n"
    assert result.stdout == f"ok: {deck}: 2 terms\n"


def test_missing_file(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'nope.yaml'}: no such file\n"


def test_no_arguments_is_a_usage_error() -> None:
    result = run("check")
    assert result.exit_code == 2


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"studyprint {__version__}\n"


def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "check" in result.stdout and "layouts" in result.stdout


def test_help_does_not_import_reportlab() -> None:
    code = (
        "import sys\n"
        "from studyprint.cli import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED' if any(m.split('.')[0] in ('reportlab', 'pypdf') for m in sys.modules)"
        " else 'CLEAN')\n"
    )
    out = processes.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("CLEAN")


def test_python_dash_m(content: Path) -> None:
    deck = sample_decks()[0]
    out = processes.run(
        [sys.executable, "-m", "studyprint", "check", str(deck)], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.startswith("ok: ")


def test_large_deck_loads(tmp_path: Path) -> None:
    lines = ["title: Big", "terms:"]
    for i in range(5000):
        lines += [f"  - term: Term {i}", f"    definition: Definition number {i}", "    tags: [a]"]
    deck = write(tmp_path / "big.yaml", "\n".join(lines) + "\n")
    result = run("check", str(deck))
    assert result.exit_code == 0
    assert result.stdout == f"ok: {deck}: 5000 terms\n"


def test_an_unexpected_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import studyprint.cli as cli

    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.delenv("STUDYPRINT_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("studyprint: internal error (RuntimeError: boom). This is a bug;")
