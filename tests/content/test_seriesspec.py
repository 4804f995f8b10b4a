"""How a series is analysed: one spec for validation and the charts."""

from __future__ import annotations

from datetime import date, timedelta

from toolkit_builder.analysis.types import Observation
from toolkit_builder.content.model import DataRow, Goal, Measure, Phase, Series
from toolkit_builder.content.seriesspec import chart_direction, chart_spec, shown_phases
from toolkit_builder.errors import Location

HERE = Location.__new__(Location)


def weekly_series(values: list[float], phases: tuple[Phase, ...] = (), chart: str = "i") -> Series:
    start = date(2025, 1, 6)
    rows = tuple(
        DataRow(Observation(start + timedelta(weeks=i), v), "", i + 2) for i, v in enumerate(values)
    )
    return Series("s", "c", "m", "data/s.csv", chart, "anhoej", rows, HERE, phases=phases)  # type: ignore[arg-type]


def measure(direction: str = "up", multiplier: float = 1.0, goal: float | None = None) -> Measure:
    return Measure(
        "m", "Measure", "process", "", "value", direction, "i", "", "weekly", HERE,  # type: ignore[arg-type]
        multiplier=multiplier, goal=Goal(goal) if goal is not None else None,
    )  # fmt: skip


def test_phases_outside_the_data_are_not_shown() -> None:
    before = Phase(date(2024, 12, 1), "before the data")
    on_first = Phase(date(2025, 1, 6), "on the first point")
    inside = Phase(date(2025, 3, 3), "inside")
    after = Phase(date(2026, 1, 5), "after the data")
    series = weekly_series([10.0] * 20, (before, on_first, inside, after))
    assert shown_phases(series) == (inside,)
    assert chart_spec(series, measure()).phase_starts == (date(2025, 3, 3),)


def test_an_mr_chart_has_no_better_direction() -> None:
    assert chart_direction("mr", measure("down")) == "neutral"
    assert chart_direction("i", measure("down")) == "down"
    assert chart_spec(weekly_series([1.0, 2.0], chart="mr"), measure("up")).direction == "neutral"


def test_the_spec_carries_the_measures_scale_and_goal() -> None:
    spec = chart_spec(weekly_series([0.5, 0.6]), measure(multiplier=100, goal=90))
    assert (spec.multiplier, spec.target, spec.chart, spec.rules) == (100, 90, "i", "anhoej")
    assert chart_spec(weekly_series([0.5]), measure()).target is None
