"""Readings of phased charts: what changed between phases, whether that is a signal,
and how the values vary within the current phase.

A change is called a signal only when the analysis found one with the earlier phase's
centre and limits frozen and carried over the new points (analysis/phasechange.py);
otherwise the reading says plainly that it is not yet more than chance.
"""

from __future__ import annotations

from dataclasses import replace

from toolkit_builder.analysis.types import ChartAnalysis, Direction, PhaseChange, PhaseResult
from toolkit_builder.charts.findings import centre_name, findings, meaning_text
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.signals import Meaning, meaning_of
from toolkit_builder.charts.words import (
    axis_value_text,
    number_text,
    period_text,
    phase_name,
    speech,
    value_text,
)


def _as_shown(value: float) -> float:
    """Return a value as the reading shows it (rounded), so the difference it gives is
    the difference of the numbers a reader sees."""
    return float(number_text(value, "en").replace(",", ""))


def change_size(change: PhaseChange, labels: ChartLabels) -> str:
    """Return how far the centre moved: '30.2 percentage points', or '3.2' (the unit is
    said once, after the new centre)."""
    assert change.before is not None and change.after is not None
    size = abs(_as_shown(change.after) - _as_shown(change.before))
    if labels.percent or labels.unit == "%":
        return speech(labels)._("%(number)s percentage points") % {
            "number": number_text(size, labels.lang)
        }
    return number_text(size, labels.lang)


def change_meaning(change: PhaseChange, direction: Direction) -> Meaning:
    """Return what the change means for the measure: improvement, concern or neutral."""
    assert change.before is not None and change.after is not None
    return meaning_of(change.after > change.before, direction)


def change_sentence(change: PhaseChange, analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return the centre before and after a phase began, by how much, and whether the
    change is a signal (with the earlier baseline frozen) or not yet more than chance."""
    words = speech(labels)
    values = {
        "phase": phase_name(labels, change.phase),
        "centre": centre_name(analysis, labels.lang),
        "before": axis_value_text(change.before, labels) if change.before is not None else "",
        "after": value_text(change.after, labels),
    }
    if change.before is None or change.after is None or change.before == change.after:
        return words._("The %(centre)s since “%(phase)s” began is %(after)s, as before.") % values
    rising = change.after > change.before
    values["change"] = change_size(change, labels)
    if change.supported and change.signal_index is not None:
        values["meaning"] = meaning_text(
            change_meaning(change, labels.direction), rising, labels.lang
        )
        point = analysis.points[change.signal_index - 1]
        values["when"] = period_text(point.period, labels.frequency, labels.lang)
        text = (
            words._(
                "Since “%(phase)s” began, the %(centre)s has risen from %(before)s to "
                "%(after)s (up %(change)s): %(meaning)s, shown from %(when)s against the "
                "earlier %(centre)s and limits"
            )
            if rising
            else words._(
                "Since “%(phase)s” began, the %(centre)s has fallen from %(before)s to "
                "%(after)s (down %(change)s): %(meaning)s, shown from %(when)s against the "
                "earlier %(centre)s and limits"
            )
        )
        return f"{text % values}."
    text = (
        words._(
            "The %(centre)s has been higher since “%(phase)s” began (from %(before)s to "
            "%(after)s: up %(change)s), but this is not yet a signal that it is more than "
            "chance."
        )
        if rising
        else words._(
            "The %(centre)s has been lower since “%(phase)s” began (from %(before)s to "
            "%(after)s: down %(change)s), but this is not yet a signal that it is more than "
            "chance."
        )
    )
    return text % values


def latest_phase_only(analysis: ChartAnalysis) -> ChartAnalysis:
    """Return the analysis of the latest phase alone (its own centre and limits)."""
    latest = analysis.phases[-1]
    points = tuple(p for p in analysis.points if p.phase == latest.phase)
    return replace(analysis, phases=(latest,), points=points, changes=())


def _provisional_sentence(phase: PhaseResult, analysis: ChartAnalysis, labels: ChartLabels) -> str:
    words = speech(labels)
    latest = analysis.phases[-1].phase
    values = {
        "count": phase.n_obs,
        "centre": centre_name(analysis, labels.lang),
        "phase": phase_name(labels, phase.phase),
        "next": phase_name(labels, phase.phase + 1),
    }
    if phase.phase != latest:
        text = words.ngettext(
            "The phase before “%(next)s” has only %(count)d point, so its %(centre)s and "
            "limits are provisional.",
            "The phase before “%(next)s” has only %(count)d points, so its %(centre)s and "
            "limits are provisional.",
            phase.n_obs,
        )
    else:
        text = words.ngettext(
            "“%(phase)s” has only %(count)d point so far, so its %(centre)s, limits and "
            "signals are provisional.",
            "“%(phase)s” has only %(count)d points so far, so its %(centre)s, limits and "
            "signals are provisional.",
            phase.n_obs,
        )
    return text % values


def within_phase_sentence(analysis: ChartAnalysis, labels: ChartLabels) -> str:
    """Return how the values vary within the latest phase: its latest signal, or common
    cause variation about its own centre."""
    current = latest_phase_only(analysis)
    found = findings(current, labels)
    words = speech(labels)
    values = {
        "phase": phase_name(labels, current.phases[0].phase),
        "centre": centre_name(analysis, labels.lang),
    }
    if found:
        told = found[-1].sentence()
        values["finding"] = told[:1].lower() + told[1:]
        return words._("Within “%(phase)s”, %(finding)s") % values
    return (
        words._(
            "Within “%(phase)s”, the values show only common cause variation about its "
            "%(centre)s: no signal of a further change."
        )
        % values
    )


def phase_sentences(analysis: ChartAnalysis, labels: ChartLabels) -> list[str]:
    """Return the reading of a phased chart after its latest value: the latest change,
    the variation within the latest phase, and which phases are provisional."""
    sentences = []
    if analysis.changes:
        sentences.append(change_sentence(analysis.changes[-1], analysis, labels))
    if analysis.spec.rules != "mdc":
        sentences.append(within_phase_sentence(analysis, labels))
    compared = analysis.phases[-2:]
    sentences += [
        _provisional_sentence(phase, analysis, labels)
        for phase in compared
        if phase.provisional and phase.n_obs > 0
    ]
    return sentences


def change_status(analysis: ChartAnalysis, direction: Direction) -> Meaning | None:
    """Return the meaning of the latest phase change when it is a signal, else None."""
    if not analysis.changes:
        return None
    change = analysis.changes[-1]
    if not change.supported or change.before is None or change.after is None:
        return None
    return change_meaning(change, direction)
