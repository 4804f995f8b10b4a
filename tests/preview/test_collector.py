"""The preview's garbage collection: full collections wait until idle, nothing is lost."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from collections.abc import Callable, Iterator

import pytest

from toolkit_builder.preview.collector import NEVER, IdleCollector


class Node:
    """An object that can sit in a reference cycle (and be watched by a weak reference)."""

    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> tuple[Node, weakref.ref[Node]]:
    """Return one of two objects that refer to each other, and a watch on it."""
    first, second = Node(), Node()
    first.other, second.other = second, first
    return first, weakref.ref(first)


def old_garbage() -> weakref.ref[Node]:
    """Make a cycle that has lived long enough for the oldest generation, then drop it."""
    kept, watched = cycle()
    gc.collect()  # survivors move to the oldest generation
    del kept
    return watched


def young_collections() -> None:
    """Allocate (and keep until return) enough objects for many young collections."""
    kept = [Node() for _ in range(100_000)]
    assert kept


@pytest.fixture(autouse=True)
def usual_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    gc.enable()
    yield
    gc.set_threshold(*thresholds)


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_a_rebuild_defers_full_collections_until_idle_and_nothing_is_lost() -> None:
    thresholds = gc.get_threshold()
    lock = threading.Lock()
    collector = IdleCollector(lock, delay=0.05)
    with lock:
        collector.pause()
        assert gc.get_threshold()[2] == NEVER
        old = old_garbage()
        young = cycle()[1]
        young_collections()
        assert young() is None  # young cycles are still freed during a rebuild
        assert old() is not None  # the full collection waits
        collector.resume_later()
    assert wait_until(lambda: old() is None)
    assert wait_until(lambda: gc.get_threshold() == thresholds)


def test_no_collection_while_a_rebuild_holds_the_lock() -> None:
    lock = threading.Lock()
    collector = IdleCollector(lock, delay=0.01)
    with lock:
        collector.pause()
        old = old_garbage()
        collector.resume_later()
        time.sleep(0.2)  # the timer fired, found the lock taken, and left
        assert old() is not None
        assert gc.get_threshold()[2] == NEVER
        collector.pause()  # the next rebuild
        collector.resume_later()
    assert wait_until(lambda: old() is None)


def test_saves_that_never_leave_time_to_collect_collect_before_building() -> None:
    lock = threading.Lock()
    collector = IdleCollector(lock, delay=60, most_paused=2)
    with lock:
        collector.pause()
        old = old_garbage()
        collector.resume_later()
        collector.pause()
        collector.resume_later()
        assert old() is not None
        collector.pause()  # two rebuilds without a full collection: collect first
        assert old() is None
        assert gc.get_threshold()[2] == NEVER  # and build as before
        collector.resume_later()


def test_the_programs_own_thresholds_come_back() -> None:
    gc.set_threshold(500, 5, 5)
    lock = threading.Lock()
    collector = IdleCollector(lock, delay=0.01)
    for _ in range(2):
        with lock:
            collector.pause()
            assert gc.get_threshold() == (500, 5, NEVER)
            collector.resume_later()
        assert wait_until(lambda: gc.get_threshold() == (500, 5, 5))
