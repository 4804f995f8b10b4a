"""Runs analysis: Anhøj's limits against the published tables, and the IHI rules."""

from __future__ import annotations

import math

import pytest

from toolkit_builder.analysis.runs import (
    PERLA_RUNS_TABLE,
    _exact_quantile,
    crossings_limit,
    ihi_shifts,
    ihi_trends,
    longest_run_limit,
    runs_about,
)

# Anhøj J, Olesen AV (2014). Run charts revisited: a simulation study of run chart rules for
# detection of non-random variation in health care processes. PLoS ONE 9(11): e113825,
# Table 1 (upper limit for the longest run, lower limit for the number of crossings).
# https://doi.org/10.1371/journal.pone.0113825 ; longest-run limits also tabulated at
# https://unaettie.com/en-us/faq.php ("Critical values for run length in run chart").
ANHOEJ_TABLE = {
    10: (6, 2), 11: (6, 2), 12: (7, 3), 13: (7, 3), 14: (7, 4), 15: (7, 4), 16: (7, 4),
    17: (7, 5), 18: (7, 5), 19: (7, 6), 20: (7, 6), 21: (7, 6), 22: (7, 7), 23: (8, 7),
    24: (8, 8), 25: (8, 8), 26: (8, 8), 27: (8, 9), 28: (8, 9), 29: (8, 10), 30: (8, 10),
    40: (8, 14), 46: (9, 17), 50: (9, 19),
}  # fmt: skip


@pytest.mark.parametrize(("n", "expected"), sorted(ANHOEJ_TABLE.items()))
def test_anhoej_limits_match_the_published_table(n: int, expected: tuple[int, int]) -> None:
    assert (longest_run_limit(n), crossings_limit(n)) == expected


def test_limits_for_tiny_series() -> None:
    assert longest_run_limit(0) is None and crossings_limit(0) is None
    assert (longest_run_limit(1), crossings_limit(1)) == (3, 0)


def test_points_on_the_centre_are_dropped() -> None:
    runs = runs_about(list(enumerate([1, 2, 2, 3, 2, 1, 3])), 2)
    # Useful: 1(-), 3(+), 1(-), 3(+): four runs, three crossings.
    assert runs.positions == (0, 3, 5, 6)
    assert (runs.n_useful, runs.longest, runs.crossings) == (4, 1, 3)


def test_ihi_shift_needs_six_and_ignores_points_on_the_median() -> None:
    values = [5, 6, 7, 5, 6, 7, 6, 1, 2, 1]  # median 5 for the example; 5s are on it
    runs = runs_about(list(enumerate(values)), 5)
    # Above: positions 1, 2, 4, 5, 6 (5 points: the 5 at position 3 neither adds nor breaks).
    assert ihi_shifts(runs) == []
    runs = runs_about(list(enumerate([6, 6, 5, 6, 6, 6, 6, 1])), 5)
    assert ihi_shifts(runs) == [(0, 6)]


def test_ihi_trend_of_five_counting_equal_neighbours_once() -> None:
    assert ihi_trends(list(enumerate([1, 2, 3, 4]))) == []
    assert ihi_trends(list(enumerate([1, 2, 2, 3, 4]))) == []  # only 4 distinct rising values
    assert ihi_trends(list(enumerate([1, 2, 2, 3, 4, 5]))) == [(0, 5)]
    assert ihi_trends(list(enumerate([9, 7, 5, 3, 1, 2]))) == [(0, 4)]


def test_perla_table_rows() -> None:
    # Perla, Provost & Murray (2011) BMJ Qual Saf 20:46-51, Table 1.
    assert PERLA_RUNS_TABLE[10] == (3, 9)
    assert PERLA_RUNS_TABLE[20] == (6, 16)
    assert PERLA_RUNS_TABLE[30] == (11, 21)
    assert set(PERLA_RUNS_TABLE) == set(range(10, 61))
    lows, highs = zip(*(PERLA_RUNS_TABLE[n] for n in range(10, 61)), strict=True)
    assert list(lows) == sorted(lows) and list(highs) == sorted(highs)


def _comb_quantile(n_useful: int) -> int:
    """The crossings limit as it was first written: every binomial from math.comb."""
    trials = n_useful - 1
    cumulative = 0
    for c in range(trials + 1):
        cumulative += math.comb(trials, c)
        if cumulative * 20 >= 2**trials:
            return c
    return trials


def test_exact_quantile_is_the_math_comb_one() -> None:
    assert [_exact_quantile(n - 1) for n in range(1, 400)] == [
        _comb_quantile(n) for n in range(1, 400)
    ]


def test_crossings_limit_is_exact_for_every_n_to_3000_and_at_large_n() -> None:
    sizes = [*range(1, 3001), 5_000, 12_345, 40_000]
    assert [crossings_limit(n) for n in sizes] == [_exact_quantile(n - 1) for n in sizes]


def test_crossings_limit_of_a_million_points_is_near_the_normal_approximation() -> None:
    n = 1_000_000
    normal = (n - 1) / 2 - 1.6448536 * math.sqrt(n - 1) / 2
    limit = crossings_limit(n)
    assert limit is not None and abs(limit - normal) < 2
