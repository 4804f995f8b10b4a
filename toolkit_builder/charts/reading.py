"""A plain-language reading of an analysed chart, for the people who act on it.

Only what the rule set found is said: no signal is claimed that the rules do not give,
and a signal is related to a change tested or a phase only by timing ("after").
"""

from __future__ import annotations

from toolkit_builder.analysis.types import ChartAnalysis, Direction
from toolkit_builder.charts.findings import (
    Finding,
    centre_name,
    findings,
    mdc_sentences,
    plotted,
)
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.signals import last_counted, signal_marks, signal_runs
from toolkit_builder.charts.words import axis_value_text, period_text, phase_name, value_text

ENOUGH_POINTS = 12
"""Fewer useful points than this: too little data to judge."""
VARIATION_LABELS = {
    "common_cause": "Common cause variation",
    "special_cause_improvement": "Special cause variation – improvement",
    "special_cause_concern": "Special cause variation – concern",
    "special_cause_neutral_high": "Special cause variation – higher",
    "special_cause_neutral_low": "Special cause variation – lower",
}
ASSURANCE_LABELS = {
    "consistent_pass": "consistently passing target",
    "consistent_fail": "consistently failing target",
    "inconsistent": "inconsistently passing target",
}


def _constant(analysis: ChartAnalysis) -> bool:
    values = {p.value for p in plotted(analysis)}
    return "constant" in analysis.notes or (len(plotted(analysis)) > 1 and len(values) == 1)


def _latest_sentence(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    latest = plotted(analysis)[-1]
    name = centre_name(analysis)
    spec = analysis.spec
    head = (
        f"The latest value is {value_text(latest.value, labels)} "
        f"({period_text(latest.period, labels.frequency)})"
    )
    centre = value_text(latest.centre, labels)
    if latest.phase > 1:
        phases = {p.phase: p for p in analysis.phases}
        before = phases.get(latest.phase - 1)
        was = ""
        if before is not None and before.centre is not None:
            was = f" ({axis_value_text(before.centre, labels)} before)"
        began = phase_name(labels, latest.phase)
        return f"{head}; the {name} since “{began}” began is {centre}{was}."
    if latest.centre is None:
        return f"{head}."
    baseline = spec.baseline_points is not None or spec.baseline_end is not None
    return f"{head}; the {'baseline ' if baseline else ''}{name} is {centre}."


def _told(found: list[Finding]) -> list[str]:
    """Return the findings as sentences, naming each change or phase only once."""
    told, named = [], set()
    for finding in found:
        told.append(finding.sentence(with_after=finding.after not in named))
        named.add(finding.after)
    return told


def read_chart(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return one to three sentences saying what the chart shows, from its analysis only."""
    if not plotted(analysis):
        if any(p.value is not None for p in analysis.points):
            return "Every value is excluded from the calculations, so there is nothing to judge."
        return "There are no data for this measure yet: every period is missing."
    first = _latest_sentence(analysis, labels)
    if _constant(analysis):
        return f"{first} Every value is the same, so there is no variation to judge."
    counted = sum(phase.n_obs for phase in analysis.phases)
    if counted < ENOUGH_POINTS:
        points = "point" if counted == 1 else "points"
        return (
            f"{first} With only {counted} {points} there is too little data to judge whether "
            "anything has changed: the chart is provisional."
        )
    if analysis.spec.rules == "mdc":
        sentences = mdc_sentences(analysis, labels)
    else:
        sentences = _told(findings(analysis, labels)[-2:]) or [
            "There is no signal of change: the variation is random, what we would expect by chance."
        ]
    latest_phase = analysis.phases[-1] if analysis.phases else None
    if (
        len(sentences) < 2
        and latest_phase is not None
        and latest_phase.phase > 1
        and latest_phase.n_obs < ENOUGH_POINTS
    ):
        sentences.append(
            "The latest phase has fewer than 12 points, so its centre line and signals "
            "are provisional."
        )
    return " ".join([first, *sentences[:2]])


def _direction(direction: Direction | ChartLabels) -> Direction:
    return direction.direction if isinstance(direction, ChartLabels) else direction


def status_label(analysis: ChartAnalysis, direction: Direction | ChartLabels) -> str:
    """Return a short status for overviews: 'Improving', 'Deteriorating', 'No signal',
    'Too little data', or for mdc the variation (and assurance) label.

    Only the latest phase counts: a signal in an earlier phase is history.
    """
    if not plotted(analysis) or sum(p.n_obs for p in analysis.phases) < ENOUGH_POINTS:
        return "Too little data"
    if _constant(analysis):
        return "No signal"
    if analysis.spec.rules == "mdc":
        label = VARIATION_LABELS[analysis.variation or "common_cause"]
        assurance = ASSURANCE_LABELS.get(analysis.assurance or "")
        return f"{label}; {assurance}" if assurance else label
    way = _direction(direction)
    latest = analysis.phases[-1]
    last = last_counted(analysis).get(latest.phase, 0)
    runs = [r for r in signal_runs(analysis, way) if r.last.phase == latest.phase]
    signals = [(r.last.index, r.ongoing, r.meaning, r.high) for r in runs]
    signals += [
        (i, i >= last, m.meaning, m.high)
        for i, m in signal_marks(analysis, way).items()
        if m.kind == "outside" and analysis.points[i - 1].phase == latest.phase
    ]
    if not signals:
        return "Signal of change" if latest.runs_signal else "No signal"
    _, ongoing, meaning, high = max(signals)
    if not ongoing:  # the signal has ended: it says the process changed, not how it is now
        return "Signal of change"
    return {
        "improvement": "Improving",
        "concern": "Deteriorating",
        "neutral": "Signal: higher" if high else "Signal: lower",
    }[meaning]
