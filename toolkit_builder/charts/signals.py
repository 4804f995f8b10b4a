"""Which points the rule set flags, and how each reads given the measure's direction.

The drawing and the reading both use these, so the chart and its words always agree,
and neither shows a signal that the analysis's rule set does not give.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from toolkit_builder.analysis.types import ChartAnalysis, Direction, PointResult

Meaning = Literal["improvement", "concern", "neutral"]
MarkKind = Literal["outside", "run"]
RunKind = Literal["run", "shift", "trend", "special"]


@dataclass(frozen=True, slots=True)
class SignalMark:
    """A flagged point, as the chart marks it."""

    index: int
    """1-based position of the point."""
    kind: MarkKind
    """'outside': beyond a control limit (a diamond); 'run': part of a run, shift, trend or
    other special cause (a square)."""
    meaning: Meaning
    """Improvement, concern, or neutral when neither direction is better."""
    high: bool
    """Above the centre line (for a trend point: rising)."""


@dataclass(frozen=True, slots=True)
class SignalRun:
    """Consecutive flagged points that make one signal: a run, shift, trend or special cause."""

    first: PointResult
    last: PointResult
    count: int
    """Points in it that count (not missing, excluded or on the centre line)."""
    kind: RunKind
    high: bool
    """Above the centre line; for a trend, rising."""
    meaning: Meaning
    ongoing: bool = False
    """No counted point of its phase comes after it: it is still going on (or ran until
    the next phase began)."""


def meaning_of(high: bool, direction: Direction | str) -> Meaning:
    """Return what a high (or low) signal means for a measure with this direction."""
    if direction == "increase":
        return "improvement" if high else "concern"
    if direction == "decrease":
        return "concern" if high else "improvement"
    return "neutral"


def _usable(point: PointResult) -> bool:
    return point.value is not None and not point.excluded and point.centre is not None


def _trend_sides(analysis: ChartAnalysis) -> dict[int, bool]:
    """Return, for each point of an ihi trend, whether the trend rises."""
    by_index = {p.index: p for p in analysis.points}
    sides: dict[int, bool] = {}
    for phase in analysis.phases:
        for first, last in phase.trends:
            inside = [by_index[i] for i in range(first, last + 1) if i in by_index]
            valued = [p.value for p in inside if p.value is not None and not p.excluded]
            rising = len(valued) > 1 and valued[-1] > valued[0]
            sides.update({p.index: rising for p in inside})
    return sides


def signal_marks(analysis: ChartAnalysis, direction: Direction | str) -> dict[int, SignalMark]:
    """Return the flagged points by index: outside the limits, or part of a signal.

    mdc charts show only their special causes; anhoej and ihi charts show points outside
    the limits and points of a signalling run, shift or trend.
    """
    signalling = {phase.phase for phase in analysis.phases if phase.runs_signal}
    trend_sides = _trend_sides(analysis) if analysis.spec.rules == "ihi" else {}
    marks: dict[int, SignalMark] = {}
    for point in analysis.points:
        if not _usable(point):
            continue
        assert point.value is not None and point.centre is not None
        high = point.value > point.centre
        kind: MarkKind = "outside" if point.outside_limits else "run"
        if analysis.spec.rules == "mdc":
            if point.special_cause is None:
                continue
            marks[point.index] = SignalMark(point.index, kind, point.special_cause, high)
        elif point.outside_limits or (
            # a point on the centre line is in no run (it neither adds to nor breaks one)
            point.in_signal_run and point.phase in signalling and point.value != point.centre
        ):
            high = trend_sides.get(point.index, high) if kind == "run" else high
            marks[point.index] = SignalMark(point.index, kind, meaning_of(high, direction), high)
    return marks


def _ihi_runs(analysis: ChartAnalysis, direction: Direction | str) -> list[SignalRun]:
    by_index = {p.index: p for p in analysis.points}
    found: list[SignalRun] = []
    for phase in analysis.phases:
        spans: list[tuple[RunKind, tuple[int, int]]] = [("shift", s) for s in phase.shifts]
        spans += [("trend", span) for span in phase.trends]
        for kind, (first, last) in spans:
            inside = [by_index[i] for i in range(first, last + 1) if i in by_index]
            counted = [p for p in inside if _usable(p) and (kind == "trend" or p.value != p.centre)]
            if not counted:
                continue
            start, end = counted[0], counted[-1]
            assert start.value is not None and end.value is not None and start.centre is not None
            high = end.value > start.value if kind == "trend" else start.value > start.centre
            meaning = meaning_of(high, direction)
            found.append(SignalRun(start, end, len(counted), kind, high, meaning))
    return found


def signal_runs(analysis: ChartAnalysis, direction: Direction | str) -> tuple[SignalRun, ...]:
    """Return the signals made of consecutive points, in time order.

    anhoej: blocks of points in a signalling run; ihi: shifts and trends; mdc: blocks of
    special-cause points with one meaning. Missing, excluded and on-centre points neither
    add to a block nor break it; any other point, or a new phase, ends it.
    """
    if analysis.spec.rules == "ihi":
        found = sorted(_ihi_runs(analysis, direction), key=lambda r: r.first.index)
    else:
        found = _blocks(analysis, direction)
    last = last_counted(analysis)
    return tuple(replace(r, ongoing=r.last.index >= last.get(r.last.phase, 0)) for r in found)


def last_counted(analysis: ChartAnalysis) -> dict[int, int]:
    """Return, by phase, the index of its last point that is counted and off the centre."""
    last: dict[int, int] = {}
    for point in analysis.points:
        if _usable(point) and point.value != point.centre:
            last[point.phase] = point.index
    return last


def _blocks(analysis: ChartAnalysis, direction: Direction | str) -> list[SignalRun]:
    marks = signal_marks(analysis, direction)
    mdc = analysis.spec.rules == "mdc"
    blocks: list[list[tuple[PointResult, SignalMark]]] = [[]]
    for point in analysis.points:
        mark = marks.get(point.index)
        if mark is None or (not mdc and mark.kind == "outside" and not point.in_signal_run):
            if _usable(point) and point.value != point.centre:
                blocks.append([])
            continue
        block = blocks[-1]
        if block:
            previous, previous_mark = block[-1]
            same = previous_mark.meaning == mark.meaning and (
                mdc or previous_mark.high == mark.high
            )
            if previous.phase != point.phase or not same:
                blocks.append([])
        blocks[-1].append((point, mark))
    kind: RunKind = "special" if mdc else "run"
    return [
        SignalRun(b[0][0], b[-1][0], len(b), kind, b[0][1].high, b[0][1].meaning)
        for b in blocks
        if b
    ]
