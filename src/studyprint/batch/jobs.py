"""One section of a packet (or of a build) as a self-contained job.

A job is plain, picklable data (a typed product request and an output path),
so it can run in this process, in a local process pool or on a Dask worker,
and produce the same bytes everywhere. ``run_job`` hands the request to the
same door the command line uses.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import ctypes
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from studyprint.errors import JobFailed, OptionError, ProblemsError, StudyprintError
from studyprint.request import Request

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Job:
    """One file to make: a product request, where it goes, and who it is for."""

    request: Request
    out: str
    label: str  # "manifest · student · section", for messages
    #: a job whose product cannot be made from its decks is skipped with a warning
    #: instead of failing the run (a build's quiz of a two-term starter deck)
    optional: bool = False


@dataclass(frozen=True, slots=True)
class JobResult:
    out: str  # "" for an optional job that was skipped
    pages: int
    seconds: float
    warnings: tuple[str, ...] = field(default=())
    one_sided: bool = False  # each page a sheet of its own (see RenderResult)


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
        if job.optional:
            skipped = f"{job.label}: skipped: {exc}"
            return JobResult("", 0, time.perf_counter() - start, (skipped,))
        raise JobFailed(f"{job.label}: {exc}") from None
    warnings = tuple(str(w) for w in result.warnings)
    return JobResult(job.out, result.pages, time.perf_counter() - start, warnings,
                     result.one_sided)  # fmt: skip


class _Deferred(Future[T]):
    """A future that runs its call when first asked for its result.

    ``--jobs 1`` thus renders one job at a time as results are collected: Ctrl-C
    stops the job being drawn, and the rest never start (running them all at
    ``submit`` kept rendering for minutes after Ctrl-C).
    """

    def __init__(self, call: Callable[[], T]) -> None:
        super().__init__()
        self._call: Callable[[], T] | None = call

    def result(self, timeout: float | None = None) -> T:
        self._run()
        return super().result(timeout)

    def exception(self, timeout: float | None = None) -> BaseException | None:
        self._run()
        return super().exception(timeout)

    def _run(self) -> None:
        call, self._call = self._call, None
        if call is None or not self.set_running_or_notify_cancel():
            return
        try:
            self.set_result(call())
        except BaseException as exc:
            self.set_exception(exc)
            if not isinstance(exc, Exception):
                raise  # an interruption goes up at once, not at the next result


class InlineExecutor(Executor):
    """Runs each job in this process when its result is wanted: ``--jobs 1``, no pickling."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return _Deferred(lambda: fn(*args, **kwargs))


def _worker_start(parent: int) -> None:
    """Set up a pool worker: it ends with its parent, and only the parent answers Ctrl-C.

    A worker ignores SIGINT (the terminal sends it to the whole group; the parent
    stops the workers itself), dies on SIGTERM and SIGHUP without running jobs'
    clean-ups (the parent removes the scratch folder they write in), and on Linux
    asks the kernel for SIGTERM when the parent dies, even by SIGKILL.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if parent and os.getppid() != parent:  # the parent died before the line above
            os._exit(1)


_PR_SET_PDEATHSIG = 1


class LocalPool(ProcessPoolExecutor):
    """A process pool whose workers can be stopped at once (see ``abort``)."""

    def __init__(self, workers: int) -> None:
        context = multiprocessing.get_context()
        # a forked worker's parent is this process; a spawned one's may be a server
        parent = os.getpid() if context.get_start_method() == "fork" else 0
        super().__init__(
            max_workers=workers,
            mp_context=context,
            initializer=_worker_start,
            initargs=(parent,),
        )

    def abort(self) -> None:
        """Stop every worker now, and return when they are gone.

        Used on a failure or an interruption: waiting for running jobs took as
        long as the jobs, and a worker left running outlived the command.
        """
        processes = list((getattr(self, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(OSError, ValueError):
                process.terminate()
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(ABORT_SECONDS)
                if process.is_alive():
                    process.kill()
                    process.join(ABORT_SECONDS)
        # the pool's manager thread now fails every pending job as "broken"; futures
        # cancelled meanwhile made it crash on Python 3.11, so none are cancelled here
        manager = getattr(self, "_executor_manager_thread", None)
        if manager is not None:
            manager.join(ABORT_SECONDS)
        self.shutdown(wait=False)


#: How long a stopped worker gets to go before it is killed.
ABORT_SECONDS = 2.0
#: How long a failed or interrupted Dask run waits for jobs already running.
DRAIN_SECONDS = 60.0
#: How long reaching a Dask scheduler may take, its handshake included.
CONNECT_SECONDS = 15.0
#: A host name, an IPv4 address or a bracketed IPv6 address.
_HOST = re.compile(r"[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]")
#: The address forms dask.distributed connects to.
SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss")


def scheduler_address(text: str) -> str:
    """``text`` if it is an address like tcp://host:8786, else a message saying so."""
    scheme, sep, rest = text.partition("://")
    host, colon, port = rest.rpartition(":")
    if not (
        sep
        and scheme.lower() in SCHEDULER_SCHEMES
        and colon
        and _HOST.fullmatch(host)
        and port.isdigit()
        and 0 < int(port) < 65536
    ):
        raise OptionError(
            f"--scheduler: {text!r} is not a scheduler address; "
            "give one like tcp://host:8786 (the address the Dask scheduler prints)"
        )
    return text


def _connect(scheduler: str) -> Any:
    """A Dask client, or a message within CONNECT_SECONDS.

    dask.distributed bounds the TCP connection but not its handshake: a port that
    accepts and then says nothing (some other service) held the command forever.
    The client is made in a helper thread that is abandoned if it does not finish.
    """
    try:
        from dask.distributed import Client
    except ImportError:
        raise JobFailed("--scheduler needs Dask: pip install 'studyprint[dask]'") from None
    made: list[Any] = []
    failed: list[BaseException] = []

    def connect() -> None:
        try:
            made.append(Client(scheduler, timeout=f"{CONNECT_SECONDS:g}s"))  # type: ignore[no-untyped-call]
        except BaseException as exc:  # reported below, in the calling thread
            failed.append(exc)

    helper = threading.Thread(target=connect, name="studyprint-dask-connect", daemon=True)
    helper.start()
    helper.join(CONNECT_SECONDS)
    if made:
        return made[0]
    why = (
        _why_not(failed[0])
        if failed
        else (f"; nothing answered like a Dask scheduler within {CONNECT_SECONDS:g} s")
    )
    raise JobFailed(
        f"cannot reach the Dask scheduler at {scheduler}{why} "
        "(is it running, and is that its address?)"
    )


def _why_not(error: BaseException) -> str:
    """A failed connection in the user's words: the library's own text can be anything
    (a service that answered with other bytes made numpy ask for 3.07 EiB)."""
    if isinstance(error, ConnectionRefusedError):
        return "; the connection was refused there"
    if isinstance(error, TimeoutError):
        return f"; nothing answered within {CONNECT_SECONDS:g} s"
    if isinstance(error, OSError) and "refused" in str(error).lower():
        return "; the connection was refused there"
    if isinstance(error, OSError) and "timed out" in str(error).lower():
        return f"; nothing answered within {CONNECT_SECONDS:g} s"
    if isinstance(error, OSError):
        return "; the connection failed"
    return "; something answered there, but not like a Dask scheduler"


def make_executor(jobs: int, scheduler: str | None = None) -> tuple[Executor, Callable[[], None]]:
    """An executor and the function that shuts it down.

    ``scheduler`` (``tcp://host:port``) sends jobs to a Dask cluster through
    dask.distributed's ``Client.get_executor()``; otherwise a local process
    pool of ``jobs`` workers, or this process alone for one.
    """
    if scheduler:
        client = _connect(scheduler_address(scheduler))
        return client.get_executor(), client.close
    if jobs <= 1:
        executor: Executor = InlineExecutor()
    else:
        executor = LocalPool(jobs)
    return executor, lambda: executor.shutdown(wait=True, cancel_futures=True)


def run_all(
    jobs: Iterable[Job],
    executor: Executor,
    progress: Callable[[int, int], None] | None = None,
) -> list[JobResult]:
    """Run every job; results in job order. The first failure stops the run."""
    return run_each(run_job, list(jobs), executor, progress)


A = TypeVar("A")


def run_each(
    call: Callable[[A], T],
    batch: list[A],
    executor: Executor,
    progress: Callable[[int, int], None] | None = None,
) -> list[T]:
    """``call`` on every item (a picklable top-level function, for pools and Dask);
    results in order. The first failure stops the run and its workers."""
    return list(each_in_order(call, batch, executor, progress))


#: How many jobs are handed to the workers ahead of the one whose result is awaited:
#: enough to keep a cluster busy, few enough that a school's thousands of jobs are
#: not all queued (each with its request) at once.
AHEAD = 256


def each_in_order(
    call: Callable[[A], T],
    batch: list[A],
    executor: Executor,
    progress: Callable[[int, int], None] | None = None,
    ahead: int = AHEAD,
) -> Generator[T, None, None]:
    """As :func:`run_each`, each result given as soon as it and those before it are
    done, so the caller can use it (bundle a student's packet) while the rest run;
    at most ``ahead`` jobs are submitted beyond it. A failure, or the caller
    stopping early, stops the rest."""
    pending: collections.deque[Future[T]] = collections.deque()
    submitted = 0
    finished = False
    try:
        for index in range(len(batch)):
            while submitted < len(batch) and submitted <= index + ahead:
                pending.append(executor.submit(call, batch[submitted]))
                submitted += 1
            result = pending.popleft().result()
            if progress is not None:
                progress(index + 1, len(batch))
            yield result
        finished = True
    finally:
        if not finished:
            _stop(executor, list(pending))


def _stop(executor: Executor, futures: list[Future[T]]) -> None:
    """Stop the rest, and make sure none still runs: a worker writing into the scratch
    folder after it was removed would leave files behind."""
    abort = getattr(executor, "abort", None)
    if abort is not None:
        abort()  # a local pool's workers are stopped, not waited for
        return
    for other in futures:
        other.cancel()
    # a Dask cluster's running jobs cannot be stopped: wait for them, within a bound
    # (a second Ctrl-C ends the wait)
    running = [other for other in futures if not other.cancelled()]
    concurrent.futures.wait(running, timeout=DRAIN_SECONDS)
