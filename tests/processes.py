"""Every process a test starts belongs to that test.

Each one runs in a process group (and session) of its own, so a signal meant for it
never reaches pytest and one meant for pytest never leaves it running. When the test
ends, whatever its outcome, an autouse fixture (``conftest.py``) stops each group it
started: SIGTERM, then SIGKILL after a grace period, then the leader is reaped.
Tests start processes only through :func:`start` and :func:`run`
(``test_suite_rules.py`` holds them to that).

The main pytest process is made a child subreaper (Linux), so a process that escapes
its group (double fork, ``setsid``) is reparented to pytest rather than to init, and
the session-end check (:func:`left_behind`) finds it, names it, kills it and fails
the run.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: How long a stopped group has to go after SIGTERM before it is killed.
GRACE_SECONDS = 1.0
#: A bound against hangs, never a speed check: a command that has not ended by then is stuck.
HANG_SECONDS = 180.0

_owned: list[subprocess.Popen[Any]] = []

PROC = Path("/proc")


#: What a shell gives a command it starts: these signals at their defaults, whatever
#: pytest inherited (under ``nohup`` or ``&`` they are ignored, and studyprint rightly
#: keeps an ignored signal ignored, so a test sending one would wait forever).
_DEFAULT_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


def _as_from_a_shell(then: Callable[[], object] | None) -> Callable[[], None]:
    def prepare() -> None:
        for signum in _DEFAULT_SIGNALS:
            signal.signal(signum, signal.SIG_DFL)
        if then is not None:
            then()

    return prepare


def start(args: Sequence[str], **kwargs: Any) -> subprocess.Popen[Any]:
    """``subprocess.Popen`` in a process group of its own, with the signals a shell
    would leave at their defaults (a test's own ``preexec_fn`` runs after), stopped
    when the test ends."""
    kwargs["start_new_session"] = True
    kwargs["preexec_fn"] = _as_from_a_shell(kwargs.get("preexec_fn"))
    process: subprocess.Popen[Any] = subprocess.Popen(args, **kwargs)
    _owned.append(process)
    return process


def run(
    args: Sequence[str],
    *,
    capture_output: bool = False,
    check: bool = False,
    input: str | bytes | None = None,
    timeout: float = HANG_SECONDS,
    **kwargs: Any,
) -> subprocess.CompletedProcess[Any]:
    """``subprocess.run`` through :func:`start`: a timeout stops the whole group."""
    if capture_output:
        kwargs["stdout"] = kwargs["stderr"] = subprocess.PIPE
    if input is not None:
        kwargs["stdin"] = subprocess.PIPE
    process = start(args, **kwargs)
    try:
        stdout, stderr = process.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(process)
        raise
    done = subprocess.CompletedProcess(list(args), process.returncode, stdout, stderr)
    if check:
        done.check_returncode()
    return done


def stop_all() -> None:
    """Stop every group started since the last call (the fixture calls it after each test)."""
    while _owned:
        stop(_owned.pop())


def stop(process: subprocess.Popen[Any]) -> None:
    """Stop the process's whole group: SIGTERM, a grace period, SIGKILL; reap the leader."""
    group = process.pid
    if group_members(group):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        while group_members(group) and time.monotonic() < deadline:
            process.poll()
            time.sleep(0.02)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        deadline = time.monotonic() + GRACE_SECONDS  # SIGKILL is delivered, then acted on
        while group_members(group) and time.monotonic() < deadline:
            process.poll()
            time.sleep(0.01)
    process.wait()
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command's name (state first), or None."""
    try:
        return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _all_processes() -> dict[int, list[str]]:
    found = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            found[int(entry.name)] = fields
    return found


def alive(pid: int) -> bool:
    """Running or sleeping, not gone and not a zombie waiting to be reaped."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def group_members(group: int) -> list[int]:
    """The live processes of a process group."""
    return [pid for pid, f in _all_processes().items() if int(f[2]) == group and f[0] != "Z"]


def children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid`` (a pool's workers)."""
    return {p for p, f in _all_processes().items() if int(f[1]) == pid and f[0] != "Z"}


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid``, at any depth."""
    table = _all_processes()
    below: dict[int, list[int]] = {}
    for child, fields in table.items():
        below.setdefault(int(fields[1]), []).append(child)
    found, todo = [], list(below.get(pid, []))
    while todo:
        child = todo.pop()
        if table[child][0] != "Z":
            found.append(child)
        todo.extend(below.get(child, []))
    return sorted(found)


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """Processor time used so far by a process and its live children (a pool's workers)."""
    total = 0
    for member in (pid, *children(pid)):
        fields = _stat(member)
        if fields is not None:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICK


def cpu_of_waited_children() -> float:
    """Processor time of every child this process has waited for, and of theirs."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command_line(pid: int) -> str:
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return "?"
    return raw.replace(b"\0", b" ").decode("utf-8", "replace").strip()[:200]


_PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Orphans below this process come back to it instead of init (Linux only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def reap_zombies() -> None:
    """Collect the exit status of children that ended (orphans handed to a subreaper)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _stop_multiprocessing_helpers() -> None:
    """multiprocessing's forkserver and resource tracker live as long as the process
    that started them; this pytest process is done with them."""
    from multiprocessing import forkserver, resource_tracker

    for helper in (forkserver._forkserver, resource_tracker._resource_tracker):
        with contextlib.suppress(Exception):
            helper._stop()  # type: ignore[attr-defined]


def left_behind(wait_seconds: float = 5.0) -> list[str]:
    """Processes still alive below pytest once every test has ended, each as
    ``PID COMMAND``; they are killed. pytest-xdist has waited for its workers by now;
    helpers on their way out after them (a worker's resource tracker sees its pipe
    close) get ``wait_seconds`` to go."""
    if not PROC.is_dir():
        return []
    _stop_multiprocessing_helpers()
    me = os.getpid()
    deadline = time.monotonic() + wait_seconds
    while True:
        reap_zombies()
        left = descendants(me)
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    report = [f"{pid} {command_line(pid)}" for pid in left]
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    reap_zombies()
    return report
