"""A site's charts in another language: views, drawings and files under `<lang>/charts/`.

The build calls `language_charts(site, "cy", ...)` once per extra language; the default
language's charts stay where they are (`charts/<id>.svg|csv|json`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from toolkit_builder.charts.batch import ChartJob, render_charts
from toolkit_builder.chartstage import ChartView, ViewMemory, analyse_site
from toolkit_builder.model import Site
from toolkit_builder.urls import chart_path


def language_chart_path(series_id: str, ending: str, lang: str) -> str:
    """Return the output path of a chart file in a language: 'cy/charts/<id>.svg'.

    The default language ('en') keeps the unprefixed path of urls.chart_path.
    """
    path = chart_path(series_id, ending)
    return path if lang == "en" else f"{lang}/{path}"


def language_chart_files(
    views: Mapping[str, ChartView], svgs: Mapping[str, bytes], lang: str
) -> dict[str, bytes]:
    """Return the chart files of one language by output path: SVG, CSV and JSON."""
    files: dict[str, bytes] = {}
    for series_id, view in views.items():
        files[language_chart_path(series_id, "csv", lang)] = view.csv
        files[language_chart_path(series_id, "json", lang)] = view.json
        if series_id in svgs:
            files[language_chart_path(series_id, "svg", lang)] = svgs[series_id]
    return dict(sorted(files.items()))


def language_charts(
    site: Site,
    lang: str,
    cache_dir: Path | None = None,
    workers: int = 1,
    previous: ViewMemory | None = None,
    current: ViewMemory | None = None,
    svg_memory: dict[str, bytes] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, ChartView], dict[str, bytes]]:
    """Return every series' chart view in `lang` (for the pages) and its files.

    `previous`, `current` and `svg_memory` are the preview's memories (as analyse_site
    and render_charts take them), kept for this language only. Drawings are cached in `cache_dir` by a key that includes the
    language, so the English and Welsh drawings of a series never mix.
    """
    views = analyse_site(site, previous, current, lang=lang)
    jobs = [ChartJob(i, view.analysis, view.labels, view.key) for i, view in views.items()]
    svgs, _drawn = render_charts(jobs, cache_dir, workers, progress, svg_memory)
    return views, language_chart_files(views, svgs, lang)
