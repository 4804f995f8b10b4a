"""Draw many charts: in parallel across cores, each cached by a hash of what it shows.

Drawing starts in worker processes (start_charts) and goes on while the build renders
its pages; the build collects the charts when it needs them. Each worker draws a
chunk of charts on one canvas (charts/canvas.py). This is the only module of the
charts package that touches the filesystem (the cache).

A chart comes back either as its SVG bytes or, when the caller gives a `keep`
function (the command line's build store), as the name `keep` gave it: the worker
that drew it stores it, so the SVG never travels to or stays in the build's process
(16,000 drawings of N = 4000 are about 430 MB).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import select
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib import import_module
from multiprocessing import forkserver
from pathlib import Path

from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.version import DRAWING_VERSION, MATPLOTLIB_VERSION
from toolkit_builder.regularfile import read_regular

PARALLEL_FROM = 24
"""Draw in worker processes only when at least this many charts need drawing: below
that, starting the workers (each imports matplotlib) costs more than it saves."""
CHUNK = 32
"""Most charts a worker draws on one canvas per task (smaller tasks share the work
out more evenly at the end; larger ones reuse a canvas longer)."""


def cache_key(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return the SHA-256 (hex) of everything that decides the chart's bytes.

    The dataclass reprs are canonical (floats repr exactly, fields in a fixed order);
    the drawing version and matplotlib's version are part of the key.
    """
    return cache_keys(analysis, labels)[0]


def cache_keys(analysis: ChartAnalysis, *shapes: ChartLabels) -> list[str]:
    """Return cache_key(analysis, labels) for each of `shapes`, the analysis written out
    once: it is most of the text hashed, and a series is drawn wide and narrow."""
    shown = repr(analysis)
    versions = f"{DRAWING_VERSION!r}, {MATPLOTLIB_VERSION!r}"
    # repr of the tuple (analysis, labels, DRAWING_VERSION, MATPLOTLIB_VERSION)
    texts = (f"({shown}, {labels!r}, {versions})" for labels in shapes)
    return [hashlib.sha256(text.encode("utf-8")).hexdigest() for text in texts]


@dataclass(frozen=True, slots=True)
class ChartJob:
    """One chart to draw."""

    chart_id: str
    """Key of the chart in the result (the series id in a site build)."""
    analysis: ChartAnalysis
    labels: ChartLabels
    key: str = ""
    """cache_key(analysis, labels) when already known; empty: computed here."""

    def cache_key(self) -> str:
        """Return the job's cache key."""
        return self.key or cache_key(self.analysis, self.labels)


Keep = Callable[[bytes], str]
"""Stores a drawn SVG and returns the name it is found by (cache/store.py `CacheStore.put`).
It runs in the drawing processes, so it must pickle (a bound method of a plain object)."""

Drawn = bytes | str
"""A chart as the build holds it: its SVG, or the name `keep` stored it under."""


def draw_charts(jobs: Sequence[ChartJob], keep: Keep | None = None) -> list[Drawn]:
    """Return the jobs' SVGs in order, drawn one after another on one canvas (or, with
    `keep`, the names they were stored under)."""
    from toolkit_builder.charts import draw  # matplotlib: imported only to draw

    drawn: list[Drawn] = []
    for svg in draw.draw_many((job.analysis, job.labels) for job in jobs):
        drawn.append(keep(svg) if keep is not None else svg)
    return drawn


def _store(cache_dir: Path, key: str, svg: bytes) -> None:
    """Write a cached chart atomically: a temporary file beside it, then os.replace."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-", suffix=".svg")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(svg)
        os.replace(temporary, cache_dir / f"{key}.svg")
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def end_with(build: int) -> None:
    """Make this worker process end as soon as the build process `build` ends (killed).

    Workers are children of the forkserver, not of the build, so the build is watched
    directly: a daemon thread waits on a pidfd (Linux), or asks every half second.
    """

    def watch() -> None:
        try:
            handle = os.pidfd_open(build)
            select.select([handle], [], [])
        except (AttributeError, OSError):
            while _running(build):
                time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-build", daemon=True).start()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


DRAWING_MODULE = "toolkit_builder.charts.draw"
"""What a drawing process imports before its first chart (matplotlib with it)."""


WORKER_NICENESS = 10
"""How much lower a drawing process's priority is than the build's (os.nice)."""


def start_worker(build: int) -> None:
    """Make a worker process end with the build process `build`, yield the cores to it
    (WORKER_NICENESS), and import what drawing needs (matplotlib) before its first task:
    a pool started early is ready to draw."""
    end_with(build)
    os.nice(WORKER_NICENESS)
    import_module(DRAWING_MODULE)  # imported already when forked from a started server


def start_forkserver(*also: str) -> None:
    """Start the process that drawing processes are forked from, importing the drawing
    module (matplotlib) and the modules named in `also` in it as it starts, without
    waiting for it.

    Every drawing process is then forked with matplotlib imported: it is imported once,
    here, in a process of its own, rather than by each worker as it starts. Call it early
    (a build calls it before it reads the content, while this process works alone); once
    the server runs, a later call does nothing (the server keeps what it imported)."""
    multiprocessing.get_context("forkserver").set_forkserver_preload([DRAWING_MODULE, *also])
    forkserver.ensure_running()


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Return a pool of chart-drawing processes that end when this process ends."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=start_worker,
        initargs=(os.getpid(),),
    )


def worker_count(workers: int) -> int:
    """Return the worker processes to draw with: `workers`, or one per core below 1."""
    return workers if workers > 0 else (os.cpu_count() or 1)


def _chunks(jobs: list[tuple[str, ChartJob]], workers: int) -> list[list[tuple[str, ChartJob]]]:
    """Return the (key, job) pairs cut into tasks: four or more per worker, CHUNK at most."""
    size = max(1, min(CHUNK, len(jobs) // (workers * 4)))
    return [jobs[start : start + size] for start in range(0, len(jobs), size)]


@dataclass(slots=True)
class PendingCharts:
    """Charts being drawn (in worker processes when there are many) while the build goes on."""

    jobs: Sequence[ChartJob]
    keys: dict[str, str]
    """Chart id -> cache key."""
    found: dict[str, Drawn]
    """Chart id -> SVG (or stored name, with `keep`) of the charts found in memory or in
    the cache."""
    to_draw: dict[str, ChartJob]
    """Cache key -> one job that draws it."""
    cache_dir: Path | None
    memory: dict[str, Drawn] | None
    keep: Keep | None = None
    pool: ProcessPoolExecutor | None = None
    tasks: list[tuple[list[str], Future[list[Drawn]]]] = field(default_factory=list)
    """The keys each worker task draws, and the task."""

    def result(self, progress: Callable[[int], None] | None = None) -> tuple[dict[str, bytes], int]:
        """Return each chart's SVG by chart id, and how many had to be drawn (not cached)."""
        if self.keep is not None:
            raise ValueError("these charts were stored as drawn: ask for kept()")
        charts, count = self._result(progress)
        return {chart_id: _svg(drawn) for chart_id, drawn in charts.items()}, count

    def kept(self, progress: Callable[[int], None] | None = None) -> tuple[dict[str, str], int]:
        """Return the name `keep` stored each chart under, by chart id, and how many had to
        be drawn (not found in memory)."""
        if self.keep is None:
            raise ValueError("these charts were not stored: ask for result()")
        charts, count = self._result(progress)
        return {chart_id: _name(drawn) for chart_id, drawn in charts.items()}, count

    def _result(self, progress: Callable[[int], None] | None) -> tuple[dict[str, Drawn], int]:
        if progress and self.found:
            progress(len(self.found))
        drawn = self._collect(progress)
        for key, svg in drawn.items():
            if self.cache_dir:
                _store(self.cache_dir, key, _svg(svg))
        result = dict(self.found)
        for job in self.jobs:
            if job.chart_id not in result:
                result[job.chart_id] = drawn[self.keys[job.chart_id]]
        if self.memory is not None:
            self.memory.clear()
            self.memory.update({self.keys[job.chart_id]: result[job.chart_id] for job in self.jobs})
        return dict(sorted(result.items())), len(drawn)

    def cancel(self) -> None:
        """Stop drawing: drop the tasks not started and let the workers go."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def _collect(self, progress: Callable[[int], None] | None) -> dict[str, Drawn]:
        """Return the SVG (or stored name) of every key to draw: from the workers, else
        drawn here."""
        drawn: dict[str, Drawn] = {}
        uses = Counter(
            self.keys[job.chart_id] for job in self.jobs if job.chart_id not in self.found
        )
        try:
            for keys, task in self.tasks:
                drawn.update(zip(keys, task.result(), strict=True))
                if progress:
                    progress(sum(uses[key] for key in keys))
        except (BrokenProcessPool, OSError):
            pass  # no worker processes here (a sandbox, no /dev/shm): draw the rest here
        finally:
            if self.pool is not None:
                self.pool.shutdown()
                self.pool = None
        if not self.to_draw.keys() - drawn.keys():
            return drawn
        from toolkit_builder.charts import draw  # matplotlib: imported only to draw

        left = [(key, job) for key, job in self.to_draw.items() if key not in drawn]
        svgs = draw.draw_many((job.analysis, job.labels) for _, job in left)
        for (key, _), svg in zip(left, svgs, strict=True):
            drawn[key] = self.keep(svg) if self.keep is not None else svg
            if progress:
                progress(uses[key])
        return drawn


def start_charts(
    jobs: Sequence[ChartJob],
    cache_dir: Path | None,
    workers: int,
    memory: dict[str, Drawn] | None = None,
    keep: Keep | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> PendingCharts:
    """Start drawing the charts not found in `memory` or `cache_dir`; return the pending result.

    With `workers` above 1 (below 1: one per core) and at least PARALLEL_FROM charts to
    draw, worker processes draw them now; otherwise PendingCharts.result draws them.
    With `pool` (worker_pool, started earlier by the caller), its processes draw any
    charts to draw, and the pending result shuts it down when done.
    With `keep`, each drawing is stored by `keep` where it is drawn and `memory` holds
    the names it gave (cache key -> name; `cache_dir` is not used). Call result() (or
    kept(), with `keep`), or cancel() on failure, once.
    """
    workers = worker_count(workers)
    keys = {job.chart_id: job.cache_key() for job in jobs}
    found: dict[str, Drawn] = {}
    to_draw: dict[str, ChartJob] = {}  # one drawing per distinct key
    folder = cache_dir if keep is None else None
    for job in jobs:
        key = keys[job.chart_id]
        if memory is not None and key in memory:
            found[job.chart_id] = memory[key]
            continue
        cached = read_regular(folder / f"{key}.svg") if folder is not None else None
        if cached is not None:
            found[job.chart_id] = cached
        else:
            to_draw.setdefault(key, job)
    pending = PendingCharts(jobs, keys, found, to_draw, folder, memory, keep)
    if pool is not None or (workers > 1 and len(to_draw) >= PARALLEL_FROM):
        try:
            pending.pool = pool or worker_pool(workers)
            for chunk in _chunks(list(to_draw.items()), workers):
                task = pending.pool.submit(draw_charts, [job for _, job in chunk], keep)
                pending.tasks.append(([key for key, _ in chunk], task))
        except (BrokenProcessPool, OSError):
            pending.cancel()
            pending.tasks.clear()
    return pending


def _svg(drawn: Drawn) -> bytes:
    if not isinstance(drawn, bytes):
        raise TypeError("a chart stored as drawn has no SVG here")
    return drawn


def _name(drawn: Drawn) -> str:
    if not isinstance(drawn, str):
        raise TypeError("a chart not stored as drawn has no stored name")
    return drawn


def render_charts(
    jobs: Sequence[ChartJob],
    cache_dir: Path | None,
    workers: int,
    progress: Callable[[int], None] | None = None,
    memory: dict[str, Drawn] | None = None,
) -> tuple[dict[str, bytes], int]:
    """Return each chart's SVG by chart id, and how many had to be drawn (not cached).

    Charts found in `memory` (cache key -> SVG, kept by the preview server) or in
    `cache_dir/<key>.svg` are not drawn again; drawn ones are written there. `workers`
    below 1 means one per core. Afterwards `memory` holds exactly these jobs' charts.
    """
    return start_charts(jobs, cache_dir, workers, memory).result(progress)
