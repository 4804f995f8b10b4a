"""Watch a site's sources and sort file changes into kinds (classification is pure)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path, PurePosixPath

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer


class ChangeKind(Enum):
    """What a changed file is, which decides what must be rebuilt."""

    CONFIG = "config"
    CONTENT = "content"
    DATA = "data"
    RESOURCE = "resource"
    TEMPLATE = "template"
    STYLESHEET = "stylesheet"
    STATIC = "static"


IGNORED_PARTS = frozenset({".git", ".venv", "__pycache__", "node_modules", ".cache"})
EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")


def is_ignored(relative: PurePosixPath, output_names: Iterable[str] = ("output",)) -> bool:
    """Return True for paths the preview must never react to (output, caches, editor files)."""
    parts = relative.parts
    if not parts or parts[0] in output_names or any(p in IGNORED_PARTS for p in parts):
        return True
    name = parts[-1]
    return name.startswith((".#", "#")) or name.endswith(EDITOR_LEFTOVERS) or name.startswith(".")


def classify(relative: PurePosixPath) -> ChangeKind | None:
    """Return the kind of a changed path relative to the site folder, or None if irrelevant."""
    parts = relative.parts
    if len(parts) == 1 and re.fullmatch(r"site(\.[a-z]{2,3})?\.yaml", relative.name):
        return ChangeKind.CONFIG  # site.yaml or a translation of it (site.cy.yaml)
    if parts[:1] == ("templates",):
        if len(parts) > 2 and parts[1] == "static":
            return ChangeKind.STYLESHEET if relative.suffix == ".css" else ChangeKind.STATIC
        return ChangeKind.TEMPLATE
    if parts[:1] == ("content",) and len(parts) > 1:
        if parts[1] == "data":
            return ChangeKind.DATA
        if parts[1] == "resources":
            return ChangeKind.RESOURCE
        return ChangeKind.CONTENT
    return None


def classify_all(
    paths: Iterable[PurePosixPath], output_names: Iterable[str] = ("output",)
) -> set[ChangeKind]:
    """Return the kinds of change in a burst of changed paths."""
    kinds = set()
    for path in paths:
        if is_ignored(path, tuple(output_names)):
            continue
        kind = classify(path)
        if kind is not None:
            kinds.add(kind)
    return kinds


class Debouncer:
    """Coalesces a burst of changes into one call, after `quiet` seconds without a change.

    An editor's save (a write, or a new file renamed over the old) and a git checkout
    report their changes within a millisecond or two of each other: 50 ms of quiet
    gathers them, and is a sixth of the 300 ms a reviewer should wait for a reload.
    A burst that goes on is cut at `longest`.
    """

    def __init__(
        self,
        callback: Callable[[set[PurePosixPath]], None],
        quiet: float = 0.05,
        longest: float = 2.0,
    ) -> None:
        self._callback = callback
        self._quiet = quiet
        self._longest = longest
        self._pending: set[PurePosixPath] = set()
        self._first = 0.0
        self._last = 0.0
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="tkb-debounce", daemon=True)
        self._thread.start()

    def add(self, path: PurePosixPath) -> None:
        """Record a changed path."""
        with self._lock:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending.add(path)
            self._last = now
        self._wake.set()

    def stop(self) -> None:
        """Stop the worker thread."""
        self._stopped = True
        self._wake.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stopped:
            self._wake.wait()
            self._wake.clear()
            while not self._stopped:
                with self._lock:
                    if not self._pending:
                        break
                    now = time.monotonic()
                    due = min(self._last + self._quiet, self._first + self._longest)
                    if now >= due:
                        batch, self._pending = self._pending, set()
                    else:
                        batch = None
                if batch is None:
                    time.sleep(max(0.005, due - now))
                    continue
                self._callback(batch)


class _Handler(FileSystemEventHandler):
    def __init__(
        self, root: Path, sink: Callable[[PurePosixPath], None], output_names: tuple[str, ...]
    ) -> None:
        self._root = root
        self._sink = sink
        self._output_names = output_names

    def on_any_event(self, event: FileSystemEvent) -> None:
        # A folder is "modified" whenever a file in it changes: the file's own event counts.
        folder_touched = event.is_directory and event.event_type in ("modified", "created")
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if not raw:
                continue
            path = Path(raw if isinstance(raw, str) else raw.decode())
            try:
                relative = PurePosixPath(path.resolve().relative_to(self._root).as_posix())
            except ValueError:
                continue
            top_folder = relative.parts in (("content",), ("templates",))
            if folder_touched and not top_folder:
                continue
            if top_folder or (not is_ignored(relative, self._output_names) and classify(relative)):
                self._sink(relative)


CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
]
"""The events that can change a build: not a file opened or closed after reading, which
the system reports for every file a build reads (thousands a rebuild, each handled in
Python while the rebuild waits its turn); left out of what the system is asked for."""


def start_watching(
    root: Path, sink: Callable[[PurePosixPath], None], output_names: tuple[str, ...] = ("output",)
) -> Callable[[], None]:
    """Watch content/, templates/ and site.yaml under root; return a function that stops watching.

    The site folder itself is watched without recursion (it may hold .venv or output/),
    so content/ or templates/ created later are added when they appear.
    """
    root = root.resolve()
    observer = Observer()
    watched: set[str] = set()

    def watch_folder(name: str) -> None:
        if name not in watched and (root / name).is_dir():
            watched.add(name)
            observer.schedule(handler, str(root / name), recursive=True, event_filter=CHANGES)

    def on_change(relative: PurePosixPath) -> None:
        if len(relative.parts) == 1 and relative.parts[0] in ("content", "templates"):
            watch_folder(relative.parts[0])
        sink(relative)

    handler = _Handler(root, on_change, output_names)
    for name in ("content", "templates"):
        watch_folder(name)
    observer.schedule(
        _Handler(root, on_change, output_names), str(root), recursive=False, event_filter=CHANGES
    )
    observer.start()

    def stop() -> None:
        observer.stop()
        observer.join(timeout=5)

    return stop
