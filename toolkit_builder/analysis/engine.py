"""Run-chart and SPC analysis (pure functions, no plotting): see docs/charts.md for the rules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from toolkit_builder.analysis import mdc
from toolkit_builder.analysis.limits import T_POWER, Centre, Point, band, phase_centre
from toolkit_builder.analysis.phasechange import phase_changes
from toolkit_builder.analysis.runs import (
    crossings_limit,
    ihi_runs_limits,
    ihi_shifts,
    ihi_trends,
    longest_run_limit,
    runs_about,
    signal_run_positions,
)
from toolkit_builder.analysis.types import (
    RATIO_CHARTS,
    ChartAnalysis,
    ChartSpec,
    Observation,
    PhaseResult,
    PointResult,
)

PROVISIONAL_BELOW = 12
"""Fewer useful points than this: limits and signals are provisional."""

__all__ = ["analyse", "analysis_to_json", "outside_count"]


def prepare(observations: Sequence[Observation], spec: ChartSpec) -> list[Point]:
    """Return the points to analyse: p and u values become ratios (no denominator: missing);
    t values make the round trip through time ** (1/3.6)."""
    points = []
    for position, obs in enumerate(observations):
        value = obs.value
        if spec.chart in RATIO_CHARTS:
            value = (
                obs.value / obs.denominator if obs.value is not None and obs.denominator else None
            )
        if spec.chart == "t" and value is not None and value > 0:
            # As qicharts2, a t chart's points go through the same transform and back as its
            # centre and limits, so equal times compare equal to a centre made of them.
            value = (value ** (1 / T_POWER)) ** T_POWER
        points.append(Point(position, value, obs.value, obs.denominator, obs.excluded))
    return points


def moving_range_points(phase: Sequence[Point]) -> list[Point]:
    """Return an mr chart's points: |y_j - y_(j-1)| within the phase, as qicharts2.

    The first point of a phase has no range (missing); a missing value leaves both ranges
    touching it missing. An excluded value is bridged as on the I chart (the contract
    leaves it out of every moving range): its own range is plotted but excluded, and the
    next range is taken from the value before it. qicharts2 would count |y_(j+1) - y_j|.
    """
    result = []
    previous: float | None = None
    for point in phase:
        value = point.value
        ranged = abs(value - previous) if value is not None and previous is not None else None
        result.append(Point(point.position, ranged, None, None, point.excluded))
        if value is None or not point.excluded:
            previous = value
    return result


def split_phases(periods: Sequence[date], starts: Sequence[date]) -> list[list[int]]:
    """Return the positions of each non-empty phase; a phase runs from its start to the next."""
    bounds = sorted(set(starts))
    groups: list[list[int]] = [[] for _ in range(len(bounds) + 1)]
    for position, period in enumerate(periods):
        groups[sum(1 for b in bounds if period >= b)].append(position)
    return [g for g in groups if g]


def baseline_positions(
    phase: list[int], periods: Sequence[date], spec: ChartSpec, first: bool
) -> set[int]:
    """Return the positions whose values set the centre: the baseline in phase 1, else all."""
    if first and spec.baseline_points is not None:
        return {p for p in phase if p < spec.baseline_points}
    if first and spec.baseline_end is not None:
        return {p for p in phase if periods[p] <= spec.baseline_end}
    return set(phase)


@dataclass(slots=True)
class _PhaseWork:
    number: int
    points: list[Point]
    base: set[int]
    centre: Centre
    bands: dict[int, tuple[float | None, float | None, float | None, float | None]] = field(
        default_factory=dict
    )


def _bands(spec: ChartSpec, work: _PhaseWork) -> None:
    """Fill (lower, upper, lower_close, upper_close) per position of a phase."""
    cl = work.centre.centre
    for point in work.points:
        if spec.rules == "mdc" and spec.chart == "i" and cl is not None:
            amr = work.centre.average_moving_range
            if amr is None:
                work.bands[point.position] = (None, None, None, None)
                continue
            outer = (cl - mdc.LIMIT_FACTOR * amr, cl + mdc.LIMIT_FACTOR * amr)
            inner = (cl - mdc.CLOSE_FACTOR * amr, cl + mdc.CLOSE_FACTOR * amr)
        else:
            found_outer = band(spec.chart, work.centre, point, 3)
            found_inner = band(spec.chart, work.centre, point, 2)
            if found_outer is None or found_inner is None:
                work.bands[point.position] = (None, None, None, None)
                continue
            outer, inner = found_outer, found_inner
        work.bands[point.position] = (outer[0], outer[1], inner[0], inner[1])


def _runs_result(spec: ChartSpec, work: _PhaseWork) -> tuple[PhaseResult, set[int]]:
    included = [(p.position, p.value) for p in work.points if p.included and p.value is not None]
    cl = work.centre.centre
    runs = runs_about(included, cl) if cl is not None else runs_about([], 0.0)
    n_useful = runs.n_useful
    run_limit, cross_limit = longest_run_limit(n_useful), crossings_limit(n_useful)
    longest, crossings = runs.longest, runs.crossings
    # qicharts2 reports the runs of an mr chart but never reads them as a signal: moving
    # ranges are not independent, so runs about their mean say nothing.
    anhoej_signal = (
        spec.chart != "mr"
        and n_useful > 0
        and (
            (run_limit is not None and longest > run_limit)
            or (cross_limit is not None and crossings < cross_limit)
        )
    )
    flagged = signal_run_positions(runs, run_limit) if spec.chart != "mr" else set()
    shifts: tuple[tuple[int, int], ...] = ()
    trends: tuple[tuple[int, int], ...] = ()
    runs_count: int | None = None
    runs_limits: tuple[int, int] | None = None
    signal = anhoej_signal
    if spec.rules == "ihi":
        shifts = tuple(ihi_shifts(runs))
        trends = tuple(ihi_trends(included))
        runs_count = len(runs.blocks())
        runs_limits = ihi_runs_limits(n_useful)
        too_few_or_many = (
            runs_limits is not None and not runs_limits[0] <= runs_count <= runs_limits[1]
        )
        signal = bool(shifts or trends or too_few_or_many)
        kept = {position for position, _ in included}  # once, not per point: O(n)
        flagged = {p for a, b in (*shifts, *trends) for p in range(a, b + 1) if p in kept}
    positions = [p.position for p in work.points]
    result = PhaseResult(
        phase=work.number,
        first_index=positions[0] + 1,
        last_index=positions[-1] + 1,
        n_obs=len(included),
        n_useful=n_useful,
        longest_run=longest,
        longest_run_limit=run_limit,
        crossings=crossings,
        crossings_limit=cross_limit,
        runs_signal=signal,
        centre=cl * spec.multiplier if cl is not None else None,
        shifts=tuple((a + 1, b + 1) for a, b in shifts),
        trends=tuple((a + 1, b + 1) for a, b in trends),
        runs=runs_count,
        runs_limits=runs_limits,
        provisional=len(included) < PROVISIONAL_BELOW,
    )
    return result, flagged


def _mdc_sides(work: _PhaseWork) -> dict[int, int]:
    cl = work.centre.centre
    if cl is None:
        return {}
    prepared = [
        mdc.MdcPoint(p.position, p.value, cl, *work.bands[p.position])
        for p in work.points
        if p.included and p.value is not None
    ]
    return mdc.special_cause_sides(prepared)


def _scaled(value: float | None, multiplier: float) -> float | None:
    return value * multiplier if value is not None else None


def _phase_works(
    points: Sequence[Point], periods: Sequence[date], spec: ChartSpec
) -> Iterator[_PhaseWork]:
    """Yield each phase's points with its centre and limits (its bands) worked out."""
    for number, positions in enumerate(split_phases(periods, spec.phase_starts), start=1):
        base = baseline_positions(positions, periods, spec, first=number == 1)
        phase_points = [points[p] for p in positions]
        if spec.chart == "mr":
            phase_points = moving_range_points(phase_points)
        work = _PhaseWork(
            number,
            phase_points,
            base,
            phase_centre(spec.chart, phase_points, base, spec.mr_screening),
        )
        _bands(spec, work)
        yield work


def _outside(value: float | None, lower: float | None, upper: float | None) -> bool:
    """Return whether a value falls outside its limits (a missing limit is no bound)."""
    return value is not None and (
        (upper is not None and value > upper) or (lower is not None and value < lower)
    )


def outside_count(observations: Sequence[Observation], spec: ChartSpec) -> tuple[int, int]:
    """Return how many points are counted (a value, not excluded) and how many of those
    fall outside their limits, as analyse flags them (PointResult.outside_limits), without
    the rest of the analysis (runs, signals, changes): what validation asks of every p and
    u chart (content/dispersion.py)."""
    counted = outside = 0
    periods = [o.period for o in observations]
    control = spec.chart != "run"
    for work in _phase_works(prepare(observations, spec), periods, spec):
        for point in work.points:
            if point.value is None or point.excluded:  # a t chart's shown time too
                continue
            counted += 1
            lower, upper, _, _ = work.bands[point.position]
            if control and _outside(point.value, lower, upper):
                outside += 1
    return counted, outside


def analyse(observations: Sequence[Observation], spec: ChartSpec) -> ChartAnalysis:
    """Return the centre lines, limits and signals of a series under a chart spec."""
    points = prepare(observations, spec)
    periods = [o.period for o in observations]
    phases: list[PhaseResult] = []
    results: list[PointResult] = []
    sides: dict[int, int] = {}
    last_bands: tuple[float | None, float | None] = (None, None)
    for work in _phase_works(points, periods, spec):
        number, phase_points, base = work.number, work.points, work.base
        phase_result, flagged = _runs_result(spec, work)
        phases.append(phase_result)
        if spec.rules == "mdc" and spec.chart == "i":
            sides.update(_mdc_sides(work))
        m = spec.multiplier
        centre = _scaled(work.centre.centre, m)  # once per phase, not per point
        control = spec.chart != "run"
        for point in phase_points:
            lower, upper, lower_close, upper_close = work.bands[point.position]
            value = point.value
            outside = control and _outside(value, lower, upper)
            side = sides.get(point.position)
            results.append(
                PointResult(
                    index=point.position + 1,
                    period=periods[point.position],
                    # t charts show the time as given; comparisons used its round trip.
                    value=_scaled(point.numerator if spec.chart == "t" else value, m),
                    centre=centre,
                    lower=_scaled(lower, m),
                    upper=_scaled(upper, m),
                    lower_close=_scaled(lower_close, m),
                    upper_close=_scaled(upper_close, m),
                    phase=number,
                    baseline=point.position in base,
                    excluded=point.excluded,
                    missing=point.missing,
                    outside_limits=bool(outside),
                    special_cause=mdc.reading(side, spec.direction) if side else None,
                    in_signal_run=point.position in flagged,
                )
            )
            if point.included:
                last_bands = (lower, upper)
    variation = assurance = None
    if spec.rules == "mdc" and spec.chart == "i":
        last = next((p for p in reversed(points) if p.included), None)
        variation = mdc.variation(sides.get(last.position) if last else None, spec.direction)
        target = (
            spec.target / spec.multiplier if spec.target is not None and spec.multiplier else None
        )
        assurance = mdc.assurance(target, *last_bands, spec.direction)
    changes = phase_changes(observations, spec, phases, analyse) if len(phases) > 1 else ()
    return ChartAnalysis(
        spec, tuple(phases), tuple(results), variation, assurance, _notes(points, phases), changes
    )


def _notes(points: Sequence[Point], phases: Sequence[PhaseResult]) -> tuple[str, ...]:
    values = [p.value for p in points if p.included]
    notes = []
    if not values:
        notes.append("no_data")
    elif len(set(values)) == 1:
        notes.append("constant")
    if any(p.provisional for p in phases):
        notes.append("provisional")
    return tuple(notes)


def analysis_to_json(analysis: ChartAnalysis) -> dict[str, object]:
    """Return the analysis in the shape of the `chart` command's JSON output (docs/charts.md)."""
    spec = analysis.spec
    phases = []
    for phase in analysis.phases:
        item: dict[str, object] = {
            "phase": phase.phase,
            "first_index": phase.first_index,
            "last_index": phase.last_index,
            "n_obs": phase.n_obs,
            "n_useful": phase.n_useful,
            "longest_run": phase.longest_run,
            "longest_run_limit": phase.longest_run_limit,
            "crossings": phase.crossings,
            "crossings_limit": phase.crossings_limit,
            "runs_signal": phase.runs_signal,
            "centre": phase.centre,
            "provisional": phase.provisional,
        }
        if spec.rules == "ihi":
            item["shifts"] = [list(s) for s in phase.shifts]
            item["trends"] = [list(t) for t in phase.trends]
            item["runs"] = phase.runs
            item["runs_limits"] = list(phase.runs_limits) if phase.runs_limits else None
        phases.append(item)
    points = []
    for p in analysis.points:
        point: dict[str, object] = {
            "index": p.index,
            "period": p.period.isoformat(),
            "value": p.value,
            "centre": p.centre,
            "lower": p.lower,
            "upper": p.upper,
            "phase": p.phase,
            "baseline": p.baseline,
            "excluded": p.excluded,
            "missing": p.missing,
            "outside_limits": p.outside_limits,
            "lower_close": p.lower_close,
            "upper_close": p.upper_close,
            "in_signal_run": p.in_signal_run,
        }
        if spec.rules == "mdc":
            point["special_cause"] = p.special_cause
        points.append(point)
    multiplier = int(spec.multiplier) if float(spec.multiplier).is_integer() else spec.multiplier
    result: dict[str, object] = {
        "chart": spec.chart,
        "rules": spec.rules,
        "multiplier": multiplier,
        "phases": phases,
        "points": points,
    }
    if spec.rules == "mdc":
        result["variation"] = analysis.variation
        result["assurance"] = analysis.assurance
    result["notes"] = list(analysis.notes)
    if analysis.changes:
        result["phase_changes"] = [
            {
                "phase": c.phase,
                "before": c.before,
                "after": c.after,
                "supported": c.supported,
                "signal_index": c.signal_index,
            }
            for c in analysis.changes
        ]
    return result
