"""The build's chart stage: every series analysed in each language, its drawings started
early in worker processes (charts/batch.py), and collected once the pages are made."""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from toolkit_builder.build.options import BuildOptions
from toolkit_builder.cache.memory import BuildCache
from toolkit_builder.charts.batch import (
    PARALLEL_FROM,
    ChartJob,
    Drawn,
    Keep,
    PendingCharts,
    start_charts,
    start_forkserver,
    worker_count,
    worker_pool,
)
from toolkit_builder.charts.files import NARROW_ENDING, language_chart_path
from toolkit_builder.charts.stage import ChartView, ViewMemory, analyse_site
from toolkit_builder.content.model import Site
from toolkit_builder.progress import Reporter
from toolkit_builder.reuse.ahead import WORKBOOK_MODULE


def analyse_site_charts(
    sites: Mapping[str, Site], reporter: Reporter, cache: BuildCache | None = None
) -> dict[str, dict[str, ChartView]]:
    """Return every series' chart view (analysis, reading, table, downloads) by language.

    Each language's views come from the site in that language (translated measure
    titles, phase names and change labels), with the chart words of its catalogue.
    """
    reporter.stage("Analysing charts")
    views: dict[str, dict[str, ChartView]] = {}
    for lang, local in sites.items():
        current: ViewMemory = {}
        previous = cache.views.get(lang) if cache else None
        views[lang] = analyse_site(local, previous, current, lang)
        if cache is not None and cache.in_process:
            cache.views[lang] = current
    return views


def chart_memory(cache: BuildCache | None, keep: Keep | None) -> dict[str, Drawn] | None:
    """Return the charts the last build drew, by cache key: stored names with `keep` (the
    command line), SVGs without (the preview)."""
    if cache is None:
        return None
    return cache.stored_svgs if keep is not None else cache.svgs  # type: ignore[return-value]


def warm_drawing(options: BuildOptions, cache: BuildCache | None, keep: Keep | None) -> bool:
    """Start the drawing processes' forkserver now (charts/batch.py start_forkserver), before
    the content is read, when the build looks like one early_pool will start a pool for:
    nothing drawn yet, two cores or more, and data files enough for PARALLEL_FROM
    drawings (each is a series, drawn wide and narrow). Return whether it was started.

    Only the names in content/data are counted: nothing is read. A guess that is wrong
    costs a process importing matplotlib on another core, or the import in each worker."""
    if worker_count(options.workers) < 2 or chart_memory(cache, keep):
        return False
    data = options.site_root / "content" / "data"
    try:
        if data.is_symlink():
            return False
        with os.scandir(data) as entries:
            files = sum(1 for entry in entries if entry.name.endswith((".csv", ".xlsx")))
    except OSError:
        return False
    if 2 * files < PARALLEL_FROM:
        return False
    try:
        start_forkserver(WORKBOOK_MODULE)  # the workers make the workbooks first
    except OSError:  # no processes here (a sandbox): the charts are drawn in this one
        return False
    return True


def early_pool(
    site: Site, options: BuildOptions, cache: BuildCache | None, keep: Keep | None
) -> ProcessPoolExecutor | None:
    """Return the drawing processes, started before the charts are analysed, for a build
    that has drawn nothing yet (a cold build, the preview's first) and will draw in
    parallel: they start (import matplotlib) and make the workbooks while this process
    validates and analyses. None otherwise: the charts start their own when they need it."""
    workers = worker_count(options.workers)
    series = sum(len(case.series) for case in site.case_studies)
    drawings = 2 * series * len(site.config.languages)  # wide and narrow, every language
    if workers < 2 or drawings < PARALLEL_FROM or chart_memory(cache, keep):
        return None
    try:
        return worker_pool(workers)
    except OSError:  # no worker processes here (a sandbox): everything is made here
        return None


def start_site_charts(
    views: Mapping[str, Mapping[str, ChartView]],
    options: BuildOptions,
    cache: BuildCache | None = None,
    keep: Keep | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> PendingCharts:
    """Start drawing every chart's SVG in every language (wide and narrow) in worker processes.

    The drawing goes on while the pages are rendered; PendingCharts.result returns the
    SVGs by output path (from the cache when drawn before). With `keep`, each SVG is
    stored where it is drawn and PendingCharts.kept returns the digests instead. With
    `pool` (started early), its processes draw, and the pending charts shut it down.
    """
    jobs = [
        job
        for lang, language_views in views.items()
        for series_id, view in language_views.items()
        for job in (
            ChartJob(
                language_chart_path(series_id, "svg", lang), view.analysis, view.labels, view.key
            ),
            ChartJob(
                language_chart_path(series_id, NARROW_ENDING, lang),
                view.analysis,
                view.narrow_labels or replace(view.labels, narrow=True),
                view.narrow_key,
            ),
        )
    ]
    folder = options.cache_dir / "charts" if options.cache_dir else None
    memory = chart_memory(cache, keep)
    return start_charts(jobs, folder, options.workers, memory, keep, pool)


def finish_site_charts(
    pending: PendingCharts, reporter: Reporter
) -> tuple[dict[str, bytes], dict[str, str]]:
    """Return every chart by output path, once drawn: its SVG, or (drawn with `keep`) its
    digest in the store."""
    reporter.stage("Drawing charts", len(pending.jobs))
    if pending.keep is not None:
        stored, drawn = pending.kept(reporter.advance)
        svgs: dict[str, bytes] = {}
    else:
        svgs, drawn = pending.result(reporter.advance)
        stored = {}
    reporter.detail(f"{drawn} chart(s) drawn, {len(pending.jobs) - drawn} from the cache")
    return svgs, stored
