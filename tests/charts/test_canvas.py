"""Charts drawn one after another on one canvas, in one style context, with lines added
directly, are byte for byte those drawn alone on new figures with Axes.plot."""

from __future__ import annotations

import pytest
from matplotlib.axes import Axes

from tests.charts.varied import varied_charts
from toolkit_builder.charts import draw as draw_module
from toolkit_builder.charts.canvas import ChartCanvas
from toolkit_builder.charts.draw import draw_chart, draw_many
from toolkit_builder.charts.frame import PlotLine


def test_a_shared_canvas_draws_the_same_bytes_as_new_figures() -> None:
    charts = varied_charts()
    canvas = ChartCanvas()
    for order in (charts, list(reversed(charts))):
        shared = [draw_chart(analysis, labels, canvas) for analysis, labels in order]
        alone = [draw_chart(analysis, labels) for analysis, labels in order]
        assert shared == alone
    assert set(canvas.held) == {"wide", "narrow"}  # one figure per shape, reused


def test_many_charts_in_one_style_context_are_each_as_drawn_alone() -> None:
    charts = varied_charts()
    assert list(draw_many(charts)) == [draw_chart(analysis, labels) for analysis, labels in charts]


def test_the_lines_are_added_as_axes_plot_adds_them(monkeypatch: pytest.MonkeyPatch) -> None:
    charts = varied_charts()
    ours = [draw_chart(analysis, labels) for analysis, labels in charts]

    def plotted(ax: Axes, line: PlotLine) -> None:
        ax.plot(line.x, line.y, zorder=line.zorder, gid=line.gid, **line.style.line2d())

    monkeypatch.setattr(draw_module, "_line", plotted)
    assert [draw_chart(analysis, labels) for analysis, labels in charts] == ours
