"""A site's charts in another language: views, drawings and files under `<lang>/charts/`.

The build draws every language's charts (build/chartstage.py `start_site_charts`); the default
language's charts stay where they are (`charts/<id>.svg|csv|json`).
"""

from __future__ import annotations

from collections.abc import Mapping

from toolkit_builder.charts.stage import ChartView
from toolkit_builder.content.urls import chart_path

NARROW_ENDING = "narrow.svg"
"""Ending of a chart's narrow drawing, for phones: `charts/<id>.narrow.svg`."""


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
