"""Chart SVGs: valid, accessible, scalable, text as text, deterministic, honest marks."""

from __future__ import annotations

import math
import re
import warnings
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from tests.charts.factory import make_analysis, make_labels, month, week
from tests.charts.svgtools import NS, draw, group, ids, marker_uses, path_points, texts
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec, Observation
from toolkit_builder.charts import draw as draw_module
from toolkit_builder.charts.draw import draw_chart
from toolkit_builder.charts.frame import PlotLine
from toolkit_builder.charts.linestyle import LineStyle
from toolkit_builder.charts.palette import CONCERN, DATA, IMPROVEMENT, TEXT
from toolkit_builder.charts.svgdoc import svg_id

SERIES = [10, 12, 9, 11, 13, 8, 12, 10, 11, 9, 12, 10, 11, 13]
NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def test_svg_is_titled_described_and_scales() -> None:
    labels = make_labels(description="Reading <here> & there")
    root = draw(make_analysis(SERIES), labels)
    assert root.tag == f"{NS}svg"
    assert root[0].tag == f"{NS}title" and root[1].tag == f"{NS}desc"
    assert root[0].text == "Falls & <slips>" and root[1].text == "Reading <here> & there"
    assert root.get("role") == "img" and root.get("id") == "chart-test"
    assert root.get("aria-labelledby") == "chart-test-title chart-test-desc"
    assert (root[0].get("id"), root[1].get("id")) == ("chart-test-title", "chart-test-desc")
    assert root.get("viewBox") == "0 0 576 259.2"
    assert root.get("width") is None and root.get("height") is None


def test_description_defaults_to_the_reading() -> None:
    root = draw(make_analysis(SERIES, chart="run"), make_labels(unit="days"))
    assert root[1].text is not None and root[1].text.startswith("The latest value is 13 days")


def test_every_id_is_unique_and_belongs_to_the_chart() -> None:
    root = draw(make_analysis(SERIES), make_labels(chart_id="series 7/ward"))
    found = ids(root)
    assert len(found) == len(set(found))
    assert all(i == "series-7-ward" or i.startswith("series-7-ward-") for i in found)
    assert svg_id("7") == "chart-7" and svg_id("") == "chart"


def test_text_stays_text_and_nothing_is_loaded_from_elsewhere() -> None:
    labels = make_labels(unit="days", direction="decrease", goal=9.0)
    svg = draw_chart(make_analysis(SERIES), labels).decode()
    root = draw(make_analysis(SERIES), labels)
    words = texts(root)
    for expected in ("Falls & <slips>", "↓ Lower is better", "days", "Mean", "Control limits"):
        assert expected in words
    assert "Goal 9" in words and "Feb" in words and "2025" in words
    assert "<image" not in svg and "<!DOCTYPE" not in svg and "<dc:date>" not in svg
    assert "DejaVuSans-" not in svg  # no glyph outlines: fonttype 'none'
    assert set(re.findall(r"https?://[^\"'\s<>)]+", svg)) <= NAMESPACES


def test_two_draws_give_identical_bytes() -> None:
    analysis = make_analysis(SERIES, chart="p", multiplier=100, run=(3, 4))
    labels = make_labels(percent=True, annotations=((week(2), "Huddle"),), goal=95.0)
    assert draw_chart(analysis, labels) == draw_chart(analysis, labels)


def test_drawing_leaves_global_matplotlib_settings_alone() -> None:
    before = dict(matplotlib.rcParams)
    draw_chart(make_analysis(SERIES), make_labels())
    assert dict(matplotlib.rcParams) == before
    source = "".join(p.read_text() for p in Path(draw_module.__file__).parent.glob("*.py"))
    assert "pyplot" not in source and "rcParams[" not in source


def test_run_chart_has_a_median_and_no_limits() -> None:
    root = draw(make_analysis(SERIES, chart="run"), make_labels())
    assert "Median" in texts(root) and "Control limits" not in texts(root)
    assert not [i for i in ids(root) if "limit" in i]
    group(root, "chart-test-centre-1")


def test_p_chart_limits_step_with_each_denominator() -> None:
    spreads = [10.0, 14.0, 8.0, 12.0] * 4
    analysis = make_analysis([50.0] * 16, chart="p", spread=spreads, multiplier=100)
    root = draw(analysis, make_labels(percent=True))
    upper = {y for _, y in path_points(group(root, "chart-test-upper-limit-1"))}
    assert len(upper) == 4  # a step per distinct limit
    assert "Control limits (provisional)" not in texts(root)


def test_limits_are_whole_across_a_missing_point() -> None:
    root = draw(make_analysis([5.0, 6.0, None, 5.0, 6.0] * 3), make_labels())
    limit = group(root, "chart-test-upper-limit-1").find(f".//{NS}path")
    data = group(root, "chart-test-data-line").find(f".//{NS}path")
    assert limit is not None and data is not None
    assert limit.get("d", "").count("M") == 1  # one unbroken line
    assert data.get("d", "").count("M") == 4  # a gap at each of the 3 missing points


def test_percent_axis_and_goal_label() -> None:
    analysis = make_analysis([70.0, 80.0, 75.0, 85.0] * 4, chart="p", multiplier=100)
    words = texts(draw(analysis, make_labels(percent=True, goal=95.0)))
    assert "80%" in words and "Goal 95%" in words and "Percent" in words


def test_phases_and_changes_tested_are_named() -> None:
    analysis = make_analysis(SERIES, phase_starts=(8,))
    labels = make_labels(
        phase_names=("Escalation aid",),
        annotations=((week(2), "PDSA 1: new form"), (week(40), "after the data")),
    )
    root = draw(analysis, labels)
    words = texts(root)
    assert "Escalation aid" in words and "1" in words and "2" not in words
    key = "".join(texts(group(root, "chart-test-changes-key-1")))
    assert "❶ PDSA 1: new form (20 Jan 2025)" in key and "after the data" not in key
    group(root, "chart-test-centre-2")
    group(root, "chart-test-upper-limit-2")
    group(root, "chart-test-phase-2")


def test_changes_keep_the_numbers_the_page_lists_them_by() -> None:
    labels = make_labels(
        annotations=((week(40), "outside"), (week(9), "later"), (week(3), "earlier"))
    )
    root = draw(make_analysis(SERIES), labels)
    key = "".join(texts(group(root, "chart-test-changes-key-1")))
    assert "❸ earlier (27 Jan 2025)  ·  ❷ later (10 Mar 2025)" in key
    assert "".join(texts(group(root, "chart-test-change-3"))) == "3"
    assert not [i for i in ids(root) if i.endswith("change-1")]


def test_excluded_points_are_hollow() -> None:
    root = draw(make_analysis(SERIES, excluded=(3,)), make_labels())
    [(_, style)] = marker_uses(root, "chart-test-excluded-points")
    assert "fill: #ffffff" in style
    assert len(marker_uses(root, "chart-test-data-points")) == len(SERIES) - 1
    assert "Excluded" in texts(root)


def test_signals_differ_by_shape_and_by_colour() -> None:
    values = [10.0] * 6 + [14.0] * 7 + [30.0]
    special = dict.fromkeys(range(7, 14), "improvement") | {14: "concern"}
    analysis = make_analysis(
        values, rules="mdc", direction="decrease", special=special, centre=12.0, spread=6.0
    )
    root = draw(analysis, make_labels(direction="decrease"))
    run = marker_uses(root, "chart-test-signal-run-improvement")
    [(diamond, outside_style)] = marker_uses(root, "chart-test-signal-outside-concern")
    assert len(run) == 7 and len(set(run)) == 1  # points 7 to 13, all alike
    [(square, run_style)] = set(run)
    across = {
        ident: [
            float(use.get("x", "nan"))
            for use in group(root, f"chart-test-{ident}").iter(f"{NS}use")
        ]
        for ident in ("data-points", "signal-run-improvement", "signal-outside-concern")
    }
    every = sorted(x for xs in across.values() for x in xs)
    assert len(set(every)) == len(values)  # each point marked once
    assert across["signal-run-improvement"] == every[6:13]
    assert across["signal-outside-concern"] == every[13:]
    plain_shape = marker_uses(root, "chart-test-data-points")[0][0]
    assert len({square, diamond, plain_shape}) == 3
    assert IMPROVEMENT in run_style and CONCERN in outside_style
    words = texts(root)
    for label in ("Outside limits", "Special cause", "Improvement", "Concern"):
        assert label in words


def test_mdc_charts_show_only_special_causes() -> None:
    analysis = make_analysis(SERIES, rules="mdc", run=(1, 2, 3))
    root = draw(analysis, make_labels())
    assert not [i for i in ids(root) if "signal" in i]


def test_a_run_is_marked_only_where_its_phase_signals() -> None:
    fields = {1: {"runs_signal": False}}
    root = draw(make_analysis(SERIES, run=(1, 2), phase_fields=fields), make_labels())
    assert not [i for i in ids(root) if "signal" in i]


@pytest.mark.parametrize("values", [[], [None, None, None]])
def test_no_data_still_draws(values: list[float | None]) -> None:
    root = draw(make_analysis(values), make_labels())
    assert "No data to plot yet" in texts(root)


def test_dates_say_the_year_and_long_titles_are_shortened() -> None:
    periods = [month(i) for i in range(20)]
    title = "A very long measure title " * 5
    root = draw(make_analysis([5.0] * 20, periods=periods), make_labels(title=title))
    words = texts(root)
    assert any("2024" in w for w in words) and any("2025" in w for w in words)
    assert root[0].text == title
    assert any(w.endswith("…") and len(w) <= 78 for w in words)


def legend_fills(root: ET.Element) -> set[str]:
    """Return the fill colours of every marker in the chart's legends."""
    fills = set()
    for ident in ids(root):
        if "-legend_" in ident and ident.count("_") == 1:
            for _shape, style in marker_uses(root, ident):
                fills |= set(re.findall(r"fill: (#[0-9a-f]{6})", style))
    return fills


def test_the_legend_shows_only_marks_that_are_drawn_as_drawn() -> None:
    # the outside point is drawn blue (an improvement): the legend never shows it black
    values = [10.0] * 6 + [14.0] * 7 + [30.0]
    analysis = make_analysis(
        values, direction="increase", run=range(7, 14), centre=12.0, spread=6.0
    )
    root = draw(analysis, make_labels(direction="increase"))
    drawn = {
        fill
        for ident in ids(root)
        if "-signal-" in ident
        for _shape, style in marker_uses(root, ident)
        for fill in re.findall(r"fill: (#[0-9a-f]{6})", style)
    }
    assert drawn == {IMPROVEMENT}
    assert legend_fills(root) - {DATA, "#ffffff"} == drawn
    assert TEXT not in legend_fills(root)
    assert "Concern" not in texts(root)


def test_a_frozen_baseline_ends_with_a_labelled_line() -> None:
    observations = [Observation(week(i), float(v)) for i, v in enumerate(SERIES)]
    analysis = analyse(observations, ChartSpec("i", baseline_points=8))
    root = draw(analysis, make_labels())
    assert "Baseline ends" in texts(root)
    line = path_points(group(root, "chart-test-baseline-end"))
    xs = sorted({x for x, _ in path_points(group(root, "chart-test-data-line"))})
    assert xs[7] < line[0][0] < xs[8]  # between the 8th point (the last in it) and the 9th
    plain = draw(analyse(observations, ChartSpec("i")), make_labels())
    assert "Baseline ends" not in texts(plain)


def font_sizes(root: ET.Element) -> list[float]:
    """Return the font size (SVG user units) of every <text>."""
    return [
        float(size)
        for t in root.iter(f"{NS}text")
        for size in re.findall(r"font-size: ([\d.]+)px", t.get("style", ""))
    ]


def test_the_narrow_drawing_is_small_with_large_text() -> None:
    # drawn 3.2 inches wide, its smallest text is 9.5 points: at 343 CSS px (a 375 px
    # phone) that is 14 px; the wide drawing's 8.5 points would be 5 px
    analysis = make_analysis(SERIES, phase_starts=(8,), run=(9, 10))
    labels = make_labels(
        direction="increase", phase_names=("A much longer phase name",),
        annotations=((week(3), "Huddle"),), goal=12.0,
    )  # fmt: skip
    wide, narrow = draw(analysis, labels), draw(analysis, replace(labels, narrow=True))
    width = {
        name: float(r.get("viewBox", "").split()[2]) for name, r in (("w", wide), ("n", narrow))
    }
    assert width == {"w": 576.0, "n": 230.4}
    assert min(font_sizes(narrow)) * 343 / width["n"] >= 12
    assert min(font_sizes(wide)) * 343 / width["w"] < 12
    words = texts(narrow)
    assert "A much longer pha…" in words and "↑ Higher is better" in words


def test_carriage_returns_and_tabs_in_words_are_drawn_as_spaces(
    capfd: pytest.CaptureFixture[str],
) -> None:
    labels = make_labels(
        title="Falls\r\nper\tday", unit="per\r1,000", phase_names=("After\thuddles",)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns 'Glyph 13 missing' for a CR
        root = draw(make_analysis(SERIES, phase_starts=(6,)), labels)
    drawn = texts(root)
    assert "Falls per day" in drawn and "per 1,000" in drawn and "After huddles" in drawn
    assert "Glyph" not in capfd.readouterr().err


@pytest.mark.parametrize(
    "ys",
    [
        [3.0, 5.0, 4.0, 9.0],
        [math.nan, 2.0, math.nan, -1.5],  # missing values are left out of the limits
        [math.nan, math.nan, math.nan, math.nan],  # no values: no limits taken
    ],
)
@pytest.mark.parametrize("drawstyle", ["default", "steps-mid"])
def test_a_line_gives_the_plot_the_data_limits_add_line_gives(
    ys: list[float], drawstyle: str
) -> None:
    xs = [19000.0, 19007.0, 19014.0, 19021.0]
    ours, matplotlibs = Figure().add_subplot(), Figure().add_subplot()
    for plot in (ours, matplotlibs):
        plot.add_line(Line2D([18990.0, 18995.0], [1.0, 2.0]))  # limits taken already
    style = LineStyle("black", 1.5, steps=drawstyle == "steps-mid")
    draw_module._line(ours, PlotLine(np.array(xs), ys, "line", 2, style))
    matplotlibs.add_line(Line2D(xs, ys, drawstyle=drawstyle, color="black"))
    assert ours.dataLim.bounds == matplotlibs.dataLim.bounds
    assert ours.ignore_existing_data_limits == matplotlibs.ignore_existing_data_limits
    ours.autoscale_view()
    matplotlibs.autoscale_view()
    assert ours.viewLim.bounds == matplotlibs.viewLim.bounds


def test_dollar_signs_are_drawn_as_written_never_as_mathematics() -> None:
    """A pair of '$' in contributed words is text, not matplotlib's mathematics."""
    labels = make_labels(
        title="Cost $5 to $3 a dose",
        phase_names=("From $5 to $3",),
        annotations=((week(2), "Saved $2 a $dose"),),
    )
    drawn = texts(draw(make_analysis(SERIES, phase_starts=(8,)), labels))
    assert "Cost $5 to $3 a dose" in drawn and "From $5 to $3" in drawn
    assert any("Saved $2 a $dose" in text for text in drawn)  # the key of changes tested
    on_the_figure = texts(draw(make_analysis([None, None]), labels))  # no data: a figure
    assert "Cost $5 to $3 a dose" in on_the_figure
