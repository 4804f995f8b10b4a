"""Draw an analysed series as an accessible, deterministic, scalable SVG with matplotlib."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import replace

import matplotlib
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, date2num
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter

from toolkit_builder.analysis.types import ChartAnalysis, PointResult
from toolkit_builder.charts import marks as chart_marks
from toolkit_builder.charts import palette
from toolkit_builder.charts.dates import PeriodFormatter
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.reading import read_chart
from toolkit_builder.charts.signals import SignalMark, signal_marks
from toolkit_builder.charts.svgdoc import finish_svg, svg_id
from toolkit_builder.charts.words import axis_value_text, speech

DRAWING_VERSION = "2"
"""Bump when the drawing changes, so cached charts are drawn again."""
WIDTH, HEIGHT = 8.0, 3.6
"""Figure size in inches (the SVG scales to its container: it keeps only its viewBox)."""
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
TITLE_CHARS = (78, 60)
"""Longest title drawn without and with 'Higher is better' beside it; longer ones are
shortened on the chart (the SVG's <title> keeps them whole)."""


def _series(points: Sequence[PointResult], name: str) -> list[float]:
    values = (getattr(p, name) for p in points)
    return [math.nan if v is None else v for v in values]


def _draw_centre_and_limits(ax: Axes, analysis: ChartAnalysis) -> None:
    """Draw each phase's centre line (solid) and 3-sigma limits (dashed steps)."""
    for phase in analysis.phases:
        inside = [p for p in analysis.points if p.phase == phase.phase]
        dates = [p.period for p in inside]
        ax.plot(
            dates, _series(inside, "centre"), color=palette.CENTRE, linewidth=1.6,
            drawstyle="steps-mid", zorder=2, gid=f"centre-{phase.phase}",
        )  # fmt: skip
        if analysis.spec.chart == "run":
            continue
        for name in ("upper", "lower"):
            # Missing points have no limits; bridge them so the limit line stays whole.
            known = [p for p in inside if getattr(p, name) is not None]
            ax.plot(
                [p.period for p in known], _series(known, name), color=palette.LIMIT,
                linewidth=1.2, linestyle=(0, (5, 3)), drawstyle="steps-mid", zorder=2,
                gid=f"{name}-limit-{phase.phase}",
            )  # fmt: skip


def _draw_points(ax: Axes, analysis: ChartAnalysis, marks: dict[int, SignalMark]) -> None:
    """Draw the data line (gaps at missing points), ordinary, excluded and flagged points."""
    points = analysis.points
    ax.plot(
        [p.period for p in points], _series(points, "value"), color=palette.DATA,
        linewidth=1.4, zorder=3, gid="data-line",
    )  # fmt: skip
    plain = [p for p in points if p.value is not None and not p.excluded and p.index not in marks]
    ax.plot(
        [p.period for p in plain], [p.value for p in plain], linestyle="none", marker="o",
        markersize=4, color=palette.DATA, zorder=4, gid="data-points",
    )  # fmt: skip
    excluded = [p for p in points if p.excluded and p.value is not None]
    for point in excluded:
        ax.plot(
            [point.period], [point.value], linestyle="none",
            marker="D" if point.outside_limits else "o", markersize=6,
            markerfacecolor="white", markeredgecolor=palette.DATA, markeredgewidth=1.3, zorder=4,
            gid=f"excluded-{point.index}",
        )  # fmt: skip
    by_index = {p.index: p for p in points}
    for mark in marks.values():
        point = by_index[mark.index]
        shape, size = chart_marks.MARKERS[mark.kind]
        ax.plot(
            [point.period], [point.value], linestyle="none", marker=shape, markersize=size,
            color=chart_marks.COLOURS[mark.meaning], markeredgecolor="white",
            markeredgewidth=0.7, zorder=5, gid=f"signal-{mark.kind}-{mark.index}",
        )  # fmt: skip


def _set_axes(ax: Axes, analysis: ChartAnalysis, labels: ChartLabels) -> None:
    """Set the date range, date ticks, value format and axis label."""
    if analysis.points:
        first, last = date2num(analysis.points[0].period), date2num(analysis.points[-1].period)
        pad = max(1.0, (last - first) * 0.02)
        ax.set_xlim(first - pad, last + pad)
    if 0 < len(analysis.points) <= FEW_POINTS:  # label each period itself
        ax.xaxis.set_major_locator(FixedLocator([date2num(p.period) for p in analysis.points]))
    else:
        ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(PeriodFormatter(labels.lang))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: axis_value_text(value, labels)))
    words = speech(labels)
    percent = labels.percent or labels.unit == "%"
    ax.set_ylabel(words._("Percent") if percent else labels.unit, fontsize=chart_marks.SMALL)
    ax.grid(axis="y", color=palette.GRID, linewidth=0.7)
    ax.set_axisbelow(True)
    ax.margins(y=0.08)
    ax.tick_params(labelsize=chart_marks.SMALL)
    if not any(p.value is not None for p in analysis.points):
        ax.text(
            0.5, 0.5, words._("No data to plot yet"), transform=ax.transAxes, ha="center", va="center",
            fontsize=10, gid="no-data",
        )  # fmt: skip
        ax.set_yticks([])


def _headline(fig: Figure, labels: ChartLabels, left: float) -> None:
    """Draw the title and which way is better."""
    title = labels.title
    most = TITLE_CHARS[labels.direction != "neutral"]
    if len(title) > most:
        title = title[: most - 1].rstrip() + "…"
    top = 1 - 8 / (HEIGHT * 72)
    fig.text(left, top, title, fontsize=11, fontweight="bold", va="top", gid="heading")
    words = speech(labels)
    better = {"increase": words._("↑ Higher is better"), "decrease": words._("↓ Lower is better")}
    if labels.direction in better:
        fig.text(
            0.985, top, better[labels.direction], fontsize=chart_marks.SMALL, ha="right",
            va="top", gid="direction",
        )  # fmt: skip


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


def chart_figure(analysis: ChartAnalysis, labels: ChartLabels) -> Figure:
    """Return the chart as a matplotlib Figure (call within matplotlib.rc_context(STYLE))."""
    labels = drawable(labels)
    fig = Figure(figsize=(WIDTH, HEIGHT))
    width_pt, height_pt = WIDTH * 72, HEIGHT * 72
    changes = chart_marks.shown_annotations(analysis, labels)
    key = chart_marks.annotation_key(changes, labels.lang)
    marks = signal_marks(analysis, labels.direction)
    rows = [
        chart_marks.line_handles(analysis, labels.lang),
        chart_marks.mark_handles(analysis, marks, labels.lang),
    ]
    rows = [row for row in rows if row]
    left, right = 58.0, (62.0 if labels.goal is not None else 18.0)
    top = 32.0 + (16.0 if changes else 0.0)
    bottom = 34.0 + 15.0 * len(rows) + 12.0 * len(key) + 4.0
    ax = fig.add_axes(
        (
            left / width_pt,
            bottom / height_pt,
            (width_pt - left - right) / width_pt,
            (height_pt - top - bottom) / height_pt,
        )
    )
    _draw_centre_and_limits(ax, analysis)
    _draw_points(ax, analysis, marks)
    chart_marks.draw_goal(ax, labels)
    _set_axes(ax, analysis, labels)
    chart_marks.draw_phases(ax, analysis, labels)
    chart_marks.draw_annotations(ax, changes, width_pt - left - right, height_pt - top - bottom)
    _headline(fig, labels, left / width_pt)
    for number, row in enumerate(rows):
        legend_top = (bottom - 34.0 - 15.0 * number) / height_pt
        chart_marks.draw_legend(fig, row, (0.5, legend_top))
    for line, text in enumerate(key):
        y = (4.0 + 12.0 * (len(key) - 1 - line)) / height_pt
        fig.text(
            left / width_pt, y, text, fontsize=chart_marks.SMALL, va="bottom",
            gid=f"changes-key-{line + 1}",
        )  # fmt: skip
    return fig


def draw_chart(analysis: ChartAnalysis, labels: ChartLabels) -> bytes:
    """Return the chart as SVG bytes: scalable, text as text, titled and described (the
    description is the chart's reading unless labels.description is given), ids unique to
    the chart, and byte-for-byte the same on every call."""
    ident = svg_id(labels.chart_id)
    buffer = io.StringIO()
    with matplotlib.rc_context(STYLE):
        fig = chart_figure(analysis, labels)
        fig.savefig(buffer, format="svg", metadata=METADATA)
    description = labels.description or read_chart(analysis, labels)
    return finish_svg(buffer.getvalue(), ident, labels.title, description).encode("utf-8")
