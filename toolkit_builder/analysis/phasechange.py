"""Is the change between two phases a signal? The earlier phase's baseline, frozen.

A new phase gets its own centre and limits, so its own runs analysis cannot say
whether it differs from the phase before. The test (as with a frozen baseline in
qicharts2, `freeze`): analyse the earlier phase and the new one as one phase, with the
centre and limits computed from the earlier phase only and carried over the new
points. The change is supported when a point after the start is flagged (outside the
limits, part of a signalling run, shift or trend, or a Making Data Count special
cause) on the side the centre moved to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from itertools import pairwise

from toolkit_builder.analysis.types import (
    ChartAnalysis,
    ChartSpec,
    Observation,
    PhaseChange,
    PhaseResult,
    PointResult,
)

Analyse = Callable[[Sequence[Observation], ChartSpec], ChartAnalysis]
"""The analysis to run on the two phases joined (engine.analyse)."""


def frozen_spec(spec: ChartSpec, earlier: PhaseResult, periods: Sequence[date]) -> ChartSpec:
    """Return the spec of the earlier phase and the next one analysed as one phase, with
    the earlier phase's baseline frozen (phase 1 keeps its own frozen baseline, if any)."""
    last_before = periods[earlier.last_index - 1]
    points, end = None, last_before
    if earlier.phase == 1 and spec.baseline_points is not None:
        points, end = min(spec.baseline_points, earlier.last_index), None
    elif earlier.phase == 1 and spec.baseline_end is not None:
        end = min(spec.baseline_end, last_before)
    return replace(spec, phase_starts=(), baseline_points=points, baseline_end=end)


def _rising_trends(frozen: ChartAnalysis) -> dict[int, bool]:
    """Return, for each point of an ihi trend, whether the trend rises."""
    by_index = {p.index: p for p in frozen.points}
    sides: dict[int, bool] = {}
    for phase in frozen.phases:
        for first, last in phase.trends:
            valued = [
                v
                for i in range(first, last + 1)
                if (v := by_index[i].value) is not None and not by_index[i].excluded
            ]
            sides.update(
                {i: len(valued) > 1 and valued[-1] > valued[0] for i in range(first, last + 1)}
            )
    return sides


def _flagged(point: PointResult, frozen: ChartAnalysis, signalling: bool) -> bool:
    if point.value is None or point.excluded or point.centre is None:
        return False
    if frozen.spec.rules == "mdc":
        return point.special_cause is not None
    return point.outside_limits or (
        signalling and point.in_signal_run and point.value != point.centre
    )


def supporting_signal(frozen: ChartAnalysis, first_new: int, rising: bool) -> int | None:
    """Return the index (in `frozen`) of the first flagged point from `first_new` on, on the
    side of the change (above the frozen centre, or a rising trend, when `rising`)."""
    signalling = any(phase.runs_signal for phase in frozen.phases)
    trends = _rising_trends(frozen) if frozen.spec.rules == "ihi" else {}
    for point in frozen.points[first_new - 1 :]:
        if not _flagged(point, frozen, signalling):
            continue
        assert point.value is not None and point.centre is not None
        high = trends.get(point.index, point.value > point.centre)
        if point.outside_limits:
            high = point.value > point.centre
        if high == rising:
            return point.index
    return None


def phase_changes(
    observations: Sequence[Observation],
    spec: ChartSpec,
    phases: Sequence[PhaseResult],
    analyse: Analyse,
) -> tuple[PhaseChange, ...]:
    """Return each phase after the first compared with the one before it."""
    periods = [o.period for o in observations]
    changes = []
    for earlier, later in pairwise(phases):
        before, after = earlier.centre, later.centre
        index = None
        if before is not None and after is not None and before != after:
            first = earlier.first_index - 1
            joined = observations[first : later.last_index]
            frozen = analyse(joined, frozen_spec(spec, earlier, periods))
            start = later.first_index - earlier.first_index + 1
            found = supporting_signal(frozen, start, after > before)
            index = found + first if found is not None else None
        changes.append(PhaseChange(later.phase, before, after, index is not None, index))
    return tuple(changes)
