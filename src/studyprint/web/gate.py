"""Running tasks for many teachers at once: each in a worker process of its own,
in a scratch folder of its own, with a time limit, behind a bounded queue.

A worker is forked from a small server process that has already imported
studyprint and ReportLab (``forkserver``), so starting one costs milliseconds
and no worker shares memory, files or a crash with another request. At most
``workers`` run at once; up to ``queue`` more wait; beyond that a request is
told the server is busy (:class:`Busy`, HTTP 503 with Retry-After) at once
instead of piling up. A task that runs past ``seconds`` is killed
(:class:`TooSlow`). The scratch folder is removed whatever happens.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import shutil
import signal
import tempfile
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from studyprint.web.work import Outcome, Task

PRELOAD = ["studyprint.web.work", "studyprint.render", "studyprint.read.deck",
           "studyprint.batch.packet", "pypdfium2"]  # fmt: skip


class Busy(Exception):
    """Every worker is busy and the queue is full: try again shortly."""


class TooSlow(Exception):
    """The task ran past its time limit and was stopped."""


class WorkerDied(Exception):
    """The worker ended without an answer (out of memory, killed)."""


@dataclass(frozen=True, slots=True)
class Limits:
    workers: int = max(1, os.cpu_count() or 1)
    queue: int = 32  # requests that may wait for a worker
    seconds: float = 60.0  # a task's time limit


def _child(task: Task, scratch: str, answer: Connection) -> None:
    """In the worker: do the task and send back its outcome."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    from studyprint.web.work import perform

    try:
        outcome = perform(task, Path(scratch))
    except Exception as exc:
        from studyprint.web.work import Message

        outcome = Outcome(errors=(Message(f"internal error ({type(exc).__name__}); please "
                                          "report it with the deck you used"),))  # fmt: skip
    answer.send(outcome)
    answer.close()


class Gate:
    def __init__(self, limits: Limits, scratch: str | None = None) -> None:
        self.limits = limits
        self._scratch = scratch
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(PRELOAD)
        self._running = asyncio.Semaphore(limits.workers)
        self._waiting = 0

    @property
    def waiting(self) -> int:
        return self._waiting

    async def run(self, task: Task) -> Outcome:
        if self._waiting >= self.limits.queue + self.limits.workers:
            raise Busy()
        self._waiting += 1
        try:
            async with self._running:
                return await self._in_worker(task)
        finally:
            self._waiting -= 1

    async def _in_worker(self, task: Task) -> Outcome:
        scratch = tempfile.mkdtemp(prefix="studyprint-web-", dir=self._scratch)
        receive, send = self._context.Pipe(duplex=False)
        process = self._context.Process(target=_child, args=(task, scratch, send), daemon=True)
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, process.start)  # the first start forks the server
            send.close()
            ready: asyncio.Future[None] = loop.create_future()

            def readable() -> None:
                if not ready.done():
                    ready.set_result(None)

            loop.add_reader(receive.fileno(), readable)
            try:
                await asyncio.wait_for(ready, self.limits.seconds)
            except TimeoutError:
                raise TooSlow() from None
            finally:
                loop.remove_reader(receive.fileno())
            try:
                outcome: Outcome = await loop.run_in_executor(None, receive.recv)
            except EOFError:
                raise WorkerDied() from None
            return outcome
        finally:
            if process.is_alive():
                process.kill()
            await loop.run_in_executor(None, process.join)
            receive.close()
            shutil.rmtree(scratch, ignore_errors=True)
