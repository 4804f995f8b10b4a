"""The ihi and mdc rule sets on hand-worked series."""

from __future__ import annotations

import pytest

from tests.analysis.helpers import values
from toolkit_builder.analysis import analyse, analysis_to_json
from toolkit_builder.analysis.types import ChartSpec


def test_ihi_rules_report_shifts_trends_and_runs() -> None:
    # 20 points, median 10.5: ten low values then ten high ones. Shift: both halves are 10
    # points on one side (>= 6). Runs: 2, below the Perla table's 6 for 20 observations.
    series = [5, 6, 7, 8, 9, 10, 9, 8, 7, 6, 11, 12, 13, 14, 15, 16, 15, 14, 13, 12]
    phase = analyse(values(series), ChartSpec("run", rules="ihi")).phases[0]
    assert phase.shifts == ((1, 10), (11, 20))
    # Trends of 5+ (counting equal neighbours once): 5..10 rising (points 1-6), 10..6
    # falling (6-10), 6, 11..16 rising (10-16), 16..12 falling (16-20).
    assert phase.trends == ((1, 6), (6, 10), (10, 16), (16, 20))
    assert (phase.runs, phase.runs_limits) == (2, (6, 16))
    assert phase.runs_signal


def test_ihi_no_signal_on_random_looking_data() -> None:
    # Median 6.5; sides - + + - - + + - - + - +: 8 runs, inside (3, 11) for 12 observations.
    series = [5, 8, 9, 4, 3, 7, 8, 2, 6, 9, 4, 7]
    phase = analyse(values(series), ChartSpec("run", rules="ihi")).phases[0]
    assert phase.shifts == () and phase.trends == ()
    assert (phase.runs, phase.runs_limits) == (8, (3, 11))
    assert not phase.runs_signal


def test_ihi_too_many_runs_is_a_signal() -> None:
    # Strict alternation gives 12 runs in 12 observations: more than the table's 11.
    phase = analyse(values([5, 8] * 6), ChartSpec("run", rules="ihi")).phases[0]
    assert (phase.runs, phase.runs_signal) == (12, True)


def test_ihi_json_has_its_extra_keys() -> None:
    result = analysis_to_json(analyse(values([1, 2, 3]), ChartSpec("run", rules="ihi")))
    phase = result["phases"][0]  # type: ignore[index]
    assert phase["runs_limits"] is None and phase["shifts"] == [] and "runs" in phase


def mdc(
    series: list[float],
    direction: str = "increase",
    target: float | None = None,
    baseline: int | None = None,
) -> object:
    spec = ChartSpec("i", rules="mdc", direction=direction, target=target, baseline_points=baseline)  # type: ignore[arg-type]
    return analyse(values(series), spec)


def test_mdc_limits_use_2_66_average_moving_range() -> None:
    # Mean 11; moving ranges all 2 -> AMR 2 -> limits 11 +/- 5.32; close band 11 +/- 3.5466.
    analysis = mdc([10, 12] * 6)
    point = analysis.points[0]  # type: ignore[attr-defined]
    assert point.upper == pytest.approx(11 + 2.66 * 2)
    assert point.upper_close == pytest.approx(11 + 1.7733 * 2)
    assert analysis.variation == "common_cause"  # type: ignore[attr-defined]


def test_mdc_shift_of_seven_flags_all_seven() -> None:
    # Baseline 9, 11, 9, 11, 9, 11: mean 10, AMR 2 -> limits 10 +/- 5.32, close beyond
    # 10 +/- 3.55. Then 8 points above the mean (11 then 12s), none close: only the shift
    # rule fires, and it flags the whole run of 8.
    series = [9, 11, 9, 11, 9, 11, 12, 12.5, 12, 12.5, 12, 12.5, 12]
    analysis = mdc(series, baseline=6)
    causes = [p.special_cause for p in analysis.points]  # type: ignore[attr-defined]
    assert causes[:5] == [None] * 5
    assert causes[5:] == ["improvement"] * 8
    assert analysis.variation == "special_cause_improvement"  # type: ignore[attr-defined]


def test_mdc_point_on_the_mean_breaks_a_shift() -> None:
    # Baseline mean 10 (9, 11 alternating); a point exactly on the mean (10) splits 6 + 6.
    mean_breaker = [9, 11, 9, 11, 9, 11, 11.5, 11.5, 11.5, 10, 11.5, 11.5, 11.5]
    analysis = mdc(mean_breaker, baseline=6)
    assert all(p.special_cause is None for p in analysis.points)  # type: ignore[attr-defined]


def test_mdc_trend_of_seven_and_its_direction() -> None:
    series = [10, 11, 10, 11, 10, 10.1, 10.2, 10.3, 10.4, 10.5, 10.6, 10.7, 10]
    analysis = mdc(series, direction="decrease")
    flagged = [p.index for p in analysis.points if p.special_cause]  # type: ignore[attr-defined]
    assert flagged == [5, 6, 7, 8, 9, 10, 11, 12]
    # Rising values where lower is better: a concern.
    assert {p.special_cause for p in analysis.points if p.special_cause} == {"concern"}  # type: ignore[attr-defined]


def test_mdc_two_of_three_close_to_the_limit() -> None:
    # Mean 10, AMR 1 from alternating 9.5/10.5 -> close band beyond 10 +/- 1.7733, limits
    # 10 +/- 2.66. Two of three points at 12 (close, inside limits) on the high side.
    series = [9.5, 10.5] * 6 + [12, 10.2, 12]
    analysis = mdc(series, direction="neutral", baseline=12)
    points = analysis.points  # type: ignore[attr-defined]
    flagged = {p.index: p.special_cause for p in points if p.special_cause}
    assert all(not p.outside_limits for p in points[-3:])
    assert flagged == {13: "neutral", 15: "neutral"}
    assert analysis.variation == "special_cause_neutral_high"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("direction", "target", "expected"),
    [
        ("increase", 5, "consistent_pass"),
        ("increase", 30, "consistent_fail"),
        ("increase", 11, "inconsistent"),
        ("decrease", 5, "consistent_fail"),
        ("decrease", 30, "consistent_pass"),
        ("neutral", 5, None),
    ],
)
def test_mdc_assurance(direction: str, target: float, expected: str | None) -> None:
    analysis = mdc([10, 12] * 6, direction=direction, target=target)
    assert analysis.assurance == expected  # type: ignore[attr-defined]


def test_mdc_outside_takes_precedence_and_reads_by_direction() -> None:
    series = [10, 12] * 6 + [40]
    for direction, expected in (("increase", "improvement"), ("decrease", "concern")):
        point = mdc(series, direction=direction).points[-1]  # type: ignore[attr-defined]
        assert point.outside_limits and point.special_cause == expected
