"""Chart SVGs: valid, accessible, text as text, deterministic, honest marks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from tests.analysis.helpers import ratios, values, week
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec
from toolkit_builder.charts.draw import draw_chart
from toolkit_builder.charts.labels import ChartLabels

SVG = "{http://www.w3.org/2000/svg}"


def labels(**extra: object) -> ChartLabels:
    base = {"chart_id": "chart-x", "title": "Falls & slips", "description": "Reading <here>"}
    return ChartLabels(**{**base, **extra})  # type: ignore[arg-type]


def test_svg_is_valid_xml_with_title_description_and_role() -> None:
    svg = draw_chart(analyse(values([3, 4, 5, 4, 6] * 3), ChartSpec("c")), labels())
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-x-title chart-x-desc"
    assert root.find(f"{SVG}title").text == "Falls & slips"
    assert root.find(f"{SVG}desc").text == "Reading <here>"
    assert root.get("viewBox") and root.get("width") is None  # scales to its container


def test_text_stays_text_and_nothing_is_loaded_from_elsewhere() -> None:
    svg = draw_chart(
        analyse(values([3, 4, 5, 4, 6] * 3), ChartSpec("c")), labels(direction="decrease")
    )
    text = svg.decode()
    texts = ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "Falls & slips" in texts and "↓ Lower is better" in texts
    assert "Control limits" in texts and "Mean" in texts
    assert "<image" not in text
    assert not re.search(r'(?:href|src)="(?:https?:)?//', text)
    assert "<dc:date>" not in text


def test_two_draws_give_identical_bytes() -> None:
    analysis = analyse(
        ratios([5, 6, 7, 8, 9] * 3, [10, 12, 14, 16, 18] * 3), ChartSpec("p", multiplier=100)
    )
    assert draw_chart(analysis, labels(percent=True)) == draw_chart(analysis, labels(percent=True))


def test_run_chart_has_no_limit_lines_and_p_chart_does() -> None:
    run_svg = draw_chart(analyse(values([1, 2, 3, 4] * 4), ChartSpec("run")), labels()).decode()
    p_svg = draw_chart(
        analyse(ratios([1, 2, 3, 4] * 4, [10] * 16), ChartSpec("p")), labels()
    ).decode()
    assert "Control limits" not in run_svg and "Median" in run_svg
    assert "Control limits" in p_svg
    assert p_svg.count("stroke-dasharray") > run_svg.count("stroke-dasharray")


def test_percent_axis_and_goal_label() -> None:
    analysis = analyse(ratios([5, 6, 7, 8] * 4, [10] * 16), ChartSpec("p", multiplier=100))
    svg = draw_chart(analysis, labels(percent=True, goal=95.0)).decode()
    texts = "".join(ET.fromstring(svg).itertext())
    assert "80%" in texts and "Goal 95%" in texts


@pytest.mark.parametrize("chart", ["run", "i", "p", "u", "c"])
def test_every_chart_type_draws_phases_and_annotations(chart: str) -> None:
    spec = ChartSpec(chart, phase_starts=(week(8),))  # type: ignore[arg-type]
    observations = (
        ratios([3, 4, 5, 4] * 4, [10] * 16) if chart in ("p", "u") else values([3, 4, 5, 4] * 4)
    )
    svg = draw_chart(
        analyse(observations, spec),
        labels(phase_names=("Huddles",), annotations=((week(2), "PDSA 1"),)),
    )
    texts = ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "Huddles" in texts and "1" in texts


def test_missing_everything_still_draws() -> None:
    svg = draw_chart(analyse(values([None, None]), ChartSpec("i")), labels())
    assert ET.fromstring(svg).find(f"{SVG}title") is not None


def test_signals_use_shape_as_well_as_colour() -> None:
    series = [5.0] * 3 + [6.0] * 3 + [5.0, 6.0] * 3 + [40.0]
    analysis = analyse(values(series), ChartSpec("i", rules="mdc", direction="increase"))
    assert analysis.points[-1].outside_limits
    svg = draw_chart(analysis, labels(direction="increase")).decode()
    # Diamonds mark points outside the limits; matplotlib defines each marker shape once.
    assert svg.count('id="m') >= 3  # circle, hollow circle and diamond markers at least
    assert date(2025, 1, 6) == week(0)
