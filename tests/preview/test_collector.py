"""The preview's garbage collection: paused during rebuilds, run once idle, nothing lost."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from collections.abc import Iterator

import pytest

from toolkit_builder.preview.collector import IdleCollector


class Node:
    """An object that can sit in a reference cycle (and be watched by a weak reference)."""

    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> weakref.ref[Node]:
    """Make two objects that refer to each other, drop them, return a watch on one."""
    first, second = Node(), Node()
    first.other, second.other = second, first
    return weakref.ref(first)


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def wait_until(condition: object, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.01)
    return False


def test_a_rebuild_runs_without_the_collector_and_its_cycles_are_freed_once_idle() -> None:
    lock = threading.Lock()
    collector = IdleCollector(lock, delay=0.05)
    with lock:
        collector.pause()
        assert not gc.isenabled()
        watched = cycle()
        kept = [Node() for _ in range(100_000)]  # would trigger many automatic collections
        assert watched() is not None
        del kept
        collector.resume_later()
    assert wait_until(lambda: gc.isenabled())
    assert watched() is None


def test_no_collection_while_a_rebuild_holds_the_lock() -> None:
    lock = threading.Lock()
    collector = IdleCollector(lock, delay=0.01)
    with lock:
        collector.pause()
        watched = cycle()
        collector.resume_later()
        time.sleep(0.2)  # the timer fired, found the lock taken, and left
        assert not gc.isenabled()
        assert watched() is not None
        collector.pause()  # the next rebuild
        collector.resume_later()
    assert wait_until(lambda: gc.isenabled())
    assert watched() is None


def test_saves_that_never_leave_a_pause_collect_before_building() -> None:
    lock = threading.Lock()
    collector = IdleCollector(lock, delay=60, most_paused=2)
    with lock:
        collector.pause()
        watched = cycle()
        collector.resume_later()
        collector.pause()
        collector.resume_later()
        assert watched() is not None
        collector.pause()  # two rebuilds without a collection: collect first
        assert watched() is None
        assert not gc.isenabled()  # and build paused as before
        collector.resume_later()


def test_a_collector_turned_off_by_the_program_stays_off() -> None:
    gc.disable()
    lock = threading.Lock()
    collector = IdleCollector(lock, delay=0.01)
    with lock:
        collector.pause()
        watched = cycle()
        collector.resume_later()
    assert wait_until(lambda: watched() is None)
    assert not gc.isenabled()
