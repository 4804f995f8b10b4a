"""Run Python's full garbage collections between the preview's rebuilds, not during them.

A rebuild at N = 1000 makes and drops hundreds of thousands of objects; with the
collector's usual settings, each one paid for about two full collections of the whole
heap (the content model, the memo of every page: about 490,000 objects), 0.3 to 0.7 s
of a save's rebuild. During a rebuild only the young generations are collected (cheap:
they hold only the objects made since the last collection, so cycles made and dropped
by the rebuild are still freed), and the full collection the rebuild would have
triggered runs once, a moment after the reload went out, while the reviewer reads the
page. Saves that follow one another too quickly for that moment collect fully before
building once `most_paused` rebuilds have gone by without a full collection.
"""

from __future__ import annotations

import gc
import threading

IDLE_SECONDS = 1.0
"""How long after a rebuild the full collection runs: the browser has reloaded by then."""

NEVER = 1 << 30
"""A threshold for the oldest generation that a rebuild does not reach."""


class IdleCollector:
    """Defers full collections around rebuilds (which hold `lock`) to when the preview is idle."""

    def __init__(
        self, lock: threading.Lock, delay: float = IDLE_SECONDS, most_paused: int = 10
    ) -> None:
        self._lock = lock
        self._delay = delay
        self._most_paused = most_paused
        self._uncollected = 0
        """Rebuilds since the last full collection."""
        self._thresholds = gc.get_threshold()
        """The collector's thresholds before the first pause, restored after a full collection."""
        self._timer: threading.Timer | None = None
        self._state = threading.Lock()

    def pause(self) -> None:
        """Defer full collections for a rebuild; called with `lock` held."""
        with self._state:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            current = gc.get_threshold()
            if self._uncollected == 0 and current[2] != NEVER:  # not another preview's pause
                self._thresholds = current
            young, middle, *_ = self._thresholds
            gc.set_threshold(young, middle, NEVER)
            if self._uncollected >= self._most_paused:
                gc.collect()
                self._uncollected = 0

    def resume_later(self) -> None:
        """Schedule the full collection for when the preview is idle; called after a rebuild."""
        with self._state:
            self._uncollected += 1
            self._timer = threading.Timer(self._delay, self._collect_if_idle)
            self._timer.daemon = True
            self._timer.start()

    def _collect_if_idle(self) -> None:
        if not self._lock.acquire(blocking=False):
            return  # a rebuild started: it schedules the collection again when it ends
        try:
            with self._state:
                gc.collect()
                self._uncollected = 0
                gc.set_threshold(*self._thresholds)
        finally:
            self._lock.release()
