"""Where a chart's parts go: its title, plot, legend rows and key, worked out before
anything is drawn, and the lines the plot shows (what both ways of drawing a chart
draw: charts/draw.py on a matplotlib figure, charts/direct.py straight to the SVG
renderer)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from matplotlib.ticker import FixedLocator, Locator
from numpy.typing import NDArray

from toolkit_builder.analysis.types import ChartAnalysis, PointResult
from toolkit_builder.charts import marks as chart_marks
from toolkit_builder.charts import palette
from toolkit_builder.charts.dates import PeriodLocator, day_numbers
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.layout import WIDE, Layout, layout_of
from toolkit_builder.charts.legend import (
    LegendEntry,
    legend_rows,
    line_entries,
    mark_entries,
    mark_style,
)
from toolkit_builder.charts.linestyle import LineStyle
from toolkit_builder.charts.signals import MarkKind, Meaning, SignalMark, signal_marks
from toolkit_builder.charts.words import speech

FEW_POINTS = 9
"""Up to this many points, every point's period gets a tick label."""
VALUE_MARGIN = 0.08
"""The plot's margin above and below its values (a fraction of their range)."""
Rect = tuple[float, float, float, float]
"""Position of the plot in the figure: left, bottom, width, height (fractions)."""


@dataclass(frozen=True, slots=True)
class FigureText:
    """A text placed on the figure (not the plot): the title, the direction, a key line."""

    x: float
    """Figure fraction from the left."""
    y: float
    """Figure fraction from the bottom."""
    text: str
    size: float
    gid: str
    ha: str = "left"
    va: str = "top"
    bold: bool = False
    linespacing: float | None = None
    """None: matplotlib's default ('normal': the font's own)."""


@dataclass(frozen=True, slots=True)
class PlotLine:
    """A line of the plot: its points (day numbers and values), style, id and layer."""

    x: NDArray[np.float64]
    y: list[float]
    gid: str
    zorder: float
    style: LineStyle


@dataclass(frozen=True, slots=True)
class ChartFrame:
    """A chart's parts and their places (points, unless said)."""

    labels: ChartLabels
    """The labels, every word on one line (drawable)."""
    layout: Layout
    changes: list[chart_marks.Change]
    key: list[str]
    marks: dict[int, SignalMark]
    rows: list[list[LegendEntry]]
    """The legend's rows of entries."""
    texts: list[FigureText]
    """The title and the direction, in drawing order."""
    left: float
    right: float
    top: float
    bottom: float
    ticks: float
    """Room for the date ticks and their labels under the plot."""
    row_height: float
    key_height: float
    edge: float
    """Left edge of the title and key."""

    @property
    def rect(self) -> Rect:
        """Return the plot's place in the figure (fractions)."""
        width_pt, height_pt = self.layout.width_pt, self.layout.height_pt
        return (
            self.left / width_pt,
            self.bottom / height_pt,
            (width_pt - self.left - self.right) / width_pt,
            (height_pt - self.top - self.bottom) / height_pt,
        )

    @property
    def plot_size(self) -> tuple[float, float]:
        """Return the plot's width and height (points)."""
        layout = self.layout
        return (
            layout.width_pt - self.left - self.right,
            layout.height_pt - self.top - self.bottom,
        )

    def legend_top(self, number: int) -> float:
        """Return the top of legend row `number` (from 0; figure fraction)."""
        return (self.bottom - self.ticks - self.row_height * number) / self.layout.height_pt

    def key_texts(self) -> list[FigureText]:
        """Return the key's lines, placed under the legend."""
        layout = self.layout
        return [
            FigureText(
                self.edge / layout.width_pt,
                (4.0 + self.key_height * (len(self.key) - 1 - line)) / layout.height_pt,
                text,
                layout.small,
                f"changes-key-{line + 1}",
                va="bottom",
            )
            for line, text in enumerate(self.key)
        ]


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


def date_locator(points: Sequence[PointResult], layout: Layout) -> Locator:
    """Return where the date ticks go: at each point's period for a few points (up to
    FEW_POINTS), else where the period locator puts them for the layout."""
    if 0 < len(points) <= FEW_POINTS:
        return FixedLocator(day_numbers([p.period for p in points]))
    return PeriodLocator(layout.min_ticks, layout.max_ticks)


def value_label(labels: ChartLabels) -> str:
    """Return the value axis's label: 'Percent' for percentages, else the unit."""
    percent = labels.percent or labels.unit == "%"
    return speech(labels)._("Percent") if percent else labels.unit


def title_lines(title: str, layout: Layout, beside: bool) -> list[str]:
    """Return the title as drawn: wrapped to the layout's lines, shortened with '…'."""
    most = layout.title_chars[beside]
    lines = textwrap.wrap(title, most) or [""]
    if len(lines) > layout.title_lines:
        rest = " ".join(lines[layout.title_lines - 1 :])
        lines = [*lines[: layout.title_lines - 1], rest[: most - 1].rstrip() + "…"]
    return lines


def heading(labels: ChartLabels, layout: Layout, left: float) -> tuple[list[FigureText], float]:
    """Return the title and which way is better, and the height they take (points)."""
    words = speech(labels)
    better = {"increase": words._("↑ Higher is better"), "decrease": words._("↓ Lower is better")}
    direction = better.get(labels.direction, "")
    narrow = layout.title_lines > 1
    lines = title_lines(labels.title, layout, bool(direction) and not narrow)
    top = 1 - 8 / layout.height_pt
    step = layout.title * 1.25
    texts = [
        FigureText(
            left, top, "\n".join(lines), layout.title, "heading", bold=True, linespacing=1.15
        )
    ]
    used = 8 + step * len(lines)
    if direction and narrow:
        texts.append(
            FigureText(left, 1 - used / layout.height_pt, direction, layout.small, "direction")
        )
        used += layout.small * 1.3
    elif direction:
        texts.append(FigureText(0.985, top, direction, layout.small, "direction", ha="right"))
    return texts, used


def chart_frame(analysis: ChartAnalysis, labels: ChartLabels) -> ChartFrame:
    """Return where the chart's parts go, in the wide or narrow shape the labels ask for."""
    labels = drawable(labels)
    layout = layout_of(labels.narrow)
    width_pt = layout.width_pt
    changes = chart_marks.shown_annotations(analysis, labels)
    key = chart_marks.annotation_key(changes, labels.lang, layout.key_chars, layout.key_lines)
    marks = signal_marks(analysis, labels.direction)
    right = layout.goal_right if labels.goal is not None else layout.right
    groups = (
        line_entries(analysis, labels.lang),
        mark_entries(analysis, marks, labels.lang),
    )
    rows = [row for group in groups for row in legend_rows(group, width_pt - 8, layout.small)]
    row_height = layout.small * 1.75
    key_height = layout.small * 1.4
    edge = layout.left if layout is WIDE else 8.0  # narrow: title and key use the full width
    texts, used = heading(labels, layout, edge / width_pt)
    ticks = layout.small * 3.6
    return ChartFrame(
        labels=labels,
        layout=layout,
        changes=changes,
        key=key,
        marks=marks,
        rows=rows,
        texts=texts,
        left=layout.left,
        right=right,
        top=used + 10.0 + (16.0 if changes else 0.0),
        bottom=ticks + row_height * len(rows) + key_height * len(key) + 4.0,
        ticks=ticks,
        row_height=row_height,
        key_height=key_height,
        edge=edge,
    )


def _series(points: Sequence[PointResult], name: str) -> list[float]:
    values = (getattr(p, name) for p in points)
    return [np.nan if v is None else v for v in values]


def _days(points: Sequence[PointResult]) -> NDArray[np.float64]:
    """Return the points' periods as matplotlib's day numbers."""
    return day_numbers([p.period for p in points])


def centre_and_limits(analysis: ChartAnalysis) -> list[PlotLine]:
    """Return each phase's centre line (solid) and 3-sigma limits (dashed steps)."""
    centre = LineStyle(palette.CENTRE, 1.6, steps=True)
    limit = LineStyle(palette.LIMIT, 1.2, (0, (5, 3)), steps=True)
    lines = []
    for phase in analysis.phases:
        inside = [p for p in analysis.points if p.phase == phase.phase]
        centre_id = f"centre-{phase.phase}"
        lines.append(PlotLine(_days(inside), _series(inside, "centre"), centre_id, 2, centre))
        if analysis.spec.chart == "run":
            continue
        for name in ("upper", "lower"):
            # Missing points have no limits; bridge them so the limit line stays whole.
            known = [p for p in inside if getattr(p, name) is not None]
            limit_id = f"{name}-limit-{phase.phase}"
            lines.append(PlotLine(_days(known), _series(known, name), limit_id, 2, limit))
    return lines


def data_lines(analysis: ChartAnalysis, marks: dict[int, SignalMark]) -> list[PlotLine]:
    """Return the data line (gaps at missing points), ordinary, excluded and flagged points.

    Points drawn alike are one line of markers (one SVG group, a <use> per point):
    ordinary points; excluded points within and outside the limits; flagged points of
    each kind and meaning (e.g. `signal-run-improvement`). A line per point cost a
    fifth of drawing a chart with a long run.
    """
    points = analysis.points
    data = LineStyle(palette.DATA, 1.4)
    lines = [PlotLine(_days(points), _series(points, "value"), "data-line", 3, data)]
    plain = [p for p in points if p.value is not None and not p.excluded and p.index not in marks]
    dots = LineStyle(palette.DATA, marker="o", marker_size=4)
    lines.append(PlotLine(_days(plain), _series(plain, "value"), "data-points", 4, dots))
    for outside, shape, gid in ((False, "o", "excluded-points"), (True, "D", "excluded-outside")):
        excluded = [
            p for p in points if p.excluded and p.value is not None and p.outside_limits == outside
        ]
        if excluded:
            style = LineStyle(
                palette.DATA, marker=shape, marker_size=6, face="white", edge=palette.DATA,
                edge_width=1.3,
            )  # fmt: skip
            lines.append(PlotLine(_days(excluded), _series(excluded, "value"), gid, 4, style))
    by_index = {p.index: p for p in points}
    alike: dict[tuple[MarkKind, Meaning], list[PointResult]] = {}
    for mark in marks.values():
        alike.setdefault((mark.kind, mark.meaning), []).append(by_index[mark.index])
    for (kind, meaning), flagged in alike.items():
        gid = f"signal-{kind}-{meaning}"
        style = mark_style(kind, meaning)
        lines.append(PlotLine(_days(flagged), _series(flagged, "value"), gid, 5, style))
    return lines


def plot_lines(analysis: ChartAnalysis, frame: ChartFrame) -> list[PlotLine]:
    """Return every line of the plot, in the order they are added to it."""
    return [*centre_and_limits(analysis), *data_lines(analysis, frame.marks)]
