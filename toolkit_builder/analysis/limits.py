"""Centre lines, sigma and limits per chart type, from a phase's baseline points (pure)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit_builder.analysis.types import ChartType

MR_SCREEN = 3.267
"""Moving ranges at or above this multiple of their average are dropped (once)."""
D2 = 1.128
"""Bias correction: sigma = average moving range / d2 for subgroups of two."""


@dataclass(frozen=True, slots=True)
class Point:
    """One observation prepared for analysis (unscaled)."""

    position: int
    """0-based position in the series."""
    value: float | None
    """Plotted value: the ratio for p and u charts; None when missing."""
    numerator: float | None
    denominator: float | None
    excluded: bool

    @property
    def missing(self) -> bool:
        """Return True when there is no value to plot."""
        return self.value is None

    @property
    def included(self) -> bool:
        """Return True when the point takes part in calculations."""
        return self.value is not None and not self.excluded


@dataclass(frozen=True, slots=True)
class Centre:
    """A phase's centre line and the spread that sets its limits."""

    centre: float | None
    sigma: float | None = None
    """Common sigma (i and c charts); p and u charts compute it per point."""
    average_moving_range: float | None = None


def moving_ranges(points: Sequence[Point], use: set[int]) -> list[float]:
    """Return |y_j - y_(j-1)| over consecutive points in `use`.

    An excluded point is bridged (its neighbours form one range); a missing value
    breaks the sequence (both ranges touching it are dropped).
    """
    ranges: list[float] = []
    previous: float | None = None
    for point in points:
        if point.missing:
            previous = None
        elif point.excluded or point.position not in use:
            continue
        else:
            assert point.value is not None
            if previous is not None:
                ranges.append(abs(point.value - previous))
            previous = point.value
    return ranges


def average_moving_range(ranges: Sequence[float], screening: bool) -> float | None:
    """Return the average moving range, screened once for ranges >= 3.267 x average."""
    if not ranges:
        return None
    average = statistics.fmean(ranges)
    if screening:
        kept = [r for r in ranges if r < MR_SCREEN * average]
        if kept:
            average = statistics.fmean(kept)
    return average


def phase_centre(
    chart: ChartType, phase: Sequence[Point], base: set[int], screening: bool
) -> Centre:
    """Return the centre (and sigma) of a phase computed from its baseline positions."""
    used = [p for p in phase if p.position in base and p.included]
    if not used:
        return Centre(None)
    values = [p.value for p in used if p.value is not None]
    if chart == "run":
        return Centre(statistics.median(values))
    if chart in ("p", "u"):
        numerator = math.fsum(p.numerator or 0.0 for p in used)
        denominator = math.fsum(p.denominator or 0.0 for p in used)
        return Centre(numerator / denominator if denominator else None)
    mean = statistics.fmean(values)
    if chart == "c":
        return Centre(mean, math.sqrt(mean) if mean >= 0 else None)
    amr = average_moving_range(moving_ranges(phase, base), screening)
    return Centre(mean, amr / D2 if amr is not None else None, amr)


def point_sigma(chart: ChartType, centre: Centre, point: Point) -> float | None:
    """Return the sigma of one point (per-point for p and u charts)."""
    if centre.centre is None:
        return None
    if chart in ("i", "c"):
        return centre.sigma
    if chart in ("p", "u"):
        n = point.denominator
        if not n or n <= 0:
            return None
        cl = centre.centre
        variance = cl * (1 - cl) / n if chart == "p" else cl / n
        return math.sqrt(max(variance, 0.0))
    return None


def limits(chart: ChartType, centre: float, spread: float) -> tuple[float, float]:
    """Return (lower, upper) = centre -/+ spread, clipped as the chart type requires."""
    lower, upper = centre - spread, centre + spread
    if chart == "p":
        return max(lower, 0.0), min(upper, 1.0)
    if chart in ("u", "c"):
        return max(lower, 0.0), upper
    return lower, upper
