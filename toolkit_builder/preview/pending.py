"""The site on show while a rebuild finishes: the pages its browsers show come first.

A rebuild hands on the pages open in a browser as soon as they are rendered
(build.FirstPages), with the files known for certain by then (stylesheets, scripts,
images, unchanged charts). The preview shows them at once, as `PendingFiles`: a request
for any other file waits until the rebuild is done and is answered from its result. No
request ever gets a file of the build before, nor a 404 for a file the rebuild is still
making.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator, Mapping


class PendingFiles(Mapping[str, bytes]):
    """Files of a rebuild under way: the first ones now, the rest once `finish` is called."""

    def __init__(self, first: Mapping[str, bytes]) -> None:
        self._first = first
        self._rest: Mapping[str, bytes] = {}
        self._done = threading.Event()

    def finish(self, files: Mapping[str, bytes]) -> None:
        """Hand over every file of the rebuild (or, when it failed, of the site shown
        instead), and wake the requests waiting for them."""
        self._rest = files
        self._done.set()

    @property
    def finished(self) -> bool:
        """Whether `finish` was called."""
        return self._done.is_set()

    def _all(self) -> Mapping[str, bytes]:
        self._done.wait()
        return self._rest

    def __getitem__(self, path: str) -> bytes:
        if path in self._first:
            return self._first[path]
        return self._all()[path]

    def __contains__(self, path: object) -> bool:
        return path in self._first or path in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __bool__(self) -> bool:
        return bool(self._first) or bool(self._all())


class OpenPages:
    """The pages the preview's browsers show now, by output path (one count per tab)."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def opened(self, path: str) -> None:
        """Count a browser tab showing `path` ('case-studies/c0/index.html')."""
        with self._lock:
            self._counts[path] += 1

    def closed(self, path: str) -> None:
        """Forget one tab showing `path`."""
        with self._lock:
            self._counts[path] -= 1
            if self._counts[path] <= 0:
                del self._counts[path]

    def paths(self) -> frozenset[str]:
        """Return the paths shown in at least one tab."""
        with self._lock:
            return frozenset(self._counts)
