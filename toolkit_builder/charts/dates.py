"""Period axes: where the date ticks go (PeriodLocator), and their labels: 'Sep / 2024' on
the first tick and when the year changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo
from functools import lru_cache

import numpy as np
from matplotlib.dates import MONTHLY, AutoDateLocator, date2num, num2date
from matplotlib.ticker import Formatter
from numpy.typing import NDArray

from toolkit_builder.charts.language import chart_language

EPOCH_DAY = date(1970, 1, 1)
"""A day whose day number is worked out once (_epoch_day_number); every other day's is
counted from it."""


@lru_cache(maxsize=1)
def _epoch_day_number() -> float:
    return float(date2num(EPOCH_DAY))


def day_number(day: date) -> float:
    """Return matplotlib's day number of a date, as date2num gives it, without its numpy
    conversion (date2num: about 18 µs a date, 95 µs a line of 40; a chart converts its
    points' periods for each line). Day numbers count days from matplotlib's epoch, so
    a date's is EPOCH_DAY's plus the days between them: whole numbers, exact in a
    float, whatever the epoch."""
    return _epoch_day_number() + (day - EPOCH_DAY).days


def day_numbers(days: Sequence[date]) -> NDArray[np.float64]:
    """Return the day number of each date (day_number), as an array."""
    return np.array([day_number(day) for day in days], dtype=np.float64)


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
        return list(period_labels(tuple(float(v) for v in values), low, high, self.lang))


@lru_cache(maxsize=1024)
def period_labels(values: tuple[float, ...], low: float, high: float, lang: str) -> tuple[str, ...]:
    """Return the labels of ticks at `values` (day numbers) on a view from `low` to
    `high`: tick_labels of the ticks in view, none for the others. Worked out once per
    process for the same ticks and view (charts of a collaborative share their dates;
    matplotlib's num2date costs about 40 µs a tick)."""
    shown = [i for i, v in enumerate(values) if low <= v <= high]
    texts = tick_labels([num2date(values[i]).date() for i in shown], lang)
    labels = [""] * len(values)
    for i, text in zip(shown, texts, strict=True):
        labels[i] = text
    return tuple(labels)


MONTH_STEPS = [1, 2, 3, 4, 6, 12]
"""Months between date ticks that a period axis may use (matplotlib's AutoDateLocator
allows 1, 2, 3, 4 and 6 only, so a narrow chart of two years had ticks every 6 months;
with 12 it has them yearly)."""


def period_locator(minticks: int, maxticks: int, tz: tzinfo | None = None) -> AutoDateLocator:
    """Return matplotlib's date locator as a period axis uses it: between `minticks` and
    `maxticks` ticks, months stepped by MONTH_STEPS."""
    locator = AutoDateLocator(tz=tz, minticks=minticks, maxticks=maxticks)
    locator.intervald[MONTHLY] = MONTH_STEPS
    return locator


@lru_cache(maxsize=1024)
def period_ticks(
    low: float, high: float, minticks: int, maxticks: int, tz: tzinfo
) -> tuple[float, ...]:
    """Return the date ticks (day numbers) period_locator puts on a view from `low` to
    `high` (day numbers, low <= high), as its axis asks for them."""
    locator = period_locator(minticks, maxticks, tz)
    ticks = locator.tick_values(num2date(low, tz), num2date(high, tz))
    return tuple(float(tick) for tick in ticks)


class PeriodLocator(AutoDateLocator):
    """period_locator's ticks, worked out once per process for each view, tick range and
    time zone: charts of a collaborative share their date ranges, and matplotlib's date
    locator costs about 0.4 ms a chart (tests/charts/test_dates.py holds the ticks to
    its own)."""

    def __init__(self, minticks: int, maxticks: int) -> None:
        super().__init__(minticks=minticks, maxticks=maxticks)
        self.intervald[MONTHLY] = MONTH_STEPS
        self.tick_range = (minticks, maxticks)

    def __call__(self) -> NDArray[np.float64]:
        """Return the ticks of the axis's view, as AutoDateLocator's call does."""
        assert self.axis is not None
        low, high = sorted(float(end) for end in self.axis.get_view_interval())
        return np.asarray(period_ticks(low, high, *self.tick_range, self.tz), dtype=np.float64)
