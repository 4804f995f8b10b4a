"""The small parts: colours, numbers, dates, tick labels and the SVG wrapper."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from tests.charts.factory import make_labels
from toolkit_builder.charts import palette
from toolkit_builder.charts.dates import tick_labels
from toolkit_builder.charts.marks import annotation_key, number_sign
from toolkit_builder.charts.signals import meaning_of
from toolkit_builder.charts.svgdoc import finish_svg
from toolkit_builder.charts.words import number_text, period_text, periods_text, value_text


@pytest.mark.parametrize("colour", palette.MARK_COLOURS)
def test_lines_and_markers_have_3_to_1_contrast(colour: str) -> None:
    assert palette.contrast_on_white(colour) >= 3.0


@pytest.mark.parametrize("colour", palette.TEXT_COLOURS)
def test_text_has_4_5_to_1_contrast(colour: str) -> None:
    assert palette.contrast_on_white(colour) >= 4.5


def test_contrast_formula() -> None:
    assert palette.contrast_on_white("#000000") == pytest.approx(21.0)
    assert palette.contrast_on_white("#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (85.0, "85"), (88.66, "88.7"), (1250.4, "1,250"), (0.0423, "0.042"), (-2.5, "-2.5")],
)
def test_numbers(value: float, text: str) -> None:
    assert number_text(value) == text


def test_values_in_display_units() -> None:
    assert value_text(85.0, make_labels(percent=True)) == "85%"
    assert value_text(4.25, make_labels(unit="per 1,000 bed days")) == "4.2 per 1,000 bed days"
    assert value_text(None, make_labels()) == "no value"
    assert periods_text(1, "weekly") == "1 week" and periods_text(3, "other") == "3 points"
    assert period_text(date(2025, 6, 2), "weekly") == "the week of 2 June 2025"


def test_tick_labels_always_say_the_year() -> None:
    months = [date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1)]
    assert tick_labels(months) == ["Nov\n2024", "Dec", "Jan\n2025", "Feb"]
    assert tick_labels([date(2023, 1, 1), date(2024, 1, 1)]) == ["2023", "2024"]
    assert tick_labels([date(2025, 3, 3), date(2025, 3, 10)]) == ["3 Mar\n2025", "10 Mar"]
    assert tick_labels([]) == []


def test_meaning_follows_direction() -> None:
    assert meaning_of(True, "increase") == "improvement"
    assert meaning_of(True, "decrease") == "concern"
    assert meaning_of(False, "neutral") == "neutral"


def test_key_of_changes_tested_wraps_and_numbers() -> None:
    changes = [
        (d, date(2025, 1, d), f"Change number {d}, described at length") for d in range(1, 9)
    ]
    lines = annotation_key(changes)
    assert len(lines) == 2 and lines[0].startswith("Changes tested:  ❶ Change number 1")
    assert lines[1].endswith(" …") and all(len(line) <= 112 for line in lines)
    assert number_sign(10) == "❿" and number_sign(11) == "(11)"


def test_finished_svg_escapes_and_keeps_text_untouched() -> None:
    raw = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "http://example.org/x.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="10pt" height="5pt" viewBox="0 0 10 5" id="old">'
        '<defs><path id="m1" d="M 0 0"/><clipPath id="c1"/></defs>'
        '<use xlink:href="#m1" clip-path="url(#c1)"/><text>id="m1" stays</text>'
        '<text x="1"> url(#c1) and href="#m1" stay &gt; too</text><g id="" href="#"/>'
        '<g data-id="d1"/></svg>'
    )
    svg = finish_svg(raw, "c-7", 'A & "B" <C>', "Desc > here")
    root = ET.fromstring(svg)
    assert "DOCTYPE" not in svg and root.get("id") == "c-7" and root.get("width") is None
    assert root[0].text == 'A & "B" <C>' and root[1].text == "Desc > here"
    assert 'xlink:href="#c-7-m1"' in svg and "url(#c-7-c1)" in svg
    assert '<text>id="m1" stays</text>' in svg
    assert '<text x="1"> url(#c1) and href="#m1" stay &gt; too</text>' in svg
    assert '<g id="" href="#"/>' in svg  # nothing to prefix
    assert '<g data-id="d1"/>' in svg  # only an attribute named id is an id
    assert [e.get("id") for e in root.iter() if e.get("id")] == [
        "c-7", "c-7-title", "c-7-desc", "c-7-m1", "c-7-c1"
    ]  # fmt: skip
