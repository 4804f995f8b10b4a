"""The analyse stage: every series becomes a chart spec, an analysis, labels and a reading."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from toolkit_builder.analysis import analyse, analysis_to_json
from toolkit_builder.analysis.types import EVENT_CHARTS, ChartAnalysis
from toolkit_builder.charts.across import LatestState, latest_state
from toolkit_builder.charts.batch import cache_keys
from toolkit_builder.charts.csvout import series_csv
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.language import chart_language
from toolkit_builder.charts.rare import EVENT_FREQUENCY
from toolkit_builder.charts.reading import read_chart, status_label, status_of
from toolkit_builder.charts.rows import TableRow, localised_rows
from toolkit_builder.content.model import Measure, Series, Site
from toolkit_builder.content.seriesspec import chart_direction, chart_spec, shown_phases


@dataclass(frozen=True, slots=True)
class ChartView:
    """Everything the pages show about one series' chart."""

    series_id: str
    analysis: ChartAnalysis
    labels: ChartLabels
    reading: str
    status: str
    key: str
    """Hash of what the chart shows: its drawing's cache key."""
    csv: bytes
    """The data, as published (spreadsheet-safe)."""
    json: bytes
    """The analysis, as the `chart` command prints it, with the reading."""
    rows: tuple[TableRow, ...] = ()
    """The data table: every point with its centre, limits and signal, as text."""
    narrow_key: str = ""
    """The cache key of the narrow drawing (labels.narrow set); empty: not computed."""
    latest: LatestState | None = None
    """The latest point's state across services (charts/across.py), set by view_series."""
    narrow_labels: ChartLabels | None = None
    """The labels of the narrow drawing (`labels` with narrow set), made once with the view."""


def chart_labels(
    series: Series, measure: Measure, reading: str = "", lang: str = "en"
) -> ChartLabels:
    """Return the words and marks drawn on a series' chart, in language `lang` (the
    measure's and series' own words are taken as given: pass translated ones)."""
    return ChartLabels(
        chart_id=f"chart-{series.id}",
        title=measure.title,
        unit=measure.unit,
        percent=measure.multiplier == 100 and measure.unit == "%",
        direction=chart_direction(series.chart, measure),
        frequency=EVENT_FREQUENCY if series.chart in EVENT_CHARTS else measure.frequency,
        phase_names=tuple(p.name for p in shown_phases(series)),
        annotations=tuple((a.date, a.label) for a in series.annotations),
        goal=measure.goal.value if measure.goal else None,
        description=reading,
        lang=lang,
    )


def view_series(series: Series, measure: Measure, lang: str = "en") -> ChartView:
    """Return the analysed chart of one series, its words in language `lang`."""
    analysis = analyse([row.observation for row in series.rows], chart_spec(series, measure))
    labels = chart_labels(series, measure, lang=lang)
    reading = read_chart(analysis, labels)
    labels = chart_labels(series, measure, reading, lang)
    data = analysis_to_json(analysis)
    data["reading"] = reading
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"
    narrow = replace(labels, narrow=True)
    key, narrow_key = cache_keys(analysis, labels, narrow)
    status = status_of(analysis, labels)  # asked once, for the label and the latest state
    view = ChartView(
        series.id,
        analysis,
        labels,
        reading,
        status_label(analysis, labels, status=status),
        key,
        series_csv(series),
        text.encode("utf-8"),
        table_rows(series, measure, analysis, lang),
        narrow_key,
        narrow_labels=narrow,
    )
    return replace(view, latest=latest_state(view, status))


def table_rows(
    series: Series, measure: Measure, analysis: ChartAnalysis, lang: str = "en"
) -> tuple[TableRow, ...]:
    """Return the data table of a series (formatted once, not per page), in `lang`."""
    return localised_rows(series, measure, analysis, chart_language(lang))


ViewMemory = dict[str, tuple[Series, Measure, ChartView]]
"""Series id -> the series and measure a view was made from, and the view."""


def analyse_site(
    site: Site,
    previous: ViewMemory | None = None,
    current: ViewMemory | None = None,
    lang: str = "en",
) -> dict[str, ChartView]:
    """Return the chart of every series of the site, by series id, in language `lang`.

    With memories (the preview server), a series whose data and measure are unchanged
    reuses its previous view; every view made goes into `current`. Keep one memory per
    language: a view remembered in another language is never reused.
    """
    measures = {m.id: m for m in site.measures}
    views: dict[str, ChartView] = {}
    for case in site.case_studies:
        for series in case.series:
            measure = measures[series.measure]
            known = (previous or {}).get(series.id)
            if (
                known is not None
                and known[0] == series
                and known[1] == measure
                and known[2].labels.lang == lang
            ):
                view = known[2]
            else:
                view = view_series(series, measure, lang)
            views[series.id] = view
            if current is not None:
                current[series.id] = (series, measure, view)
    return views


def services_status(views: Mapping[str, ChartView], series_ids: list[str], lang: str = "en") -> str:
    """Return every service's latest state, counted: 'Improving at 3 of 4 services; No
    signal at 1 of 4 services' (one service: its status alone), never one series' word."""
    words = chart_language(lang)
    chosen = [views[s] for s in series_ids if s in views]
    if not chosen:
        return words._("No data yet")
    if len(chosen) == 1:
        return chosen[0].status
    counts = Counter(view.status for view in chosen)
    order = {status: i for i, status in reversed(list(enumerate(v.status for v in chosen)))}
    total = len(chosen)
    parts = [
        words.ngettext(
            "%(status)s at %(count)d of %(total)d service",
            "%(status)s at %(count)d of %(total)d services",
            total,
        )
        % {"status": status, "count": count, "total": total}
        for status, count in sorted(counts.items(), key=lambda item: (-item[1], order[item[0]]))
    ]
    return "; ".join(parts)
