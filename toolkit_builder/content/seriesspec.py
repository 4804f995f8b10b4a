"""How a series is analysed: the one definition that validation and the charts share."""

from __future__ import annotations

from toolkit_builder.analysis.types import ChartSpec, Direction
from toolkit_builder.content.model import Measure, Phase, Series


def shown_phases(series: Series) -> tuple[Phase, ...]:
    """Return the phases that start after the first point and on or before the last (the
    others are warned about at validation; a phase with no point before it would shift
    every later phase's name)."""
    if not series.rows:
        return ()
    first, last = series.rows[0].observation.period, series.rows[-1].observation.period
    return tuple(p for p in series.phases if first < p.start <= last)


def chart_direction(chart: str, measure: Measure) -> Direction:
    """Return which way is better on a chart: neither on an mr chart, whose points are jumps."""
    return "neutral" if chart == "mr" else measure.direction


def chart_spec(series: Series, measure: Measure) -> ChartSpec:
    """Return how to analyse a series, from the series and its measure."""
    return ChartSpec(
        chart=series.chart,
        rules=series.rules,
        multiplier=measure.multiplier,
        baseline_points=series.baseline_points,
        baseline_end=series.baseline_end,
        phase_starts=tuple(p.start for p in shown_phases(series)),
        direction=chart_direction(series.chart, measure),
        target=measure.goal.value if measure.goal else None,
    )
