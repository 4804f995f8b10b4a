"""Draw many charts: in parallel across cores, each cached by a hash of what it shows.

This is the only module of the charts package that touches the filesystem (the cache).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import select
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import matplotlib

from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts.draw import DRAWING_VERSION, draw_chart
from toolkit_builder.charts.labels import ChartLabels

PARALLEL_FROM = 24
"""Draw in worker processes only when at least this many charts need drawing: below
that, starting the workers (each imports matplotlib) costs more than it saves."""


def cache_key(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return the SHA-256 (hex) of everything that decides the chart's bytes.

    The dataclass reprs are canonical (floats repr exactly, fields in a fixed order);
    the drawing version and matplotlib's version are part of the key.
    """
    text = repr((analysis, labels, DRAWING_VERSION, matplotlib.__version__))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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


def _draw(job: ChartJob) -> bytes:
    return draw_chart(job.analysis, job.labels)


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


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Return a pool of chart-drawing processes that end when this process ends."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=end_with,
        initargs=(os.getpid(),),
    )


def _draw_all(jobs: Sequence[ChartJob], workers: int) -> list[bytes]:
    """Return the jobs' SVGs in order: in worker processes when there are many, else here."""
    if workers > 1 and len(jobs) >= PARALLEL_FROM:
        chunk = max(1, len(jobs) // (workers * 4))
        try:
            with worker_pool(workers) as pool:
                return list(pool.map(_draw, jobs, chunksize=chunk))
        except (BrokenProcessPool, OSError):
            pass  # no worker processes here (a sandbox, no /dev/shm): draw them in this one
    return [_draw(job) for job in jobs]


def render_charts(
    jobs: Sequence[ChartJob],
    cache_dir: Path | None,
    workers: int,
    progress: Callable[[int], None] | None = None,
    memory: dict[str, bytes] | None = None,
) -> tuple[dict[str, bytes], int]:
    """Return each chart's SVG by chart id, and how many had to be drawn (not cached).

    Charts found in `memory` (cache key -> SVG, kept by the preview server) or in
    `cache_dir/<key>.svg` are not drawn again; drawn ones are written there. `workers`
    below 1 means one per core. Afterwards `memory` holds exactly these jobs' charts.
    """
    workers = workers if workers > 0 else (os.cpu_count() or 1)
    keys = {job.chart_id: job.cache_key() for job in jobs}
    result: dict[str, bytes] = {}
    to_draw: dict[str, ChartJob] = {}  # one drawing per distinct key
    for job in jobs:
        key = keys[job.chart_id]
        cached = cache_dir / f"{key}.svg" if cache_dir else None
        if memory is not None and key in memory:
            result[job.chart_id] = memory[key]
        elif cached is not None and cached.is_file():
            result[job.chart_id] = cached.read_bytes()
        else:
            to_draw.setdefault(key, job)
            continue
        if progress:
            progress(1)
    drawn = dict(zip(to_draw, _draw_all(list(to_draw.values()), workers), strict=True))
    for key, svg in drawn.items():
        if cache_dir:
            _store(cache_dir, key, svg)
    for job in jobs:
        if job.chart_id not in result:
            result[job.chart_id] = drawn[keys[job.chart_id]]
            if progress:
                progress(1)
    if memory is not None:
        memory.clear()
        memory.update({keys[job.chart_id]: result[job.chart_id] for job in jobs})
    return dict(sorted(result.items())), len(drawn)
