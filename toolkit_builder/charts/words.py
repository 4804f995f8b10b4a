"""Numbers, dates and names as a chart and its reading show them, in the chart's language."""

from __future__ import annotations

from datetime import date

from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.language import ChartLanguage, chart_language


def speech(labels: ChartLabels) -> ChartLanguage:
    """Return the language the chart speaks."""
    return chart_language(labels.lang)


def number_text(value: float, lang: str = "en") -> str:
    """Return a number for readers: '1,250', '88.7', '0.042' (no trailing zeros)."""
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 1:
        text = f"{value:,.1f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.2g}"  # small rates keep two significant figures rather than showing 0
    return chart_language(lang).number(text)


def value_text(value: float | None, labels: ChartLabels) -> str:
    """Return a value in display units: '85%', '4.2 per 1,000 bed days', 'no value'."""
    if value is None:
        return speech(labels)._("no value")
    text = number_text(value, labels.lang)
    if labels.percent or labels.unit == "%":
        return f"{text}%"
    return f"{text} {labels.unit}".strip()


def axis_value_text(value: float, labels: ChartLabels) -> str:
    """Return a value without its unit words, for short labels on the chart: '95%', '4.2'."""
    text = number_text(value, labels.lang)
    return f"{text}%" if labels.percent or labels.unit == "%" else text


def period_text(day: date, frequency: str, lang: str = "en") -> str:
    """Return how a period is named: 'the week of 2 June 2025', 'June 2025', '2 June 2025'."""
    words = chart_language(lang)
    if frequency == "weekly":
        return words._("the week of %(date)s") % {"date": words.long_date(day)}
    if frequency == "monthly":
        return words.pgettext("monthly period", "%(month)s") % {"month": words.month_year(day)}
    if frequency == "quarterly":
        return words._("the quarter starting %(date)s") % {"date": words.long_date(day)}
    return words.long_date(day)


def periods_text(count: int, frequency: str, lang: str = "en") -> str:
    """Return a count of periods: '1 week', '9 months', '5 points' (unknown frequency)."""
    words = chart_language(lang)
    if frequency == "daily":
        text = words.ngettext("%(count)d day", "%(count)d days", count)
    elif frequency == "weekly":
        text = words.ngettext("%(count)d week", "%(count)d weeks", count)
    elif frequency == "monthly":
        text = words.ngettext("%(count)d month", "%(count)d months", count)
    elif frequency == "quarterly":
        text = words.ngettext("%(count)d quarter", "%(count)d quarters", count)
    else:
        text = words.ngettext("%(count)d point", "%(count)d points", count)
    return text % {"count": count}


def short_date(day: date, lang: str = "en") -> str:
    """Return a compact date for the chart's key: '9 Dec 2024'."""
    return f"{day.day} {chart_language(lang).short_month(day)} {day.year}"


def phase_name(labels: ChartLabels, phase: int) -> str:
    """Return the name of a phase after the first ('Phase 3' when it has none)."""
    position = phase - 2
    if 0 <= position < len(labels.phase_names) and labels.phase_names[position].strip():
        return labels.phase_names[position].strip()
    return speech(labels)._("Phase %(number)d") % {"number": phase}
