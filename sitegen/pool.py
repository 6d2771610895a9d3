"""Run one function over many items on every core, in order, only when it pays.

Extraction is per article and pure, so a cold build of a large corpus spreads
it over a process pool. Starting workers costs tens of milliseconds and each
item has to be pickled there and back, so small batches (a rebuild after an
edit, the tests' projects) stay in this process. Results come back in the
order of the items whatever the pool does, so the output does not depend on it.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

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
