"""One section of a packet (or of a build) as a self-contained job.

A job is plain, picklable data (file paths and settings), so it can run in
this process, in a local process pool or on a Dask worker, and produce the
same bytes everywhere. ``run_job`` loads what it needs and renders one PDF.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from studyprint.errors import ProblemsError, StudyprintError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Job:
    kind: str  # "sheet", "glossary", "cards", "quiz" or "keys"
    decks: tuple[str, ...]
    out: str
    label: str  # "manifest · student · section", for messages
    layout: str | None = None
    paper: str | None = None
    student: str | None = None
    settings: tuple[tuple[str, Any], ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.settings).get(key, default)


@dataclass(frozen=True, slots=True)
class JobResult:
    out: str
    pages: int
    seconds: float
    warnings: tuple[str, ...] = field(default=())


class JobFailed(StudyprintError):
    """A job could not be done; the message names the manifest, student and section."""


def run_job(job: Job) -> JobResult:
    """Render one job's PDF (in whatever process runs it)."""
    start = time.perf_counter()
    try:
        pages, warnings = _render(job)
    except ProblemsError as exc:
        lines = "; ".join(str(p) for p in exc.problems if p.is_error)
        raise JobFailed(f"{job.label}: {lines}") from None
    except StudyprintError as exc:
        raise JobFailed(f"{job.label}: {exc}") from None
    return JobResult(job.out, pages, time.perf_counter() - start, tuple(warnings))


def _render(job: Job) -> tuple[int, list[str]]:
    from studyprint.deck import load_deck
    from studyprint.layouts import load_layout

    decks = [load_deck(Path(p)) for p in job.decks]
    out = Path(job.out)
    if job.kind in ("sheet", "glossary"):
        from studyprint.sheet import build_sheet

        layout = load_layout(job.layout or "letter", job.paper)
        result = build_sheet(
            decks,
            out,
            style="guide" if job.kind == "sheet" else "glossary",
            answers=job.get("answers", "end"),
            layout=layout,
            student=job.student,
        )
        return result.pages, [str(w) for w in result.warnings]
    if job.kind == "cards":
        from studyprint.cards import CardJob, build_cards, card_options

        default = "a4-2x4" if job.paper == "a4" else "letter-2x4"
        layout = load_layout(job.layout or default, job.paper)
        mode = job.get("mode") or card_options(layout).mode
        card_job = CardJob(
            mode=mode,
            flip=job.get("flip", "long"),
            front=job.get("front", "term"),
            owner=job.student,
        )
        cards = build_cards(decks, [out], layout=layout, job=card_job)
        return cards.pages, [str(w) for w in cards.warnings]
    if job.kind in ("quiz", "keys"):
        from studyprint.quiz import QuizInfo, build_quiz
        from studyprint.quizgen import arrange, generate

        layout = load_layout(job.layout or "letter", job.paper)
        seed = int(job.get("seed"))
        plan = generate(decks, job.get("count", 20), job.get("types"), seed)
        versions = [arrange(plan, letter) for letter in job.get("versions")]
        first = decks[0]
        info = QuizInfo(
            title=job.get("title") or first.title,
            subtitle=" · ".join(x for x in (first.subject, first.unit) if x),
            seed=seed,
            points=job.get("points", 1.0),
            language=first.language,
            student=job.student,
        )
        if job.kind == "quiz":
            quiz = build_quiz(versions, info, out, None, layout=layout, key="none")
        else:
            quiz = build_quiz(versions, info, out, None, layout=layout, key="only")
        return quiz.pages, list(plan.warnings)
    raise JobFailed(f"{job.label}: unknown section '{job.kind}'")  # pragma: no cover


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
        except StudyprintError:
            for other in futures:
                other.cancel()
            raise
        if progress is not None:
            progress(done, len(batch))
    return results
