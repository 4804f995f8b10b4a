"""Charts and readings from real analyses (toolkit_builder.analysis.analyse)."""

from __future__ import annotations

import pytest

from tests.analysis.helpers import ratios, values, week
from tests.charts.factory import make_labels
from tests.charts.svgtools import draw, ids, marker_uses, texts
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec, ChartType
from toolkit_builder.charts.reading import read_chart, status_label
from toolkit_builder.charts.signals import signal_marks

LOW_HIGH = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 20, 21, 19, 20, 21, 19, 20, 21, 19, 20]


@pytest.mark.parametrize("chart", ["run", "i", "p", "u", "c"])
def test_every_chart_type_draws_with_phases_and_changes(chart: ChartType) -> None:
    spec = ChartSpec(chart, phase_starts=(week(8),))
    data = ratios([3, 4, 5, 4] * 4, [10] * 16) if chart in ("p", "u") else values([3, 4, 5, 4] * 4)
    labels = make_labels(phase_names=("Huddles",), annotations=((week(2), "PDSA 1"),))
    root = draw(analyse(data, spec), labels)
    assert "Huddles" in texts(root) and "1" in texts(root)
    limits = [i for i in ids(root) if "limit" in i]
    assert bool(limits) == (chart != "run")


def test_a_shift_reads_as_improvement_and_is_marked() -> None:
    analysis = analyse(values(LOW_HIGH), ChartSpec("run", direction="increase"))
    labels = make_labels(unit="days", direction="increase", annotations=((week(9), "Huddle"),))
    text = read_chart(analysis, labels)
    assert (
        "From the week of 17 March 2025, 10 weeks in a row were above the median: a signal of "
        "improvement, after “Huddle” (the week of 10 March 2025)." in text
    )
    assert status_label(analysis, "increase") == "Improving"
    root = draw(analysis, labels)
    # the ten weeks below the median before it are a run too: a concern
    assert len(marker_uses(root, "chart-test-signal-run-improvement")) == 10
    assert len(marker_uses(root, "chart-test-signal-run-concern")) == 10
    assert "Long run" in texts(root) and "Improvement" in texts(root)


def test_no_signal_from_noise() -> None:
    data = values([10, 12, 9, 11, 13, 8, 12, 10, 11, 9, 12, 10, 11, 13])
    analysis = analyse(data, ChartSpec("i", direction="increase"))
    assert not signal_marks(analysis, "increase")
    assert "There is no signal of change" in read_chart(analysis, make_labels())
    assert status_label(analysis, "increase") == "No signal"


def test_mdc_special_causes_are_drawn_and_read() -> None:
    series = [10, 12] * 7 + [40]
    spec = ChartSpec("i", rules="mdc", direction="increase", target=5.0)
    analysis = analyse(values(series), spec)
    labels = make_labels(direction="increase", goal=5.0)
    text = read_chart(analysis, labels)
    assert "The latest point shows special-cause variation of an improving nature" in text
    assert "consistently meet it" in text
    assert status_label(analysis, labels).startswith("Special cause variation – improvement")
    root = draw(analysis, labels)
    assert len(marker_uses(root, "chart-test-signal-outside-improvement")) == 1  # the 15th
