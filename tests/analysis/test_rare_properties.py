"""Invariants of the mr, g, t, pp and up charts on generated series (hypothesis)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.helpers import ratios, values
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec

GAPS = st.lists(st.integers(1, 400), min_size=2, max_size=40)


@settings(max_examples=100, deadline=None)
@given(GAPS)
def test_g_and_t_limits_bracket_the_centre_and_never_go_below_zero(gaps: list[int]) -> None:
    for chart in ("g", "t"):
        analysis = analyse(values(gaps), ChartSpec(chart))  # type: ignore[arg-type]
        for point in analysis.points:
            assert point.lower is not None and point.upper is not None
            assert point.centre is not None
            assert 0 <= point.lower <= point.centre <= point.upper
            assert point.lower_close is not None and point.upper_close is not None
            assert point.lower <= point.lower_close and point.upper_close <= point.upper


@settings(max_examples=100, deadline=None)
@given(GAPS, st.integers(2, 10))
def test_t_chart_is_scale_free(gaps: list[int], factor: int) -> None:
    # Multiplying every time by k multiplies k ** (1/3.6) into the transformed values, so
    # centre and limits scale by k and no point changes side.
    before = analyse(values(gaps), ChartSpec("t"))
    after = analyse(values([g * factor for g in gaps]), ChartSpec("t"))
    for a, b in zip(before.points, after.points, strict=True):
        assert b.centre == pytest.approx(a.centre * factor, rel=1e-9)  # type: ignore[operator]
        assert b.upper == pytest.approx(a.upper * factor, rel=1e-9)  # type: ignore[operator]
        assert a.outside_limits == b.outside_limits
    assert [p.longest_run for p in before.phases] == [p.longest_run for p in after.phases]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-500, 500), min_size=2, max_size=40))
def test_mr_chart_centre_is_the_unscreened_i_chart_average_moving_range(
    series: list[int],
) -> None:
    mr = analyse(values(series), ChartSpec("mr"))
    i_chart = analyse(values(series), ChartSpec("i", mr_screening=False))
    ranges = [abs(b - a) for a, b in itertools.pairwise(series)]
    average = sum(ranges) / len(ranges)
    assert mr.points[1].centre == pytest.approx(average)
    assert mr.points[1].upper == pytest.approx(3.267 * average)
    if i_chart.points[0].upper is not None and i_chart.points[0].centre is not None:
        assert i_chart.points[0].upper - i_chart.points[0].centre == pytest.approx(
            3 * average / 1.128
        )
    assert not any(phase.runs_signal for phase in mr.phases)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1000), st.integers(1, 1000)), min_size=3, max_size=30))
def test_laney_limits_are_the_p_limits_widened_by_one_factor(
    pairs: list[tuple[int, int]],
) -> None:
    # Every point's p' spread is the p spread times the same sigma_z (before clipping).
    numerators = [min(n, d) for n, d in pairs]
    denominators = [d for _, d in pairs]
    p_chart = analyse(ratios(numerators, denominators), ChartSpec("p"))
    laney = analyse(ratios(numerators, denominators), ChartSpec("pp"))
    factors = set()
    for p, q in zip(p_chart.points, laney.points, strict=True):
        assert p.centre == q.centre
        if p.upper is None or q.upper is None or p.centre is None:
            continue
        if 0 < p.upper_close < 1 and 0 < q.upper_close < 1 and p.upper_close > p.centre:  # type: ignore[operator]
            factors.add(round((q.upper_close - q.centre) / (p.upper_close - p.centre), 9))  # type: ignore[operator]
    assert len(factors) <= 1
