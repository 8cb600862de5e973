"""Running one function over many inputs on every core, with results in input order.

Folder conversion and migration hand each file to :func:`run_batch`, which
calls the function in this process (one job) or in a pool of processes, and
gives each result back in the order of the inputs, so that what a run prints
and writes does not depend on how many processes ran it. A result is handed on
as soon as the results before it are in, and only a few chunks of inputs are in
flight at once: memory stays flat in the number of inputs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

    from tqdm import tqdm

__all__ = ["BatchInterrupted", "Progress", "cores", "run_batch"]

Item = TypeVar("Item")
Result = TypeVar("Result")

# Chunks in flight per process: enough that a process never waits for work,
# few enough that results waiting behind a slow chunk stay a handful.
_WINDOW = 4
# Inputs per chunk, at most: a chunk is the unit of progress and of what Ctrl-C lets finish.
_CHUNK = 16


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a batch: ``done`` of ``total`` inputs were handled completely (none partly).

    A ``KeyboardInterrupt``, so that it stops what a Ctrl-C stops.
    """

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"interrupted after {done} of {total}")
        self.done = done
        self.total = total


def cores() -> int:
    """The number of processors this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - no sched_getaffinity (macOS, Windows)
        return max(1, os.cpu_count() or 1)


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: a worker finishes its chunk, and
    # the parent, which alone hears it, stops handing out more.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(work: Callable[[Item], Result], chunk: Sequence[Item]) -> list[Result]:
    return [work(item) for item in chunk]


def run_batch(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    handle: Callable[[Result], None],
    *,
    jobs: int,
) -> None:
    """Call ``work`` on each of ``items`` and ``handle`` on each result, in the order of ``items``.

    ``jobs`` processes run ``work`` (a module-level function, or a
    ``functools.partial`` of one, with arguments that can be pickled); with one
    job, or one item, it runs in this process. Ctrl-C (``KeyboardInterrupt``)
    lets the work already started finish, hands on its results, and raises
    :class:`BatchInterrupted` with the count of items handled.

    >>> seen = []
    >>> run_batch(abs, [-2, 1, -3], seen.append, jobs=1)
    >>> seen
    [2, 1, 3]
    """
    total = len(items)
    done = 0
    pool = None
    if jobs > 1 and total > 1:
        # The pool's modules cost a good part of plancore's start-up: only a run that uses them loads them.
        from concurrent.futures import ProcessPoolExecutor

        jobs = min(jobs, total)
        # Where no process pool can be made (no working semaphores, as in some sandboxes), one process does it all.
        with contextlib.suppress(OSError, NotImplementedError):
            pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
    if pool is None:
        try:
            for item in items:
                result = work(item)
                # Counted once its work is done (its file whole), even if handing it on is cut short.
                done += 1
                handle(result)
        except KeyboardInterrupt:
            raise BatchInterrupted(done, total) from None
        return
    executor = pool
    size = max(1, min(_CHUNK, total // (jobs * _WINDOW * 2)))
    chunks: Iterator[Sequence[Item]] = (items[start : start + size] for start in range(0, total, size))
    pending: deque[Future[list[Result]]] = deque()
    ready: deque[Result] = deque()

    def hand_on() -> None:
        nonlocal done
        while ready:
            done += 1
            handle(ready.popleft())

    def take_first() -> None:
        # The first chunk leaves ``pending`` only once its results are in: a
        # Ctrl-C while waiting for them finds it there, to count when it ends.
        ready.extend(pending[0].result())
        pending.popleft()
        hand_on()

    try:
        for chunk in chunks:
            pending.append(executor.submit(_run_chunk, work, chunk))
            if len(pending) >= jobs * _WINDOW:
                take_first()
        while pending:
            take_first()
    except KeyboardInterrupt:
        executor.shutdown(wait=True, cancel_futures=True)
        # What was running when Ctrl-C came has finished: its files are whole
        # and written, so they are handed on and counted; the rest never began.
        for future in pending:
            if future.cancelled() or future.exception() is not None:
                break
            ready.extend(future.result())
        hand_on()
        raise BatchInterrupted(done, total) from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


class Progress:
    """One progress bar on ``stream`` (tqdm), drawn only when ``shown`` and ``stream`` is a terminal.

    Call :meth:`advance` once per input handled, then :meth:`close`, which
    wipes the bar so that the next line stands on its own.
    """

    def __init__(self, total: int, stream: TextIO | None = None, *, shown: bool = True) -> None:
        stream = sys.stderr if stream is None else stream
        self._bar: tqdm[None] | None = None
        if shown and total > 0 and stream.isatty():
            from tqdm import tqdm

            # No monitor thread: a thread alive when the pool forks its workers is a hazard.
            class _Bar(tqdm):  # type: ignore[type-arg]
                monitor_interval = 0

            self._bar = _Bar(total=total, file=stream, desc="plancore", unit="plan", leave=False, dynamic_ncols=True)

    def advance(self, _: object = None) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
