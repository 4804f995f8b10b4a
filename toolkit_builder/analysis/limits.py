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
D4 = 3.267
"""Upper limit of a moving-range chart: D4 x average moving range (its lower limit is 0)."""
T_POWER = 3.6
"""t charts: times are plotted as they are but analysed as time ** (1 / 3.6) (Nelson 1994)."""


@dataclass(frozen=True, slots=True)
class Point:
    """One observation prepared for analysis (unscaled)."""

    position: int
    """0-based position in the series."""
    value: float | None
    """Plotted value: the ratio for p and u charts; None when missing."""
    numerator: float | None
    """The numerator (p and u charts); the raw time on t charts (whose value is its round
    trip through the transform); else the observation's value."""
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
    """The centre line drawn and used for runs (the median on g charts)."""
    sigma: float | None = None
    """Common sigma (i, c and g charts; t in the transformed scale); p and u per point."""
    average_moving_range: float | None = None
    limit_centre: float | None = None
    """What the limits are centred on when it is not the centre line: the mean of a g chart,
    the mean of the transformed times of a t chart."""
    sigma_z: float | None = None
    """Laney's between-period factor (pp and up charts): the sigma of the z-scores."""


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
    if chart in ("p", "u", "pp", "up"):
        numerator = math.fsum(p.numerator or 0.0 for p in used)
        denominator = math.fsum(p.denominator or 0.0 for p in used)
        pooled = Centre(numerator / denominator if denominator else None)
        if chart in ("p", "u") or pooled.centre is None:
            return pooled
        return Centre(pooled.centre, sigma_z=laney_sigma_z(chart, pooled, phase, base))
    mean = statistics.fmean(values)
    if chart == "c":
        return Centre(mean, math.sqrt(mean) if mean >= 0 else None)
    if chart == "mr":
        return Centre(mean)
    if chart == "g":
        # Benneyan (2001): geometric sigma sqrt(mean x (mean + 1)); qicharts2 draws the median.
        spread = math.sqrt(mean * (mean + 1)) if mean >= 0 else None
        return Centre(statistics.median(values), spread, limit_centre=mean)
    if chart == "t":
        return t_centre(phase, base, screening)
    amr = average_moving_range(moving_ranges(phase, base), screening)
    return Centre(mean, amr / D2 if amr is not None else None, amr)


def t_centre(phase: Sequence[Point], base: set[int], screening: bool) -> Centre:
    """Return a t chart's centre: an I chart of time ** (1/3.6), its centre back-transformed.

    The raw time (`numerator`; `value` is its round trip) is transformed. Times of 0 or
    less cannot be; they are left out (the CSV check rejects them).
    """
    transformed = [
        Point(
            p.position,
            p.numerator ** (1 / T_POWER)
            if p.value is not None and p.numerator is not None and p.numerator > 0
            else None,
            None,
            None,
            p.excluded,
        )
        for p in phase
    ]
    values = [p.value for p in transformed if p.position in base and p.included]
    if not values:
        return Centre(None)
    # statistics.mean is exact: equal times give a centre exactly equal to their round trip.
    mean = statistics.mean(v for v in values if v is not None)
    amr = average_moving_range(moving_ranges(transformed, base), screening)
    sigma = amr / D2 if amr is not None else None
    return Centre(mean**T_POWER, sigma, amr, limit_centre=mean)


def laney_sigma_z(
    chart: ChartType, pooled: Centre, phase: Sequence[Point], base: set[int]
) -> float | None:
    """Return Laney's sigma_z: average moving range of the baseline z-scores / 1.128.

    z_i = (ratio_i - centre) / sigma_i, with sigma_i the p or u chart's sigma of point i.
    The ranges are not screened (Laney 2002; qicharts2's qic.pp and qic.up): a large
    jump between periods is the between-period variation sigma_z is there to measure.
    """
    kind: ChartType = "p" if chart == "pp" else "u"
    scores = []
    for point in phase:
        sigma = point_sigma(kind, pooled, point)
        z = (point.value - pooled.centre) / sigma if point.value is not None and sigma else None
        scores.append(Point(point.position, z, None, None, point.excluded))
    amr = average_moving_range(moving_ranges(scores, base), screening=False)
    return amr / D2 if amr is not None else None


def point_sigma(chart: ChartType, centre: Centre, point: Point) -> float | None:
    """Return the sigma of one point (per-point for p, pp, u and up charts)."""
    if centre.centre is None:
        return None
    if chart in ("i", "c", "g", "t"):
        return centre.sigma
    if chart in ("p", "u", "pp", "up"):
        n = point.denominator
        if not n or n <= 0:
            return None
        cl = centre.centre
        variance = cl * (1 - cl) / n if chart in ("p", "pp") else cl / n
        sigma = math.sqrt(max(variance, 0.0))
        if chart in ("pp", "up"):
            return sigma * centre.sigma_z if centre.sigma_z is not None else None
        return sigma
    return None


def band(chart: ChartType, centre: Centre, point: Point, k: float) -> tuple[float, float] | None:
    """Return the (lower, upper) k-sigma lines of one point, or None where there are none."""
    if centre.centre is None or chart == "run":
        return None
    if chart == "mr":
        # Upper limit D4 x average moving range; the 2-sigma line is 2/3 of it (as qicharts2).
        return 0.0, centre.centre * k * D4 / 3
    sigma = point_sigma(chart, centre, point)
    if sigma is None:
        return None
    middle = centre.limit_centre if centre.limit_centre is not None else centre.centre
    if chart == "t":
        lower, upper = middle - k * sigma, middle + k * sigma
        return (lower**T_POWER if lower >= 0 else 0.0), upper**T_POWER
    return limits(chart, middle, k * sigma)


def limits(chart: ChartType, centre: float, spread: float) -> tuple[float, float]:
    """Return (lower, upper) = centre -/+ spread, clipped as the chart type requires."""
    lower, upper = centre - spread, centre + spread
    if chart in ("p", "pp"):
        return max(lower, 0.0), min(upper, 1.0)
    if chart in ("u", "up", "c", "g"):
        return max(lower, 0.0), upper
    return lower, upper
