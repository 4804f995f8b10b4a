"""Each service's latest state on a measure, Making Data Count style: variation and assurance.

From a series' ChartView only (its analysis and labels): the variation is the status of
reading.status_of (the latest phase, by the series' own rule set); the assurance compares
the measure's goal with the process limits of the latest point, with analysis/mdc.py's
rule. Charts without limits (run charts) or with too little data give none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from toolkit_builder.analysis.mdc import assurance
from toolkit_builder.analysis.types import Assurance
from toolkit_builder.charts.findings import plotted
from toolkit_builder.charts.reading import Status, status_of
from toolkit_builder.charts.words import period_text, value_text

if TYPE_CHECKING:  # stage keeps each view's latest state: it imports this module
    from toolkit_builder.charts.stage import ChartView

VARIATION_KINDS = (
    "improvement",
    "concern",
    "neutral",
    "signal-of-change",
    "no-signal",
    "too-little-data",
)
"""The variation states, in the order a table sorts them (signals first)."""

ASSURANCE_KINDS = (
    "consistent_pass",
    "inconsistent",
    "consistent_fail",
    "too-little-data",
    "no-limits",
    "neutral",
    "no-goal",
)
"""The assurance states, in the order a table sorts them: Making Data Count's three, then
why none is given (too few points, a chart without limits, a measure where neither way is
better, no goal)."""


@dataclass(frozen=True, slots=True)
class LatestState:
    """A service's latest point on one measure, and what the rules say about it."""

    series_id: str
    status: str
    """The status in words, as the measure and toolkit pages say it (the chart's language)."""
    variation: str
    """One of VARIATION_KINDS."""
    high: bool | None
    """For a signal with a side: True if the latest points are high, False if low."""
    assurance: str
    """One of ASSURANCE_KINDS."""
    value: float | None
    """The latest plotted value in display units; None without one."""
    value_text: str
    """That value for readers, with its unit ('85%'), in the chart's language."""
    period: date | None
    """Start of the latest plotted period."""
    period_text: str
    """That period for readers ('the week of 2 June 2025'), in the chart's language."""
    points: int
    """How many points the rules counted."""
    goal: float | None
    """The measure's goal in display units, if it has one."""

    @property
    def variation_rank(self) -> int:
        """Return the variation's place in VARIATION_KINDS (to sort a table by it)."""
        return VARIATION_KINDS.index(self.variation)

    @property
    def assurance_rank(self) -> int:
        """Return the assurance's place in ASSURANCE_KINDS (to sort a table by it)."""
        return ASSURANCE_KINDS.index(self.assurance)


def goal_assurance(view: ChartView, status: Status | None = None) -> str:
    """Return how the goal compares with the latest point's process limits (ASSURANCE_KINDS).

    `status`: what status_of says of the view's analysis and labels, when known already."""
    analysis = view.analysis
    goal = analysis.spec.target
    if goal is None:
        return "no-goal"
    if analysis.spec.rules == "mdc" and analysis.assurance is not None:
        return analysis.assurance
    if view.labels.direction == "neutral":
        return "neutral"
    points = plotted(analysis)
    if not points or (status or status_of(analysis, view.labels)).kind == "too-little-data":
        return "too-little-data"
    last = points[-1]
    found: Assurance | None = assurance(goal, last.lower, last.upper, view.labels.direction)
    return found or "no-limits"


def latest_state(view: ChartView, status: Status | None = None) -> LatestState:
    """Return a series' latest value, variation and assurance, for the across-services view.

    `status`: what status_of says of the view's analysis and labels, when known already."""
    analysis = view.analysis
    labels = view.labels
    points = plotted(analysis)
    last = points[-1] if points else None
    status = status or status_of(analysis, labels)
    return LatestState(
        series_id=view.series_id,
        status=view.status,
        variation=status.kind,
        high=status.high,
        assurance=goal_assurance(view, status),
        value=last.value if last else None,
        value_text=value_text(last.value, labels) if last else value_text(None, labels),
        period=last.period if last else None,
        period_text=period_text(last.period, labels.frequency, labels.lang) if last else "",
        points=sum(p.n_obs for p in analysis.phases),
        goal=analysis.spec.target,
    )


def known_state(view: ChartView) -> LatestState:
    """Return the view's latest state as view_series worked it out (once, kept with the
    view between preview builds), else work it out now."""
    return view.latest if view.latest is not None else latest_state(view)
