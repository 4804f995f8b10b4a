"""How often Python's cycle collector runs while a build runs.

A build holds its content in memory (the site, every series and its analysis, the
pages' contexts) and makes millions of short-lived objects on top of it. With
Python's default thresholds (a young collection every 700 new objects, a full one
every 100 young ones, and more often as the heap grows), the collector took 2.4 to
2.9 s of a cold N = 1000 build's 20 s in the build's own process, most of it in full
collections that walk the whole content model again. Collecting the youngest
generation every YOUNG_OBJECTS objects instead: 1.2 to 1.4 s, for about 15 MB more
at the peak (docs/performance.md, twelfth session).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_OBJECTS = 10_000
"""New objects between two collections of the youngest generation during a build
(Python's default: 700). The older generations keep their thresholds (each collected
after that many collections of the one below), so a full collection comes about a
fourteenth as often."""


@contextmanager
def fewer_collections(young: int = YOUNG_OBJECTS) -> Iterator[None]:
    """Within the block, collect the youngest generation every `young` new objects (never
    more often than the thresholds in force); restore the thresholds after."""
    before = gc.get_threshold()
    gc.set_threshold(max(young, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
