"""Readings say only what the rules found, in plain language."""

from __future__ import annotations

from tests.analysis.helpers import ratios, values, week
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.reading import read_chart, status_label

LOW_HIGH = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 20, 21, 19, 20, 21, 19, 20, 21, 19, 20]


def reading(
    series: list[float | None], direction: str = "increase", **spec: object
) -> tuple[str, str]:
    labels = ChartLabels(
        "c", "Measure", unit="days", direction=direction, annotations=((week(9), "Huddle"),)
    )  # type: ignore[arg-type]
    chart = spec.pop("chart", "run")
    analysis = analyse(values(series), ChartSpec(chart, direction=direction, **spec))  # type: ignore[arg-type]
    return read_chart(analysis, labels), status_label(analysis, labels)


def test_signal_of_improvement_names_the_run_and_the_change_before_it() -> None:
    text, status = reading(LOW_HIGH)
    assert (
        "From the week of 17 March 2025, 10 weeks in a row were above the median: a signal of improvement"
        in text
    )
    assert "after “Huddle” (the week of 10 March 2025)" in text
    assert status == "Improving"


def test_same_data_when_lower_is_better_is_a_deterioration() -> None:
    text, status = reading(LOW_HIGH, direction="decrease")
    assert "a signal that things have got worse" in text and status == "Getting worse"


def test_neutral_direction_says_changed_not_better_or_worse() -> None:
    text, status = reading(LOW_HIGH, direction="neutral")
    assert "a signal that the process has changed" in text
    assert "improvement" not in text and status == "Signal of change"


def test_no_signal_is_said_plainly_and_never_claims_one() -> None:
    text, status = reading([10, 12, 9, 11, 13, 8, 12, 10, 11, 9, 12, 10, 11, 13])
    assert "There is no signal of change" in text
    assert "signal of improvement" not in text and status == "No signal"


def test_too_little_data() -> None:
    text, status = reading([1, 2, 3])
    assert "too little data to judge" in text and status == "Too little data"


def test_all_missing_and_constant() -> None:
    assert reading([None, None])[0] == "There are no data for this measure yet."
    assert "Every value is the same" in reading([4] * 14)[0]


def test_outside_limits_in_plain_words_with_percent() -> None:
    numerators = [5] * 15 + [10]
    labels = ChartLabels("c", "Sets complete", percent=True, direction="increase")
    analysis = analyse(
        ratios(numerators, [10] * 16), ChartSpec("p", multiplier=100, baseline_points=15)
    )
    text = read_chart(analysis, labels)
    assert (
        "One point was outside the control limits, most recently in the week of 21 April 2025 (100%, beyond the upper limit): a signal of improvement."
        in text
    )
    assert "The latest value is 100%" in text and "the mean is 50%" in text


def test_mdc_reading_uses_variation_and_assurance() -> None:
    text, status = reading([10, 12] * 7 + [40], chart="i", rules="mdc", target=5.0)
    assert "special-cause variation of an improving nature" in text
    assert "consistently meet the goal" in text
    assert status == "Special cause: improvement"
