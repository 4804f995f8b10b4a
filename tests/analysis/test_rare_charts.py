"""Hand-worked mr, g and t charts, following qicharts2 (0.7.5: qic.mr, qic.g, qic.t)."""

from __future__ import annotations

import math

import pytest

from tests.analysis.helpers import values, week
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec

I_VALUES = [10, 12, 11, 13, 12, 30, 11, 12, 10, 11]


def test_mr_chart_centre_limits_and_points_outside() -> None:
    # Moving ranges of 10,12,11,13,12,30,11,12,10,11: -,2,1,2,1,18,19,1,2,1 (the first point
    # has none). Centre = 47 / 9 = 5.2222 (never screened); upper = 3.267 x 5.2222 = 17.061,
    # the 2-sigma line (3.267 / 3) x 2 x 5.2222 = 11.374; lower 0. 18 and 19 are outside.
    analysis = analyse(values(I_VALUES), ChartSpec("mr"))
    first = analysis.points[0]
    assert first.value is None and first.missing
    assert [p.value for p in analysis.points[1:]] == [2, 1, 2, 1, 18, 19, 1, 2, 1]
    point = analysis.points[1]
    assert point.centre == pytest.approx(47 / 9)
    assert point.upper == pytest.approx(3.267 * 47 / 9)
    assert point.upper_close == pytest.approx(3.267 / 3 * 2 * 47 / 9)
    assert (point.lower, point.lower_close) == (0.0, 0.0)
    assert [p.index for p in analysis.points if p.outside_limits] == [6, 7]
    # Runs about 5.2222: 4 below, 2 above, 3 below -> longest 4, 2 crossings, 9 useful.
    phase = analysis.phases[0]
    assert (phase.n_obs, phase.n_useful, phase.longest_run, phase.crossings) == (9, 9, 4, 2)


def test_mr_chart_reports_runs_but_never_signals_from_them() -> None:
    # Ranges 1..10 of 0,1,3,6,...,55: centre 5.5; five below then five above: one crossing
    # against a lower limit of 2 (n = 10) -- a runs signal on any other chart, but qicharts2
    # sets runs.signal to FALSE for mr charts (moving ranges are not independent).
    analysis = analyse(values([0, 1, 3, 6, 10, 15, 21, 28, 36, 45, 55]), ChartSpec("mr"))
    phase = analysis.phases[0]
    assert (phase.longest_run, phase.crossings, phase.crossings_limit) == (5, 1, 2)
    assert not phase.runs_signal
    assert not any(p.in_signal_run for p in analysis.points)
    assert analysis.points[1].upper == pytest.approx(3.267 * 5.5)


def test_mr_chart_excluded_and_missing_values() -> None:
    # 10, 12, [50 excluded], 11, 13: ranges -, 2, 38 (excluded: plotted, not counted), then
    # 11 is taken from 12, bridging the excluded 50 as the I chart does: 1, and 2.
    # Centre (2 + 1 + 2) / 3 = 5/3, the I chart's (unscreened) average moving range.
    # (qicharts2 would count |11 - 50| = 39 here; the contract leaves excluded values out
    # of every moving range.)
    analysis = analyse(values([10, 12, 50, 11, 13], excluded=[2]), ChartSpec("mr"))
    assert [p.value for p in analysis.points] == [None, 2, 38, 1, 2]
    assert analysis.points[2].excluded
    assert analysis.points[0].centre == pytest.approx(5 / 3)
    i_chart = analyse(
        values([10, 12, 50, 11, 13], excluded=[2]), ChartSpec("i", mr_screening=False)
    )
    assert i_chart.points[0].upper == pytest.approx(i_chart.points[0].centre + 3 * (5 / 3) / 1.128)
    # A missing value leaves both ranges touching it missing: 10, -, 12, 14 -> -, -, -, 2.
    gap = analyse(values([10, None, 12, 14]), ChartSpec("mr"))
    assert [p.value for p in gap.points] == [None, None, None, 2]
    assert gap.points[3].centre == 2


def test_mr_chart_restarts_at_each_phase() -> None:
    # Phase 2 starts at week 3: its first point has no range (qicharts2 splits before diff).
    analysis = analyse(values([10, 12, 11, 20, 23, 21]), ChartSpec("mr", phase_starts=(week(3),)))
    assert [p.value for p in analysis.points] == [None, 2, 1, None, 3, 2]
    assert analysis.points[1].centre == pytest.approx(1.5)
    assert analysis.points[4].centre == pytest.approx(2.5)


G_VALUES = [10, 25, 4, 40, 15, 8, 150, 30]


def test_g_chart_median_centre_and_geometric_limits_from_the_mean() -> None:
    # Days between events. Mean = 282 / 8 = 35.25; geometric sigma (Benneyan 2001)
    # sqrt(35.25 x 36.25) = 35.7465; upper = 35.25 + 3 x 35.7465 = 142.489; 2-sigma line
    # 35.25 + 2 x 35.7465 = 106.743; lower = max(0, 35.25 - 107.24) = 0. qicharts2 draws the
    # median as the centre line: sorted 4,8,10,15,25,30,40,150 -> (15 + 25) / 2 = 20.
    analysis = analyse(values(G_VALUES), ChartSpec("g"))
    sigma = math.sqrt(35.25 * 36.25)
    point = analysis.points[0]
    assert point.centre == 20
    assert point.upper == pytest.approx(35.25 + 3 * sigma)
    assert point.upper_close == pytest.approx(35.25 + 2 * sigma)
    assert (point.lower, point.lower_close) == (0.0, 0.0)
    assert [p.index for p in analysis.points if p.outside_limits] == [7]  # 150 > 142.49
    # Runs about the median 20: - + - + - - + + -> 6 runs, longest 2, 5 crossings; n = 8
    # gives a longest-run limit of round(log2 8) + 3 = 6 and a crossings limit of 1.
    phase = analysis.phases[0]
    assert (phase.n_useful, phase.longest_run, phase.longest_run_limit) == (8, 2, 6)
    assert (phase.crossings, phase.crossings_limit, phase.runs_signal) == (5, 1, False)


def test_g_chart_frozen_baseline_and_zero_gaps() -> None:
    # Baseline 2, 0, 6, 4 (two events the same day count 0): mean 3, sigma sqrt(3 x 4) = 3.4641,
    # upper 3 + 10.3923 = 13.392; median (2 + 4) / 2 = 3. After it: 20 is outside.
    analysis = analyse(values([2, 0, 6, 4, 9, 20]), ChartSpec("g", baseline_points=4))
    assert analysis.points[5].centre == 3
    assert analysis.points[5].upper == pytest.approx(3 + 3 * math.sqrt(12))
    assert [p.index for p in analysis.points if p.outside_limits] == [6]
    assert [p.baseline for p in analysis.points] == [True] * 4 + [False] * 2


# Times chosen so that time ** (1 / 3.6) is a whole number: 2, 3, 2, 4, 3, 2.
T_ROOTS = [2, 3, 2, 4, 3, 2]


def test_t_chart_transforms_times_and_back_transforms_limits() -> None:
    # Transformed: 2,3,2,4,3,2 -> mean 16 / 6 = 2.6667; moving ranges 1,1,2,1,1 -> 1.2
    # (none >= 3.267 x 1.2 dropped); sigma = 1.2 / 1.128 = 1.0638. Upper = (2.6667 +
    # 3.1915) ** 3.6 = 5.8582 ** 3.6 = 581.5; lower: 2.6667 - 3.1915 < 0 -> 0. Centre =
    # 2.6667 ** 3.6 = 34.19. The plotted values are the times themselves.
    times = [r**3.6 for r in T_ROOTS]
    analysis = analyse(values(times), ChartSpec("t"))
    mean, sigma = 16 / 6, 1.2 / 1.128
    point = analysis.points[0]
    assert point.value == pytest.approx(2**3.6)
    assert point.centre == pytest.approx(mean**3.6)
    assert point.upper == pytest.approx((mean + 3 * sigma) ** 3.6)
    assert point.upper_close == pytest.approx((mean + 2 * sigma) ** 3.6)
    assert point.lower == 0.0
    assert point.lower_close == pytest.approx((mean - 2 * sigma) ** 3.6)  # 0.5391 > 0
    assert not any(p.outside_limits for p in analysis.points)
    # Runs about 34.19 (the transformed 2.6667): - + - + + - -> 5 runs, longest 2.
    phase = analysis.phases[0]
    assert (phase.n_useful, phase.longest_run, phase.crossings) == (6, 2, 4)


def test_t_chart_long_gap_after_a_frozen_baseline_is_outside() -> None:
    # Baseline as above; then a gap of 7 ** 3.6 = 1103 days: 7 > 5.8582 in the transformed
    # scale, so outside the upper limit of 581.5.
    times = [r**3.6 for r in [*T_ROOTS, 7]]
    analysis = analyse(values(times), ChartSpec("t", baseline_points=6))
    assert [p.index for p in analysis.points if p.outside_limits] == [7]


def test_t_chart_screens_moving_ranges_of_the_transformed_times() -> None:
    # Transformed 2,3,2,3,2,3,2,3,2,3,20: nine ranges of 1 and one of 17 -> average 2.6; 17 is
    # >= 3.267 x 2.6 = 8.49 and is dropped: average 1, sigma 1 / 1.128. Mean 45 / 11.
    times = [r**3.6 for r in [2, 3] * 5 + [20]]
    analysis = analyse(values(times), ChartSpec("t"))
    mean, sigma = 45 / 11, 1 / 1.128
    assert analysis.points[0].centre == pytest.approx(mean**3.6)
    assert analysis.points[0].upper == pytest.approx((mean + 3 * sigma) ** 3.6)
    assert [p.index for p in analysis.points if p.outside_limits] == [11]
    unscreened = analyse(values(times), ChartSpec("t", mr_screening=False))
    assert unscreened.points[0].upper == pytest.approx((mean + 3 * 2.6 / 1.128) ** 3.6)


def test_t_chart_of_equal_times_has_no_signal() -> None:
    # Eight gaps of 16 days: every transformed value equals the mean, so points sit on the
    # centre line and limits (no useful points, nothing outside), as in qicharts2, which
    # also plots the times after their round trip through the transform.
    analysis = analyse(values([16] * 8), ChartSpec("t"))
    assert not any(p.outside_limits for p in analysis.points)
    assert analysis.phases[0].n_useful == 0 and not analysis.phases[0].runs_signal
    assert analysis.points[0].value == pytest.approx(16)
