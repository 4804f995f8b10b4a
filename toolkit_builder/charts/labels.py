"""What a chart needs besides its analysis: titles, units, phases and changes tested."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from toolkit_builder.analysis.types import Direction


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """Words and marks drawn on a chart."""

    chart_id: str
    """Unique id, used for the SVG's title and description ids."""
    title: str
    unit: str = ""
    """Unit of the values ("%", "per 1,000 bed days", "days")."""
    percent: bool = False
    """Show values as percentages (the measure's multiplier is 100)."""
    direction: Direction = "neutral"
    frequency: str = "weekly"
    """daily | weekly | monthly | quarterly: how periods are named in the reading."""
    phase_names: tuple[str, ...] = ()
    """Names of the phases after the first, in order."""
    annotations: tuple[tuple[date, str], ...] = ()
    """Changes tested (PDSA cycles) marked at their dates."""
    goal: float | None = None
    """Goal in display units, drawn as a line."""
    description: str = ""
    """The reading, put in the SVG's <desc>."""
