"""A plain-language reading of an analysed chart, for the people who act on it.

Only what the rule set found is said: no signal is claimed that the rules do not give,
and a signal is related to a change tested or a phase only by timing ("after").
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit_builder.analysis.types import ChartAnalysis, Direction
from toolkit_builder.charts.findings import Finding, centre_name, findings, plotted
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.language import ChartLanguage, chart_language
from toolkit_builder.charts.phasereading import change_status, phase_sentences
from toolkit_builder.charts.rare import with_gap_sentence, with_point_meaning
from toolkit_builder.charts.signals import last_counted, signal_marks, signal_runs
from toolkit_builder.charts.variation import mdc_sentences
from toolkit_builder.charts.words import (
    period_text,
    speech,
    value_text,
)

ENOUGH_POINTS = 12
"""Fewer useful points than this: too little data to judge."""
VARIATION_LABELS = {
    "common_cause": "Common cause variation",
    "special_cause_improvement": "Special cause variation – improvement",
    "special_cause_concern": "Special cause variation – concern",
    "special_cause_neutral_high": "Special cause variation – higher",
    "special_cause_neutral_low": "Special cause variation – lower",
}
"""Making Data Count variation labels (English msgids; see _known_labels)."""
ASSURANCE_LABELS = {
    "consistent_pass": "consistently passing target",
    "consistent_fail": "consistently failing target",
    "inconsistent": "inconsistently passing target",
}
"""Making Data Count assurance labels (English msgids; see _known_labels)."""


def _known_labels(words: ChartLanguage) -> tuple[str, ...]:
    """Name every label of the tables above once as a literal, so the catalogue has them."""
    return (
        words._("Common cause variation"),
        words._("Special cause variation – improvement"),
        words._("Special cause variation – concern"),
        words._("Special cause variation – higher"),
        words._("Special cause variation – lower"),
        words._("consistently passing target"),
        words._("consistently failing target"),
        words._("inconsistently passing target"),
    )


def _constant(analysis: ChartAnalysis) -> bool:
    values = {p.value for p in plotted(analysis)}
    return "constant" in analysis.notes or (len(plotted(analysis)) > 1 and len(values) == 1)


def _latest_sentence(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    words = speech(labels)
    latest = plotted(analysis)[-1]
    spec = analysis.spec
    values = {
        "value": value_text(latest.value, labels),
        "when": period_text(latest.period, labels.frequency, labels.lang),
        "name": centre_name(analysis, labels.lang),
        "centre": value_text(latest.centre, labels),
    }
    head = words._("The latest value is %(value)s (%(when)s)") % values
    values["head"] = head
    if latest.phase > 1 or latest.centre is None:  # phased: the centres come next
        return f"{head}."
    if spec.baseline_points is not None or spec.baseline_end is not None:
        return words._("%(head)s; the baseline %(name)s is %(centre)s.") % values
    return words._("%(head)s; the %(name)s is %(centre)s.") % values


def _told(found: list[Finding]) -> list[str]:
    """Return the findings as sentences, naming each change or phase only once."""
    told, named = [], set()
    for finding in found:
        told.append(finding.sentence(with_after=finding.after not in named))
        named.add(finding.after)
    return told


def read_chart(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return one to three sentences saying what the chart shows, from its analysis only,
    in the labels' language."""
    words = speech(labels)
    if not plotted(analysis):
        if any(p.value is not None for p in analysis.points):
            return words._(
                "Every value is excluded from the calculations, so there is nothing to judge."
            )
        return words._("There are no data for this measure yet: every period is missing.")
    first = with_point_meaning(_latest_sentence(analysis, labels), analysis, labels)
    if _constant(analysis):
        same = words._("Every value is the same, so there is no variation to judge.")
        return f"{first} {same}"
    counted = sum(phase.n_obs for phase in analysis.phases)
    if counted < ENOUGH_POINTS:
        few = words.ngettext(
            "With only %(count)d point there is too little data to judge whether anything "
            "has changed: the chart is provisional.",
            "With only %(count)d points there is too little data to judge whether anything "
            "has changed: the chart is provisional.",
            counted,
        )
        return f"{first} {few % {'count': counted}}"
    if len(analysis.phases) > 1 and analysis.phases[-1].n_obs > 0:
        sentences = phase_sentences(analysis, labels)
        if analysis.spec.rules == "mdc":
            sentences[1:1] = mdc_sentences(analysis, labels)[:1]
        return " ".join([first, *sentences])
    if analysis.spec.rules == "mdc":
        sentences = mdc_sentences(analysis, labels)
    else:
        sentences = _told(findings(analysis, labels)[-2:]) or [
            words._(
                "There is no signal of change: only common cause variation, what we would "
                "expect by chance."
            )
        ]
    sentences = with_gap_sentence(sentences, analysis, labels)
    return " ".join([first, *sentences[:2]])


def _direction(direction: Direction | ChartLabels) -> Direction:
    return direction.direction if isinstance(direction, ChartLabels) else direction


@dataclass(frozen=True, slots=True)
class Status:
    """The latest phase's state, as the overviews say it (see status_label)."""

    kind: str
    """'too-little-data', 'no-signal', 'signal-of-change', 'improvement', 'concern' or
    'neutral' (a signal where neither way is better)."""
    high: bool | None = None
    """For a signal with a side: True if the latest points are high, False if low."""


def status_of(analysis: ChartAnalysis, direction: Direction | ChartLabels) -> Status:
    """Return the state of the latest phase: only it counts, a signal in an earlier phase is
    history. For mdc rules it is the Making Data Count variation of the latest point."""
    if not plotted(analysis) or sum(p.n_obs for p in analysis.phases) < ENOUGH_POINTS:
        return Status("too-little-data")
    if _constant(analysis):
        return Status("no-signal")
    way = _direction(direction)
    if analysis.spec.rules == "mdc":
        status = MDC_STATUS[analysis.variation or "common_cause"]
        if status.kind in ("improvement", "concern"):
            return Status(status.kind, (status.kind == "improvement") == (way == "increase"))
        return status
    latest = analysis.phases[-1]
    last = last_counted(analysis).get(latest.phase, 0)
    runs = [r for r in signal_runs(analysis, way) if r.last.phase == latest.phase]
    signals = [(r.last.index, r.ongoing, r.meaning, r.high) for r in runs]
    signals += [
        (i, i >= last, m.meaning, m.high)
        for i, m in signal_marks(analysis, way).items()
        if m.kind == "outside" and analysis.points[i - 1].phase == latest.phase
    ]
    changed = change_status(analysis, way)
    ongoing_signal = bool(signals) and max(signals)[1]
    if changed is not None and not ongoing_signal:  # a supported move to a new level
        signals = [(0, True, changed, analysis.changes[-1].after > analysis.changes[-1].before)]
    if not signals:
        return Status("signal-of-change") if latest.runs_signal else Status("no-signal")
    _, ongoing, meaning, high = max(signals)
    if not ongoing:  # the signal has ended: it says the process changed, not how it is now
        return Status("signal-of-change")
    if meaning in ("improvement", "concern"):
        return Status(meaning, high)
    return Status("neutral", high)


MDC_STATUS = {
    "common_cause": Status("no-signal"),
    "special_cause_improvement": Status("improvement"),
    "special_cause_concern": Status("concern"),
    "special_cause_neutral_high": Status("neutral", True),
    "special_cause_neutral_low": Status("neutral", False),
}
"""Making Data Count variation -> the overviews' state (the side of an improvement or a
concern follows from the measure's direction)."""


def status_label(
    analysis: ChartAnalysis,
    direction: Direction | ChartLabels,
    lang: str | None = None,
    status: Status | None = None,
) -> str:
    """Return a short status for overviews: 'Improving', 'Deteriorating', 'No signal',
    'Too little data', or for mdc the variation (and assurance) label.

    Only the latest phase counts: a signal in an earlier phase is history. The language
    is `lang`, else the labels' (English when given only a direction). `status`: what
    status_of says of the same analysis and direction, when known already.
    """
    code = lang or (direction.lang if isinstance(direction, ChartLabels) else "en")
    words = chart_language(code)
    status = status or status_of(analysis, direction)
    if status.kind == "too-little-data":
        return words._("Too little data")
    if analysis.spec.rules == "mdc" and not _constant(analysis):
        label = words._(VARIATION_LABELS[analysis.variation or "common_cause"])
        assurance = ASSURANCE_LABELS.get(analysis.assurance or "")
        return f"{label}; {words._(assurance)}" if assurance else label
    if status.kind == "no-signal":
        return words._("No signal")
    if status.kind == "signal-of-change":
        return words._("Signal of change")
    if status.kind == "improvement":
        return words._("Improving")
    if status.kind == "concern":
        return words._("Deteriorating")
    return words._("Signal: higher") if status.high else words._("Signal: lower")
