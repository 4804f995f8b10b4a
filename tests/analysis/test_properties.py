"""Invariants of the analysis, checked on generated series (hypothesis)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.helpers import ratios, values, week
from toolkit_builder.analysis import analyse, analysis_to_json, outside_count
from toolkit_builder.analysis.types import ChartSpec, Observation

# Integers keep sums exact, so shifting changes no comparison through rounding.
SERIES = st.lists(st.one_of(st.none(), st.integers(-1000, 1000)), min_size=1, max_size=40)
SHIFT = st.integers(-10_000, 10_000)


def signals(analysis: object) -> list[object]:
    points = analysis.points  # type: ignore[attr-defined]
    phases = analysis.phases  # type: ignore[attr-defined]
    return [
        [(p.outside_limits, p.in_signal_run, p.special_cause) for p in points],
        [
            (f.runs_signal, f.longest_run, f.crossings, f.n_useful, f.shifts, f.trends)
            for f in phases
        ],
    ]


@settings(max_examples=150, deadline=None)
@given(SERIES, SHIFT, st.sampled_from(["run", "i"]), st.sampled_from(["anhoej", "ihi", "mdc"]))
def test_shifting_values_shifts_centre_and_limits_and_keeps_signals(
    series: list[int | None], shift: int, chart: str, rules: str
) -> None:
    if rules == "mdc" and chart != "i":
        rules = "anhoej"
    spec = ChartSpec(chart, rules=rules)  # type: ignore[arg-type]
    before = analyse(values(series), spec)
    after = analyse(values([None if v is None else v + shift for v in series]), spec)
    assert signals(before) == signals(after)
    for a, b in zip(before.points, after.points, strict=True):
        for name in ("centre", "lower", "upper"):
            x, y = getattr(a, name), getattr(b, name)
            assert (x is None) == (y is None)
            if x is not None:
                assert y == pytest.approx(x + shift, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 80)), min_size=1, max_size=30),
    st.sampled_from([1, 100, 1000]),
)
def test_multiplier_scales_display_values_only(
    pairs: list[tuple[int, int]], multiplier: int
) -> None:
    numerators = [min(n, d) for n, d in pairs]
    denominators = [d for _, d in pairs]
    plain = analyse(ratios(numerators, denominators), ChartSpec("p"))
    scaled = analyse(ratios(numerators, denominators), ChartSpec("p", multiplier=multiplier))
    assert signals(plain) == signals(scaled)
    for a, b in zip(plain.points, scaled.points, strict=True):
        assert (
            b.value == pytest.approx(a.value * multiplier)
            if a.value is not None
            else b.value is None
        )
        assert (
            b.upper == pytest.approx(a.upper * multiplier)
            if a.upper is not None
            else b.upper is None
        )


@settings(max_examples=100, deadline=None)
@given(SERIES)
def test_reversing_direction_swaps_improvement_and_concern(series: list[int | None]) -> None:
    up = analyse(values(series), ChartSpec("i", rules="mdc", direction="increase"))
    down = analyse(values(series), ChartSpec("i", rules="mdc", direction="decrease"))
    swap = {"improvement": "concern", "concern": "improvement", None: None}
    assert [swap[p.special_cause] for p in up.points] == [p.special_cause for p in down.points]


@settings(max_examples=100, deadline=None)
@given(SERIES, st.sampled_from(["run", "i", "c"]))
def test_general_invariants(series: list[int | None], chart: str) -> None:
    if chart == "c":
        series = [None if v is None else abs(v) for v in series]
    analysis = analyse(values(series), ChartSpec(chart))  # type: ignore[arg-type]
    for phase in analysis.phases:
        assert phase.n_useful <= phase.n_obs
        assert phase.crossings <= max(phase.n_useful - 1, 0)
    for point in analysis.points:
        if chart == "run":
            assert not point.outside_limits and point.upper is None
        if point.lower is not None and point.upper is not None:
            assert point.lower <= point.centre <= point.upper  # type: ignore[operator]
        if point.missing:
            assert point.value is None and not point.outside_limits
    json.dumps(analysis_to_json(analysis), allow_nan=False)


@st.composite
def any_series(draw: st.DrawFn) -> tuple[list[Observation], ChartSpec]:
    """A series of any chart type, with missing and excluded points, phases and a baseline."""
    chart = draw(st.sampled_from(["run", "i", "mr", "c", "u", "p", "pp", "up", "g", "t"]))
    size = draw(st.integers(1, 30))
    counts = draw(st.lists(st.none() | st.integers(0, 60), min_size=size, max_size=size))
    sizes = draw(st.lists(st.none() | st.integers(0, 80), min_size=size, max_size=size))
    excluded = draw(st.sets(st.integers(0, size - 1), max_size=3))
    observations = [
        Observation(
            week(i),
            count,
            None if chart not in ("u", "p", "pp", "up") else max(size_ or 0, count or 0) or size_,
            i in excluded,
        )
        for i, (count, size_) in enumerate(zip(counts, sizes, strict=True))
    ]
    starts = tuple(sorted(week(i) for i in draw(st.sets(st.integers(1, 29), max_size=2))))
    baseline = draw(st.none() | st.integers(1, 20))
    spec = ChartSpec(chart, baseline_points=baseline, phase_starts=starts)  # type: ignore[arg-type]
    return observations, spec


@settings(max_examples=300, deadline=None)
@given(any_series())
def test_outside_count_counts_what_analyse_flags(case: tuple[list[Observation], ChartSpec]) -> None:
    observations, spec = case
    analysis = analyse(observations, spec)
    counted = [p for p in analysis.points if p.value is not None and not p.excluded]
    assert outside_count(observations, spec) == (
        len(counted),
        sum(1 for p in counted if p.outside_limits),
    )
