"""Warnings about how a series is split and marked: dates outside the data, baselines
that cover it all, phases too short to judge, and phases no signal supports.

A phase gets its own centre and limits. Starting one without a signal that the process
changed hides the question the chart is there to answer, so each phase is tested with
the phase before it frozen and carried over (analysis/phasechange.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.engine import PROVISIONAL_BELOW
from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.content.model import Measure, Series
from toolkit_builder.content.seriesspec import chart_spec
from toolkit_builder.content.yamlmarks import KeyPath, Marks
from toolkit_builder.errors import Problem, Severity

FREEZE_HINT = (
    "keep one phase and freeze the baseline until a signal shows: remove this phase and "
    "give the series 'baseline: {end: <the last date before the change>}'"
)


def _warn(marks: Marks, where: KeyPath, message: str, hint: str) -> Problem:
    return Problem(marks.value(where), message, hint, Severity.WARNING)


def _named(entry: dict[str, Any], key: str) -> str:
    name = str(entry.get(key, "")).strip()
    return f" '{name}'" if name else ""


def _date_problems(
    series: Series, entry: dict[str, Any], marks: Marks, where: KeyPath
) -> list[Problem]:
    """Return warnings for phase, annotation and baseline dates outside the data."""
    periods = [row.observation.period for row in series.rows]
    first, last = periods[0], periods[-1]
    span = f"the data run from {first.isoformat()} to {last.isoformat()}"
    found = []
    for index, phase in enumerate(entry.get("phases", ())):
        start = phase.get("start")
        if not isinstance(start, date):
            continue
        at = (*where, "phases", index, "start")
        if start > last:
            found.append(
                _warn(
                    marks,
                    at,
                    f"phase{_named(phase, 'name')} starts on {start.isoformat()}, after the "
                    f"last point ({span}): it is not shown",
                    "check the date, or add the phase when data after it are in the CSV",
                )
            )
        elif start <= first:
            found.append(
                _warn(
                    marks,
                    at,
                    f"phase{_named(phase, 'name')} starts on {start.isoformat()}, on or before "
                    f"the first point ({span}): there is nothing before it to compare with",
                    "a phase starts on the date a change began, after the first point",
                )
            )
    for index, note in enumerate(entry.get("annotations", ())):
        day = note.get("date")
        if isinstance(day, date) and not first <= day <= last:
            side = "before the first point" if day < first else "after the last point"
            found.append(
                _warn(
                    marks,
                    (*where, "annotations", index, "date"),
                    f"annotation{_named(note, 'label')} on {day.isoformat()} is {side} "
                    f"({span}): it is not shown",
                    "check the date, or leave the annotation out",
                )
            )
    found += _baseline_problems(series, marks, where, first, last)
    return found


def _baseline_problems(
    series: Series, marks: Marks, where: KeyPath, first: date, last: date
) -> list[Problem]:
    end = series.baseline_end
    if end is None:
        return []
    at = (*where, "baseline", "end")
    if end < first:
        return [
            _warn(
                marks,
                at,
                f"the baseline ends on {end.isoformat()}, before the first point "
                f"({first.isoformat()}): it holds no data",
                "end the baseline on a date within the series",
            )
        ]
    if end >= last:
        return [
            _warn(
                marks,
                at,
                f"the baseline ends on {end.isoformat()}, on or after the last point "
                f"({last.isoformat()}): it is as long as the series, so nothing is compared "
                "with it",
                "end the baseline before the change you are testing",
            )
        ]
    starts = [p.start for p in series.phases if first < p.start <= last]
    if starts and end >= starts[0]:
        return [
            _warn(
                marks,
                at,
                f"the baseline ends on {end.isoformat()}, after the first phase starts "
                f"({starts[0].isoformat()}): it stops where that phase starts",
                "end the baseline before the first phase",
            )
        ]
    return []


def _entry_index(entry: dict[str, Any], start: date) -> int:
    """Return the position of the phase starting on `start` in the YAML list."""
    phases = list(entry.get("phases", ()))
    return next(i for i, p in enumerate(phases) if p.get("start") == start)


def _phase_problems(
    series: Series, analysis: ChartAnalysis, entry: dict[str, Any], marks: Marks, where: KeyPath
) -> list[Problem]:
    """Return warnings for phases with too few points and phases no signal supports."""
    by_index = {p.index: p for p in analysis.points}
    starts = {by_index[ph.first_index].period: ph for ph in analysis.phases}
    first, last = analysis.points[0].period, analysis.points[-1].period
    found = []
    for phase in series.phases:
        if not first < phase.start <= last:  # told by _date_problems
            continue
        result = next((r for d, r in starts.items() if d >= phase.start), None)
        if result is None or result.phase == 1:
            continue
        at = (*where, "phases", _entry_index(entry, phase.start), "start")
        name = f" '{phase.name}'" if phase.name else ""
        before = analysis.phases[result.phase - 2]
        for counted, label in ((before.n_obs, "before it starts"), (result.n_obs, "in it")):
            if counted < PROVISIONAL_BELOW:
                found.append(
                    _warn(
                        marks,
                        at,
                        f"phase{name} has only {counted} counted points {label}: its centre "
                        "and limits are provisional",
                        f"a phase needs at least {PROVISIONAL_BELOW} points on each side to "
                        "judge a change; wait for more data before splitting the chart",
                    )
                )
        change = next((c for c in analysis.changes if c.phase == result.phase), None)
        if change is not None and not change.supported and before.n_obs and result.n_obs:
            found.append(
                _warn(
                    marks,
                    at,
                    f"phase{name} starts on {phase.start.isoformat()}, but with the earlier "
                    "centre and limits carried over, no point after it shows a signal that "
                    "the process changed",
                    FREEZE_HINT,
                )
            )
    return found


def series_problems(
    series: Series, measure: Measure, entry: dict[str, Any], marks: Marks, where: KeyPath
) -> Sequence[Problem]:
    """Return the warnings about a parsed series' phases, annotations and baseline."""
    if not series.rows:
        return []
    found = _date_problems(series, entry, marks, where)
    if series.phases:
        analysis = analyse([row.observation for row in series.rows], chart_spec(series, measure))
        found += _phase_problems(series, analysis, entry, marks, where)
    return found
