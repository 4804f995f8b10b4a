"""Making Data Count readings: the latest point's variation and, with a target, assurance."""

from __future__ import annotations

from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts.findings import after_text, meaning_text, plotted
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.language import chart_language
from toolkit_builder.charts.signals import SignalRun, signal_runs
from toolkit_builder.charts.words import period_text, speech, value_text


def _assurance_sentence(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return what the limits say about meeting the target, or '' without an assurance."""
    words = speech(labels)
    target = analysis.spec.target if analysis.spec.target is not None else labels.goal
    shown = {"target": value_text(target, labels)}
    if analysis.assurance == "consistent_pass":
        text = words._(
            "The limits are all on the better side of the target (%(target)s): "
            "if nothing changes, the process will consistently meet it."
        )
    elif analysis.assurance == "consistent_fail":
        text = words._(
            "The limits are all on the worse side of the target (%(target)s): "
            "the process will not meet it unless something changes."
        )
    elif analysis.assurance == "inconsistent":
        text = words._(
            "The target (%(target)s) lies between the limits, so the process will "
            "sometimes meet it and sometimes not."
        )
    else:
        return ""
    return text % shown


def _nature(run: SignalRun, lang: str) -> str:
    words = chart_language(lang)
    if run.meaning == "improvement":
        return words._("of an improving nature")
    if run.meaning == "concern":
        return words._("of a concerning nature")
    return words._("(higher than usual)") if run.high else words._("(lower than usual)")


def mdc_sentences(analysis: ChartAnalysis, labels: ChartLabels) -> list[str]:
    """Return the variation of the latest point and, with a target, the assurance."""
    words = speech(labels)
    runs = signal_runs(analysis, labels.direction)
    latest = plotted(analysis)[-1]
    variation = analysis.variation or "common_cause"
    current = next((r for r in runs if r.first.index <= latest.index <= r.last.index), None)
    if variation == "common_cause" or current is None:
        sentences = [
            words._("The latest point shows common-cause variation only: no special cause.")
        ]
        if runs:
            earlier = runs[-1]
            start = earlier.first.period
            text = words._(
                "Earlier, from %(when)s, there was special-cause variation: %(meaning)s%(after)s."
            )
            values = {
                "when": period_text(start, labels.frequency, labels.lang),
                "meaning": meaning_text(earlier.meaning, earlier.high, labels.lang),
                "after": after_text(start, analysis, labels),
            }
            sentences.append(text % values)
    else:
        start = current.first.period
        values = {
            "when": period_text(start, labels.frequency, labels.lang),
            "nature": _nature(current, labels.lang),
            "after": after_text(start, analysis, labels),
        }
        if current.count > 1:
            text = words._(
                "Since %(when)s, the points show special-cause variation %(nature)s%(after)s."
            )
        else:
            text = words._("The latest point shows special-cause variation %(nature)s%(after)s.")
        sentences = [text % values]
    assurance = _assurance_sentence(analysis, labels)
    if assurance:
        sentences = [sentences[0], assurance]
    return sentences
