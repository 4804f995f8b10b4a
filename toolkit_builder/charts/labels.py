"""What a chart needs besides its analysis: titles, units, phases and changes tested."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from toolkit_builder.analysis.types import Direction

Frequency = Literal["daily", "weekly", "monthly", "quarterly"]


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """Words and marks drawn on a chart."""

    chart_id: str
    """Unique id of the chart: the SVG's root id, and the prefix of its title and desc ids."""
    title: str
    """The measure's title, drawn above the chart and put in the SVG's <title>."""
    unit: str = ""
    """Unit of the values ("%", "per 1,000 bed days", "days"); the y-axis label."""
    percent: bool = False
    """Show values as percentages (the measure's multiplier is 100): '85%'."""
    direction: Direction = "neutral"
    """Which way is better: drawn as 'Higher is better' and used to name signals."""
    frequency: Frequency | str = "weekly"
    """daily | weekly | monthly | quarterly: how periods are named in the reading."""
    phase_names: tuple[str, ...] = ()
    """Names of the phases after the first, in order (a missing name shows as 'Phase N')."""
    annotations: tuple[tuple[date, str], ...] = ()
    """Changes tested (PDSA cycles): numbered marks at their dates and a key under the chart."""
    goal: float | None = None
    """Goal in display units, drawn as a dotted line labelled 'Goal 95%'."""
    description: str = ""
    """The SVG's <desc>; empty means the chart's own reading (read_chart)."""
    lang: str = "en"
    """Language of every word drawn and read: 'en', 'cy' (see charts/language.py)."""
    narrow: bool = False
    """Draw the narrow shape, for phones (charts/layout.py)."""
