"""What the benchmark scripts share: timing a whole process, and filler words."""

from __future__ import annotations

import subprocess
import time

WORDS = (
    "cell membrane energy glucose oxygen partnership therapist client goal task bond "
    "velocity force mass friction water carbon light enzyme protein gene heredity"
).split()


def best_of(cmd: list[str], runs: int = 3) -> float:
    """The fastest of ``runs`` runs of a command, in seconds (Python start included)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best
