"""Draw an analysed series as an accessible, deterministic SVG with matplotlib."""

from __future__ import annotations

import io
import math
import re
from datetime import date
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from toolkit_builder.analysis.types import ChartAnalysis, PointResult
from toolkit_builder.charts.labels import ChartLabels

DRAWING_VERSION = "1"
"""Bump when the drawing changes, so cached charts are drawn again."""

# Colours with at least 3:1 contrast on white for lines and markers (WCAG 1.4.11);
# blue/orange follow NHS "Making Data Count" for improvement/concern.
DATA = "#1d3f6e"
CENTRE = "#1b1b1b"
LIMIT = "#5f6368"
IMPROVEMENT = "#005eb8"
CONCERN = "#b35900"
NEUTRAL = "#6a2c91"
GOAL = "#00703c"
STYLE = {
    "svg.hashsalt": "toolkit-builder",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _signal_colour(point: PointResult, labels: ChartLabels) -> str:
    if point.special_cause is not None:
        return {"improvement": IMPROVEMENT, "concern": CONCERN}.get(point.special_cause, NEUTRAL)
    if labels.direction == "neutral" or point.value is None or point.centre is None:
        return NEUTRAL
    high = point.value > point.centre
    return IMPROVEMENT if high == (labels.direction == "increase") else CONCERN


def _values(points: list[PointResult], name: str) -> list[float]:
    return [math.nan if getattr(p, name) is None else getattr(p, name) for p in points]


def _draw_lines(ax: object, analysis: ChartAnalysis, labels: ChartLabels) -> None:
    points = list(analysis.points)
    dates = [p.period for p in points]
    for phase in analysis.phases:
        segment = [p for p in points if p.phase == phase.phase]
        xs = [p.period for p in segment]
        ax.plot(
            xs,
            _values(segment, "centre"),
            color=CENTRE,
            linewidth=1.4,
            drawstyle="steps-mid",
            zorder=2,
        )  # type: ignore[attr-defined]
        if analysis.spec.chart != "run":
            for name in ("upper", "lower"):
                ax.plot(
                    xs,
                    _values(segment, name),
                    color=LIMIT,
                    linewidth=1.1,
                    linestyle=(0, (5, 3)),
                    drawstyle="steps-mid",
                    zorder=2,
                )  # type: ignore[attr-defined]
    ax.plot(dates, _values(points, "value"), color=DATA, linewidth=1.3, zorder=3)  # type: ignore[attr-defined]
    normal = [
        p
        for p in points
        if p.value is not None
        and not p.excluded
        and not (p.outside_limits or p.in_signal_run or p.special_cause)
    ]
    ax.plot(
        [p.period for p in normal],
        [p.value for p in normal],
        linestyle="none",
        marker="o",
        markersize=3.5,
        color=DATA,
        zorder=4,
    )  # type: ignore[attr-defined]
    excluded = [p for p in points if p.excluded and p.value is not None]
    ax.plot(
        [p.period for p in excluded],
        [p.value for p in excluded],
        linestyle="none",
        marker="o",
        markersize=5,
        markerfacecolor="white",
        markeredgecolor=DATA,
        zorder=4,
    )  # type: ignore[attr-defined]
    for point in points:
        if point.value is None or not (
            point.outside_limits or point.in_signal_run or point.special_cause
        ):
            continue
        marker, size = ("D", 7) if point.outside_limits else ("s", 5.5)
        ax.plot(
            [point.period],
            [point.value],
            linestyle="none",
            marker=marker,
            markersize=size,
            color=_signal_colour(point, labels),
            markeredgecolor="white",
            markeredgewidth=0.6,
            zorder=5,
        )  # type: ignore[attr-defined]


def _draw_marks(ax: object, analysis: ChartAnalysis, labels: ChartLabels) -> None:
    points = list(analysis.points)
    for phase in analysis.phases[1:]:
        start = points[phase.first_index - 1].period
        ax.axvline(start, color=LIMIT, linewidth=1, linestyle=":", zorder=1)  # type: ignore[attr-defined]
        name = (
            labels.phase_names[phase.phase - 2]
            if phase.phase - 2 < len(labels.phase_names)
            else f"Phase {phase.phase}"
        )
        ax.annotate(
            name,
            xy=(start, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -2),
            textcoords="offset points",
            va="top",
            fontsize=8,
            color=CENTRE,
        )  # type: ignore[attr-defined]
    for number, (when, _label) in enumerate(labels.annotations, start=1):
        if points and points[0].period <= when <= points[-1].period:
            ax.annotate(
                str(number),
                xy=(when, 0.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
                color="white",
                bbox={"boxstyle": "circle,pad=0.25", "facecolor": CENTRE, "edgecolor": "none"},
            )  # type: ignore[attr-defined]
    if labels.goal is not None:
        goal = labels.goal
        ax.axhline(goal, color=GOAL, linewidth=1.3, linestyle=(0, (1, 2)), zorder=1)  # type: ignore[attr-defined]
        ax.annotate(
            f"Goal {_format(goal, labels)}",
            xy=(1.0, goal),
            xycoords=("axes fraction", "data"),
            xytext=(-2, 3),
            textcoords="offset points",
            ha="right",
            fontsize=8,
            color=GOAL,
        )  # type: ignore[attr-defined]


def _format(value: float, labels: ChartLabels) -> str:
    text = f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{text}%" if labels.percent else text


def _legend(fig: Figure, analysis: ChartAnalysis) -> None:
    handles = [
        Line2D([], [], color=DATA, marker="o", markersize=3.5, linewidth=1.3, label="Data"),
        Line2D(
            [],
            [],
            color=CENTRE,
            linewidth=1.4,
            label="Median" if analysis.spec.chart == "run" else "Mean",
        ),
    ]
    if analysis.spec.chart != "run":
        handles.append(Line2D([], [], color=LIMIT, linestyle=(0, (5, 3)), label="Control limits"))
    handles += [
        Line2D(
            [],
            [],
            color=CENTRE,
            marker="s",
            linestyle="none",
            markersize=5.5,
            label="Part of a signal",
        ),
        Line2D(
            [],
            [],
            color=CENTRE,
            marker="D",
            linestyle="none",
            markersize=6,
            label="Outside the limits",
        ),
        Line2D(
            [],
            [],
            color=DATA,
            marker="o",
            markerfacecolor="white",
            linestyle="none",
            markersize=5,
            label="Excluded",
        ),
    ]
    fig.legend(
        handles=handles,
        loc="lower center",
        ncols=len(handles),
        frameon=False,
        fontsize=8,
        handlelength=1.8,
        columnspacing=1.2,
    )


def _direction_text(labels: ChartLabels) -> str:
    return {"increase": "↑ Higher is better", "decrease": "↓ Lower is better"}.get(
        labels.direction, ""
    )


def draw_chart(analysis: ChartAnalysis, labels: ChartLabels) -> bytes:
    """Return the chart as SVG bytes: text as text, a <title> and <desc>, no dates or random ids."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(8, 3.6))
        ax = fig.add_axes((0.08, 0.2, 0.9, 0.66))
        _draw_lines(ax, analysis, labels)
        _draw_marks(ax, analysis, labels)
        locator = AutoDateLocator(minticks=4, maxticks=9)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator, show_offset=False))
        if labels.percent:
            ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}%"))
        ax.set_ylabel(labels.unit if not labels.percent else "Percent")
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        fig.text(0.08, 0.96, labels.title, fontsize=10.5, fontweight="bold", va="top", color=CENTRE)
        fig.text(
            0.98, 0.96, _direction_text(labels), fontsize=9, ha="right", va="top", color=CENTRE
        )
        _legend(fig, analysis)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "toolkit-builder"})
    return _accessible(buffer.getvalue(), labels).encode("utf-8")


def _accessible(svg: str, labels: ChartLabels) -> str:
    """Return the SVG scalable, with role, title and description."""
    title_id, desc_id = f"{labels.chart_id}-title", f"{labels.chart_id}-desc"
    svg = re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", svg, count=1)
    opening = re.search(r"<svg[^>]*>", svg)
    assert opening is not None
    tag = opening.group(0)[:-1] + f' role="img" aria-labelledby="{title_id} {desc_id}">'
    inserted = f'<title id="{title_id}">{escape(labels.title)}</title><desc id="{desc_id}">{escape(labels.description)}</desc>'
    return svg[: opening.start()] + tag + inserted + svg[opening.end() :]


def chart_dates(analysis: ChartAnalysis) -> list[date]:
    """Return the periods of the chart's points."""
    return [p.period for p in analysis.points]
