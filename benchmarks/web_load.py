"""Twenty teachers at once on `studyprint serve`: each sends a 100-term deck and
asks for its flashcards, all at the same moment.

Run: python benchmarks/web_load.py

Prints the wall time for the 20 requests through the server (a worker process
per request, at most one per core at a time) next to the baseline: the same 20
renders one after another in this process, in the same run; the slowest single
answer a teacher waited for; and the peak memory from the operating system
(this process, from getrusage; the largest worker, sampled from /proc).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _rss_of_workers() -> float:
    """The largest resident size (MB) among the forkserver's children right now."""
    servers, sizes = set(), {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            cmdline = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if b"multiprocessing.forkserver" in cmdline:
            servers.add(status.parent.name)
        rss = fields.get("VmRSS", "0 kB").split()[0]
        sizes[status.parent.name] = (fields.get("PPid", "").strip(), int(rss) / 1024)
    return max((mb for ppid, mb in sizes.values() if ppid in servers), default=0.0)


def main() -> None:
    import httpx

    from studyprint.web.app import ServeSettings
    from studyprint.web.work import Options, Source, Task, perform
    from tests.webserver import serving, terms_text

    decks = [terms_text(100, start=n * 1000) for n in range(20)]
    started = time.perf_counter()
    for text in decks:  # the baseline: the same renders, serially, in this process
        with tempfile.TemporaryDirectory() as scratch:
            outcome = perform(Task("render", Source(pasted=text), Options(product="cards")),
                              Path(scratch))  # fmt: skip
            assert not outcome.errors, outcome.errors
    serial = time.perf_counter() - started

    waits: list[float] = []
    with serving(ServeSettings()) as url:
        httpx.post(f"{url}/api/check", data={"terms": decks[0]}, timeout=60)  # warm the server

        def teacher(text: str) -> None:
            begun = time.perf_counter()
            answer = httpx.post(f"{url}/api/render", data={"terms": text, "product": "cards"},
                                timeout=300)  # fmt: skip
            assert answer.status_code == 200, answer.text
            waits.append(time.perf_counter() - begun)

        peak = [0.0]
        done = threading.Event()

        def sample() -> None:  # workers come and go: look at them every 20 ms
            while not done.is_set():
                peak[0] = max(peak[0], _rss_of_workers())
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.perf_counter()
        threads = [threading.Thread(target=teacher, args=(text,)) for text in decks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        served = time.perf_counter() - started
        done.set()
        sampler.join()
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = peak[0]
    print(f"baseline, 20 renders one after another in one process: {serial:6.1f} s")
    print(f"20 at once through the server:                          {served:6.1f} s "
          f"({served / serial:.2f} x the baseline; {len(waits)} of 20 answered)")  # fmt: skip
    print(f"longest a teacher waited: {max(waits):.1f} s; shortest {min(waits):.1f} s")
    print(f"peak memory: this process {me:.0f} MB (server and clients), largest worker seen "
          f"{worker:.0f} MB resident (sampled every 20 ms from /proc)")  # fmt: skip


if __name__ == "__main__":
    main()
