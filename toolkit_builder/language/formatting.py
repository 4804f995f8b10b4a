"""Format dates, numbers and labels for readers (pure functions used by templates)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

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


def plain(value: float | None) -> str:
    """Return a number in machine form ('2444', '0.125'), or '' when missing.

    For data files, never for people: plain digits, '.' for decimals, no thousands
    separators and no exponent, whatever the page language, so the file loads back
    to the same value (the shortest text that round-trips, as Python's repr).
    """
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
