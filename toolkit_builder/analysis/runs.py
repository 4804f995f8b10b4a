"""Runs analysis against a centre line: Anhøj's rules and the IHI (Perla et al.) run-chart rules."""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass

# Perla, Provost & Murray (2011), "The run chart: a simple analytical tool for learning
# from variation in healthcare processes", BMJ Qual Saf 20:46-51, Table 1: the fewest and
# the most runs expected for 10 to 60 useful observations (about 5% risk of a false signal).
# Values for 51-60 follow the same construction (Swed & Eisenhart, 2.5% in each tail).
PERLA_RUNS_TABLE: dict[int, tuple[int, int]] = {
    10: (3, 9), 11: (3, 10), 12: (3, 11), 13: (4, 11), 14: (4, 12), 15: (5, 12),
    16: (5, 13), 17: (5, 13), 18: (6, 14), 19: (6, 15), 20: (6, 16), 21: (7, 16),
    22: (7, 17), 23: (7, 17), 24: (8, 18), 25: (8, 18), 26: (9, 19), 27: (10, 19),
    28: (10, 20), 29: (10, 20), 30: (11, 21), 31: (11, 22), 32: (11, 23), 33: (11, 23),
    34: (12, 24), 35: (13, 24), 36: (13, 25), 37: (13, 25), 38: (14, 26), 39: (14, 26),
    40: (15, 27), 41: (16, 27), 42: (16, 28), 43: (17, 28), 44: (17, 29), 45: (17, 30),
    46: (17, 31), 47: (18, 31), 48: (18, 32), 49: (19, 32), 50: (19, 33), 51: (20, 33),
    52: (20, 34), 53: (20, 35), 54: (21, 35), 55: (21, 36), 56: (22, 36), 57: (22, 37),
    58: (23, 37), 59: (23, 38), 60: (24, 38),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Runs:
    """Runs of useful points (those not on the centre line) on either side of it."""

    positions: tuple[int, ...]
    """Series positions (0-based) of the useful points, in order."""
    sides: tuple[int, ...]
    """+1 above, -1 below, for each useful point."""

    @property
    def n_useful(self) -> int:
        """Return the number of useful points."""
        return len(self.sides)

    def blocks(self) -> list[tuple[int, int]]:
        """Return each run as (start, end) indexes into `sides` (end exclusive)."""
        found: list[tuple[int, int]] = []
        start = 0
        for _, run in itertools.groupby(self.sides):
            end = start + sum(1 for _ in run)
            found.append((start, end))
            start = end
        return found

    @property
    def longest(self) -> int:
        """Return the length of the longest run."""
        return max((sum(1 for _ in run) for _, run in itertools.groupby(self.sides)), default=0)

    @property
    def crossings(self) -> int:
        """Return how many times the points cross the centre line (runs - 1)."""
        return sum(map(operator.ne, self.sides, self.sides[1:]))


def runs_about(values: Sequence[tuple[int, float]], centre: float) -> Runs:
    """Return the runs of (position, value) points about `centre`; points on it are dropped."""
    positions = tuple(p for p, v in values if v != centre)
    sides = tuple(1 if v > centre else -1 for _, v in values if v != centre)
    return Runs(positions, sides)


def longest_run_limit(n_useful: int) -> int | None:
    """Return Anhøj's upper limit for the longest run: round(log2(n)) + 3 (None for n = 0)."""
    if n_useful < 1:
        return None
    return round(math.log2(n_useful)) + 3


EXACT_UP_TO = 500
"""Useful points up to which the crossings limit is summed in exact integers."""
TAIL_SIGMAS = 30
"""Binomial terms further than this many standard deviations below the mean are left out
of the floating-point sum: together they are below e**-450, far under a double's
resolution, while the first term kept is still a normal double (above 1e-300)."""
TIE_MARGIN = 1e-9
"""A floating-point tail this close to 5% is summed again exactly (it never happens in
practice, but the limit must match the exact one for every n)."""


def crossings_limit(n_useful: int) -> int | None:
    """Return Anhøj's lower limit for crossings: the 5th percentile of Binomial(n - 1, 0.5).

    The smallest c with P(X <= c) >= 0.05 (R's qbinom). Up to EXACT_UP_TO points it is
    summed in exact integers; above, only the terms that matter are summed in floating
    point from the log of the first one (O(sqrt n)), with an exact sum when the tail is
    within TIE_MARGIN of 5%.
    """
    if n_useful < 1:
        return None
    trials = n_useful - 1
    if trials <= EXACT_UP_TO:
        return _exact_quantile(trials)
    first = max(0, math.floor(trials / 2 - TAIL_SIGMAS * math.sqrt(trials) / 2))
    log_term = (
        math.lgamma(trials + 1)
        - math.lgamma(first + 1)
        - math.lgamma(trials - first + 1)
        - trials * math.log(2)
    )
    term = math.exp(log_term)
    cumulative = 0.0
    for c in range(first, trials + 1):
        cumulative += term
        if cumulative >= 0.05:
            below = cumulative - term
            if cumulative - 0.05 < TIE_MARGIN or 0.05 - below < TIE_MARGIN:
                return _exact_quantile(trials)
            return c
        term *= (trials - c) / (c + 1)
    return trials


def _exact_quantile(trials: int) -> int:
    """Return the smallest c with sum(C(trials, k), k <= c) * 20 >= 2**trials, in integers."""
    total = 2**trials
    term = 1  # C(trials, c), updated in place: one multiplication per step, not a comb
    cumulative = 0
    for c in range(trials + 1):
        cumulative += term
        if cumulative * 20 >= total:  # cumulative / total >= 0.05, without rounding error
            return c
        term = term * (trials - c) // (c + 1)
    return trials


def signal_run_positions(runs: Runs, limit: int | None) -> set[int]:
    """Return the series positions of points in runs longer than the limit."""
    if limit is None:
        return set()
    found: set[int] = set()
    for start, end in runs.blocks():
        if end - start > limit:
            found.update(runs.positions[start:end])
    return found


def ihi_shifts(runs: Runs, length: int = 6) -> list[tuple[int, int]]:
    """Return (first, last) positions of runs of at least `length` points on one side."""
    return [
        (runs.positions[start], runs.positions[end - 1])
        for start, end in runs.blocks()
        if end - start >= length
    ]


def ihi_trends(values: Sequence[tuple[int, float]], length: int = 5) -> list[tuple[int, int]]:
    """Return (first, last) positions of at least `length` points all rising or all falling.

    Equal neighbours count once: a repeated value neither adds to nor breaks a trend.
    """
    distinct: list[tuple[int, float]] = []
    for position, value in values:
        if distinct and value == distinct[-1][1]:
            continue
        distinct.append((position, value))
    trends: list[tuple[int, int]] = []
    start = 0
    direction = 0
    for index in range(1, len(distinct) + 1):
        step = (
            0
            if index == len(distinct)
            else (1 if distinct[index][1] > distinct[index - 1][1] else -1)
        )
        if index < len(distinct) and (direction == 0 or step == direction):
            direction = step
            continue
        if index - start >= length:
            trends.append((distinct[start][0], distinct[index - 1][0]))
        start, direction = index - 1, step
    return trends


def ihi_runs_limits(n_useful: int) -> tuple[int, int] | None:
    """Return the (fewest, most) runs expected for n useful points, or None outside 10-60."""
    return PERLA_RUNS_TABLE.get(n_useful)
