"""Outputs are all-or-nothing and never overwrite an input."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyprint.errors import OutputError
from studyprint.output import PDF, atomic_output, check_not_input
from tests import processes


def test_success_replaces_target(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "x.pdf"
    with atomic_output(out, PDF) as tmp:
        tmp.write_bytes(b"new")
        assert not out.exists()
    assert out.read_bytes() == b"new"
    assert list(out.parent.iterdir()) == [out]


def test_failure_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    out.write_bytes(b"%PDF-old")
    with pytest.raises(RuntimeError), atomic_output(out, PDF) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("boom")
    assert out.read_bytes() == b"%PDF-old"
    assert list(tmp_path.iterdir()) == [out]


def test_refuses_to_write_over_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match="one of the input files"):
        check_not_input(Path("./deck.yaml"), [deck])
    check_not_input(tmp_path / "deck.pdf", [deck])


def test_output_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"), atomic_output(tmp_path, PDF):
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


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])
def test_sigterm_mid_build_leaves_nothing_half_made(stop: str, tmp_path: Path) -> None:
    """A build stopped by SIGTERM (or SIGHUP: its terminal closed) says so in one line,
    exit 130, and removes its scratch."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from studyprint.resources import content_dir

    out = tmp_path / "out"
    process = processes.start(
        [
            sys.executable,
            "-m",
            "studyprint",
            "build",
            str(content_dir()),
            "-o",
            str(out),
            "--jobs",
            "1",
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    deadline = time.monotonic() + processes.HANG_SECONDS
    while not any(out.glob(".build.*/*.pdf")):  # the event: mid-way, scratch PDFs exist
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never started drawing"
        time.sleep(0.05)
    process.send_signal(getattr(signal, stop))
    _, stderr = process.communicate(timeout=processes.HANG_SECONDS)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == (
        "studyprint: interrupted; no half-written file was kept"
    )
    assert "Traceback" not in stderr
    left = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert left == []


#: A ``python -m`` program that waits for a signal inside source run by ``exec``, as
#: happens while a dataclass is being made (a module imported mid-build). It says
#: "ready" from inside that source, so the signal cannot arrive before the ``try``.
PROBE = """
import sys
from studyprint.cli import stop_on_signals

stop_on_signals()
try:
    exec("print('ready', flush=True)\\nwhile True: pass")
except KeyboardInterrupt:
    sys.exit(130)
"""


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_an_interruption_inside_exec_still_exits_130(stop: str, tmp_path: Path) -> None:
    """CI saw a build stopped by SIGHUP report the interruption and then end by SIGINT
    (-2): CPython ends a ``-m`` run that way when a plain KeyboardInterrupt was raised
    inside ``exec``, even though it was handled. Ours is a subclass."""
    import os
    import signal
    import subprocess
    import sys

    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "__main__.py").write_text(PROBE)
    paths = [str(tmp_path), *filter(None, [os.environ.get("PYTHONPATH")])]
    process = processes.start(
        [sys.executable, "-m", "probe"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    process.send_signal(getattr(signal, stop))
    _, stderr = process.communicate(timeout=processes.HANG_SECONDS)
    assert process.returncode == 130, stderr


def test_signals_the_caller_ignored_stay_ignored() -> None:
    """``nohup studyprint build`` must go on when its terminal closes."""
    import signal
    import sys

    check = (
        "import signal; from studyprint.cli import stop_on_signals; stop_on_signals(); "
        "print(signal.getsignal(signal.SIGHUP) is signal.SIG_IGN, "
        "signal.getsignal(signal.SIGTERM) is signal.SIG_IGN)"
    )
    ran = processes.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )
    assert ran.stdout.split() == ["True", "False"]


def test_outputs_are_ordinary_files_colleagues_can_read(tmp_path: Path) -> None:
    """Under umask 022 every file studyprint writes is 0644 (mkstemp's 0600 was
    unreadable on a shared drive), single commands, packets and builds alike, and
    overwriting a file keeps it 0644."""
    import os
    import stat
    import sys

    from tests.helpers import sample_decks

    content = Path(__file__).resolve().parents[1] / "content"
    deck = str(sample_decks()[0])
    commands = [
        ["sheet", deck, "-o", str(tmp_path / "s.pdf")],
        ["sheet", deck, "-o", str(tmp_path / "s.pdf")],  # again: over the file just made
        ["cards", deck, "-o", str(tmp_path / "c.pdf")],
        ["quiz", deck, "--seed", "1", "-o", str(tmp_path / "q.pdf"), "--plan",
         str(tmp_path / "q.json")],
        ["packet", str(content / "packets" / "psychology-unit8.yaml"), "--allow-path",
         str(content), "-o", str(tmp_path / "packet"), "--jobs", "1", "--quiet", "--seed", "1"],
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_START"}
    for args in commands:
        script = "import os, sys; os.umask(0o022); from studyprint.cli import main; main()"
        done = processes.run(
            [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    made = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(made) >= 8
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_an_existing_folder_as_output_gets_the_usual_name_inside(tmp_path: Path) -> None:
    from tests.helpers import run, sample_decks

    folder = tmp_path / "handouts"
    folder.mkdir()
    deck = sample_decks()[0]
    result = run("sheet", str(deck), "-o", str(folder))
    assert result.exit_code == 0, result.stderr
    assert (folder / f"{deck.stem}-guide.pdf").is_file()
    assert not (tmp_path / "handouts.pdf").exists()
