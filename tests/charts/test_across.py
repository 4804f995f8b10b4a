"""A service's latest state on a measure: variation by the chart's own rules, assurance of
the goal against the latest limits, the latest value; from real analyses of made-up data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import PurePosixPath

import pytest

from toolkit_builder.analysis.types import ChartType, Direction, Observation, RuleSet
from toolkit_builder.charts.across import (
    ASSURANCE_KINDS,
    VARIATION_KINDS,
    known_state,
    latest_state,
)
from toolkit_builder.charts.reading import status_label, status_of
from toolkit_builder.charts.stage import view_series
from toolkit_builder.content.model import DataRow, Goal, Measure, Series
from toolkit_builder.errors import Location

HERE = Location(PurePosixPath("content/case-studies/x.yaml"), 1, 1)
STEADY = [40, 42, 38, 41, 39, 40, 43, 37, 40, 41, 39, 40, 42, 38, 40, 41, 39, 40, 41, 39]
"""Twenty values about 40 of 50: no signal."""


def measure(
    goal: float | None = None, direction: Direction = "increase", chart: ChartType = "p"
) -> Measure:
    return Measure(
        id="m",
        title="Sets complete",
        type="process",
        definition="",
        scoring="proportion",
        direction=direction,
        chart=chart,
        data_source="",
        frequency="weekly",
        source=HERE,
        multiplier=100,
        unit="%",
        goal=Goal(goal) if goal is not None else None,
    )


def series(numerators: list[float], chart: ChartType = "p", rules: RuleSet = "anhoej") -> Series:
    start = date(2025, 1, 6)
    rows = tuple(
        DataRow(Observation(start + timedelta(weeks=i), float(n), 50.0), "", i + 2)
        for i, n in enumerate(numerators)
    )
    return Series("c-m", "c", "m", "data/c.csv", chart, rules, rows, HERE)


@pytest.mark.parametrize(
    ("goal", "expected"),
    [(50, "consistent_pass"), (80, "inconsistent"), (99, "consistent_fail"), (None, "no-goal")],
)
def test_assurance_places_the_goal_against_the_latest_limits(
    goal: float | None, expected: str
) -> None:
    view = view_series(series(STEADY), measure(goal))
    state = latest_state(view)
    last = view.analysis.points[-1]
    assert last.lower is not None and last.upper is not None
    if expected == "consistent_pass":
        assert goal is not None and goal < last.lower
    if expected == "consistent_fail":
        assert goal is not None and goal > last.upper
    assert state.assurance == expected
    assert state.variation == "no-signal" and state.status == "No signal"
    assert state.value == 78.0 and state.value_text == "78%"
    assert state.period == date(2025, 5, 19) and "19 May 2025" in state.period_text
    assert state.points == 20 and state.goal == goal


def test_lower_is_better_turns_the_comparison_round() -> None:
    view = view_series(series(STEADY), measure(50, direction="decrease"))
    assert latest_state(view).assurance == "consistent_fail"


def test_a_run_chart_or_too_little_data_gives_no_assurance() -> None:
    run = latest_state(view_series(series(STEADY, chart="run"), measure(80, chart="run")))
    assert run.assurance == "no-limits"
    few = latest_state(view_series(series(STEADY[:8]), measure(80)))
    assert few.variation == "too-little-data" and few.assurance == "too-little-data"
    assert few.status == "Too little data"
    neutral = latest_state(view_series(series(STEADY), measure(80, direction="neutral")))
    assert neutral.assurance == "neutral"


def test_an_improvement_is_named_with_its_side_as_the_status_words_say() -> None:
    rising = [*STEADY[:12], 46, 47, 46, 48, 47, 46, 47, 48, 46, 47]
    view = view_series(series(rising), measure(80))
    state = latest_state(view)
    assert state.status == status_label(view.analysis, view.labels) == "Improving"
    assert (state.variation, state.high) == ("improvement", True)
    falling = latest_state(view_series(series(rising), measure(80, direction="decrease")))
    assert (falling.variation, falling.high, falling.status) == ("concern", True, "Deteriorating")
    assert VARIATION_KINDS.index("improvement") == state.variation_rank
    assert ASSURANCE_KINDS.index(state.assurance) == state.assurance_rank


def test_making_data_count_keeps_its_own_assurance_and_variation() -> None:
    values = [10, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 12, 11, 10, 9, 11, 10, 11, 12, 10]
    mdc_measure = measure(2000, chart="i")  # values are multiplied by 100: about 1,000
    view = view_series(series(values, chart="i", rules="mdc"), mdc_measure)
    state = latest_state(view)
    assert view.analysis.assurance == "consistent_fail" == state.assurance
    assert view.analysis.variation == "common_cause" and state.variation == "no-signal"
    assert status_of(view.analysis, view.labels).kind == "no-signal"
    assert state.status.startswith("Common cause variation")


def test_a_view_keeps_its_latest_state_as_worked_out_when_made() -> None:
    view = view_series(series(STEADY), measure(80))
    assert view.latest is not None and view.latest == latest_state(replace(view, latest=None))
    assert known_state(view) is view.latest  # the pages and api/ read it, not work it out again
    assert known_state(replace(view, latest=None)) == view.latest


@pytest.mark.parametrize(
    ("values", "goal", "direction"),
    [
        (STEADY, 80, "increase"),
        (STEADY[:8], 80, "increase"),
        ([*STEADY[:12], 46, 47, 46, 48, 47, 46, 47, 48, 46, 47], 80, "increase"),
        ([*STEADY[:12], 46, 47, 46, 48, 47, 46, 47, 48, 46, 47], 30, "decrease"),
    ],
)
def test_the_view_keeps_the_state_and_status_worked_out_afresh(
    values: list[int], goal: int, direction: Direction
) -> None:
    view = view_series(series(values), measure(goal, direction=direction))
    assert view.latest == latest_state(replace(view, latest=None))
    assert view.status == status_label(view.analysis, view.labels)
