"""Each signal an analysis gives, in plain words; related to changes only by timing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from toolkit_builder.analysis.types import ChartAnalysis, PhaseResult, PointResult
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.language import chart_language
from toolkit_builder.charts.signals import (
    Meaning,
    SignalMark,
    SignalRun,
    signal_marks,
    signal_runs,
)
from toolkit_builder.charts.words import (
    period_text,
    periods_text,
    phase_name,
    speech,
    value_text,
)


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


def centre_name(analysis: ChartAnalysis, lang: str = "en") -> str:
    """Return what the centre line is called: 'median' (run and g charts), 'centre line' (t
    charts: the back-transformed mean of time ** (1/3.6), neither mean nor median) or 'mean'."""
    words = chart_language(lang)
    if analysis.spec.chart in ("run", "g"):
        return words.pgettext("centre line", "median")
    if analysis.spec.chart == "t":
        return words.pgettext("centre line", "centre line")
    return words.pgettext("centre line", "mean")


def meaning_text(meaning: Meaning, high: bool, lang: str = "en") -> str:
    """Return what a signal means: 'a signal of improvement', '… of a change to higher values'."""
    words = chart_language(lang)
    if meaning == "improvement":
        return words._("a signal of improvement")
    if meaning == "concern":
        return words._("a signal of deterioration")
    if high:
        return words._("a signal of a change to higher values")
    return words._("a signal of a change to lower values")


def _sort_text(d: date, text: str, kind: str, frequency: str) -> str:
    """Return a mark's English words: ties between marks are broken on them, so the
    choice is the same in every language."""
    if kind == "change":
        return f"“{text}” ({period_text(d, frequency)})"
    return f"“{text}” began"


def after_text(day: date, analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return ', after “X” (when)' for the latest change tested or phase start on or before
    `day` and within the chart's dates, or '' when there is none. Timing only, never cause.

    Which one is chosen never depends on the language: ties are broken on the English words.
    """
    if not analysis.points:
        return ""
    first = analysis.points[0].period
    by_index = {p.index: p for p in analysis.points}
    english = replace(labels, lang="en")
    marks = [(d, text, text, "change") for d, text in labels.annotations]
    for phase in analysis.phases[1:]:
        start = by_index[phase.first_index].period
        names = (phase_name(english, phase.phase), phase_name(labels, phase.phase))
        marks.append((start, *names, "phase"))
    keyed = [
        ((d, _sort_text(d, sort, kind, labels.frequency)), (d, text, kind))
        for d, sort, text, kind in marks
    ]
    earlier = [(key, mark) for key, mark in keyed if first <= mark[0] <= day]
    if not earlier:
        return ""
    when, text, kind = max(earlier, key=lambda found: found[0])[1]
    words = speech(labels)
    if kind == "change":
        return words._(", after “%(change)s” (%(when)s)") % {
            "change": text,
            "when": period_text(when, labels.frequency, labels.lang),
        }
    return words._(", after “%(phase)s” began") % {"phase": text}


def _run_text(run: SignalRun, analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return what a run, shift or trend was, without what it means."""
    words = speech(labels)
    values = {
        "when": period_text(run.first.period, labels.frequency, labels.lang),
        "end": period_text(run.last.period, labels.frequency, labels.lang),
        "count": periods_text(run.count, labels.frequency, labels.lang),
        "centre": centre_name(analysis, labels.lang),
    }
    if run.kind == "trend":
        if run.ongoing:
            text = (
                words._("From %(when)s, the values rose steadily over %(count)s")
                if run.high
                else words._("From %(when)s, the values fell steadily over %(count)s")
            )
        elif run.high:
            text = words._("From %(when)s to %(end)s, the values rose steadily over %(count)s")
        else:
            text = words._("From %(when)s to %(end)s, the values fell steadily over %(count)s")
    elif run.ongoing:
        text = (
            words._("From %(when)s, %(count)s in a row were above the %(centre)s")
            if run.high
            else words._("From %(when)s, %(count)s in a row were below the %(centre)s")
        )
    elif run.high:
        text = words._("From %(when)s to %(end)s, %(count)s in a row were above the %(centre)s")
    else:
        text = words._("From %(when)s to %(end)s, %(count)s in a row were below the %(centre)s")
    return text % values


def _ended_meaning(run: SignalRun, lang: str) -> str:
    """Return what an ended run says: only that the process changed, and how it was then."""
    words = chart_language(lang)
    if run.meaning == "improvement":
        return words._("a signal that the process changed (values were better than usual then)")
    if run.meaning == "concern":
        return words._("a signal that the process changed (values were worse than usual then)")
    if run.high:
        return words._("a signal that the process changed (values were higher than usual then)")
    return words._("a signal that the process changed (values were lower than usual then)")


def _run_finding(run: SignalRun, analysis: ChartAnalysis, labels: ChartLabels) -> Finding:
    """Return a run, shift or trend in words. A run that has ended says only that the
    process changed: its side of the centre tells how things were then, not now."""
    start = run.first.period
    meaning = meaning_text(run.meaning, run.high, labels.lang)
    if not run.ongoing and run.kind != "trend":
        meaning = _ended_meaning(run, labels.lang)
    text = f"{_run_text(run, analysis, labels)}: {meaning}"
    return Finding(start, text, after_text(start, analysis, labels))


def _outside_finding(
    outside: list[tuple[PointResult, SignalMark]], analysis: ChartAnalysis, labels: ChartLabels
) -> Finding:
    point, mark = outside[-1]
    words = speech(labels)
    meaning = meaning_text(mark.meaning, mark.high, labels.lang)
    if mark.meaning == "neutral":  # one point is unusual; it is not a change of level
        meaning = (
            words._("an unusually high value") if mark.high else words._("an unusually low value")
        )
    after = after_text(point.period, analysis, labels)
    values = {
        "when": period_text(point.period, labels.frequency, labels.lang),
        "value": value_text(point.value, labels),
        "count": len(outside),
    }
    if len(outside) == 1 and mark.high:
        text = words._(
            "One point was outside the control limits: %(when)s (%(value)s), above the upper limit"
        )
    elif len(outside) == 1:
        text = words._(
            "One point was outside the control limits: %(when)s (%(value)s), below the lower limit"
        )
    elif mark.high:
        text = words.ngettext(
            "%(count)d point was outside the control limits, most recently %(when)s "
            "(%(value)s, above the upper limit)",
            "%(count)d points were outside the control limits, most recently %(when)s "
            "(%(value)s, above the upper limit)",
            len(outside),
        )
    else:
        text = words.ngettext(
            "%(count)d point was outside the control limits, most recently %(when)s "
            "(%(value)s, below the lower limit)",
            "%(count)d points were outside the control limits, most recently %(when)s "
            "(%(value)s, below the lower limit)",
            len(outside),
        )
    return Finding(point.period, f"{text % values}: {meaning}", after)


def _opening(body: str, phase: PhaseResult, analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return a phase's sentence, opened by which phase it is about when there are several."""
    if len(analysis.phases) == 1:
        return body[:1].upper() + body[1:]
    words = speech(labels)
    if phase.phase == 1:
        return words._("In the first phase, %(finding)s") % {"finding": body}
    name = phase_name(labels, phase.phase)
    return words._("After “%(phase)s” began, %(finding)s") % {"phase": name, "finding": body}


def _phase_findings(
    phase: PhaseResult, analysis: ChartAnalysis, labels: ChartLabels, has_run: bool, start: date
) -> list[Finding]:
    """Return the signals of a phase that no point shows: too few crossings or runs."""
    words = speech(labels)
    centre = centre_name(analysis, labels.lang)
    found = []
    if analysis.spec.rules == "ihi" and phase.runs is not None and phase.runs_limits:
        low, high = phase.runs_limits
        values = {"runs": phase.runs, "centre": centre, "low": low, "high": high}
        if phase.runs < low:
            body = words.ngettext(
                "the data made %(runs)d run about the %(centre)s, fewer than expected by "
                "chance (at least %(low)d): a signal that the process has changed",
                "the data made %(runs)d runs about the %(centre)s, fewer than expected by "
                "chance (at least %(low)d): a signal that the process has changed",
                phase.runs,
            )
        elif phase.runs > high:
            body = words.ngettext(
                "the data made %(runs)d run about the %(centre)s, more than expected by "
                "chance (at most %(high)d): a signal that the process has changed",
                "the data made %(runs)d runs about the %(centre)s, more than expected by "
                "chance (at most %(high)d): a signal that the process has changed",
                phase.runs,
            )
        else:
            return found
        found.append(Finding(start, _opening(body % values, phase, analysis, labels)))
    elif (
        analysis.spec.rules == "anhoej"
        and phase.runs_signal
        and not has_run
        and phase.crossings_limit is not None
        and phase.crossings < phase.crossings_limit
    ):
        body = words.ngettext(
            "the line crossed the %(centre)s only %(crossings)d time, fewer than expected "
            "by chance (at least %(limit)d): a signal that the process has changed",
            "the line crossed the %(centre)s only %(crossings)d times, fewer than expected "
            "by chance (at least %(limit)d): a signal that the process has changed",
            phase.crossings,
        )
        values = {"centre": centre, "crossings": phase.crossings, "limit": phase.crossings_limit}
        found.append(Finding(start, _opening(body % values, phase, analysis, labels)))
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
