"""One matplotlib figure per chart shape, reused from one chart to the next.

Making a figure, its axes and their ticks is about a fifth of drawing a chart. A
canvas keeps the figure of each shape (wide, narrow) and, for the next chart,
takes off everything the last one put on and resets what it set, so the next
drawing is byte for byte what a new figure gives (tests/charts/test_canvas.py
draws a varied set both ways). A new canvas gives new figures; a canvas belongs
to one process and one batch of charts, and nothing is kept between batches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import AutoLocator
from matplotlib.transforms import Bbox

from toolkit_builder.charts.direct import DirectDrawer
from toolkit_builder.charts.layout import Layout
from toolkit_builder.charts.svgcanvas import MeasuredCanvasSVG

Rect = tuple[float, float, float, float]
"""Position of the plot in the figure: left, bottom, width, height (fractions)."""


@dataclass(slots=True)
class ChartCanvas:
    """The figure and plot of each chart shape, kept for the next chart of that shape."""

    held: dict[str, tuple[Figure, Axes | None]] = field(default_factory=dict)
    """Layout name -> its figure and plot."""
    drawer: DirectDrawer = field(default_factory=DirectDrawer)
    """What draws the charts that need no figure (charts/direct.py), with its memos."""

    def figure(self, layout: Layout) -> Figure:
        """Return an empty figure of the layout's size: the held one, cleared, or a new one."""
        held = self.held.get(layout.name)
        if held is None:
            figure = Figure(figsize=(layout.width, layout.height))
            MeasuredCanvasSVG(figure)  # saved as SVG, its words measured once per process
            self.held[layout.name] = (figure, None)
            return figure
        figure, axes = held
        for text in list(figure.texts):
            text.remove()
        for legend in list(figure.legends):
            legend.remove()
        if axes is not None:
            _clear_plot(axes)
        return figure

    def axes(self, layout: Layout, figure: Figure, rect: Rect) -> Axes:
        """Return the figure's plot at `rect`: the held one, moved, or a new one."""
        held_figure, axes = self.held[layout.name]
        if held_figure is not figure:
            raise ValueError("axes asked of a figure this canvas does not hold")
        if axes is None:
            axes = figure.add_axes(rect)
            self.held[layout.name] = (figure, axes)
        else:
            axes.set_position(rect)
        return axes


def _clear_plot(axes: Axes) -> None:
    """Take every line, label and patch off the plot and reset its limits and value ticks.

    What the drawing sets on every chart (date ticks and their labels, the value
    format, axis label, grid, margins, tick sizes) it sets again; what it sets only
    sometimes is reset here: the data limits and autoscaling (a chart may fix its
    date range) and the value ticks (a chart without data has none).
    """
    for artist in [*axes.lines, *axes.texts, *axes.patches, *axes.collections, *axes.artists]:
        artist.remove()
    axes.dataLim.set_points(Bbox.null().get_points())
    axes.set_autoscale_on(True)
    axes.yaxis.set_major_locator(AutoLocator())
    axes.set_ylabel("")
