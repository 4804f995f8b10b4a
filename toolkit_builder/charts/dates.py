"""Tick labels for period axes: 'Sep / 2024' on the first tick and when the year changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from matplotlib.dates import num2date
from matplotlib.ticker import Formatter

from toolkit_builder.charts.language import chart_language


def tick_labels(days: Sequence[date], lang: str = "en") -> list[str]:
    """Return labels for ticks at these dates: the year under the first tick and each new year.

    Ticks on the 1st of every month read 'Mar' ('Maw' in Welsh); on 1 January of every
    year, '2025'; otherwise '3 Mar'. Month names come from the chart's language, never
    from the machine's locale.
    """
    if not days:
        return []
    words = chart_language(lang)
    monthly = all(d.day == 1 for d in days)
    if monthly and len(days) > 1 and all(d.month == 1 for d in days):
        return [str(d.year) for d in days]
    labels = []
    previous_year = None
    for day in days:
        month = words.short_month(day)
        head = month if monthly else f"{day.day} {month}"
        labels.append(head if day.year == previous_year else f"{head}\n{day.year}")
        previous_year = day.year
    return labels


class PeriodFormatter(Formatter):
    """Date tick labels that always say the year, without rotation (see tick_labels)."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def __call__(self, x: float, pos: int | None = None) -> str:
        """Return the label of a single tick (used for cursor read-outs)."""
        return tick_labels([num2date(x).date()], self.lang)[0]

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        """Return the labels of all ticks; ticks outside the view get none."""
        low, high = sorted(self.axis.get_view_interval()) if self.axis else (-1e300, 1e300)
        shown = [i for i, v in enumerate(values) if low <= v <= high]
        texts = tick_labels([num2date(values[i]).date() for i in shown], self.lang)
        labels = [""] * len(values)
        for i, text in zip(shown, texts, strict=True):
            labels[i] = text
        return labels
