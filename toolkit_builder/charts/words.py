"""Numbers, dates and names as a chart and its reading show them."""

from __future__ import annotations

from datetime import date

from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.formatting import long_date, month_year

SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PERIOD_NOUNS = {
    "daily": ("day", "days"),
    "weekly": ("week", "weeks"),
    "monthly": ("month", "months"),
    "quarterly": ("quarter", "quarters"),
}


def number_text(value: float) -> str:
    """Return a number for readers: '1,250', '88.7', '0.042' (no trailing zeros)."""
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{value:.2g}"  # small rates keep two significant figures rather than showing 0


def value_text(value: float | None, labels: ChartLabels) -> str:
    """Return a value in display units: '85%', '4.2 per 1,000 bed days', 'no value'."""
    if value is None:
        return "no value"
    text = number_text(value)
    if labels.percent or labels.unit == "%":
        return f"{text}%"
    return f"{text} {labels.unit}".strip()


def axis_value_text(value: float, labels: ChartLabels) -> str:
    """Return a value without its unit words, for short labels on the chart: '95%', '4.2'."""
    text = number_text(value)
    return f"{text}%" if labels.percent or labels.unit == "%" else text


def period_text(day: date, frequency: str) -> str:
    """Return how a period is named: 'the week of 2 June 2025', 'June 2025', '2 June 2025'."""
    if frequency == "weekly":
        return f"the week of {long_date(day)}"
    if frequency == "monthly":
        return month_year(day)
    if frequency == "quarterly":
        return f"the quarter starting {long_date(day)}"
    return long_date(day)


def periods_text(count: int, frequency: str) -> str:
    """Return a count of periods: '1 week', '9 months', '5 points' (unknown frequency)."""
    one, many = PERIOD_NOUNS.get(frequency, ("point", "points"))
    return f"{count} {one if count == 1 else many}"


def short_date(day: date) -> str:
    """Return a compact date for the chart's key: '9 Dec 2024'."""
    return f"{day.day} {SHORT_MONTHS[day.month - 1]} {day.year}"


def phase_name(labels: ChartLabels, phase: int) -> str:
    """Return the name of a phase after the first ('Phase 3' when it has none)."""
    position = phase - 2
    if 0 <= position < len(labels.phase_names) and labels.phase_names[position].strip():
        return labels.phase_names[position].strip()
    return f"Phase {phase}"
