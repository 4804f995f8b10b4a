"""Period axes: the date ticks go where matplotlib's date locator puts them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from toolkit_builder.charts.dates import (
    PeriodLocator,
    day_number,
    day_numbers,
    period_locator,
    period_ticks,
)
from toolkit_builder.charts.layout import NARROW, WIDE, Layout

STARTS = [date(2023, 1, 2), date(2024, 2, 29), date(2025, 6, 16), date(2025, 12, 1)]
SPANS = [1, 10, 45, 120, 200, 365, 400, 730, 1100, 2000, 3700]
"""Views from a day to ten years long."""


@pytest.mark.parametrize("layout", [WIDE, NARROW], ids=lambda layout: layout.name)
def test_the_ticks_are_those_of_matplotlibs_date_locator(layout: Layout) -> None:
    plot = Figure().add_axes((0.1, 0.1, 0.8, 0.8))
    for start in STARTS:
        for span in SPANS:
            low = float(date2num(start)) - 0.4
            for view in ((low, low + span), (low + span, low)):  # either way round
                plot.set_xlim(*view)
                plot.xaxis.set_major_locator(PeriodLocator(layout.min_ticks, layout.max_ticks))
                ours = plot.xaxis.get_majorticklocs()
                plot.xaxis.set_major_locator(period_locator(layout.min_ticks, layout.max_ticks))
                theirs = plot.xaxis.get_majorticklocs()
                assert list(ours) == list(theirs), (start, span, view)
                assert len(ours) > 0


def test_a_view_is_worked_out_once() -> None:
    plot = Figure().add_axes((0.1, 0.1, 0.8, 0.8))
    plot.set_xlim(float(date2num(date(2024, 1, 1))), float(date2num(date(2026, 1, 1))))
    plot.xaxis.set_major_locator(PeriodLocator(WIDE.min_ticks, WIDE.max_ticks))
    period_ticks.cache_clear()
    first = plot.xaxis.get_majorticklocs()
    again = plot.xaxis.get_majorticklocs()
    assert list(first) == list(again)
    assert period_ticks.cache_info().hits == 1 and period_ticks.cache_info().misses == 1


def test_day_numbers_are_matplotlibs() -> None:
    days = [date(1900, 1, 1) + timedelta(days=step) for step in range(0, 80_000, 97)]
    days += [date(1970, 1, 1), date(1969, 12, 31), date(2024, 2, 29)]
    expected = [float(date2num(day)) for day in days]
    assert [day_number(day) for day in days] == expected
    assert day_numbers(days).tolist() == expected
    assert day_numbers([]).tolist() == []
