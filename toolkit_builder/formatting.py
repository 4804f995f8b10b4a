"""Format dates, numbers and labels for readers (pure functions used by templates)."""

from __future__ import annotations

from datetime import date, datetime

from toolkit_builder.analysis.types import PointResult
from toolkit_builder.model import DataRow, Measure

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(value: date | datetime) -> str:
    """Return a date as '1 March 2026'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_year(value: date) -> str:
    """Return a date as 'March 2026'."""
    return f"{MONTHS[value.month - 1]} {value.year}"


def event_time(start: datetime, end: datetime | None) -> str:
    """Return an event's date and time span, e.g. '29 November 2026, 10:00–16:00 (UTC+00:00)'."""
    offset = start.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    text = f"{long_date(start)}, {start:%H:%M}"
    if end is not None:
        text += (
            f"–{end:%H:%M}" if end.date() == start.date() else f" to {long_date(end)}, {end:%H:%M}"
        )
    return f"{text} ({zone})"


def number(value: float, digits: int = 1) -> str:
    """Return a number with at most `digits` decimals and thousands separators."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def with_unit(value: float, unit: str) -> str:
    """Return a value with its unit: '85.2%' or '4.1 per 1,000 bed days'."""
    text = number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def setting_name(setting_id: str) -> str:
    """Return a readable name for a care-setting id: 'primary-care' -> 'Primary care'."""
    return setting_id.replace("-", " ").capitalize()


def label(value: str) -> str:
    """Return an id-like value as words: 'learning-session' -> 'Learning session'."""
    return value.replace("-", " ").replace("_", " ").capitalize()


def row_value(row: DataRow, measure: Measure, chart: str) -> str:
    """Return the plotted value of a data row in display units, or '' when missing."""
    obs = row.observation
    if obs.value is None:
        return ""
    if chart in ("p", "u"):
        if not obs.denominator:
            return ""
        return with_unit(obs.value / obs.denominator * measure.multiplier, measure.unit)
    return with_unit(obs.value * measure.multiplier, measure.unit)


def plain(value: float | None) -> str:
    """Return a raw number as written in data, or '' when missing."""
    return "" if value is None else number(value, 6)


CHART_NAMES = {
    "run": "Run chart",
    "i": "I chart (XmR)",
    "p": "P chart",
    "u": "U chart",
    "c": "C chart",
}


def chart_name(chart: str) -> str:
    """Return the reader's name of a chart type."""
    return CHART_NAMES.get(chart, chart)


def direction_text(direction: str) -> str:
    """Return which way is better, in words."""
    return {"increase": "Higher", "decrease": "Lower"}.get(direction, "Neither (monitored)")


RULES_NAMES = {
    "anhoej": "Anhøj rules",
    "ihi": "IHI run-chart rules",
    "mdc": "Making Data Count rules",
}


def rules_name(rules: str) -> str:
    """Return the reader's name of a rule set."""
    return RULES_NAMES.get(rules, rules)


def display(value: float | None, measure: Measure) -> str:
    """Return an analysed (already multiplied) value with the measure's unit, or '' for none."""
    return "" if value is None else with_unit(value, measure.unit)


def signal_text(point: PointResult) -> str:
    """Return what the rules say about one point, in words (never colour alone)."""
    words = []
    if point.outside_limits:
        words.append("outside the limits")
    if point.in_signal_run:
        words.append("part of a signal")
    if point.special_cause:
        words.append(f"special cause ({point.special_cause})")
    return "; ".join(words).capitalize()
