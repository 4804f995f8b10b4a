"""A set of charts that differ in everything a drawing sets only sometimes (shared by tests)."""

from __future__ import annotations

from dataclasses import replace

from tests.charts.factory import make_analysis, make_labels, month, week
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartAnalysis, ChartSpec, Observation
from toolkit_builder.charts.labels import ChartLabels

SERIES = [10, 12, 9, 11, 13, 8, 12, 10, 11, 9, 12, 10, 11, 13]
SIGNALS = [10.0] * 6 + [14.0] * 7 + [30.0]


def varied_charts() -> list[tuple[ChartAnalysis, ChartLabels]]:
    """Return charts that differ in everything a drawing sets only sometimes."""
    baseline = analyse(
        [Observation(week(i), float(v)) for i, v in enumerate(SERIES)],
        ChartSpec("i", baseline_points=8),
    )
    special = dict.fromkeys(range(7, 14), "improvement") | {14: "concern"}
    charts = [
        (make_analysis(SERIES), make_labels()),
        (
            make_analysis([70.0, 80.0, 75.0, 85.0] * 4, chart="p", multiplier=100),
            make_labels(percent=True, goal=95.0, direction="increase"),
        ),
        (make_analysis([], chart="run"), make_labels(unit="days")),
        (
            make_analysis(SERIES, phase_starts=(8,), excluded=(3,), run=(9, 10)),
            make_labels(
                phase_names=("Escalation aid",),
                annotations=((week(2), "PDSA 1: new form"), (week(9), "PDSA 2")),
            ),
        ),
        (make_analysis([None, None, None]), make_labels(title="Nothing yet")),
        (
            make_analysis([5.0] * 20, periods=[month(i) for i in range(20)], chart="run"),
            make_labels(title="A very long measure title " * 5, direction="decrease"),
        ),
        (
            make_analysis(
                SIGNALS, rules="mdc", direction="decrease", special=special, centre=12.0, spread=6.0
            ),
            make_labels(direction="decrease", goal=2.0, lang="cy"),
        ),
        (baseline, make_labels(unit="per 1,000 bed days")),
        (make_analysis(SERIES[:5], chart="c"), make_labels()),
    ]
    return [(a, replace(labels, narrow=narrow)) for a, labels in charts for narrow in (False, True)]
