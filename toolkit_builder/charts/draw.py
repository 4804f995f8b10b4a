"""Draw an analysed series as an accessible, deterministic, scalable SVG with matplotlib."""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, FuncFormatter
from numpy.typing import NDArray

from toolkit_builder.analysis.types import ChartAnalysis, PointResult
from toolkit_builder.charts import marks as chart_marks
from toolkit_builder.charts import palette
from toolkit_builder.charts.canvas import ChartCanvas
from toolkit_builder.charts.dates import PeriodFormatter, PeriodLocator, day_number, day_numbers
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.layout import WIDE, Layout, layout_of
from toolkit_builder.charts.reading import read_chart
from toolkit_builder.charts.signals import MarkKind, Meaning, SignalMark, signal_marks
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
METADATA = {"Date": None, "Creator": "toolkit-builder", "Type": None, "Format": None}
"""SVG metadata: no date (deterministic output) and no links to vocabularies."""
FEW_POINTS = 9
"""Up to this many points, every point's period gets a tick label."""


def _series(points: Sequence[PointResult], name: str) -> list[float]:
    values = (getattr(p, name) for p in points)
    return [math.nan if v is None else v for v in values]


def _days(points: Sequence[PointResult]) -> NDArray[np.float64]:
    """Return the points' periods as matplotlib's day numbers: what its date converter
    makes of them, made here, so the plot's lines carry numbers, not dates to convert."""
    return day_numbers([p.period for p in points])


def _line(ax: Axes, x: Sequence[float], y: Sequence[float], **style: Any) -> None:
    """Add a line of day numbers and values to the plot, styled in full (a colour given),
    as Axes.plot adds it, without its argument parsing (chart_figure then asks the plot
    to fit its view to the lines, as Axes.plot does).

    The plot's data limits take the line's points, as Axes.add_line has them taken
    (missing values left out), but from the points as given: add_line makes the line
    work out its path first and measures that, which cost twice as much. A line here
    is always in data coordinates, the one case where the two are the same."""
    ax.add_artist(Line2D(x, y, **style))
    ax.update_datalim(np.column_stack((x, y)))


def _draw_centre_and_limits(ax: Axes, analysis: ChartAnalysis) -> None:
    """Draw each phase's centre line (solid) and 3-sigma limits (dashed steps)."""
    for phase in analysis.phases:
        inside = [p for p in analysis.points if p.phase == phase.phase]
        _line(
            ax, _days(inside), _series(inside, "centre"), color=palette.CENTRE, linewidth=1.6,
            drawstyle="steps-mid", zorder=2, gid=f"centre-{phase.phase}",
        )  # fmt: skip
        if analysis.spec.chart == "run":
            continue
        for name in ("upper", "lower"):
            # Missing points have no limits; bridge them so the limit line stays whole.
            known = [p for p in inside if getattr(p, name) is not None]
            _line(
                ax, _days(known), _series(known, name), color=palette.LIMIT,
                linewidth=1.2, linestyle=(0, (5, 3)), drawstyle="steps-mid", zorder=2,
                gid=f"{name}-limit-{phase.phase}",
            )  # fmt: skip


def _draw_points(ax: Axes, analysis: ChartAnalysis, marks: dict[int, SignalMark]) -> None:
    """Draw the data line (gaps at missing points), ordinary, excluded and flagged points.

    Points drawn alike are one line of markers (one SVG group, a <use> per point):
    ordinary points; excluded points within and outside the limits; flagged points of
    each kind and meaning (e.g. `signal-run-improvement`). A line per point cost a
    fifth of drawing a chart with a long run.
    """
    points = analysis.points
    _line(
        ax, _days(points), _series(points, "value"), color=palette.DATA,
        linewidth=1.4, zorder=3, gid="data-line",
    )  # fmt: skip
    plain = [p for p in points if p.value is not None and not p.excluded and p.index not in marks]
    _line(
        ax, _days(plain), [p.value for p in plain], linestyle="none", marker="o",
        markersize=4, color=palette.DATA, zorder=4, gid="data-points",
    )  # fmt: skip
    for outside, shape, gid in ((False, "o", "excluded-points"), (True, "D", "excluded-outside")):
        excluded = [
            p for p in points if p.excluded and p.value is not None and p.outside_limits == outside
        ]
        if excluded:
            _line(
                ax, _days(excluded), [p.value for p in excluded], linestyle="none",
                marker=shape, markersize=6, markerfacecolor="white", markeredgecolor=palette.DATA,
                markeredgewidth=1.3, zorder=4, gid=gid,
            )  # fmt: skip
    by_index = {p.index: p for p in points}
    alike: dict[tuple[MarkKind, Meaning], list[PointResult]] = {}
    for mark in marks.values():
        alike.setdefault((mark.kind, mark.meaning), []).append(by_index[mark.index])
    for (kind, meaning), flagged in alike.items():
        shape, size = chart_marks.MARKERS[kind]
        _line(
            ax, _days(flagged), [p.value for p in flagged], linestyle="none",
            marker=shape, markersize=size, color=chart_marks.COLOURS[meaning],
            markeredgecolor="white", markeredgewidth=0.7, zorder=5, gid=f"signal-{kind}-{meaning}",
        )  # fmt: skip


def _set_date_range(ax: Axes, analysis: ChartAnalysis) -> None:
    """Set the date range: the first and last period, with a little room either side."""
    if analysis.points:
        first, last = day_number(analysis.points[0].period), day_number(analysis.points[-1].period)
        pad = max(1.0, (last - first) * 0.02)
        ax.set_xlim(first - pad, last + pad)


def _set_axes(ax: Axes, analysis: ChartAnalysis, labels: ChartLabels, layout: Layout) -> None:
    """Set the date ticks, value format and axis label."""
    if 0 < len(analysis.points) <= FEW_POINTS:  # label each period itself
        ax.xaxis.set_major_locator(FixedLocator(_days(analysis.points)))
    else:
        ax.xaxis.set_major_locator(PeriodLocator(layout.min_ticks, layout.max_ticks))
    ax.xaxis.set_major_formatter(PeriodFormatter(labels.lang))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: axis_value_text(value, labels)))
    words = speech(labels)
    percent = labels.percent or labels.unit == "%"
    # The axes decide the ticks (the value locator counts on the labels' size); the
    # ticks, labels, grid and value label are drawn by charts/ticks.py, in less time.
    add_plot_ticks(ax, layout.small, words._("Percent") if percent else labels.unit)
    ax.tick_params(labelsize=layout.small)
    if not any(p.value is not None for p in analysis.points):
        ax.text(
            0.5, 0.5, words._("No data to plot yet"), transform=ax.transAxes, ha="center", va="center",
            fontsize=max(10, layout.small), gid="no-data",
        )  # fmt: skip
        ax.set_yticks([])


def _title_lines(title: str, layout: Layout, beside: bool) -> list[str]:
    """Return the title as drawn: wrapped to the layout's lines, shortened with '…'."""
    most = layout.title_chars[beside]
    lines = textwrap.wrap(title, most) or [""]
    if len(lines) > layout.title_lines:
        rest = " ".join(lines[layout.title_lines - 1 :])
        lines = [*lines[: layout.title_lines - 1], rest[: most - 1].rstrip() + "…"]
    return lines


def _headline(fig: Figure, labels: ChartLabels, layout: Layout, left: float) -> float:
    """Draw the title and which way is better; return the height they take (points)."""
    words = speech(labels)
    better = {"increase": words._("↑ Higher is better"), "decrease": words._("↓ Lower is better")}
    direction = better.get(labels.direction, "")
    narrow = layout.title_lines > 1
    lines = _title_lines(labels.title, layout, bool(direction) and not narrow)
    top = 1 - 8 / layout.height_pt
    step = layout.title * 1.25
    fig.text(
        left, top, "\n".join(lines), fontsize=layout.title, fontweight="bold", va="top",
        linespacing=1.15, gid="heading",
    )  # fmt: skip
    used = 8 + step * len(lines)
    if direction and narrow:
        fig.text(
            left, 1 - used / layout.height_pt, direction, fontsize=layout.small, va="top",
            gid="direction",
        )  # fmt: skip
        used += layout.small * 1.3
    elif direction:
        fig.text(
            0.985, top, direction, fontsize=layout.small, ha="right", va="top", gid="direction"
        )  # fmt: skip
    return used


def one_line(text: str) -> str:
    """Return `text` with every run of whitespace (CR, tab, line breaks) as one space.

    The chart font has no glyph for a carriage return or a tab: matplotlib would print
    'Glyph 13 missing' and draw a box.
    """
    return " ".join(text.split())


def drawable(labels: ChartLabels) -> ChartLabels:
    """Return the labels with every word drawn on the chart on one line."""
    return replace(
        labels,
        title=one_line(labels.title),
        unit=one_line(labels.unit),
        phase_names=tuple(one_line(name) for name in labels.phase_names),
        annotations=tuple((day, one_line(text)) for day, text in labels.annotations),
    )


def chart_figure(
    analysis: ChartAnalysis, labels: ChartLabels, canvas: ChartCanvas | None = None
) -> Figure:
    """Return the chart as a matplotlib Figure (call within matplotlib.rc_context(STYLE)),
    in the wide or narrow shape the labels ask for, drawn on the canvas's figure of
    that shape (a new one without a canvas)."""
    labels = drawable(labels)
    layout = layout_of(labels.narrow)
    if canvas is None or not analysis.points:
        canvas = ChartCanvas()  # a plot without dates has no date axis: a new figure
    fig = canvas.figure(layout)
    width_pt, height_pt = layout.width_pt, layout.height_pt
    changes = chart_marks.shown_annotations(analysis, labels)
    key = chart_marks.annotation_key(changes, labels.lang, layout.key_chars, layout.key_lines)
    marks = signal_marks(analysis, labels.direction)
    left = layout.left
    right = layout.goal_right if labels.goal is not None else layout.right
    groups = (
        chart_marks.line_handles(analysis, labels.lang),
        chart_marks.mark_handles(analysis, marks, labels.lang),
    )
    rows = [
        row
        for group in groups
        for row in chart_marks.legend_rows(group, width_pt - 8, layout.small)
    ]
    row_height = layout.small * 1.75
    key_height = layout.small * 1.4
    edge = left if layout is WIDE else 8.0  # narrow: title and key use the full width
    heading = _headline(fig, labels, layout, edge / width_pt)
    top = heading + 10.0 + (16.0 if changes else 0.0)
    ticks = layout.small * 3.6
    bottom = ticks + row_height * len(rows) + key_height * len(key) + 4.0
    ax = canvas.axes(
        layout,
        fig,
        (
            left / width_pt,
            bottom / height_pt,
            (width_pt - left - right) / width_pt,
            (height_pt - top - bottom) / height_pt,
        ),
    )
    # The margins and the date range are set before the lines are added: the plot then
    # fits its view to the lines once, not twice, and a new date range has no lines'
    # transforms to tell (the same view either way).
    ax.margins(y=0.08)
    _set_date_range(ax, analysis)
    _draw_centre_and_limits(ax, analysis)
    _draw_points(ax, analysis, marks)
    ax.autoscale(enable=None)  # the view fits the lines when drawn, as after Axes.plot
    chart_marks.draw_goal(ax, labels, layout.small)
    _set_axes(ax, analysis, labels, layout)
    chart_marks.draw_baseline_end(ax, analysis, labels, layout)
    chart_marks.draw_phases(ax, analysis, labels, layout)
    chart_marks.draw_annotations(
        ax, changes, width_pt - left - right, height_pt - top - bottom, layout.small - 1
    )
    for number, row in enumerate(rows):
        legend_top = (bottom - ticks - row_height * number) / height_pt
        chart_marks.draw_legend(
            fig, row, (0.5, legend_top), layout.small, gid=f"legend_{number + 1}"
        )
    for line, text in enumerate(key):
        y = (4.0 + key_height * (len(key) - 1 - line)) / height_pt
        fig.text(
            edge / width_pt, y, text,
            fontsize=layout.small, va="bottom", gid=f"changes-key-{line + 1}",
        )  # fmt: skip
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
    """Return the chart's SVG bytes (call within matplotlib.rc_context(STYLE))."""
    ident = svg_id(labels.chart_id)
    buffer = io.StringIO()
    fig = chart_figure(analysis, labels, canvas)
    fig.savefig(buffer, format="svg", metadata=METADATA)
    description = labels.description or read_chart(analysis, labels)
    return finish_svg(buffer.getvalue(), ident, labels.title, description).encode("utf-8")
