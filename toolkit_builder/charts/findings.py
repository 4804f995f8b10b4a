"""Each signal an analysis gives, in plain words; related to changes only by timing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from toolkit_builder.analysis.types import ChartAnalysis, PhaseResult, PointResult
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.signals import (
    Meaning,
    SignalMark,
    SignalRun,
    signal_marks,
    signal_runs,
)
from toolkit_builder.charts.words import period_text, periods_text, phase_name, value_text


@dataclass(frozen=True, slots=True)
class Finding:
    """One signal, in words, and when it started (for ordering)."""

    start: date
    text: str
    """The sentence without its final full stop and without `after`."""
    after: str = ""
    """', after “X” (when)', or ''."""

    def sentence(self, with_after: bool = True) -> str:
        """Return the sentence, with or without its 'after' clause."""
        return f"{self.text}{self.after if with_after else ''}."


def plotted(analysis: ChartAnalysis) -> list[PointResult]:
    """Return the points that are plotted and counted (not missing, not excluded)."""
    return [p for p in analysis.points if p.value is not None and not p.excluded]


def centre_name(analysis: ChartAnalysis) -> str:
    """Return what the centre line is called: 'median' (run charts) or 'mean'."""
    return "median" if analysis.spec.chart == "run" else "mean"


def meaning_text(meaning: Meaning, high: bool) -> str:
    """Return what a signal means: 'a signal of improvement', '… of a change to higher values'."""
    if meaning == "improvement":
        return "a signal of improvement"
    if meaning == "concern":
        return "a signal of deterioration"
    return f"a signal of a change to {'higher' if high else 'lower'} values"


def after_text(day: date, analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return ', after “X” (when)' for the latest change tested or phase start on or before
    `day` and within the chart's dates, or '' when there is none. Timing only, never cause."""
    if not analysis.points:
        return ""
    first = analysis.points[0].period
    by_index = {p.index: p for p in analysis.points}
    marks = [
        (d, f"“{text}” ({period_text(d, labels.frequency)})") for d, text in labels.annotations
    ]
    for phase in analysis.phases[1:]:
        start = by_index[phase.first_index].period
        marks.append((start, f"“{phase_name(labels, phase.phase)}” began"))
    earlier = [(d, text) for d, text in marks if first <= d <= day]
    return f", after {max(earlier)[1]}" if earlier else ""


def _run_finding(run: SignalRun, analysis: ChartAnalysis, labels: ChartLabels) -> Finding:
    """Return a run, shift or trend in words. A run that has ended says only that the
    process changed: its side of the centre tells how things were then, not now."""
    start = run.first.period
    when = period_text(start, labels.frequency)
    if not run.ongoing:
        when = f"{when} to {period_text(run.last.period, labels.frequency)}"
    count = periods_text(run.count, labels.frequency)
    if run.kind == "trend":
        text = f"From {when}, the values {'rose' if run.high else 'fell'} steadily over {count}"
    else:
        side = "above" if run.high else "below"
        text = f"From {when}, {count} in a row were {side} the {centre_name(analysis)}"
    meaning = meaning_text(run.meaning, run.high)
    if not run.ongoing and run.kind != "trend":
        level = {"improvement": "better", "concern": "worse"}.get(run.meaning)
        level = level or ("higher" if run.high else "lower")
        meaning = f"a signal that the process changed (values were {level} than usual then)"
    return Finding(start, f"{text}: {meaning}", after_text(start, analysis, labels))


def _outside_finding(
    outside: list[tuple[PointResult, SignalMark]], analysis: ChartAnalysis, labels: ChartLabels
) -> Finding:
    point, mark = outside[-1]
    limit = "above the upper" if mark.high else "below the lower"
    when = period_text(point.period, labels.frequency)
    shown = value_text(point.value, labels)
    meaning = meaning_text(mark.meaning, mark.high)
    if mark.meaning == "neutral":  # one point is unusual; it is not a change of level
        meaning = f"an unusually {'high' if mark.high else 'low'} value"
    after = after_text(point.period, analysis, labels)
    if len(outside) == 1:
        text = f"One point was outside the control limits: {when} ({shown}), {limit} limit"
    else:
        text = (
            f"{len(outside)} points were outside the control limits, most recently {when} "
            f"({shown}, {limit} limit)"
        )
    return Finding(point.period, f"{text}: {meaning}", after)


def _phase_findings(
    phase: PhaseResult, analysis: ChartAnalysis, labels: ChartLabels, has_run: bool, start: date
) -> list[Finding]:
    """Return the signals of a phase that no point shows: too few crossings or runs."""
    centre = centre_name(analysis)
    found = []
    where = ""
    if len(analysis.phases) > 1:
        name = phase_name(labels, phase.phase)
        where = "In the first phase, t" if phase.phase == 1 else f"After “{name}” began, t"
    if analysis.spec.rules == "ihi" and phase.runs is not None and phase.runs_limits:
        low, high = phase.runs_limits
        if not low <= phase.runs <= high:
            few = "fewer" if phase.runs < low else "more"
            expected = f"at least {low}" if phase.runs < low else f"at most {high}"
            found.append(
                Finding(
                    start,
                    f"{where or 'T'}he data made {phase.runs} runs about the {centre}, {few} than "
                    f"expected by chance ({expected}): a signal that the process has changed",
                )
            )
    elif (
        analysis.spec.rules == "anhoej"
        and phase.runs_signal
        and not has_run
        and phase.crossings_limit is not None
        and phase.crossings < phase.crossings_limit
    ):
        found.append(
            Finding(
                start,
                f"{where or 'T'}he line crossed the {centre} only {phase.crossings} times, fewer "
                f"than expected by chance (at least {phase.crossings_limit}): a signal that "
                "the process has changed",
            )
        )
    return found


def findings(analysis: ChartAnalysis, labels: ChartLabels) -> list[Finding]:
    """Return every signal of an anhoej or ihi analysis in words, in time order."""
    by_index = {p.index: p for p in analysis.points}
    runs = signal_runs(analysis, labels.direction)
    told = [
        run
        for i, run in enumerate(runs)
        if run.kind == "trend"
        or not any(  # a run mirrored by a later one on the other side: one shift, told once
            later.first.phase == run.first.phase and later.kind == run.kind
            and later.high != run.high
            for later in runs[i + 1 :]
        )
    ]  # fmt: skip
    found = [_run_finding(run, analysis, labels) for run in told]
    marks = signal_marks(analysis, labels.direction)
    outside = [(by_index[i], m) for i, m in sorted(marks.items()) if m.kind == "outside"]
    if outside:
        found.append(_outside_finding(outside, analysis, labels))
    for phase in analysis.phases:
        has_run = any(run.first.phase == phase.phase for run in runs)
        start = by_index[phase.first_index].period
        found += _phase_findings(phase, analysis, labels, has_run, start)
    return sorted(found, key=lambda f: f.start)


def mdc_sentences(analysis: ChartAnalysis, labels: ChartLabels) -> list[str]:
    """Return the variation of the latest point and, with a target, the assurance."""
    runs = signal_runs(analysis, labels.direction)
    latest = plotted(analysis)[-1]
    variation = analysis.variation or "common_cause"
    current = next((r for r in runs if r.first.index <= latest.index <= r.last.index), None)
    if variation == "common_cause" or current is None:
        sentences = ["The latest point shows common-cause variation only: no special cause."]
        if runs:
            earlier = runs[-1]
            start = earlier.first.period
            sentences.append(
                f"Earlier, from {period_text(start, labels.frequency)}, there was special-cause "
                f"variation: {meaning_text(earlier.meaning, earlier.high)}"
                f"{after_text(start, analysis, labels)}."
            )
    else:
        nature = {
            "improvement": "of an improving nature",
            "concern": "of a concerning nature",
            "neutral": f"({'higher' if current.high else 'lower'} than usual)",
        }[current.meaning]
        start = current.first.period
        opening = (
            f"Since {period_text(start, labels.frequency)}, the points show"
            if current.count > 1
            else "The latest point shows"
        )
        sentences = [
            f"{opening} special-cause variation {nature}{after_text(start, analysis, labels)}."
        ]
    target = analysis.spec.target if analysis.spec.target is not None else labels.goal
    shown = value_text(target, labels)
    assurance = {
        "consistent_pass": f"The limits are all on the better side of the target ({shown}): "
        "if nothing changes, the process will consistently meet it.",
        "consistent_fail": f"The limits are all on the worse side of the target ({shown}): "
        "the process will not meet it unless something changes.",
        "inconsistent": f"The target ({shown}) lies between the limits, so the process will "
        "sometimes meet it and sometimes not.",
    }.get(analysis.assurance or "")
    if assurance:
        sentences = [sentences[0], assurance]
    return sentences
