"""Readings of the charts whose points are not one value per period: g and t charts (one
point per rare event, its value the gap since the event before) and mr charts (one moving
range per point).

A ward team reads "higher" as "more harm" out of habit; on a g or t chart a higher point is
a longer gap between events, so these sentences say what a point is and turn a signal into
"gaps getting longer / shorter" before naming it an improvement or a deterioration.
"""

from __future__ import annotations

from toolkit_builder.analysis.types import EVENT_CHARTS, ChartAnalysis
from toolkit_builder.charts.findings import meaning_text
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.signals import last_counted, signal_marks, signal_runs
from toolkit_builder.charts.words import speech

EVENT_FREQUENCY = "event"
"""The labels' frequency on g and t charts: a point is named by its date, a run counted in
points (see words.period_text)."""


def with_point_meaning(first: str, analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return the first sentence followed, on g, t and mr charts, by what one point is."""
    words = speech(labels)
    chart = analysis.spec.chart
    if chart in EVENT_CHARTS:
        if labels.unit:
            meaning = words._(
                "Each point is one event; its value is the %(unit)s since the event before, "
                "so a higher point means a longer gap between events."
            ) % {"unit": labels.unit}
        else:
            meaning = words._(
                "Each point is one event; its value is the gap since the event before, so a "
                "higher point means a longer gap between events."
            )
        return f"{first} {meaning}"
    if chart == "mr":
        meaning = words._(
            "Each point is a moving range: how far a value moved from the one before it; a "
            "point above the upper limit is an unusually large jump."
        )
        return f"{first} {meaning}"
    return first


def gap_sentence(analysis: ChartAnalysis, labels: ChartLabels) -> str | None:
    """Return, for a g or t chart whose latest phase ends in a signal, which way the gaps
    between events are going and what that means ('… getting longer …: a signal of
    improvement'); None otherwise."""
    if analysis.spec.chart not in EVENT_CHARTS or not analysis.phases:
        return None
    words = speech(labels)
    latest = analysis.phases[-1].phase
    last = last_counted(analysis).get(latest, 0)
    found = [
        (run.last.index, run.high, run.meaning)
        for run in signal_runs(analysis, labels.direction)
        if run.last.phase == latest and run.ongoing
    ]
    found += [
        (index, mark.high, mark.meaning)
        for index, mark in signal_marks(analysis, labels.direction).items()
        if mark.kind == "outside" and analysis.points[index - 1].phase == latest and index >= last
    ]
    if not found:
        return None
    _, high, meaning = max(found)
    values = {"meaning": meaning_text(meaning, high, labels.lang)}
    if high:
        return (
            words._(
                "The gaps between events are getting longer, so the events are becoming "
                "rarer: %(meaning)s."
            )
            % values
        )
    return (
        words._(
            "The gaps between events are getting shorter, so the events are happening more "
            "often: %(meaning)s."
        )
        % values
    )


def with_gap_sentence(
    sentences: list[str], analysis: ChartAnalysis, labels: ChartLabels
) -> list[str]:
    """Return the findings led, on a g or t chart with a current signal, by the gap sentence."""
    gap = gap_sentence(analysis, labels)
    if gap is None:
        return sentences
    return [gap, *sentences[-1:]]
