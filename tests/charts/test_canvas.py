"""Charts drawn one after another on one canvas are byte for byte those drawn on new figures."""

from __future__ import annotations

from tests.charts.varied import varied_charts
from toolkit_builder.charts.canvas import ChartCanvas
from toolkit_builder.charts.draw import draw_chart


def test_a_shared_canvas_draws_the_same_bytes_as_new_figures() -> None:
    charts = varied_charts()
    canvas = ChartCanvas()
    for order in (charts, list(reversed(charts))):
        shared = [draw_chart(analysis, labels, canvas) for analysis, labels in order]
        alone = [draw_chart(analysis, labels) for analysis, labels in order]
        assert shared == alone
    assert set(canvas.held) == {"wide", "narrow"}  # one figure per shape, reused
