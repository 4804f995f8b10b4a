"""Draw many charts: in parallel across cores, each cached by a hash of what it shows.

This is the only module of the charts package that touches the filesystem (the cache).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import matplotlib

from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts.draw import DRAWING_VERSION, draw_chart
from toolkit_builder.charts.labels import ChartLabels

PARALLEL_FROM = 24
"""Draw in worker processes only when at least this many charts need drawing."""


@dataclass(frozen=True, slots=True)
class ChartJob:
    """One chart to draw."""

    chart_id: str
    analysis: ChartAnalysis
    labels: ChartLabels
    key: str
    """cache_key(analysis, labels), computed once."""


def cache_key(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return a hash of everything that decides the chart's bytes."""
    text = repr((analysis, labels, DRAWING_VERSION, matplotlib.__version__))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _draw(job: ChartJob) -> bytes:
    return draw_chart(job.analysis, job.labels)


def _store(cache_dir: Path, key: str, svg: bytes) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(svg)
    os.replace(temporary, cache_dir / f"{key}.svg")


def render_charts(
    jobs: Sequence[ChartJob],
    cache_dir: Path | None,
    workers: int,
    progress: Callable[[int], None] | None = None,
    memory: dict[str, bytes] | None = None,
) -> tuple[dict[str, bytes], int]:
    """Return each chart's SVG by chart id, and how many had to be drawn (not cached).

    `memory` (cache key -> SVG) spares the preview server reading its cache from disk.
    """
    result: dict[str, bytes] = {}
    to_draw: list[tuple[ChartJob, str]] = []
    for job in jobs:
        key = job.key
        cached = cache_dir / f"{key}.svg" if cache_dir else None
        if memory is not None and key in memory:
            result[job.chart_id] = memory[key]
            if progress:
                progress(1)
        elif cached is not None and cached.is_file():
            result[job.chart_id] = cached.read_bytes()
            if progress:
                progress(1)
        else:
            to_draw.append((job, key))
    if len(to_draw) >= PARALLEL_FROM and workers > 1:
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            drawn = pool.map(_draw, [job for job, _ in to_draw], chunksize=8)
            for (job, key), svg in zip(to_draw, drawn, strict=True):
                result[job.chart_id] = svg
                if cache_dir:
                    _store(cache_dir, key, svg)
                if progress:
                    progress(1)
    else:
        for job, key in to_draw:
            svg = _draw(job)
            result[job.chart_id] = svg
            if cache_dir:
                _store(cache_dir, key, svg)
            if progress:
                progress(1)
    if memory is not None:
        memory.clear()
        memory.update({job.key: result[job.chart_id] for job in jobs})
    return result, len(to_draw)
