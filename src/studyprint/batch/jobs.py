"""One section of a packet (or of a build) as a self-contained job.

A job is plain, picklable data (a typed product request and an output path),
so it can run in this process, in a local process pool or on a Dask worker,
and produce the same bytes everywhere. ``run_job`` hands the request to the
same door the command line uses.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from studyprint.errors import JobFailed, ProblemsError, StudyprintError
from studyprint.request import Request

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Job:
    """One file to make: a product request, where it goes, and who it is for."""

    request: Request
    out: str
    label: str  # "manifest · student · section", for messages


@dataclass(frozen=True, slots=True)
class JobResult:
    out: str
    pages: int
    seconds: float
    warnings: tuple[str, ...] = field(default=())


def run_job(job: Job) -> JobResult:
    """Render one job's PDF (in whatever process runs it), through the one door."""
    from studyprint.render import render

    start = time.perf_counter()
    try:
        result = render(job.request, Path(job.out))
    except ProblemsError as exc:
        lines = "; ".join(str(p) for p in exc.problems if p.is_error)
        raise JobFailed(f"{job.label}: {lines}") from None
    except StudyprintError as exc:
        raise JobFailed(f"{job.label}: {exc}") from None
    warnings = tuple(str(w) for w in result.warnings)
    return JobResult(job.out, result.pages, time.perf_counter() - start, warnings)


class InlineExecutor(Executor):
    """Runs each job at once in this process: ``--jobs 1``, and no pickling."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def make_executor(jobs: int, scheduler: str | None = None) -> tuple[Executor, Callable[[], None]]:
    """An executor and the function that shuts it down.

    ``scheduler`` (``tcp://host:port``) sends jobs to a Dask cluster through
    dask.distributed's ``Client.get_executor()``; otherwise a local process
    pool of ``jobs`` workers, or this process alone for one.
    """
    if scheduler:
        try:
            from dask.distributed import Client
        except ImportError:
            raise JobFailed("--scheduler needs Dask: pip install 'studyprint[dask]'") from None
        try:
            client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise JobFailed(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        return client.get_executor(), client.close  # type: ignore[no-untyped-call]
    if jobs <= 1:
        executor: Executor = InlineExecutor()
    else:
        executor = ProcessPoolExecutor(max_workers=jobs)
    return executor, lambda: executor.shutdown(wait=True, cancel_futures=True)


def run_all(
    jobs: Iterable[Job],
    executor: Executor,
    progress: Callable[[int, int], None] | None = None,
) -> list[JobResult]:
    """Run every job; results in job order. The first failure stops the run."""
    batch = list(jobs)
    futures = [executor.submit(run_job, job) for job in batch]
    results: list[JobResult] = []
    for done, future in enumerate(futures, 1):
        try:
            results.append(future.result())
        except BaseException:
            # stop the rest, and wait for those already running: a worker still writing
            # into the scratch folder after it was removed would leave files behind
            for other in futures:
                other.cancel()
            for other in futures:
                if not other.cancelled():
                    with contextlib.suppress(BaseException):
                        other.exception()
            raise
        if progress is not None:
            progress(done, len(batch))
    return results
