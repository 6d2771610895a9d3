"""A pool worker's collector: as the caller had it, but collecting young objects less often."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from sitegen.ingest.pool import WORKER_GC_YOUNG, _start_worker


@pytest.fixture
def collector() -> Iterator[None]:
    """Put the collector back as it was: the test runs in this process, not a worker."""
    was, threshold = gc.isenabled(), gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    (gc.enable if was else gc.disable)()


def test_a_collecting_worker_collects_young_objects_less_often(collector: None) -> None:
    _, older, oldest = gc.get_threshold()
    gc.disable()
    _start_worker(True)
    assert gc.isenabled()
    assert gc.get_threshold() == (WORKER_GC_YOUNG, older, oldest)


def test_a_worker_of_a_caller_without_the_collector_runs_without_it(collector: None) -> None:
    gc.enable()
    _start_worker(False)
    assert not gc.isenabled()
