"""A series' data table as text: every point with its centre, limits and signal.

Rows in every language are made here, with its words and CLDR formats; English
numbers and dates stay as formatting.py has always written them.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit_builder.analysis.types import RATIO_CHARTS, ChartAnalysis, PointResult
from toolkit_builder.charts.language import ChartLanguage
from toolkit_builder.content.model import DataRow, Measure, Series
from toolkit_builder.language import formatting as fmt


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a series' data table, as text."""

    period: str
    """ISO date, for <time datetime>."""
    period_text: str
    numerator: str
    denominator: str
    value: str
    centre: str
    lower: str
    upper: str
    signal: str
    note: str


def with_unit(value: float | None, unit: str, words: ChartLanguage, digits: int = 1) -> str:
    """Return a value with its unit in the language's number format, or '' for none."""
    if value is None:
        return ""
    text = words.number(fmt.number(value, digits))
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def row_value(row: DataRow, measure: Measure, chart: str, words: ChartLanguage) -> str:
    """Return the plotted value of a data row in display units, or '' when missing."""
    obs = row.observation
    if obs.value is None:
        return ""
    if chart in RATIO_CHARTS:
        if not obs.denominator:
            return ""
        return with_unit(obs.value / obs.denominator * measure.multiplier, measure.unit, words)
    return with_unit(obs.value * measure.multiplier, measure.unit, words)


def signal_text(point: PointResult, words: ChartLanguage) -> str:
    """Return what the rules say about one point, in words (never colour alone)."""
    found = []
    if point.outside_limits:
        found.append(words._("outside the limits"))
    if point.in_signal_run:
        found.append(words._("part of a signal"))
    if point.special_cause == "improvement":
        found.append(words._("special cause (improvement)"))
    elif point.special_cause == "concern":
        found.append(words._("special cause (concern)"))
    elif point.special_cause:
        found.append(words._("special cause (neutral)"))
    text = "; ".join(found)
    return text[:1].upper() + text[1:]


def localised_rows(
    series: Series, measure: Measure, analysis: ChartAnalysis, words: ChartLanguage
) -> tuple[TableRow, ...]:
    """Return the data table of a series in the words and formats of `words`."""
    excluded = words._("Excluded from calculations.")
    provisional = (
        words._("Provisional: this phase has fewer than 12 points.")
        if len(analysis.phases) > 1
        else words._("Provisional: the chart has fewer than 12 points.")
    )
    short = {phase.phase for phase in analysis.phases if phase.provisional}
    written: dict[tuple[float | None, str, int], str] = {}

    def text(value: float | None, unit: str = measure.unit, digits: int = 1) -> str:
        """with_unit's text, each value written once: a phase's centre and limits repeat."""
        key = (value, unit, digits)
        found = written.get(key)
        if found is None:
            found = written[key] = with_unit(value, unit, words, digits)
        return found

    rows = []
    for row, point in zip(series.rows, analysis.points, strict=True):
        obs = row.observation
        note = (f"{excluded} " if obs.excluded else "") + row.note
        if point.phase in short and point.value is not None:
            note = f"{note} {provisional}"
        rows.append(
            TableRow(
                period=obs.period.isoformat(),
                period_text=words.long_date(obs.period),
                numerator=text(obs.value, "", 6),
                denominator=text(obs.denominator, "", 6),
                value=_plotted(row, point, measure, series.chart, words),
                centre=text(point.centre),
                lower=text(point.lower),
                upper=text(point.upper),
                signal=signal_text(point, words),
                note=note.strip(),
            )
        )
    return tuple(rows)


def _plotted(
    row: DataRow, point: PointResult, measure: Measure, chart: str, words: ChartLanguage
) -> str:
    """Return the table's value: the moving range on an mr chart, else the row's value."""
    if chart != "mr":
        return row_value(row, measure, chart, words) or words._("missing")
    if point.value is not None:
        return with_unit(point.value, measure.unit, words)
    if row.observation.value is None:
        return words._("missing")
    return words._("no moving range (first point of its phase)")
