"""The plot's ticks, tick labels, value grid and value-axis label, as matplotlib's axes
draw them, without the cost of its Axis and Tick objects.

Half of a chart's drawing went into matplotlib drawing its two axes: a Tick object of
five artists per tick, each tick label measured twice to place the axis label, a grid
line per tick. The ticks here are where the axes' own locators put them and read what
their formatters say (the axes keep both, and keep deciding the ticks); only the
drawing differs: one line of tick marks per axis, one Text per axis moved from label
to label (marks.py MovedText; each label its own SVG group), one path for the grid, and the value
label placed from the labels' measured widths.
tests/charts/test_ticks.py holds each position to the one matplotlib's axes give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.artist import Artist, allow_rasterization
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backend_bases import RendererBase
from matplotlib.font_manager import FontProperties
from matplotlib.lines import TICKDOWN, TICKLEFT, Line2D
from matplotlib.transforms import IdentityTransform, blended_transform_factory

from toolkit_builder.charts import palette
from toolkit_builder.charts.marks import MovedText
from toolkit_builder.charts.svgcanvas import LaidOutText, text_extent

TICK_LENGTH = 3.5
"""Length of a tick mark, outwards (points; matplotlib's default, as the axes draw it)."""
TICK_WIDTH = 0.8
"""Line width of a tick mark (points)."""
TICK_PAD = 3.5
"""Points between a tick mark's end and its label."""
LABEL_PAD = 4.0
"""Points between the value axis's label and its tick labels."""


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick the plot shows: where (data units) and its label."""

    at: float
    label: str


def shown_ticks(axis: Axis) -> list[Tick]:
    """Return the axis's major ticks within its view, labelled by its formatter."""
    places = [float(at) for at in axis.get_majorticklocs()]
    labels = axis.major.formatter.format_ticks(places)
    return ticks_in_view(places, labels, tuple(axis.get_view_interval()))


def ticks_in_view(
    places: Sequence[float], labels: Sequence[str], view: tuple[float, float]
) -> list[Tick]:
    """Return the ticks at `places` within the `view` (either way round), with their
    labels, as matplotlib's Axis chooses the ticks it draws (a tick a rounding error
    outside the view is drawn)."""
    low, high = sorted(view)
    slack = (high - low) * 1e-10
    return [
        Tick(float(at), label)
        for at, label in zip(places, labels, strict=True)
        if low - slack <= at <= high + slack
    ]


class PlotTicks(Artist):
    """Draws the plot's date ticks below it and value ticks left of it, with their labels,
    the value grid across it, and the value axis's label left of the value labels.

    The axes' own axes stay hidden (Axes.xaxis and yaxis not visible) but decide the
    ticks: their locators, formatters and view limits, read when the chart is drawn.
    """

    zorder = 0.5  # as the axes' axes under set_axisbelow(True): below every line

    def __init__(self, axes: Axes, size: float, value_label: str) -> None:
        super().__init__()
        self.plot = axes
        self.size = size
        self.value_label = value_label
        self.set_gid("axes-ticks")

    def parts(self) -> list[Artist]:
        """Return the artists to draw, in drawing order: grid, date ticks and labels,
        value ticks and labels, value axis label."""
        ax = self.plot
        figure = ax.get_figure(root=True)
        assert figure is not None
        font = FontProperties(size=self.size)
        family = tuple(font.get_family())
        x_ticks, y_ticks = shown_ticks(ax.xaxis), shown_ticks(ax.yaxis)
        parts: list[Artist] = []
        if y_ticks:
            across = [v for tick in y_ticks for v in (0.0, 1.0, float("nan"))][:-1]
            values = [v for tick in y_ticks for v in (tick.at, tick.at, float("nan"))][:-1]
            grid = Line2D(
                across, values, color=palette.GRID, linewidth=0.7,
                transform=ax.get_yaxis_transform(), gid="value-grid",
            )  # fmt: skip
            grid.set_clip_path(ax.patch)
            parts.append(grid)
        for direction, ticks in (("x", x_ticks), ("y", y_ticks)):
            if not ticks:
                continue
            if direction == "x":
                on_edge, marker = ax.get_xaxis_transform(), TICKDOWN
                text_at, va, ha = ax.get_xaxis_text1_transform(TICK_LENGTH + TICK_PAD)
                places = ([t.at for t in ticks], [0.0] * len(ticks))
            else:
                on_edge, marker = ax.get_yaxis_transform(), TICKLEFT
                text_at, va, ha = ax.get_yaxis_text1_transform(TICK_LENGTH + TICK_PAD)
                places = ([0.0] * len(ticks), [t.at for t in ticks])
            marks = Line2D(
                *places, linestyle="none", marker=marker, markersize=TICK_LENGTH,
                markeredgewidth=TICK_WIDTH, color=palette.TEXT, clip_on=False,
                transform=on_edge, gid=f"{direction}-ticks",
            )  # fmt: skip
            parts.append(marks)
            labelled = [
                (x, y, tick.label)
                for (x, y), tick in zip(zip(*places, strict=True), ticks, strict=True)
                if tick.label
            ]
            if labelled:
                label = LaidOutText(transform=text_at, va=va, ha=ha, color=palette.TEXT,
                             fontproperties=font, parse_math=False)  # fmt: skip
                parts.append(MovedText(label, labelled))
        if self.value_label:
            dpi = figure.dpi
            left = ax.transAxes.transform((0.0, 0.0))[0]
            widths = [text_extent(t.label, self.size, family)[0] for t in y_ticks if t.label]
            if widths:  # the label clears the widest tick label
                edge = left - (TICK_LENGTH + TICK_PAD + max(widths)) * dpi / 72
            else:  # or the tick marks, or the axis line
                edge = left - (TICK_LENGTH if y_ticks else 0.0) * dpi / 72
            label = LaidOutText(
                edge - LABEL_PAD * dpi / 72, 0.5, self.value_label,
                transform=blended_transform_factory(IdentityTransform(), ax.transAxes),
                rotation="vertical", rotation_mode="anchor", va="bottom", ha="center",
                color=palette.TEXT, fontproperties=font, parse_math=False, gid="value-label",
            )  # fmt: skip
            parts.append(label)
        for part in parts:
            part.set_figure(figure)
        return parts

    @allow_rasterization
    def draw(self, renderer: RendererBase) -> None:
        """Draw the ticks, labels and grid inside one group named by the gid."""
        if not self.get_visible():
            return
        renderer.open_group("axes-ticks", gid=self.get_gid())
        for part in self.parts():
            part.draw(renderer)
        renderer.close_group("axes-ticks")
        self.stale = False


def add_plot_ticks(ax: Axes, size: float, value_label: str) -> PlotTicks:
    """Hide the axes' own axes and add the ticks that draw in their place."""
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    ticks = PlotTicks(ax, size, value_label)
    ax.add_artist(ticks)
    ticks.set_clip_on(False)
    return ticks
