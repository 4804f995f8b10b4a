"""Hand-worked Laney p' and u' charts (Laney 2002; qicharts2's qic.pp and qic.up)."""

from __future__ import annotations

import itertools
import math

import pytest

from tests.analysis.helpers import ratios, week
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec

# 10,000 cases a period; proportions 0.50, 0.52, 0.49, 0.51, 0.48.
NUMERATORS = [5000, 5200, 4900, 5100, 4800]
CASES = [10000] * 5


def test_p_prime_widens_limits_by_sigma_z() -> None:
    # Pooled centre 25,000 / 50,000 = 0.5; p-chart sigma sqrt(0.25 / 10,000) = 0.005, so the
    # p chart's limits are 0.485-0.515 and the 0.52 and 0.48 points are outside.
    # z = (p - 0.5) / 0.005 = 0, 4, -2, 2, -4; moving ranges 4, 6, 4, 6 -> 5; sigma_z = 5 / 1.128 = 4.4326. p' sigma = 0.005 x 4.4326 = 0.022163:
    # limits 0.5 -/+ 0.066489 = 43.35% to 56.65%, and no point is outside.
    p_chart = analyse(ratios(NUMERATORS, CASES), ChartSpec("p", multiplier=100))
    assert [p.index for p in p_chart.points if p.outside_limits] == [2, 5]
    analysis = analyse(ratios(NUMERATORS, CASES), ChartSpec("pp", multiplier=100))
    spread = 3 * 0.005 * 5 / 1.128
    point = analysis.points[0]
    assert point.centre == pytest.approx(50)
    assert point.upper == pytest.approx(100 * (0.5 + spread))
    assert point.lower == pytest.approx(100 * (0.5 - spread))
    assert point.upper_close == pytest.approx(100 * (0.5 + 2 * 0.005 * 5 / 1.128))
    assert not any(p.outside_limits for p in analysis.points)
    # Runs about 50%: the first point is on the centre (not useful); + - + -: 3 crossings.
    phase = analysis.phases[0]
    assert (phase.n_obs, phase.n_useful, phase.crossings, phase.longest_run) == (5, 4, 3, 1)


def test_p_prime_limits_vary_with_each_denominator() -> None:
    # Same z-scores with n = 10,000 and 2,500 alternating: sigma_i = sqrt(0.25 / n_i) x sigma_z.
    # Proportions 0.5 + z x sigma_i: 0.50, 0.54 (n 2,500, sigma 0.01), 0.49, 0.52, 0.48 ->
    # numerators 5000, 1350, 4900, 1300, 4800; pooled 17,350 / 35,000 = 0.495714.
    numerators, cases = [5000, 1350, 4900, 1300, 4800], [10000, 2500, 10000, 2500, 10000]
    analysis = analyse(ratios(numerators, cases), ChartSpec("pp"))
    centre = 17350 / 35000
    z = [
        (k / n - centre) / math.sqrt(centre * (1 - centre) / n)
        for k, n in zip(numerators, cases, strict=True)
    ]
    sigma_z = sum(abs(b - a) for a, b in itertools.pairwise(z)) / 4 / 1.128
    for point, n in zip(analysis.points, cases, strict=True):
        sigma = math.sqrt(centre * (1 - centre) / n) * sigma_z
        assert point.upper == pytest.approx(centre + 3 * sigma)
        assert point.lower == pytest.approx(centre - 3 * sigma)


def test_u_prime_widens_limits_by_sigma_z() -> None:
    # 5,000 bed days a period; rates 2.00, 2.08, 1.96, 2.04, 1.92 per bed day. Pooled
    # 50,000 / 25,000 = 2; u-chart sigma sqrt(2 / 5,000) = 0.02; z = 0, 4, -2, 2, -4 ->
    # sigma_z = 5 / 1.128; upper = 2 + 3 x 0.02 x 4.4326 = 2.26596, lower 1.73404.
    analysis = analyse(ratios([10000, 10400, 9800, 10200, 9600], [5000] * 5), ChartSpec("up"))
    point = analysis.points[0]
    assert point.centre == pytest.approx(2)
    assert point.upper == pytest.approx(2 + 3 * 0.02 * 5 / 1.128)
    assert point.lower == pytest.approx(2 - 3 * 0.02 * 5 / 1.128)
    assert not any(p.outside_limits for p in analysis.points)
    u_chart = analyse(ratios([10000, 10400, 9800, 10200, 9600], [5000] * 5), ChartSpec("u"))
    assert [p.index for p in u_chart.points if p.outside_limits] == [2, 5]  # 2.06 / 1.94


def test_u_prime_lower_limit_clipped_at_zero_and_phases_recompute_sigma_z() -> None:
    # Phase 1 (weeks 0-3): counts 1, 9, 2, 8 over 10 days each -> 20 / 40 = 0.5 a day;
    # sigma sqrt(0.05) = 0.22361; z = -1.789, 3.578, -1.342, 3.130; ranges 5.367, 4.919,
    # 4.472 -> 4.919; sigma_z 4.3610; lower 0.5 - 3 x 0.9752 < 0 -> 0.
    spec = ChartSpec("up", phase_starts=(week(4),))
    analysis = analyse(ratios([1, 9, 2, 8, 5, 5, 6, 4], [10] * 8), spec)
    first, second = analysis.points[0], analysis.points[4]
    assert first.lower == 0.0
    sigma = math.sqrt(0.05)
    z = [(v / 10 - 0.5) / sigma for v in (1, 9, 2, 8)]
    sigma_z = sum(abs(b - a) for a, b in itertools.pairwise(z)) / 3 / 1.128
    assert first.upper == pytest.approx(0.5 + 3 * sigma * sigma_z)
    # Phase 2: 20 / 40 = 0.5 again; z = 0, 0, 0.447, -0.447: its own, smaller sigma_z.
    assert second.upper < first.upper


def test_p_prime_with_one_point_has_no_limits() -> None:
    # No moving range of z-scores: sigma_z is unknown and no limits are drawn.
    analysis = analyse(ratios([5], [10]), ChartSpec("pp"))
    assert analysis.points[0].centre == pytest.approx(0.5)
    assert analysis.points[0].upper is None and not analysis.points[0].outside_limits


def test_sigma_z_keeps_a_large_jump_between_periods() -> None:
    # Laney's sigma_z, as qicharts2's qic.pp: mean(|diff(z)|) / 1.128 with no screening.
    # The jump to 0.60 makes one moving range of z far above 3.267 x their average, which
    # an I chart would drop; here it stays and widens every limit.
    numerators, cases = [5000, 5050, 5000, 5050, 5000, 5050, 5000, 6000], [10000] * 8
    analysis = analyse(ratios(numerators, cases), ChartSpec("pp"))
    centre = sum(numerators) / sum(cases)
    sigma = math.sqrt(centre * (1 - centre) / 10000)
    z = [(k / n - centre) / sigma for k, n in zip(numerators, cases, strict=True)]
    ranges = [abs(b - a) for a, b in itertools.pairwise(z)]
    average = sum(ranges) / len(ranges)
    assert max(ranges) >= 3.267 * average  # an I chart would screen this range out
    assert analysis.points[0].upper == pytest.approx(centre + 3 * sigma * average / 1.128)
