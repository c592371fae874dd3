"""What the benchmark scripts share: timing a whole process, and filler words."""

from __future__ import annotations

import os
import resource
import subprocess
import time
from typing import NamedTuple

WORDS = (
    "cell membrane energy glucose oxygen partnership therapist client goal task bond "
    "velocity force mass friction water carbon light enzyme protein gene heredity"
).split()


def best_of(cmd: list[str], runs: int = 3, env: dict[str, str] | None = None) -> float:
    """The fastest of ``runs`` runs of a command, in seconds (Python start included)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def interleaved(
    commands: dict[str, list[str]], runs: int = 7, cpu: bool = False
) -> dict[str, float]:
    """The fastest run of each command, the commands taking turns, so a busy spell of
    the machine slows them alike; every command is run once first to warm caches.

    ``cpu``: measure the processor time the process used (user + system, from the
    operating system) rather than the wall clock: on a shared machine it varies
    far less. Python is allowed to write bytecode caches here (the environment may
    forbid it, which would make every run compile studyprint's modules afresh).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for cmd in commands.values():
        subprocess.run(cmd, check=True, capture_output=True, env=env)
    best = {name: float("inf") for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            best[name] = min(best[name], used if cpu else wall)
    return best


class Run(NamedTuple):
    wall: float  # seconds on the clock
    cpu: float  # seconds of processor time (user + system): steadier on a shared machine
    peak: float  # peak resident MB


def run(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """One run of a command, timed and its memory counted by the operating system for
    that very process (``wait4``'s rusage), Python start included."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{cmd[:4]} failed: {process.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak resident MB) of one run of a command."""
    result = run(cmd, env)
    return result.wall, result.peak


#: Runs ``python -m studyprint ARGS`` and, at its exit, writes the peak resident size of
#: that process alone (``VmHWM``; not its workers, which leave by ``os._exit``).
OWN_PEAK = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    line = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
    "    sys.stderr.write('OWN-PEAK-KB ' + line.split()[1] + '\\n')\n"
    "atexit.register(peak)\n"
    "sys.argv = ['studyprint', *sys.argv[1:]]\n"
    "runpy.run_module('studyprint', run_name='__main__')\n"
)


def own_peak(args: list[str]) -> tuple[float, float, float]:
    """(seconds, peak MB of the main process alone, peak MB of it and its workers) of
    ``studyprint ARGS``."""
    import sys

    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", OWN_PEAK, *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    err = process.stderr.read().decode()  # type: ignore[union-attr]
    if status != 0:
        raise RuntimeError(f"studyprint {args[:2]} failed: {err[-500:]}")
    own = next(int(line.split()[1]) for line in err.splitlines() if line.startswith("OWN-PEAK"))
    return seconds, own / 1024, usage.ru_maxrss / 1024
