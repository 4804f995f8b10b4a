"""Readings say only what the rules found, in plain words, in one to three sentences."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.charts.factory import make_analysis, make_labels, month, week
from toolkit_builder.analysis.types import ChartAnalysis, PhaseChange
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.reading import read_chart, status_label

LOW_HIGH = [10.0, 11, 9, 10, 11, 9, 10, 11, 9, 10, 20, 21, 19, 20, 21, 19, 20, 21, 19, 20]
NOISE = [10.0, 12, 9, 11, 13, 8, 12, 10, 11, 9, 12, 10, 11, 13]
CLAIMS = ("a signal", "special-cause", "outside the control limits")


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=\.)\s+(?=[A-Z])", text)


def read(analysis: ChartAnalysis, **fields: object) -> tuple[str, str]:
    labels = make_labels(unit="days", **fields)
    assert isinstance(labels, ChartLabels)
    return read_chart(analysis, labels), status_label(analysis, labels.direction)


def shift(direction: str) -> ChartAnalysis:
    """A run chart whose second half is a run above the median (and the first, below)."""
    return make_analysis(LOW_HIGH, chart="run", run=range(1, 21), direction=direction)  # type: ignore[arg-type]


CASES = [
    (
        "improvement",
        shift("increase"),
        {"direction": "increase", "annotations": ((week(9), "Huddle"),)},
        [
            "The latest value is 20 days (the week of 19 May 2025); the median is 15 days.",
            "From the week of 17 March 2025, 10 weeks in a row were above the median: a signal "
            "of improvement, after “Huddle” (the week of 10 March 2025).",
        ],
        "Improving",
    ),
    ("deterioration", shift("decrease"), {"direction": "decrease"}, ["signal of deterioration"],
     "Deteriorating"),
    ("neutral", shift("neutral"), {"direction": "neutral"},
     ["a signal of a change to higher values"], "Signal: higher"),
    ("no signal", make_analysis(NOISE, chart="run"), {"direction": "increase"},
     ["There is no signal of change: only common cause variation"], "No signal"),
    ("short", make_analysis([1.0, 2, 3], run=(1, 2, 3)), {"direction": "increase"},
     ["With only 3 points there is too little data to judge"], "Too little data"),
    ("all missing", make_analysis([None, None]), {},
     ["There are no data for this measure yet: every period is missing."], "Too little data"),
    ("all excluded", make_analysis([3.0, 4.0], excluded=(1, 2)), {},
     ["Every value is excluded"], "Too little data"),
    ("constant", make_analysis([4.0] * 14, chart="run"), {},
     ["The latest value is 4 days", "Every value is the same"], "No signal"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("analysis", "fields", "expected", "status"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_reading_and_status(
    analysis: ChartAnalysis, fields: dict[str, object], expected: list[str], status: str
) -> None:
    text, label = read(analysis, **fields)
    for phrase in expected:
        assert phrase in text
    assert label == status
    assert 1 <= len(sentences(text)) <= 3
    if status in ("No signal", "Too little data"):
        assert not any(claim in text for claim in CLAIMS)


def test_a_shift_is_told_once_not_as_two_runs() -> None:
    text, _ = read(shift("increase"), direction="increase")
    assert "below the median" not in text and text.count("in a row") == 1


def test_a_run_that_has_ended_says_only_that_the_process_changed() -> None:
    values = [20.0, 21, 19, 20, 21, 19, 20, 21, 19, 10, 20, 9, 21, 11, 19, 10, 20, 12, 18, 9]
    analysis = make_analysis(
        values, chart="run", run=range(1, 10), direction="decrease", centre=15.0
    )
    text, status = read(analysis, direction="decrease")
    assert (
        "From the week of 6 January 2025 to the week of 3 March 2025, 9 weeks in a row were "
        "above the median: a signal that the process changed (values were worse than usual "
        "then)." in text
    )
    assert "deterioration" not in text and status == "Signal of change"


def test_a_change_after_the_signal_began_is_not_linked_to_it() -> None:
    text, _ = read(shift("increase"), direction="increase", annotations=((week(12), "Late"),))
    assert "Late" not in text and "after" not in text


def test_phase_names_and_centres() -> None:
    analysis = make_analysis(NOISE + [v + 10 for v in NOISE], chart="run", phase_starts=(15,))
    analysis = replace(analysis, changes=(PhaseChange(2, 11.0, 21.0, False),))
    text, status = read(analysis, phase_names=("Escalation aid",))
    assert (
        "The median has been higher since “Escalation aid” began (from 11 to 21 days: up 10), "
        "but this is not yet a signal that it is more than chance." in text
    )
    assert status == "No signal"


def test_a_supported_fall_reads_as_improvement_when_lower_is_better() -> None:
    analysis = make_analysis(NOISE + [v - 5 for v in NOISE], chart="i", phase_starts=(15,))
    analysis = replace(analysis, changes=(PhaseChange(2, 11.0, 6.0, True, 15),))
    text, status = read(analysis, phase_names=("Huddle",), direction="decrease")
    assert "the mean has fallen from 11 to 6 days (down 5): a signal of improvement" in text
    assert status == "Improving"
    text, status = read(analysis, phase_names=("Huddle",), direction="increase")
    assert "a signal of deterioration" in text and status == "Deteriorating"


def test_no_reading_says_random() -> None:
    text, _ = read(make_analysis(NOISE, chart="run"), direction="increase")
    assert "random" not in text and "common cause variation" in text


def test_points_outside_the_limits_in_percent() -> None:
    values = [50.0] * 15 + [100.0]
    analysis = make_analysis(values, chart="p", spread=20.0, multiplier=100)
    labels = make_labels(percent=True, direction="increase")
    text = read_chart(analysis, labels)
    assert text == (
        "The latest value is 100% (the week of 21 April 2025); the mean is 53.1%. One point was "
        "outside the control limits: the week of 21 April 2025 (100%), above the upper limit: "
        "a signal of improvement."
    )
    assert status_label(analysis, "increase") == "Improving"
    assert status_label(analysis, labels) == "Improving"  # labels carry the direction too


def test_an_old_point_outside_the_limits_is_not_the_current_status() -> None:
    values = [50.0] * 7 + [99.0] + [50.0, 51] * 4
    analysis = make_analysis(values, spread=20.0)
    text, status = read(analysis, direction="decrease")
    assert "most recently" not in text and "signal of deterioration" in text
    assert status == "Signal of change"


def test_too_few_crossings_without_a_long_run() -> None:
    fields = {1: {"runs_signal": True, "crossings": 2, "crossings_limit": 4}}
    analysis = make_analysis(NOISE, chart="run", phase_fields=fields)
    text, status = read(analysis)
    assert "crossed the median only 2 times, fewer than expected by chance (at least 4)" in text
    assert status == "Signal of change"


def test_ihi_shift_trend_and_runs() -> None:
    values = [float(v) for v in range(1, 15)]
    fields = {1: {"trends": ((3, 14),), "runs": 2, "runs_limits": (4, 11), "runs_signal": True}}
    analysis = make_analysis(
        values, chart="run", rules="ihi", run=range(3, 15), phase_fields=fields
    )
    text, status = read(analysis, direction="increase")
    assert "From the week of 20 January 2025, the values rose steadily over 12 weeks" in text
    assert "The data made 2 runs about the median, fewer than expected by chance" in text
    assert status == "Improving"


def test_mdc_reading_uses_variation_and_assurance() -> None:
    special = dict.fromkeys(range(9, 16), "improvement")
    analysis = make_analysis(
        [10.0] * 8 + [6.0] * 7, rules="mdc", direction="decrease", special=special,
        spread=6.0, variation="special_cause_improvement", assurance="inconsistent", target=8.0,
    )  # fmt: skip
    text, status = read(analysis, direction="decrease")
    assert sentences(text)[1:] == [
        "Since the week of 3 March 2025, the points show special-cause variation of an "
        "improving nature.",
        "The target (8 days) lies between the limits, so the process will sometimes meet it "
        "and sometimes not.",
    ]
    assert status == "Special cause variation – improvement; inconsistently passing target"


def test_mdc_common_cause_mentions_an_earlier_special_cause() -> None:
    special = {3: "concern"}
    analysis = make_analysis(
        NOISE, rules="mdc", special=special, variation="common_cause", direction="increase"
    )
    text, status = read(analysis, direction="increase")
    assert "The latest point shows common-cause variation only" in text
    assert "Earlier, from the week of 20 January 2025, there was special-cause variation" in text
    assert status == "Common cause variation"


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        ("daily", "(6 January 2025)"),
        ("weekly", "(the week of 6 January 2025)"),
        ("monthly", "(January 2024)"),
        ("quarterly", "(the quarter starting 1 January 2024)"),
    ],
)
def test_periods_are_named_by_frequency(frequency: str, expected: str) -> None:
    periods = [week(0)] if frequency in ("daily", "weekly") else [month(0)]
    text, _ = read(make_analysis([5.0], periods=periods), frequency=frequency)
    assert expected in text


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.floats(0, 1000, allow_nan=False)), min_size=0, max_size=40
    ),
    chart=st.sampled_from(["run", "i", "p", "c"]),
    rules=st.sampled_from(["anhoej", "ihi", "mdc"]),
    direction=st.sampled_from(["increase", "decrease", "neutral"]),
)
def test_never_claims_a_signal_the_rules_do_not_give(
    values: list[float | None], chart: str, rules: str, direction: str
) -> None:
    analysis = make_analysis(
        values, chart=chart, rules=rules, direction=direction, spread=1e9,  # type: ignore[arg-type]
        variation="common_cause" if rules == "mdc" else None,
    )  # fmt: skip
    text, status = read(analysis, direction=direction)
    assert not any(claim in text for claim in CLAIMS)
    assert status in ("No signal", "Too little data", "Common cause variation")
    assert 1 <= len(sentences(text)) <= 3


def test_a_change_is_named_once_per_reading() -> None:
    values = [10.0] * 10 + [20.0] * 9 + [40.0]
    analysis = make_analysis(values, run=range(11, 21), centre=15.0, spread=15.0)
    text, _ = read(analysis, direction="increase", annotations=((week(9), "Huddle"),))
    assert text.count("Huddle") == 1
    assert sentences(text)[2].endswith("above the upper limit: a signal of improvement.")
