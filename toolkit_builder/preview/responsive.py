"""The preview's threads answer promptly while a rebuild runs.

A rebuild is Python work that holds the interpreter's lock. A thread serving a request
asks for the lock back after each read and write on its socket, and waits up to the
interpreter's switch interval (5 ms by default) each time: a page served while a
rebuild finishes took about 50 ms more than one served when idle (N = 1000, with the
page on show reloaded before the rebuild's end). A shorter interval hands the lock over
sooner; a thread with no one waiting for the lock is not slowed by it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

SWITCH_SECONDS = 0.001
"""The interval while the preview runs: a request waits about 1 ms per step for the lock."""


@contextmanager
def responsive_threads(seconds: float = SWITCH_SECONDS) -> Iterator[None]:
    """Set the interpreter's switch interval to `seconds` inside the block; restore it after."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(before)
