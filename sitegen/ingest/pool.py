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
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 40
"""Below this many items per extra process, starting the pool costs more than it saves."""
CHUNKS_PER_WORKER = 4
"""Items go out in this many chunks per worker: few round trips, yet no worker idles long."""
REPORT_EVERY = 0.1
"""Seconds between two batches of results a forked worker sends (for progress)."""
Tick = Callable[[int], object]
"""Told how many more items are done (``Stage.advance`` of ``sitegen.ingest.progress``)."""


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


def _counted(results: Iterable[R], tick: Tick | None) -> list[R]:
    """The results as a list, ``tick(1)`` as each arrives."""
    if tick is None:
        return list(results)
    out = []
    for result in results:
        out.append(result)
        tick(1)
    return out


def map_ordered(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int | None = None,
    tick: Tick | None = None,
) -> list[R]:
    """``[fn(x) for x in items]``, spread over processes when there are enough items.

    ``fn`` and the items must pickle (a module-level function or a
    ``functools.partial`` of one). ``workers`` caps the processes; 1 forces serial.
    ``tick`` is told as items are done, in order.
    """
    count = workers_for(len(items), workers)
    if count < 2:
        return _counted((fn(item) for item in items), tick)
    first = _counted([fn(items[0])], tick)  # here: loads the word lists once, and forked
    rest = items[1:]  # workers inherit them
    chunk = max(1, math.ceil(len(rest) / (count * CHUNKS_PER_WORKER)))
    collecting = gc.isenabled()
    # Workers collect as this process would have; this process only unpickles their
    # results, which make no cycles, yet with the collector on each batch of them
    # set off collections that walked all those before: 0.2 ms an article, 5% of a
    # cold extraction. Objects alive now are frozen, so a worker's collections
    # never walk (nor copy) the heap it inherits.
    gc.disable()
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=count,
            mp_context=_context(),
            initializer=_start_worker,
            initargs=(collecting,),
        ) as pool:
            return first + _counted(pool.map(fn, rest, chunksize=chunk), tick)
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()


WORKER_GC_YOUNG = 10_000
"""Allocations between two collections of a worker's youngest objects (Python's
default is 700). A worker makes an article's objects, hands them back and drops
them, with hardly a cycle among them: collecting ten times as often walked them
for 1% of its time and freed next to nothing."""


def _start_worker(collecting: bool) -> None:
    """Run first in each worker: the collector as the caller had it (a forked worker
    inherits it off; one of a fork server or spawned starts with it on), less often."""
    if collecting:
        _, older, oldest = gc.get_threshold()
        gc.set_threshold(WORKER_GC_YOUNG, older, oldest)
        gc.enable()
    else:
        gc.disable()


def _child(fn: Callable[[int], Any], indexes: range, conn: Connection) -> None:
    """Run in a forked worker: do this share of the items, send back the results in
    batches (one every ``REPORT_EVERY`` seconds, so that the parent can show progress)."""
    try:
        batch: list[Any] = []
        sent = time.monotonic()
        for i in indexes:
            batch.append(fn(i))
            if time.monotonic() - sent >= REPORT_EVERY:
                conn.send(("part", batch))
                batch, sent = [], time.monotonic()
        message: tuple[str, Any] = ("ok", batch)
    except BaseException as exc:  # noqa: BLE001 - the parent re-raises it
        message = ("error", exc)
    try:
        conn.send(message)
    except Exception as exc:  # noqa: BLE001 - an error that does not pickle
        conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    conn.close()


def map_forked(
    fn: Callable[[int], R],
    count: int,
    *,
    workers: int | None = None,
    tick: Tick | None = None,
    upto: Tick | None = None,
) -> list[R] | None:
    """``[fn(i) for i in range(count)]`` in forked workers, or None to do it here.

    Forked workers inherit ``fn`` and everything it refers to (a renderer with its
    whole briefing), so only the results are pickled, unlike ``map_ordered``'s
    items. None when there are too few items, or when fork is unsafe or missing;
    then the caller runs the loop itself. An exception in a worker is raised here.
    ``tick`` is told as batches of results arrive; ``upto``, how many leading items
    are done whenever that grows (the build indexes finished pages meanwhile).
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
    try:
        results, error = _receive(conns, count, tick, upto)
    finally:
        gc.unfreeze()
        for conn in conns:
            conn.close()
        for proc in procs:
            proc.join()
    if error is not None:
        raise error
    return results


def _receive(
    conns: list[Connection], count: int, tick: Tick | None, upto: Tick | None = None
) -> tuple[list[Any], BaseException | None]:
    """Every worker's results put back in item order (worker ``w`` did items ``w``,
    ``w + n``, ...), read from whichever worker has sent a batch; the first error."""
    results: list[Any] = [None] * count
    error: BaseException | None = None
    step = len(conns)
    filled = [0] * step
    told = 0
    worker_of = {id(conn): w for w, conn in enumerate(conns)}
    open_conns = list(conns)
    while open_conns:
        for conn in wait(open_conns):
            assert isinstance(conn, Connection)
            w = worker_of[id(conn)]
            try:
                status, payload = conn.recv()
            except EOFError:
                status, payload = "error", RuntimeError("a worker process died")
            if status in ("part", "ok"):
                start = w + filled[w] * step
                results[start : start + len(payload) * step : step] = payload
                filled[w] += len(payload)
                if tick is not None and payload:
                    tick(len(payload))
                # item v + k * step is done iff k < filled[v]: all before the least undone
                leading = min(count, *(v + filled[v] * step for v in range(step)))
                if upto is not None and leading > told:
                    told = leading
                    upto(leading)
            elif error is None:
                error = payload
            if status != "part":
                open_conns.remove(conn)
    return results, error
