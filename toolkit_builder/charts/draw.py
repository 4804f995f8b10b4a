"""Draw an analysed series as an accessible, deterministic, scalable SVG with matplotlib."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts import marks as chart_marks
from toolkit_builder.charts import palette
from toolkit_builder.charts.canvas import ChartCanvas
from toolkit_builder.charts.dates import PeriodFormatter, day_number
from toolkit_builder.charts.direct import DirectDrawer, drawn_directly
from toolkit_builder.charts.frame import (
    VALUE_MARGIN,
    ChartFrame,
    FigureText,
    PlotLine,
    chart_frame,
    date_locator,
    plot_lines,
    value_label,
)
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.layout import WIDE, Layout
from toolkit_builder.charts.legend import draw_legend
from toolkit_builder.charts.reading import read_chart
from toolkit_builder.charts.svgcanvas import METADATA
from toolkit_builder.charts.svgdoc import finish_svg, svg_id
from toolkit_builder.charts.ticks import add_plot_ticks
from toolkit_builder.charts.words import axis_value_text, speech

WIDTH, HEIGHT = WIDE.width, WIDE.height
"""Figure size in inches of the wide shape (the SVG scales to its container: it keeps
only its viewBox; the narrow shape is charts/layout.py's NARROW)."""
STYLE = {
    "svg.hashsalt": "toolkit-builder",  # fixed, so generated ids are the same on every run
    "svg.fonttype": "none",  # text stays text: selectable, searchable, read by screen readers
    "font.family": "DejaVu Sans",
    "font.size": 9.5,
    "text.color": palette.TEXT,
    "axes.labelcolor": palette.TEXT,
    "xtick.color": palette.TEXT,
    "ytick.color": palette.TEXT,
    "axes.edgecolor": palette.TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _line(ax: Axes, line: PlotLine) -> None:
    """Add a line of day numbers and values to the plot, styled in full (a colour given),
    as Axes.plot adds it, without its argument parsing (chart_figure then asks the plot
    to fit its view to the lines, as Axes.plot does).

    The plot's data limits take the line's points, as Axes.add_line has them taken
    (missing values left out), but from the points as given: add_line makes the line
    work out its path first and measures that, which cost twice as much. A line here
    is always in data coordinates, the one case where the two are the same."""
    ax.add_artist(Line2D(line.x, line.y, zorder=line.zorder, gid=line.gid, **line.style.line2d()))  # type: ignore[arg-type]
    ax.update_datalim(np.column_stack((line.x, line.y)))


def _set_date_range(ax: Axes, analysis: ChartAnalysis) -> None:
    """Set the date range: the first and last period, with a little room either side."""
    if analysis.points:
        first, last = day_number(analysis.points[0].period), day_number(analysis.points[-1].period)
        pad = max(1.0, (last - first) * 0.02)
        ax.set_xlim(first - pad, last + pad)


def _set_axes(ax: Axes, analysis: ChartAnalysis, labels: ChartLabels, layout: Layout) -> None:
    """Set the date ticks, value format and axis label."""
    ax.xaxis.set_major_locator(date_locator(analysis.points, layout))
    ax.xaxis.set_major_formatter(PeriodFormatter(labels.lang))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: axis_value_text(value, labels)))
    # The axes decide the ticks (the value locator counts on the labels' size); the
    # ticks, labels, grid and value label are drawn by charts/ticks.py, in less time.
    add_plot_ticks(ax, layout.small, value_label(labels))
    ax.tick_params(labelsize=layout.small)
    if not any(p.value is not None for p in analysis.points):
        ax.text(
            0.5, 0.5, speech(labels)._("No data to plot yet"), transform=ax.transAxes, ha="center", va="center",
            fontsize=max(10, layout.small), gid="no-data",
        )  # fmt: skip
        ax.set_yticks([])


def _figure_text(fig: Figure, text: FigureText) -> None:
    """Put a title, direction or key line on the figure (text as text, never math)."""
    fig.text(
        text.x, text.y, text.text, fontsize=text.size, ha=text.ha, va=text.va, gid=text.gid,
        fontweight="bold" if text.bold else "normal", linespacing=text.linespacing,
        parse_math=False,
    )  # fmt: skip


def chart_figure(
    analysis: ChartAnalysis, labels: ChartLabels, canvas: ChartCanvas | None = None
) -> Figure:
    """Return the chart as a matplotlib Figure (call within matplotlib.rc_context(STYLE)),
    in the wide or narrow shape the labels ask for, drawn on the canvas's figure of
    that shape (a new one without a canvas)."""
    return frame_figure(chart_frame(analysis, labels), analysis, canvas)


def frame_figure(frame: ChartFrame, analysis: ChartAnalysis, canvas: ChartCanvas | None) -> Figure:
    """Return the chart of `frame` as a matplotlib Figure (chart_figure)."""
    labels, layout = frame.labels, frame.layout
    if canvas is None or not analysis.points:
        canvas = ChartCanvas()  # a plot without dates has no date axis: a new figure
    fig = canvas.figure(layout)
    for text in frame.texts:
        _figure_text(fig, text)
    ax = canvas.axes(layout, fig, frame.rect)
    # The margins and the date range are set before the lines are added: the plot then
    # fits its view to the lines once, not twice, and a new date range has no lines'
    # transforms to tell (the same view either way).
    ax.margins(y=VALUE_MARGIN)
    _set_date_range(ax, analysis)
    for line in plot_lines(analysis, frame):
        _line(ax, line)
    ax.autoscale(enable=None)  # the view fits the lines when drawn, as after Axes.plot
    chart_marks.draw_goal(ax, labels, layout.small)
    _set_axes(ax, analysis, labels, layout)
    marks = chart_marks.plot_marks(
        analysis, labels, layout, frame.changes, ax.get_xlim(), frame.plot_size
    )
    chart_marks.draw_plot_marks(ax, marks)
    for number, row in enumerate(frame.rows):
        draw_legend(
            fig, row, (0.5, frame.legend_top(number)), layout.small, gid=f"legend_{number + 1}"
        )
    for text in frame.key_texts():
        _figure_text(fig, text)
    return fig


def draw_chart(
    analysis: ChartAnalysis, labels: ChartLabels, canvas: ChartCanvas | None = None
) -> bytes:
    """Return the chart as SVG bytes: scalable, text as text, titled and described (the
    description is the chart's reading unless labels.description is given), ids unique to
    the chart, and byte-for-byte the same on every call. Charts drawn one after another
    share a canvas (charts/canvas.py): the same bytes, sooner."""
    with matplotlib.rc_context(STYLE):
        return chart_svg(analysis, labels, canvas)


def draw_many(
    charts: Iterable[tuple[ChartAnalysis, ChartLabels]], canvas: ChartCanvas | None = None
) -> Iterator[bytes]:
    """Yield each chart's SVG, as draw_chart returns it, drawn one after another on one
    canvas within one matplotlib style context (entering and leaving it for each chart
    costs about 0.2 ms: rcParams are validated on the way in and out)."""
    canvas = canvas or ChartCanvas()
    with matplotlib.rc_context(STYLE):
        for analysis, labels in charts:
            yield chart_svg(analysis, labels, canvas)


def chart_svg(analysis: ChartAnalysis, labels: ChartLabels, canvas: ChartCanvas | None) -> bytes:
    """Return the chart's SVG bytes (call within matplotlib.rc_context(STYLE)): drawn
    straight to the SVG renderer when it can be (charts/direct.py), else on the figure."""
    ident = svg_id(labels.chart_id)
    frame = chart_frame(analysis, labels)
    prefixed = drawn_directly(analysis)  # the renderer prefixes the ids as it writes them
    if prefixed:
        drawer = canvas.drawer if canvas is not None else DirectDrawer()
        svg = drawer.svg(frame, analysis, plot_lines(analysis, frame), f"{ident}-")
    else:
        svg = figure_svg(frame, analysis, canvas)
    description = labels.description or read_chart(analysis, labels)
    return finish_svg(svg, ident, labels.title, description, prefixed).encode("utf-8")


def figure_svg(frame: ChartFrame, analysis: ChartAnalysis, canvas: ChartCanvas | None) -> str:
    """Return the SVG matplotlib saves of the chart's figure (frame_figure)."""
    buffer = io.StringIO()
    frame_figure(frame, analysis, canvas).savefig(buffer, format="svg", metadata=METADATA)
    return buffer.getvalue()
