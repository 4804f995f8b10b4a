"""Run Python's cyclic garbage collector between the preview's rebuilds, not during them.

A rebuild at N = 1000 makes and drops hundreds of thousands of objects; with the
collector on, each one paid for about two full collections of the whole heap (the
content model, the memo of every page: about 490,000 objects), 0.3 to 0.7 s of a save's
rebuild. Paused, the rebuild only frees by reference counting, and the collection the
rebuild would have triggered runs once, a moment after the reload went out, while the
reviewer reads the page. Nothing is lost: what a rebuild leaves in reference cycles is
collected then, and saves that follow one another too quickly for that moment collect
before building once `most_paused` rebuilds have gone by without a collection.
"""

from __future__ import annotations

import gc
import threading

IDLE_SECONDS = 1.0
"""How long after a rebuild the collection runs: the browser has reloaded by then."""


class IdleCollector:
    """Pauses the collector around rebuilds (which hold `lock`) and collects once idle."""

    def __init__(
        self, lock: threading.Lock, delay: float = IDLE_SECONDS, most_paused: int = 3
    ) -> None:
        self._lock = lock
        self._delay = delay
        self._most_paused = most_paused
        self._uncollected = 0
        """Rebuilds since the last collection."""
        self._restore = gc.isenabled()
        """Whether the collector was on before the first pause (left off if it was off)."""
        self._timer: threading.Timer | None = None
        self._state = threading.Lock()

    def pause(self) -> None:
        """Stop automatic collections for a rebuild; called with `lock` held."""
        with self._state:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._uncollected == 0:
                self._restore = gc.isenabled()
            gc.disable()
            if self._uncollected >= self._most_paused:
                gc.collect()
                self._uncollected = 0

    def resume_later(self) -> None:
        """Schedule the collection for when the preview is idle; called after a rebuild."""
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
                if self._restore:
                    gc.enable()
        finally:
            self._lock.release()
