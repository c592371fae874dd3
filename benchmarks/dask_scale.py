"""Packets through Dask: does a LocalCluster of two workers scale like the local pool?

Run: python benchmarks/dask_scale.py [STUDENTS...]   (default: 30 300)

The same packet as ``packet_scale.py`` (the psychology sample, a quiz version per
student, duplex), made three ways in the same run for each roster: ``--jobs 1``
(the baseline), ``--jobs 2`` (the local pool) and ``--scheduler`` pointing at a
``dask.distributed.LocalCluster`` of 2 worker processes, 1 thread each, started
here before the runs (its start-up is not counted; a school's cluster is up
already). Each run is a whole ``studyprint packet`` process; its peak memory is
the main process's own (``VmHWM`` at exit: with Dask it plans, sends, receives
and bundles). The files made by Dask are checked byte for byte against the
local pool's.
"""

from __future__ import annotations

import filecmp
import sys
import tempfile
from pathlib import Path

from _common import own_peak
from packet_scale import make_manifest


def _same(a: Path, b: Path) -> bool:
    left = sorted(p.relative_to(a) for p in a.rglob("*.pdf"))
    right = sorted(p.relative_to(b) for p in b.rglob("*.pdf"))
    return left == right and all(filecmp.cmp(a / p, b / p, shallow=False) for p in left)


def main() -> None:
    import distributed

    sizes = [int(a) for a in sys.argv[1:]] or [30, 300]
    peaks: dict[tuple[int, str], float] = {}
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # None still takes :8787, shared by parallel runs
        silence_logs=50,
    ) as cluster:
        ways = {
            "--jobs 1": ["--jobs", "1"],
            "--jobs 2": ["--jobs", "2"],
            "Dask, 2 workers": ["--scheduler", cluster.scheduler_address],
        }
        for students in sizes:
            times: dict[str, float] = {}
            with tempfile.TemporaryDirectory() as tmp:
                manifest = make_manifest(Path(tmp), students)
                for way, options in ways.items():
                    out = Path(tmp) / way.replace(" ", "").replace(",", "")
                    args = ["packet", str(manifest), "-o", str(out), "--quiet", *options]
                    seconds, own, _ = own_peak(args)
                    times[way], peaks[students, way] = seconds, own
                    print(f"{students:5d} students, {way:16s} {seconds:6.1f} s, "
                          f"main process peak {own:4.0f} MB")  # fmt: skip
                same = _same(Path(tmp) / "--jobs2", Path(tmp) / "Dask2workers")
            base = times["--jobs 1"]
            print(f"       speed-up over --jobs 1: local pool {base / times['--jobs 2']:.2f}x, "
                  f"Dask {base / times['Dask, 2 workers']:.2f}x; Dask's files the same bytes "
                  f"as the pool's: {same}")  # fmt: skip
    low, high = min(sizes), max(sizes)
    for way in ways:
        print(f"main-process peak at {high} / at {low} students, {way}: "
              f"{peaks[high, way] / peaks[low, way]:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
