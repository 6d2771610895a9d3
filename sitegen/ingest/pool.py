"""Run one function over many items on every core, in order, only when it pays.

Extraction is per article and pure, so a cold build of a large corpus spreads
it over a process pool. Starting workers costs tens of milliseconds and each
item has to be pickled there and back, so small batches (a rebuild after an
edit, the tests' projects) stay in this process. Results come back in the
order of the items whatever the pool does, so the output does not depend on it.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 40
"""Below this many items per extra process, starting the pool costs more than it saves."""
CHUNKS_PER_WORKER = 4
"""Items go out in this many chunks per worker: few round trips, yet no worker idles long."""


def cores() -> int:
    """The cores this process may run on (not all the machine has, under a CPU limit)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(count: int, limit: int | None = None) -> int:
    """How many processes ``count`` items deserve: 1 means do them here."""
    most = cores() if limit is None else max(1, limit)
    return max(1, min(most, count // MIN_ITEMS_PER_WORKER))


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """The fork context when forking is safe here (no other threads), else None."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None


def _context() -> multiprocessing.context.BaseContext:
    """fork is cheapest (workers inherit the word lists already loaded), but forking a
    process that runs other threads (``serve``) can deadlock, so then use forkserver."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def map_ordered(fn: Callable[[T], R], items: Sequence[T], *, workers: int | None = None) -> list[R]:
    """``[fn(x) for x in items]``, spread over processes when there are enough items.

    ``fn`` and the items must pickle (a module-level function or a
    ``functools.partial`` of one). ``workers`` caps the processes; 1 forces serial.
    """
    count = workers_for(len(items), workers)
    if count < 2:
        return [fn(item) for item in items]
    first = fn(items[0])  # here: loads the word lists once, and forked workers inherit them
    rest = items[1:]
    chunk = max(1, math.ceil(len(rest) / (count * CHUNKS_PER_WORKER)))
    with ProcessPoolExecutor(max_workers=count, mp_context=_context()) as pool:
        return [first, *pool.map(fn, rest, chunksize=chunk)]


def _child(fn: Callable[[int], Any], indexes: range, conn: Connection) -> None:
    """Run in a forked worker: do this share of the items, send back the results."""
    try:
        message: tuple[str, Any] = ("ok", [fn(i) for i in indexes])
    except BaseException as exc:  # noqa: BLE001 - the parent re-raises it
        message = ("error", exc)
    try:
        conn.send(message)
    except Exception as exc:  # noqa: BLE001 - an error that does not pickle
        conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    conn.close()


def map_forked(fn: Callable[[int], R], count: int, *, workers: int | None = None) -> list[R] | None:
    """``[fn(i) for i in range(count)]`` in forked workers, or None to do it here.

    Forked workers inherit ``fn`` and everything it refers to (a renderer with its
    whole briefing), so only the results are pickled, unlike ``map_ordered``'s
    items. None when there are too few items, or when fork is unsafe or missing;
    then the caller runs the loop itself. An exception in a worker is raised here.
    """
    count_workers = workers_for(count, workers)
    ctx = _fork_context()
    if count_workers < 2 or ctx is None:
        return None
    conns: list[Connection] = []
    procs = []
    # Objects alive now go to a generation the collector never walks: a worker's
    # collections would otherwise touch, and so copy, every page of the parent's heap.
    gc.freeze()
    for w in range(count_workers):
        receive, send = ctx.Pipe(duplex=False)
        share = range(w, count, count_workers)  # interleaved: expensive pages spread out
        proc = ctx.Process(target=_child, args=(fn, share, send), daemon=True)  # type: ignore[attr-defined]
        proc.start()
        send.close()
        procs.append(proc)
        conns.append(receive)
    results: list[Any] = [None] * count
    error: BaseException | None = None
    try:
        for w, conn in enumerate(conns):
            try:
                status, payload = conn.recv()
            except EOFError:
                status, payload = "error", RuntimeError("a worker process died")
            if status == "ok":
                results[w::count_workers] = payload
            elif error is None:
                error = payload
    finally:
        gc.unfreeze()
        for conn in conns:
            conn.close()
        for proc in procs:
            proc.join()
    if error is not None:
        raise error
    return results
