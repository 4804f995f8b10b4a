"""Hand-worked examples for every chart type, baselines, phases, excluded and missing points."""

from __future__ import annotations

import math

import pytest

from tests.analysis.helpers import ratios, values, week
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec

I_VALUES = [10, 12, 11, 13, 12, 30, 11, 12, 10, 11]


def test_i_chart_with_moving_range_screening() -> None:
    # Mean = 132 / 10 = 13.2. Moving ranges: 2,1,2,1,18,19,1,2,1 (sum 47, average 5.2222).
    # Screening drops ranges >= 3.267 x 5.2222 = 17.06 (18 and 19): average of the other
    # seven = 10 / 7 = 1.428571; sigma = 1.428571 / 1.128 = 1.266464; 3 sigma = 3.799392.
    analysis = analyse(values(I_VALUES), ChartSpec("i"))
    point = analysis.points[0]
    assert point.centre == pytest.approx(13.2)
    assert point.upper == pytest.approx(13.2 + 3 * (10 / 7) / 1.128)
    assert point.lower == pytest.approx(13.2 - 3 * (10 / 7) / 1.128)
    assert point.upper_close == pytest.approx(13.2 + 2 * (10 / 7) / 1.128)
    assert [p.index for p in analysis.points if p.outside_limits] == [6]


def test_i_chart_without_screening() -> None:
    # Average moving range 47 / 9; sigma = 5.2222 / 1.128 = 4.6296; upper = 13.2 + 13.8889.
    analysis = analyse(values(I_VALUES), ChartSpec("i", mr_screening=False))
    assert analysis.points[0].upper == pytest.approx(13.2 + 3 * (47 / 9) / 1.128)
    assert [p.index for p in analysis.points if p.outside_limits] == [6]  # 30 > 27.089


def test_excluded_points_are_bridged_and_missing_points_break_moving_ranges() -> None:
    # Included: 10, 12, [50 excluded], 11, [missing], 13, 15.
    # Ranges: |12-10| = 2, |11-12| = 1 (bridging the excluded 50); the missing value drops
    # 11->13; then |15-13| = 2. Average = 5/3; mean = (10+12+11+13+15)/5 = 12.2.
    analysis = analyse(
        values([10, 12, 50, 11, None, 13, 15], excluded=[2]), ChartSpec("i", mr_screening=False)
    )
    sigma = (5 / 3) / 1.128
    assert analysis.points[0].centre == pytest.approx(12.2)
    assert analysis.points[0].upper == pytest.approx(12.2 + 3 * sigma)
    excluded = analysis.points[2]
    assert excluded.excluded and excluded.outside_limits  # plotted, limits shown, flagged
    missing = analysis.points[4]
    assert missing.missing and missing.value is None and missing.centre == pytest.approx(12.2)
    assert analysis.phases[0].n_obs == 5


def test_run_chart_median_ties_and_signals() -> None:
    # 12 points: 6 low then 6 high. Sorted: 1,1,2,2,3,3,7,8,8,8,9,9 -> median (3 + 7) / 2 = 5;
    # no ties, runs of 6 and 6, one crossing. n_useful = 12: longest-run limit
    # round(log2 12) + 3 = 7, crossings limit 3 -> too few crossings is a signal.
    series = [1, 2, 3, 2, 1, 3, 8, 9, 8, 7, 9, 8]
    analysis = analyse(values(series), ChartSpec("run"))
    phase = analysis.phases[0]
    assert analysis.points[0].centre == 5.0
    assert (phase.n_useful, phase.longest_run, phase.longest_run_limit) == (12, 6, 7)
    assert (phase.crossings, phase.crossings_limit, phase.runs_signal) == (1, 3, True)
    assert all(
        p.lower is None and p.upper is None and not p.outside_limits for p in analysis.points
    )


def test_run_chart_points_on_the_median_are_not_useful() -> None:
    # Median of 1..9 with a repeated middle value: points equal to it are dropped.
    analysis = analyse(values([1, 9, 5, 2, 8, 5, 3, 7, 5]), ChartSpec("run"))
    assert analysis.points[0].centre == 5
    phase = analysis.phases[0]
    assert (phase.n_obs, phase.n_useful) == (9, 6)


def test_p_chart_pooled_centre_and_per_point_limits() -> None:
    # Centre = (5 + 10 + 15) / (10 + 20 + 30) = 0.5; sigma_i = sqrt(0.25 / n_i).
    analysis = analyse(ratios([5, 10, 15], [10, 20, 30]), ChartSpec("p", multiplier=100))
    for point, n in zip(analysis.points, (10, 20, 30), strict=True):
        sigma = math.sqrt(0.25 / n)
        assert point.centre == pytest.approx(50)
        assert point.upper == pytest.approx(100 * min(1, 0.5 + 3 * sigma))
        assert point.lower == pytest.approx(100 * max(0, 0.5 - 3 * sigma))
    assert analysis.points[0].value == pytest.approx(50)


def test_p_chart_limits_are_clipped_and_a_point_on_a_limit_is_not_outside() -> None:
    # Centre 0.5 with n = 1: 0.5 +/- 1.5 is clipped to [0, 1]; the value 1.0 equals the
    # upper limit and is therefore not outside (strict inequality).
    analysis = analyse(ratios([1, 0], [1, 1]), ChartSpec("p"))
    assert (analysis.points[0].lower, analysis.points[0].upper) == (0.0, 1.0)
    assert not any(p.outside_limits for p in analysis.points)


def test_c_chart_equal_to_limit_is_not_outside_above_it_is() -> None:
    # Baseline: eight counts of 4 -> centre 4, sigma 2, limits [max(0, -2), 10] = [0, 10].
    series = [4] * 8 + [10, 11]
    analysis = analyse(values(series), ChartSpec("c", baseline_points=8))
    assert (analysis.points[0].lower, analysis.points[0].upper) == (0.0, 10.0)
    assert [p.index for p in analysis.points if p.outside_limits] == [10]
    assert [p.baseline for p in analysis.points] == [True] * 8 + [False, False]


def test_u_chart_rate_and_clipped_lower_limit() -> None:
    # Centre = (2 + 6) / (500 + 1500) = 0.004 per bed day; sigma_i = sqrt(0.004 / n_i).
    analysis = analyse(ratios([2, 6], [500, 1500]), ChartSpec("u", multiplier=1000))
    first = analysis.points[0]
    assert first.centre == pytest.approx(4.0)
    assert first.upper == pytest.approx(1000 * (0.004 + 3 * math.sqrt(0.004 / 500)))
    assert first.lower == 0.0  # 0.004 - 3 * 0.00283 < 0


def test_baseline_by_end_date_freezes_centre_but_runs_cover_every_point() -> None:
    # Baseline: the first six points (to week 5) -> median 5.5. Against it the last baseline
    # 6 and the eight 9s form one run of 9 points above: 9 > round(log2 14) + 3 = 7.
    series = [5, 6, 5, 6, 5, 6, 9, 9, 9, 9, 9, 9, 9, 9]
    analysis = analyse(values(series), ChartSpec("run", baseline_end=week(5)))
    assert {p.centre for p in analysis.points} == {5.5}
    phase = analysis.phases[0]
    assert phase.n_useful == 14 and phase.longest_run == 9
    assert phase.runs_signal
    assert [p.in_signal_run for p in analysis.points] == [False] * 5 + [True] * 9


def test_phases_get_their_own_centre_limits_and_moving_ranges() -> None:
    # Phase 1: 10, 12, 10, 12 -> mean 11, ranges 2,2,2 -> AMR 2.
    # Phase 2: 20, 21, 20, 21 -> mean 20.5, ranges 1,1,1 -> AMR 1 (no range crosses 12->20).
    analysis = analyse(
        values([10, 12, 10, 12, 20, 21, 20, 21]), ChartSpec("i", phase_starts=(week(4),))
    )
    first, second = analysis.points[0], analysis.points[4]
    assert (first.phase, second.phase) == (1, 2)
    assert first.upper == pytest.approx(11 + 3 * 2 / 1.128)
    assert second.upper == pytest.approx(20.5 + 3 * 1 / 1.128)
    assert [(p.first_index, p.last_index) for p in analysis.phases] == [(1, 4), (5, 8)]


def test_baseline_applies_to_the_first_phase_only() -> None:
    spec = ChartSpec("c", baseline_points=2, phase_starts=(week(4),))
    analysis = analyse(values([2, 2, 8, 8, 5, 7]), spec)
    assert analysis.points[3].centre == 2.0
    assert analysis.points[4].centre == 6.0


def test_all_missing_series_has_no_centre_and_no_signal() -> None:
    analysis = analyse(values([None, None, None]), ChartSpec("i"))
    assert all(p.centre is None and p.upper is None for p in analysis.points)
    assert analysis.phases[0].runs_signal is False
    assert analysis.phases[0].longest_run_limit is None
    assert "no_data" in analysis.notes


def test_constant_series_has_limits_on_the_centre_and_no_signal() -> None:
    analysis = analyse(values([7] * 15), ChartSpec("i"))
    assert {(p.lower, p.centre, p.upper) for p in analysis.points} == {(7.0, 7.0, 7.0)}
    assert not any(p.outside_limits for p in analysis.points)
    assert analysis.phases[0].n_useful == 0 and not analysis.phases[0].runs_signal
    assert "constant" in analysis.notes


def test_short_series_is_provisional() -> None:
    analysis = analyse(values([3, 4, 5]), ChartSpec("c"))
    assert analysis.phases[0].provisional and "provisional" in analysis.notes
    assert not analyse(values([3, 4] * 6), ChartSpec("c")).phases[0].provisional


def test_huge_values_do_not_overflow() -> None:
    analysis = analyse(values([1e12, 1.1e12, 0.9e12, 1e12]), ChartSpec("i"))
    assert math.isfinite(analysis.points[0].upper or math.inf)


def test_p_chart_point_without_denominator_is_missing() -> None:
    analysis = analyse(ratios([3, 4, 5], [10, None, 10]), ChartSpec("p"))
    assert analysis.points[1].missing and analysis.points[1].upper is None
