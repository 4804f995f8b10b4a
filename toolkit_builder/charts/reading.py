"""A plain-language reading of an analysed chart, for the people who act on it.

Only what the rules found is said: no signal is claimed that the rule set does not
give, and a change is related to a change tested only by timing ("after").
"""

from __future__ import annotations

from datetime import date

from toolkit_builder.analysis.types import ChartAnalysis, PhaseResult, PointResult
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.formatting import long_date, month_year

PERIOD_WORDS = {"daily": "days", "weekly": "weeks", "monthly": "months", "quarterly": "quarters"}


def when(day: date, frequency: str) -> str:
    """Return how a period is named: 'the week of 2 June 2025', 'March 2025'."""
    if frequency == "weekly":
        return f"the week of {long_date(day)}"
    if frequency == "monthly":
        return month_year(day)
    if frequency == "quarterly":
        return f"the quarter starting {long_date(day)}"
    return long_date(day)


def shown(value: float | None, labels: ChartLabels) -> str:
    """Return a value in display units: '85%', '4.2 per 1,000 bed days'."""
    if value is None:
        return "no value"
    text = f"{value:,.1f}".rstrip("0").rstrip(".")
    if labels.percent or labels.unit == "%":
        return f"{text}%"
    return f"{text} {labels.unit}".strip()


def _meaning(high: bool, labels: ChartLabels) -> str:
    if labels.direction == "neutral":
        return "a signal that the process has changed"
    better = high == (labels.direction == "increase")
    return "a signal of improvement" if better else "a signal that things have got worse"


def _after(day: date, labels: ChartLabels, analysis: ChartAnalysis) -> str:
    """Return ' after <the latest change tested or phase on or before day>', or ''."""
    marks = [(d, label) for d, label in labels.annotations if d <= day]
    points = list(analysis.points)
    for phase in analysis.phases[1:]:
        start = points[phase.first_index - 1].period
        name = (
            labels.phase_names[phase.phase - 2] if phase.phase - 2 < len(labels.phase_names) else ""
        )
        if start <= day and name:
            marks.append((start, name))
    if not marks:
        return ""
    latest = max(marks)
    return f", after “{latest[1]}” ({when(latest[0], labels.frequency)})"


def _run_sentence(
    phase: PhaseResult, points: list[PointResult], analysis: ChartAnalysis, labels: ChartLabels
) -> str:
    flagged = [
        p for p in points if p.phase == phase.phase and p.in_signal_run and p.value is not None
    ]
    centre_name = "median" if analysis.spec.chart == "run" else "centre line"
    if flagged:
        run = _latest_block(flagged, points)
        first = run[0]
        high = (first.value or 0) > (first.centre or 0)
        side = "above" if high else "below"
        unit = PERIOD_WORDS.get(labels.frequency, "points")
        return (
            f"From {when(first.period, labels.frequency)}, {len(run)} {unit} in a row were {side} the "
            f"{centre_name}: {_meaning(high, labels)}{_after(first.period, labels, analysis)}."
        )
    if phase.crossings_limit is not None and phase.crossings < phase.crossings_limit:
        return (
            f"The line crossed the {centre_name} only {phase.crossings} times, fewer than expected "
            "by chance: a signal that the process has shifted."
        )
    return ""


def _latest_block(flagged: list[PointResult], points: list[PointResult]) -> list[PointResult]:
    """Return the most recent signal run: flagged points in a row on one side of the centre."""
    indexes = {p.index for p in flagged}
    blocks: list[list[PointResult]] = []
    for point in points:
        if point.index not in indexes:
            if not (point.missing or point.excluded or point.value == point.centre):
                blocks.append([])  # an unflagged point ends a run
            continue
        side = (point.value or 0) > (point.centre or 0)
        if (
            blocks
            and blocks[-1]
            and ((blocks[-1][-1].value or 0) > (blocks[-1][-1].centre or 0)) == side
        ):
            blocks[-1].append(point)
        else:
            blocks.append([point])
    return [block for block in blocks if block][-1]


def _outside_sentence(
    points: list[PointResult], labels: ChartLabels, analysis: ChartAnalysis
) -> str:
    outside = [p for p in points if p.outside_limits and not p.excluded and p.value is not None]
    if not outside:
        return ""
    last = outside[-1]
    high = last.upper is not None and (last.value or 0) > last.upper
    count = "One point was" if len(outside) == 1 else f"{len(outside)} points were"
    limit = "upper" if high else "lower"
    return (
        f"{count} outside the control limits, most recently in {when(last.period, labels.frequency)} "
        f"({shown(last.value, labels)}, beyond the {limit} limit): {_meaning(high, labels)}."
    )


def _mdc_sentence(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    variation = {
        "common_cause": "The latest point shows common-cause variation only.",
        "special_cause_improvement": "The latest point is part of special-cause variation of an improving nature.",
        "special_cause_concern": "The latest point is part of special-cause variation of a concerning nature.",
        "special_cause_neutral_high": "The latest point is part of special-cause variation, higher than expected.",
        "special_cause_neutral_low": "The latest point is part of special-cause variation, lower than expected.",
    }.get(analysis.variation or "", "")
    assurance = {
        "consistent_pass": "The process will consistently meet the goal.",
        "consistent_fail": "The process will not meet the goal unless it changes.",
        "inconsistent": "The process may or may not meet the goal: it sits within the limits.",
    }.get(analysis.assurance or "", "")
    return " ".join(s for s in (variation, assurance) if s)


def read_chart(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return one to four sentences saying what the chart shows, from its analysis only."""
    points = list(analysis.points)
    plotted = [p for p in points if p.value is not None and not p.excluded]
    if not plotted:
        return "There are no data for this measure yet."
    latest = plotted[-1]
    centre_name = "median" if analysis.spec.chart == "run" else "mean"
    sentences = [
        f"The latest value is {shown(latest.value, labels)} ({when(latest.period, labels.frequency)}); "
        f"the {centre_name} is {shown(latest.centre, labels)}."
    ]
    if "constant" in analysis.notes:
        sentences.append("Every value is the same, so there is no variation to analyse.")
        return " ".join(sentences)
    useful = sum(p.n_obs for p in analysis.phases)
    if useful < 12:
        sentences.append(
            f"With only {useful} points there is too little data to judge whether anything has changed: keep plotting."
        )
        return " ".join(sentences)
    if analysis.spec.rules == "mdc":
        found = _outside_sentence(points, labels, analysis)
        sentences += [s for s in (found, _mdc_sentence(analysis, labels)) if s]
        return " ".join(sentences)
    found = [
        s
        for phase in analysis.phases
        if phase.runs_signal
        for s in [_run_sentence(phase, points, analysis, labels)]
        if s
    ]
    if analysis.spec.rules == "ihi":
        found += _ihi_sentences(analysis, labels)
    outside = _outside_sentence(points, labels, analysis)
    if outside:
        found.append(outside)
    if found:
        sentences += found
    else:
        sentences.append(
            "There is no signal of change: the variation is what we would expect by chance."
        )
    if len(analysis.phases) > 1:
        first, last = analysis.phases[0], analysis.phases[-1]
        sentences.append(
            f"The {centre_name} moved from {shown(first.centre, labels)} in the first phase to {shown(last.centre, labels)} in the latest."
        )
    if any(p.provisional for p in analysis.phases):
        sentences.append("Some phases have fewer than 12 points, so their limits are provisional.")
    return " ".join(dict.fromkeys(sentences))


def _ihi_sentences(analysis: ChartAnalysis, labels: ChartLabels) -> list[str]:
    found = []
    points = list(analysis.points)
    for phase in analysis.phases:
        for first, _last in phase.trends:
            point = points[first - 1]
            found.append(
                f"A trend of 5 or more points in one direction started in {when(point.period, labels.frequency)}{_after(point.period, labels, analysis)}."
            )
        if phase.runs is not None and phase.runs_limits is not None:
            low, high = phase.runs_limits
            if phase.runs < low:
                found.append(
                    f"There are only {phase.runs} runs, fewer than the {low} expected by chance."
                )
            elif phase.runs > high:
                found.append(
                    f"There are {phase.runs} runs, more than the {high} expected by chance."
                )
    return found


def status_label(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return a short status for overviews: 'Improving', 'Getting worse', 'No signal', …"""
    if analysis.spec.rules == "mdc" and analysis.variation:
        return {
            "common_cause": "Common-cause variation",
            "special_cause_improvement": "Special cause: improvement",
            "special_cause_concern": "Special cause: concern",
            "special_cause_neutral_high": "Special cause: higher",
            "special_cause_neutral_low": "Special cause: lower",
        }[analysis.variation]
    if sum(p.n_obs for p in analysis.phases) < 12:
        return "Too little data"
    latest_phase = analysis.phases[-1]
    flagged = [
        p
        for p in analysis.points
        if p.phase == latest_phase.phase
        and (p.in_signal_run or (p.outside_limits and not p.excluded))
        and p.value is not None
        and p.centre is not None
    ]
    if not latest_phase.runs_signal and not flagged:
        return "No signal"
    if not flagged or labels.direction == "neutral":
        return "Signal of change"
    high = (flagged[-1].value or 0) > (flagged[-1].centre or 0)
    return "Improving" if high == (labels.direction == "increase") else "Getting worse"
