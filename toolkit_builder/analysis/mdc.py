"""NHS England "Making Data Count" special-cause rules for XmR charts (as NHSRplotthedots)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit_builder.analysis.types import Assurance, Direction, SpecialCause, Variation

LIMIT_FACTOR = 2.66
"""Process limits: mean +/- 2.66 x average moving range."""
CLOSE_FACTOR = 1.7733
"""Two-sigma band: mean +/- 1.7733 x average moving range."""
RUN_LENGTH = 7


@dataclass(frozen=True, slots=True)
class MdcPoint:
    """An included point with its phase's mean and limits (unscaled)."""

    position: int
    value: float
    mean: float
    lower: float | None
    upper: float | None
    lower_close: float | None
    upper_close: float | None


def _outside(p: MdcPoint) -> int:
    if p.upper is not None and p.value > p.upper:
        return 1
    if p.lower is not None and p.value < p.lower:
        return -1
    return 0


def _close(p: MdcPoint) -> int:
    if _outside(p) or p.upper_close is None or p.lower_close is None:
        return 0
    if p.value > p.upper_close:
        return 1
    if p.value < p.lower_close:
        return -1
    return 0


def _side(p: MdcPoint) -> int:
    return (p.value > p.mean) - (p.value < p.mean)


def _trend_sides(points: Sequence[MdcPoint]) -> dict[int, int]:
    """Return the direction of each point in 7 or more points rising or falling (a tie breaks)."""
    steps = [(b.value > a.value) - (b.value < a.value) for a, b in itertools.pairwise(points)]
    sides: dict[int, int] = {}
    start = 0
    for index in range(1, len(steps) + 1):
        if index < len(steps) and steps[index] == steps[start] != 0:
            continue
        direction = steps[start] if steps else 0
        if direction and index - start >= RUN_LENGTH - 1:
            run = points[start : index + 1]
            # A point's side is the step to the next point while that point is in the trend,
            # else the step from the previous one: a peak starting a fall reads as falling.
            for point in run[:-1]:
                sides[point.position] = direction
            sides.setdefault(run[-1].position, direction)
        start = index
    return sides


def _two_of_three_sides(points: Sequence[MdcPoint]) -> dict[int, int]:
    sides: dict[int, int] = {}
    for start in range(len(points) - 2):
        window = points[start : start + 3]
        side = _side(window[0])
        if side == 0 or any(_side(p) != side for p in window):
            continue
        close = [p for p in window if _close(p) == side]
        if len(close) >= 2:
            for p in close:
                sides[p.position] = side
    return sides


def _shift_sides(points: Sequence[MdcPoint]) -> dict[int, int]:
    sides: dict[int, int] = {}
    start = 0
    for index in range(1, len(points) + 1):
        if index < len(points) and _side(points[index]) == _side(points[start]) != 0:
            continue
        if _side(points[start]) != 0 and index - start >= RUN_LENGTH:
            for p in points[start:index]:
                sides[p.position] = _side(p)
        start = index
    return sides


def special_cause_sides(points: Sequence[MdcPoint]) -> dict[int, int]:
    """Return +1 (high) or -1 (low) for each flagged position, by rule precedence."""
    found: dict[int, int] = {}
    outside = {p.position: _outside(p) for p in points if _outside(p)}
    for rule in (outside, _trend_sides(points), _two_of_three_sides(points), _shift_sides(points)):
        for position, side in rule.items():
            found.setdefault(position, side)
    return found


def reading(side: int, direction: Direction) -> SpecialCause:
    """Return how a flagged side reads given which way is better."""
    if direction == "neutral":
        return "neutral"
    return "improvement" if (side > 0) == (direction == "increase") else "concern"


def variation(last_side: int | None, direction: Direction) -> Variation:
    """Return the variation icon from the last point's flag (None: not flagged)."""
    if not last_side:
        return "common_cause"
    if direction == "neutral":
        return "special_cause_neutral_high" if last_side > 0 else "special_cause_neutral_low"
    cause = reading(last_side, direction)
    return "special_cause_improvement" if cause == "improvement" else "special_cause_concern"


def assurance(
    target: float | None, lower: float | None, upper: float | None, direction: Direction
) -> Assurance | None:
    """Return the assurance icon: the target against the last point's limits."""
    if target is None or lower is None or upper is None or direction == "neutral":
        return None
    passes, fails = (
        (target < lower, target > upper)
        if direction == "increase"
        else (target > upper, target < lower)
    )
    if passes:
        return "consistent_pass"
    if fails:
        return "consistent_fail"
    return "inconsistent"
