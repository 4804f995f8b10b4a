"""The chart's ticks, tick labels, grid and value label are where matplotlib's axes put them.

charts/ticks.py draws them in place of the axes' own Axis objects. Each chart of a
varied set is drawn both ways from one figure: as the site draws it, and with the
PlotTicks taken off and matplotlib's axes shown as the drawing used to set them
(value label, grid below the lines). Every text (content, place, style), every tick
mark and every grid line must be the same.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections import Counter

import matplotlib
import pytest
from matplotlib.figure import Figure

from tests.charts.factory import make_analysis, make_labels
from tests.charts.svgtools import NS, XLINK
from tests.charts.varied import varied_charts
from toolkit_builder.charts import palette
from toolkit_builder.charts.draw import METADATA, STYLE, chart_figure
from toolkit_builder.charts.ticks import PlotTicks, Tick, shown_ticks

Drawn = tuple[Counter[tuple[str, ...]], Counter[tuple[str, str, str]], Counter[str]]
"""Texts (content and attributes), tick marks (shape, x, y) and grid segments."""

TICK_SHAPES = {"M 0 0 L 0 3.5", "M 0 0 L -3.5 0"}
"""The marker paths of matplotlib's outward ticks below and left of the plot."""


def _svg(figure: Figure) -> ET.Element:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata=METADATA)
    return ET.fromstring(buffer.getvalue())


def _flat(path: str) -> str:
    return " ".join(path.split())


def _read(root: ET.Element) -> Drawn:
    texts = Counter(
        (
            "".join(t.itertext()),
            *(t.get(name, "") for name in ("x", "y", "transform", "style")),
        )
        for t in root.iter(f"{NS}text")
    )
    shapes = {e.get("id"): _flat(e.get("d", "")) for e in root.iter(f"{NS}path")}
    marks = Counter(
        (shapes[use.get(XLINK, "").lstrip("#")], use.get("x", ""), use.get("y", ""))
        for use in root.iter(f"{NS}use")
        if shapes[use.get(XLINK, "").lstrip("#")] in TICK_SHAPES
    )
    grid = Counter(
        segment.strip()
        for path in root.iter(f"{NS}path")
        if f"stroke: {palette.GRID}" in path.get("style", "")
        for segment in re.findall(r"M [^M]+", _flat(path.get("d", "")))
    )
    return texts, marks, grid


def _both_ways(analysis, labels) -> tuple[Drawn, Drawn]:  # type: ignore[no-untyped-def]
    with matplotlib.rc_context(STYLE):
        figure = chart_figure(analysis, labels)
        ours = _read(_svg(figure))
        (plot,) = figure.axes
        (ticks,) = [a for a in plot.artists if isinstance(a, PlotTicks)]
        ticks.remove()
        plot.xaxis.set_visible(True)
        plot.yaxis.set_visible(True)
        plot.set_ylabel(ticks.value_label, fontsize=ticks.size)
        plot.grid(axis="y", color=palette.GRID, linewidth=0.7)
        plot.set_axisbelow(True)
        theirs = _read(_svg(figure))
    return ours, theirs


@pytest.mark.parametrize("number", range(len(varied_charts())))
def test_ticks_labels_grid_and_value_label_are_matplotlibs(number: int) -> None:
    analysis, labels = varied_charts()[number]
    (texts, marks, grid), (their_texts, their_marks, their_grid) = _both_ways(analysis, labels)
    assert texts == their_texts
    assert marks == their_marks
    assert grid == their_grid


def test_the_comparison_sees_ticks_labels_and_grid() -> None:
    """The check above compares something: a chart with data has all three, and a
    chart without data has no value ticks, grid or value label."""
    (texts, marks, grid), _ = _both_ways(make_analysis([3.0, 5.0, 4.0]), make_labels(unit="days"))
    assert "days" in {text[0] for text in texts}
    assert len(grid) >= 2 and len(marks) >= 2 + len(grid)
    (texts, marks, grid), _ = _both_ways(make_analysis([None, None]), make_labels(unit="days"))
    assert not grid and "days" in {text[0] for text in texts}


def test_a_tick_a_rounding_error_outside_the_view_is_shown() -> None:
    with matplotlib.rc_context(STYLE):
        plot = Figure().add_axes((0.1, 0.1, 0.8, 0.8))
        plot.set_yticks([0.0, 0.5, 1.0, 1.01])
        plot.set_ylim(0.0, 1.0 - 1e-13)
    assert [tick.at for tick in shown_ticks(plot.yaxis)] == [0.0, 0.5, 1.0]
    # labelled as drawn: formatted among its neighbours, 1.01 among them
    assert shown_ticks(plot.yaxis)[1] == Tick(0.5, "0.50")
