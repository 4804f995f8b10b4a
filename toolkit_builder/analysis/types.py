"""Typed inputs and results of the run-chart / SPC analysis (pure values, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ChartType = Literal["run", "i", "mr", "p", "pp", "u", "up", "c", "g", "t"]
RuleSet = Literal["anhoej", "ihi", "mdc"]
Direction = Literal["increase", "decrease", "neutral"]
SpecialCause = Literal["improvement", "concern", "neutral"]
Variation = Literal[
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
]
Assurance = Literal["consistent_pass", "consistent_fail", "inconsistent"]

CHART_TYPES: tuple[ChartType, ...] = ("run", "i", "mr", "p", "pp", "u", "up", "c", "g", "t")
RATIO_CHARTS: tuple[ChartType, ...] = ("p", "pp", "u", "up")
"""Charts of numerator / denominator: plotted as ratios, centred on the pooled ratio."""
EVENT_CHARTS: tuple[ChartType, ...] = ("g", "t")
"""Rare-event charts: each point is one event, its value the cases or time since the last."""
RULE_SETS: tuple[RuleSet, ...] = ("anhoej", "ihi", "mdc")
DIRECTIONS: tuple[Direction, ...] = ("increase", "decrease", "neutral")


@dataclass(frozen=True, slots=True)
class Observation:
    """One row of a measure's data, before analysis."""

    period: date
    """Start of the period (strictly increasing within a series); on g and t charts the date
    of the event (increasing, two events on one day may share it)."""
    value: float | None
    """The value (run, i, mr, c charts), the cases or days since the previous event (g, t: one
    row per event), or the numerator (p, pp, u, up charts); None when missing."""
    denominator: float | None = None
    """Denominator (p, pp) or exposure (u, up); None for the other charts or when missing."""
    excluded: bool = False
    """Plotted, but left out of every calculation."""


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """How to analyse one series."""

    chart: ChartType
    """Chart type."""
    rules: RuleSet = "anhoej"
    """Rule set used to find signals."""
    multiplier: float = 1.0
    """Display scale for values, centres and limits (100 for %); comparisons use raw values."""
    baseline_points: int | None = None
    """Freeze centre and limits on the first k useful points of the first phase."""
    baseline_end: date | None = None
    """Freeze centre and limits on the points of the first phase up to this date (inclusive)."""
    phase_starts: tuple[date, ...] = ()
    """Start dates of phases after the first; each phase gets its own centre and limits."""
    direction: Direction = "neutral"
    """Which way is better, for naming special causes."""
    target: float | None = None
    """Target in display units (already multiplied), for mdc assurance."""
    mr_screening: bool = True
    """Drop moving ranges >= 3.267 x average and recompute once (i, t, pp and up charts)."""


@dataclass(frozen=True, slots=True)
class PointResult:
    """One analysed point; value, centre and limits are multiplied for display."""

    index: int
    """1-based position in the series."""
    period: date
    value: float | None
    """Plotted value (ratio x multiplier for p/u); None when missing."""
    centre: float | None
    lower: float | None
    """Lower 3-sigma limit; None on run charts."""
    upper: float | None
    lower_close: float | None
    """Lower 2-sigma line ("close to limits" for mdc: mean - 1.7733 AMR); None on run charts."""
    upper_close: float | None
    phase: int
    """1-based phase number."""
    baseline: bool
    """Point used to compute the centre and limits."""
    excluded: bool
    missing: bool
    outside_limits: bool
    """Strictly above the upper or strictly below the lower limit."""
    special_cause: SpecialCause | None = None
    """mdc only: how a flagged point reads given the direction."""
    in_signal_run: bool = False
    """Part of a run/shift/trend that gives a signal under the rule set."""


@dataclass(frozen=True, slots=True)
class PhaseResult:
    """Runs analysis of one phase."""

    phase: int
    first_index: int
    last_index: int
    n_obs: int
    """Non-missing, non-excluded points in the phase."""
    n_useful: int
    """Points left after dropping those on the centre line."""
    longest_run: int
    longest_run_limit: int | None
    crossings: int
    crossings_limit: int | None
    runs_signal: bool
    centre: float | None
    """Phase centre (multiplied), for labelling."""
    shifts: tuple[tuple[int, int], ...] = ()
    """ihi: [first_index, last_index] of each shift."""
    trends: tuple[tuple[int, int], ...] = ()
    """ihi and mdc: [first_index, last_index] of each trend."""
    runs: int | None = None
    """ihi: number of runs."""
    runs_limits: tuple[int, int] | None = None
    """ihi: (too few below, too many above) from the Perla et al. table; None outside 10-60."""
    provisional: bool = False
    """Fewer than 12 useful points: limits and signals are provisional."""


@dataclass(frozen=True, slots=True)
class ChartAnalysis:
    """The full analysis of one series."""

    spec: ChartSpec
    phases: tuple[PhaseResult, ...]
    points: tuple[PointResult, ...]
    variation: Variation | None = None
    """mdc only: variation icon from the last point."""
    assurance: Assurance | None = None
    """mdc only, with a target: assurance icon."""
    notes: tuple[str, ...] = field(default=())
    """Plain facts about the data worth telling a reader (e.g. constant series)."""
    changes: tuple[PhaseChange, ...] = field(default=())
    """Each phase after the first, compared with the phase before it."""


@dataclass(frozen=True, slots=True)
class PhaseChange:
    """How a phase's centre compares with the phase before it, and whether the change
    is a signal: the series with the earlier phase's centre and limits frozen and carried
    over the new points shows a signal, on the side of the change, after the start."""

    phase: int
    """The later phase (2 or more)."""
    before: float | None
    """Centre of the phase before (multiplied); None when it has none."""
    after: float | None
    """Centre of this phase (multiplied); None when it has none."""
    supported: bool
    """A signal on the side of the change shows after the start, with the baseline frozen."""
    signal_index: int | None = None
    """1-based index (in the whole series) of the first point of that signal."""
