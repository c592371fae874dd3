"""The suite's own rules, checked: every process a test starts is the test's and is
stopped after it; the run fails if anything is left behind; no test asserts a speed
by the wall clock."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import processes

TESTS = Path(__file__).parent
ROOT = TESTS.parent

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

#: What starts a process without a group of its own for the fixture to stop.
_STARTERS = {
    ("subprocess", "Popen"), ("subprocess", "run"), ("subprocess", "call"),
    ("subprocess", "check_call"), ("subprocess", "check_output"), ("os", "system"),
    ("os", "fork"), ("os", "popen"), ("os", "spawnv"), ("os", "execv"),
}  # fmt: skip


def test_tests_start_processes_only_through_the_owner() -> None:
    offenders = []
    for path in sorted(TESTS.glob("*.py")):
        if path.name == "processes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and (node.func.value.id, node.func.attr) in _STARTERS
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == [], "use tests.processes.start/run so the process is stopped after"


_WALL_BOUND = re.compile(
    r"(?:\bmonotonic|\bperf_counter|\btime\.time)\(\)\s*-\s*\w+\s*<\s*([\d.]+)"
)


def test_no_test_asserts_a_speed_by_the_wall_clock() -> None:
    """Wall-clock bounds guard against hangs (60 s and more); a busy machine must not
    fail a test. Work is measured by CPU time or counted, or against the same run."""
    found = []
    for path in sorted(TESTS.glob("test_*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in _WALL_BOUND.finditer(line):
                if float(match.group(1)) < 60:
                    found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []


#: Ignores SIGTERM, starts a child that ignores it too and spins, says the child's pid.
STUBBORN = """
import signal, subprocess, sys
signal.signal(signal.SIGTERM, signal.SIG_IGN)
spin = "import signal\\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\\nwhile True: pass"
child = subprocess.Popen([sys.executable, "-c", spin])
print(child.pid, flush=True)
while True: pass
"""


def test_a_stubborn_process_and_its_child_are_killed_after_the_test() -> None:
    """The probe left spinning at 100% CPU after a timeout ignored SIGTERM."""
    process = processes.start([sys.executable, "-c", STUBBORN], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    child = int(process.stdout.readline())
    assert set(processes.group_members(process.pid)) == {process.pid, child}
    processes.stop_all()  # what the autouse fixture does once a test ends
    assert not processes.alive(process.pid) and not processes.alive(child)
    assert process.returncode == -9


def test_a_timeout_stops_the_whole_group() -> None:
    with pytest.raises(subprocess.TimeoutExpired):
        processes.run([sys.executable, "-c", STUBBORN], capture_output=True, timeout=1)
    assert [p for p in processes._owned if processes.group_members(p.pid)] == []


LEAKY = """
import os, subprocess, sys

ESCAPES = "import os, time\\nif os.fork(): os._exit(0)\\nos.setsid()\\ntime.sleep(600)  # MARK"


def test_leaves_a_process_behind():
    subprocess.run([sys.executable, "-c", ESCAPES.replace("MARK", os.environ["MARK"])], check=True)
"""

CONFTEST = """
from tests.conftest import _own_processes, pytest_addoption, pytest_configure
from tests.conftest import pytest_sessionfinish
"""


def test_a_run_that_leaves_a_process_behind_fails_and_names_it(tmp_path: Path) -> None:
    """A double fork and ``setsid`` escape any group; pytest, a subreaper, still finds
    the orphan at the end of the session, kills it and fails the run."""
    import os

    mark = f"left-behind-{os.getpid()}-{tmp_path.name}"
    (tmp_path / "test_leaky.py").write_text(LEAKY)
    (tmp_path / "conftest.py").write_text(CONFTEST)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MARK": mark, "STUDYPRINT_TESTS_LEFT_WAIT": "0.5"}
    done = processes.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist",
         "-q", str(tmp_path / "test_leaky.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    assert "processes left running by the tests (killed now):" in done.stdout
    assert mark in done.stdout
    still = [
        pid
        for pid in map(int, filter(str.isdigit, os.listdir("/proc")))
        if mark in processes.command_line(pid) and processes.alive(pid)
    ]
    assert still == []
