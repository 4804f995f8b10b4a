"""Hand-made analyses for chart tests: exactly the flags a test needs, no analysis code."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from toolkit_builder.analysis.types import (
    Assurance,
    ChartAnalysis,
    ChartSpec,
    ChartType,
    Direction,
    PhaseResult,
    PointResult,
    RuleSet,
    SpecialCause,
    Variation,
)
from toolkit_builder.charts.labels import ChartLabels

START = date(2025, 1, 6)


def week(index: int) -> date:
    """Return the Monday `index` weeks after 6 January 2025."""
    return START + timedelta(weeks=index)


def month(index: int) -> date:
    """Return the first of the month `index` months after January 2024."""
    return date(2024 + index // 12, index % 12 + 1, 1)


def make_analysis(
    values: Sequence[float | None],
    *,
    chart: ChartType = "i",
    rules: RuleSet = "anhoej",
    direction: Direction = "neutral",
    spread: float | Sequence[float] | None = 3.0,
    centre: float | None = None,
    phase_starts: Sequence[int] = (),
    run: Sequence[int] = (),
    excluded: Sequence[int] = (),
    special: Mapping[int, SpecialCause] | None = None,
    variation: Variation | None = None,
    assurance: Assurance | None = None,
    target: float | None = None,
    multiplier: float = 1.0,
    periods: Sequence[date] | None = None,
    phase_fields: Mapping[int, Mapping[str, object]] | None = None,
    notes: tuple[str, ...] = (),
) -> ChartAnalysis:
    """Return an analysis of `values` (already multiplied; None is missing).

    Indexes are 1-based. Centre: `centre`, else each phase's median (run) or mean of its
    counted values. Limits: centre ± `spread` (one number, or one per point); none on run
    charts. `run` points are in_signal_run, and their phases get runs_signal; points beyond
    the limits are outside_limits. `phase_starts` are the first indexes of later phases;
    `phase_fields` overrides PhaseResult fields by phase number.
    """
    dates = list(periods) if periods is not None else [week(i) for i in range(len(values))]
    firsts = [1, *phase_starts]
    phase_of = [sum(1 for f in firsts if i >= f) for i in range(1, len(values) + 1)]
    counted = {i: v for i, v in enumerate(values, start=1) if v is not None and i not in excluded}
    points: list[PointResult] = []
    phases: list[PhaseResult] = []
    for number in range(1, len(firsts) + 1 if values else 1):
        members = [i for i in range(1, len(values) + 1) if phase_of[i - 1] == number]
        own = [counted[i] for i in members if i in counted]
        average = statistics.median if chart == "run" else statistics.fmean
        cl = centre if centre is not None else (average(own) if own else None)
        for i in members:
            value = values[i - 1]
            width = spread[i - 1] if isinstance(spread, Sequence) else spread
            lower = upper = None
            if chart != "run" and cl is not None and width is not None:
                lower, upper = cl - width, cl + width
            outside = (
                value is not None
                and lower is not None
                and upper is not None
                and not lower <= value <= upper
            )
            points.append(
                PointResult(
                    index=i, period=dates[i - 1], value=value, centre=cl, lower=lower,
                    upper=upper, lower_close=None, upper_close=None, phase=number,
                    baseline=True, excluded=i in excluded, missing=value is None,
                    outside_limits=bool(outside), special_cause=(special or {}).get(i),
                    in_signal_run=i in run,
                )
            )  # fmt: skip
        useful = [v for v in own if v != cl]
        phase = PhaseResult(
            phase=number, first_index=members[0], last_index=members[-1], n_obs=len(own),
            n_useful=len(useful), longest_run=0, longest_run_limit=None, crossings=0,
            crossings_limit=None, runs_signal=any(i in run for i in members), centre=cl,
            provisional=len(own) < 12,
        )  # fmt: skip
        phases.append(replace(phase, **dict((phase_fields or {}).get(number, {}))))  # type: ignore[arg-type]
    spec = ChartSpec(chart, rules, multiplier, direction=direction, target=target)
    return ChartAnalysis(spec, tuple(phases), tuple(points), variation, assurance, notes)


def make_labels(**fields: object) -> ChartLabels:
    """Return chart labels with a test id and title, overridden by `fields`."""
    base: dict[str, object] = {"chart_id": "chart-test", "title": "Falls & <slips>"}
    return ChartLabels(**{**base, **fields})  # type: ignore[arg-type]
