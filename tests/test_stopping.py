"""Stopping a running packet: Ctrl-C, SIGTERM and a killed parent end it at once,
with its workers, its scratch folder gone and the previous packet intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import processes
from tests.test_packet import make_packet

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def start_packet(tmp_path: Path, jobs: int) -> tuple[subprocess.Popen[str], Path]:
    """A 30-student packet, started, and returned once its first section is drawn."""
    manifest = make_packet(tmp_path)
    target = tmp_path / "out" / "unit8"
    target.mkdir(parents=True)
    (target / "packet.pdf").write_bytes(b"last week's packet")
    (target / "keys.pdf").write_bytes(b"last week's keys")
    started = time.monotonic()
    process = processes.start(
        [sys.executable, "-m", "studyprint", "packet", str(manifest), "-o",
         str(tmp_path / "out"), "--jobs", str(jobs), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip
    deadline = started + processes.HANG_SECONDS
    while not any((tmp_path / "out").glob(".unit8.*/parts/*.pdf")):  # the event we wait on
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the packet never started drawing"
        time.sleep(0.05)
    return process, target


def assert_left_as_before(target: Path) -> None:
    assert (target / "packet.pdf").read_bytes() == b"last week's packet"
    assert (target / "keys.pdf").read_bytes() == b"last week's keys"
    assert sorted(p.name for p in target.parent.iterdir()) == ["unit8"]  # no scratch


@pytest.mark.parametrize(("jobs", "stop"), [(1, "SIGINT"), (2, "SIGINT"), (2, "SIGTERM")])
def test_a_stopped_packet_ends_within_seconds_with_its_workers(
    jobs: int, stop: str, tmp_path: Path
) -> None:
    """Ctrl-C in ``packet --jobs 1`` kept drawing every section (144 s); SIGTERM to a
    pooled packet waited for its workers' jobs. Measured in processor time, which a
    busy machine does not stretch: stopping must cost less than starting and drawing
    the first section did (drawing the other 29 students costs many times that)."""
    process, target = start_packet(tmp_path, jobs)
    workers = processes.children(process.pid)
    assert len(workers) == (jobs if jobs > 1 else 0)
    waited_before = processes.cpu_of_waited_children()
    until_signal = processes.cpu_seconds(process.pid)
    process.send_signal(getattr(signal, stop))
    _, stderr = process.communicate(timeout=processes.HANG_SECONDS)
    whole_run = processes.cpu_of_waited_children() - waited_before
    stopping = whole_run - until_signal
    assert stopping < until_signal, f"{stopping:.2f} s of CPU to stop, {until_signal:.2f} to start"
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["studyprint: interrupted; no half-written file was kept"]
    assert not [pid for pid in workers if processes.alive(pid)]
    assert_left_as_before(target)


def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    """SIGKILL gives the parent no chance to clean up; its workers still end (the
    kernel sends them SIGTERM) instead of drawing on for nobody."""
    process, target = start_packet(tmp_path, 2)
    workers = processes.children(process.pid)
    assert len(workers) == 2
    process.kill()
    process.communicate(timeout=processes.HANG_SECONDS)
    deadline = time.monotonic() + processes.HANG_SECONDS
    while [pid for pid in workers if processes.alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.05)  # the workers' ending is the event; the deadline bounds a hang
    assert not [pid for pid in workers if processes.alive(pid)]
    assert (target / "packet.pdf").read_bytes() == b"last week's packet"


@pytest.mark.parametrize(
    "address",
    ["scheduler", "tcp://", "tcp://host", "tcp://host:port", "tcp://host:99999",
     "http://host:8786", "tcp://:8786", "tcp://a/b:8786", "tcp://\x1b[2J:1"],
)  # fmt: skip
def test_a_malformed_scheduler_address_is_a_usage_message(address: str, tmp_path: Path) -> None:
    from tests.helpers import run

    manifest = make_packet(tmp_path, students=2)
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--scheduler", address)
    assert result.exit_code == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: --scheduler: '") and "tcp://host:8786" in line
    assert "\x1b" not in line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_port_that_answers_but_is_not_dask_is_a_message_in_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A port that accepts and then says nothing held ``--scheduler`` past 300 s
    (dask.distributed bounds the connection, not its handshake)."""
    import socket

    pytest.importorskip("distributed")
    from studyprint.batch import jobs
    from tests.helpers import run

    monkeypatch.setattr(jobs, "CONNECT_SECONDS", 2.0)
    manifest = make_packet(tmp_path, students=2)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        started = time.monotonic()
        result = run(
            "packet", str(manifest), "-o", str(tmp_path / "out"),
            "--scheduler", f"tcp://127.0.0.1:{port}",
        )  # fmt: skip
        took = time.monotonic() - started
    assert result.exit_code == 1, result.stderr
    assert result.stderr == (
        f"error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}; nothing answered "
        "like a Dask scheduler within 2 s (is it running, and is that its address?)\n"
    )
    assert took < processes.HANG_SECONDS  # a bound on a hang (it was 300 s), not a speed check
    assert not any((tmp_path / "out").glob(".*"))
