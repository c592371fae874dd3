"""Bad days, made real: writes that fail half-way, a full disk, a swap that fails.

The file-size limit (RLIMIT_FSIZE) makes the kernel refuse a write past N bytes
in whatever code is writing (ReportLab, pypdf, the CSV writer, the font cache),
as a full disk would; a 64 KB tmpfs is used as well where mounting is allowed.
Every command must answer in one line, exit 1, and leave no partial file and
the previous outputs as they were.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import processes
from tests.helpers import run, sample_decks
from tests.test_packet import make_packet

resource = pytest.importorskip("resource")

DECK = next(p for p in sample_decks() if p.stem == "kitchen")


def limited(
    args: list[str], limit: int, cwd: Path, cache: Path
) -> subprocess.CompletedProcess[str]:
    """``studyprint ARGS`` with every file write past ``limit`` bytes failing."""
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a kill\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from studyprint.cli import main\n"
        "sys.argv = ['studyprint', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    return processes.run(
        [sys.executable, "-c", script, *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def commands(tmp_path: Path) -> dict[str, list[str]]:
    export = tmp_path / "export.txt"
    export.write_text(
        "".join(f"palabra{i}\tdefinición número {i} " * 40 + "\n" for i in range(60)),
        encoding="utf-8",
    )
    manifest = make_packet(tmp_path, students=3)
    return {
        "sheet": ["sheet", str(DECK), "-o", "out/s.pdf"],
        "cards": ["cards", str(DECK), "-o", "out/c.pdf"],
        "quiz": ["quiz", str(DECK), "--seed", "1", "-o", "out/q.pdf", "--plan", "out/q.json"],
        "import": ["import", str(export), "-o", "out/d.yaml"],
        "packet": ["packet", str(manifest), "-o", "out", "--jobs", "1", "--quiet"],
        "build": ["build", str(DECK.parents[1]), "-o", "out", "--jobs", "1", "--quiet"],
    }


@pytest.mark.parametrize("command", ["sheet", "cards", "quiz", "import", "packet", "build"])
def test_a_write_that_fails_half_way_is_one_line_and_leaves_the_old_outputs(
    command: str, tmp_path: Path
) -> None:
    args = commands(tmp_path)[command]
    out = tmp_path / "out"
    out.mkdir()
    (out / "s.pdf").write_bytes(b"%PDF-1.7 yesterday")  # an earlier output that must survive
    if command == "packet":
        (out / "unit8").mkdir()
        (out / "unit8" / "packet.pdf").write_bytes(b"last week's packet")
        (out / "unit8" / "keys.pdf").write_bytes(b"last week's keys")
    before = files_in(out)
    done = limited(args, 12_000, tmp_path, tmp_path / "cache")
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: out") and "File too large" in line, line  # names where
    assert "internal error" not in line and "Traceback" not in done.stderr
    assert files_in(out) == before  # no partial file, no scratch, nothing replaced
    assert not list((tmp_path / "cache").rglob("*.part"))


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs, where this machine lets the tests mount one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = processes.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root, or no permission)")
    (disk / "filler").write_bytes(b"x" * 48 * 1024)  # 16 KB left: less than any PDF
    yield disk
    processes.run(["umount", str(disk)], check=True)


@pytest.mark.parametrize("command", ["sheet", "quiz", "packet", "build"])
def test_a_full_disk_is_one_line_and_leaves_nothing(
    command: str, tmp_path: Path, tiny_disk: Path
) -> None:
    args = [a.replace("out", str(tiny_disk / "out"), 1) if a.startswith("out") else a
            for a in commands(tmp_path)[command]]  # fmt: skip
    done = limited(args, 2**40, tmp_path, tmp_path / "cache")
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.endswith("No space left on device; free some space and run it again "
                         "(nothing half-written was kept)"), line  # fmt: skip
    left = [p.name for p in tiny_disk.rglob("*") if p.is_file()]
    assert left == ["filler"]


def test_a_failed_swap_keeps_the_previous_packet_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while moving a new packet in left a new packet.pdf beside the old
    keys.pdf, so the keys no longer matched; the folder is now swapped as one."""
    import errno

    import studyprint.batch.packet as packet

    manifest = make_packet(tmp_path, students=2)
    target = tmp_path / "out" / "unit8"
    target.mkdir(parents=True)
    (target / "packet.pdf").write_bytes(b"last week's packet")
    (target / "keys.pdf").write_bytes(b"last week's keys")
    real_replace = os.replace
    calls: list[str] = []

    def failing(src: object, dst: object) -> None:
        calls.append(str(dst))
        if Path(str(dst)) == target and Path(str(src)).name == "final":  # the new folder
            raise OSError(errno.EIO, "Input/output error", str(dst))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(packet.os, "replace", failing)
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet")
    assert result.exit_code == 1, result.stderr
    assert result.stderr == f"error: {target}: Input/output error\n"
    assert files_in(target) == {
        "packet.pdf": b"last week's packet",
        "keys.pdf": b"last week's keys",
    }
    assert sorted(p.name for p in target.parent.iterdir()) == ["unit8"]
