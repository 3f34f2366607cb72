"""Interpret many messages on several cores; records come back in input order.

The messages are cut into chunks (a few dozen messages, a few MB) that a process pool
interprets; at most a few chunks per worker are in flight, so reading never runs ahead of the
workers and memory stays bounded whatever the size of the input. The parent only reads and
folds. Results are taken in submission order, so ``--jobs 1`` and ``--jobs 8`` give the same
records in the same order.

A worker that dies (killed, out of memory, a crash in a C extension) loses no message: the
chunks it took down are run again one message at a time in a separate single-worker pool, and
only a message that kills that worker too becomes an error record.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from pathlib import Path
from typing import Any

from bounceinterp.i18n import gettext as _
from bounceinterp.limits import DEFAULT_LIMITS, Limits
from bounceinterp.mailbox import Message

from . import worker
from .records import Record, error_record

#: Most messages and bytes in one chunk.
CHUNK_MESSAGES = 32
CHUNK_BYTES = 4 * 1024 * 1024
#: Chunks in flight per worker: enough to keep every worker busy while the parent reads.
IN_FLIGHT_PER_JOB = 3

Work = Callable[[Sequence[Message]], list[Record]]


def default_jobs() -> int:
    """The cores this process may use."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def chunks(messages: Iterable[Message]) -> Iterator[list[Message]]:
    chunk: list[Message] = []
    size = 0
    for message in messages:
        chunk.append(message)
        size += len(message.raw or b"")
        if len(chunk) >= CHUNK_MESSAGES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def records(
    messages: Iterable[Message],
    *,
    jobs: int = 1,
    rules: str | Path | None = None,
    diagnostics: bool = False,
    work: Work = worker.interpret_chunk,
    limits: Limits = DEFAULT_LIMITS,
    error: Callable[[str, str], Any] | None = None,
) -> Iterator[Record]:
    """The record of every message, in order, interpreted by ``jobs`` processes (1: here).

    ``work`` makes the items of a chunk (``explain --jobs`` gives its own); ``error`` makes the
    item of a message whose worker died or failed, from its label and the reason."""
    pieces = chunks(messages)
    first = next(pieces, None)
    second = next(pieces, None) if first is not None else None
    if jobs <= 1 or second is None:  # one chunk or less: not worth starting processes
        worker.start(rules, diagnostics, in_worker=False, limits=limits)
        for chunk in chain([first] if first else [], [second] if second else [], pieces):
            yield from work(chunk)
        return
    assert first is not None
    pool = _Pool(jobs, rules, diagnostics, work, limits, error or _explain_error)
    yield from pool.run(chain([first, second], pieces))


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one (workers forked from a clean single-threaded server that
    has imported the library once), else spawn; never a bare fork of a threaded parent."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["bounceinterp.report.worker", "bounceinterp.explanation"])
        return context
    return multiprocessing.get_context("spawn")


class _Pool:
    def __init__(
        self,
        jobs: int,
        rules: str | Path | None,
        diagnostics: bool,
        work: Work,
        limits: Limits = DEFAULT_LIMITS,
        error: Callable[[str, str], Any] | None = None,
    ):
        self.jobs = jobs
        self.initargs = (rules, diagnostics, True, limits)
        self.work = work
        self.error = error or _explain_error

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers, mp_context=_context(), initializer=worker.start, initargs=self.initargs
        )

    def run(self, pieces: Iterable[list[Message]]) -> Iterator[Record]:
        limit = self.jobs * IN_FLIGHT_PER_JOB
        pending: deque[tuple[list[Message], Future[list[Record]]]] = deque()
        pool = self._executor(self.jobs)
        try:
            for chunk in pieces:
                pending.append((chunk, pool.submit(self.work, chunk)))
                while len(pending) >= limit:
                    done, pool = self._next(pending, pool)
                    yield from done
            while pending:
                done, pool = self._next(pending, pool)
                yield from done
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _next(
        self, pending: deque[tuple[list[Message], Future[list[Record]]]], pool: ProcessPoolExecutor
    ) -> tuple[list[Record], ProcessPoolExecutor]:
        chunk, future = pending.popleft()
        try:
            return future.result(), pool
        except BrokenProcessPool:
            pass
        except Exception as exc:  # the work itself failed (it should not): the chunk is lost
            return [self.error(m.label, str(exc)) for m in chunk], pool
        # A worker died: every chunk in flight may have gone with it. Keep the results that
        # arrived, run the others again one message at a time, then go on with a new pool.
        pool.shutdown(wait=True, cancel_futures=True)
        done: list[Record] = []
        for item, result in [(chunk, future), *pending]:
            if result.done() and not result.cancelled() and result.exception() is None:
                done.extend(result.result())
            else:
                done.extend(self._one_by_one(item))
        pending.clear()
        return done, self._executor(self.jobs)

    def _one_by_one(self, chunk: list[Message]) -> list[Record]:
        done: list[Record] = []
        pool = self._executor(1)
        try:
            for message in chunk:
                try:
                    done.extend(pool.submit(self.work, [message]).result())
                except BrokenProcessPool:
                    done.append(self.error(message.label, _("its worker process stopped")))
                    pool.shutdown(wait=True)
                    pool = self._executor(1)
        finally:
            pool.shutdown(wait=True)
        return done


def _explain_error(label: str, reason: str) -> Record:
    text = _("cannot explain {file}: {reason}")
    return error_record(label, text.format(file=label, reason=reason))
