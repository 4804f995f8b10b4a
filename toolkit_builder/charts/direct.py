"""A chart drawn straight to matplotlib's SVG renderer, without a figure, axes or artists.

Making matplotlib's figure, axes and artists, and walking them to draw, is about three
quarters of a chart's drawing; the renderer's own work (the SVG it writes) is the
rest. DirectDrawer works out what the figure would ask of the renderer (the plot's
view and transforms as matplotlib's axes work them out, the ticks its locators choose,
each text's layout) and asks it, with charts/pen.py: the same SVG, byte for byte, in
about half the time (tests/charts/test_direct.py draws a varied set both ways, and
bench/drawing.py every chart of the synthetic site).

It draws every part a chart with data has: title, direction, ticks, grid, centre
lines, limits, goal, phases, a baseline's end, changes tested and their key, data,
excluded and flagged points, legend. A chart with no data to plot, or with a line long
enough for matplotlib to draw only its part in view, is left to the figure
(drawn_directly says which).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from matplotlib.cbook import pts_to_midstep
from matplotlib.colors import to_rgba
from matplotlib.font_manager import FontProperties
from matplotlib.lines import TICKDOWN, TICKLEFT
from matplotlib.path import Path
from matplotlib.ticker import AutoLocator, Locator
from matplotlib.transforms import (
    Affine2D,
    Bbox,
    BboxTransformFrom,
    BboxTransformTo,
    IdentityTransform,
    ScaledTranslation,
    Transform,
    TransformedBbox,
    blended_transform_factory,
)

from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts import palette
from toolkit_builder.charts.dates import PeriodFormatter, day_number
from toolkit_builder.charts.frame import (
    VALUE_MARGIN,
    ChartFrame,
    FigureText,
    PlotLine,
    date_locator,
    value_label,
)
from toolkit_builder.charts.layout import Layout
from toolkit_builder.charts.legend import PlacedLabel, row_places
from toolkit_builder.charts.linestyle import LineStyle
from toolkit_builder.charts.marks import (
    GOAL_LINE,
    GOAL_OFFSET,
    PlotLabel,
    PlotRule,
    goal_label,
    plot_marks,
)
from toolkit_builder.charts.pen import RGBA, Pen, TextLayouts, TextStyle, marker, stroke
from toolkit_builder.charts.svgcanvas import METADATA, MeasuredRendererSVG, text_extent
from toolkit_builder.charts.ticks import LABEL_PAD, TICK_LENGTH, TICK_PAD, TICK_WIDTH, ticks_in_view
from toolkit_builder.charts.words import axis_value_text

DPI = 72
"""The figure's dpi while the SVG renderer draws it (print_svg sets it): points."""
LONG_LINE = 1000
"""Line2D draws only the part in view of a sorted line longer than this: left to it."""
SPINES_ZORDER = 2.5
"""The plot's edges (spines) are drawn over lines of a lower zorder, under the rest."""
WHITE = (1.0, 1.0, 1.0, 1.0)
UNIT_RECTANGLE = Path.unit_rectangle()


@dataclass(frozen=True, slots=True)
class _Page:
    """What a figure of one shape is while it is saved as SVG."""

    width: float
    height: float
    dpi_scale: Affine2D
    figure: BboxTransformTo
    """Figure fractions to points."""
    points: Transform
    """The legend's transform (points, as charts/legend.py's rows)."""


class _ViewAxis:
    """What a locator or formatter reads of its axis: the view, and the room for ticks."""

    def __init__(self, view: tuple[float, float], tick_space: int = 9) -> None:
        self.view = view
        self.tick_space = tick_space

    def get_view_interval(self) -> tuple[float, float]:
        return self.view

    def get_tick_space(self) -> int:
        return self.tick_space


def drawn_directly(analysis: ChartAnalysis) -> bool:
    """Return whether DirectDrawer draws the chart: it has data to plot, in a line short
    enough for Line2D to draw whole."""
    points = analysis.points
    return any(p.value is not None for p in points) and len(points) <= LONG_LINE


def _limits(lines: list[PlotLine]) -> tuple[float, float]:
    """Return the lowest and highest value the lines reach (their points with both a
    day and a value), as the plot's data limits take them."""
    values = np.concatenate([np.asarray(line.y, dtype=float) for line in lines])
    days = np.concatenate([line.x for line in lines])
    known = values[np.isfinite(values) & np.isfinite(days)]
    return float(known.min()), float(known.max())


def _in_data(
    line: Path, to_axes: Transform, dates: tuple[float, float], values: tuple[float, float]
) -> list[float]:
    """Return the values a line across the plot (axes fractions, values) reaches in the
    plot's data limits, as Axes.add_line takes them on a plot with this view: through
    the plot's transforms and back (the same floats)."""
    view = Bbox([[dates[0], values[0]], [dates[1], values[1]]])
    to_data = BboxTransformFrom(view) + to_axes
    across = blended_transform_factory(to_axes, to_data)
    back = (across + to_data.inverted()).transform_path_affine(line)
    return [float(v) for v in back.vertices[:, 1]]


def _value_view(low: float, high: float, locator: Locator) -> tuple[float, float]:
    """Return the value axis's view of values from `low` to `high`, as Axes.autoscale_view
    works it out (a linear axis, its locator's limits, the margin, nothing sticky) and
    set_ylim takes it."""
    low, high = locator.nonsingular(low, high)
    delta = (high - low) * VALUE_MARGIN
    if not np.isfinite(delta):
        delta = 0
    low, high = locator.view_limits(low - delta, high + delta)
    low, high = locator.nonsingular(low, high)
    return tuple(sorted([low, high]))  # type: ignore[return-value]


class DirectDrawer:
    """Draws charts straight to the SVG renderer, keeping text layouts from chart to chart
    (one drawer per process or batch, like charts/canvas.py's canvas)."""

    def __init__(self) -> None:
        self.layouts = TextLayouts()
        self._pages: dict[str, _Page] = {}

    def _page(self, layout: Layout) -> _Page:
        page = self._pages.get(layout.name)
        if page is None:
            dpi_scale = Affine2D().scale(DPI)
            inches = Bbox.from_bounds(0, 0, layout.width, layout.height)
            page = _Page(
                layout.width_pt,
                layout.height_pt,
                dpi_scale,
                BboxTransformTo(TransformedBbox(inches, dpi_scale)),
                Affine2D().scale(1 / 72) + dpi_scale,
            )
            self._pages[layout.name] = page
        return page

    def svg(
        self, frame: ChartFrame, analysis: ChartAnalysis, lines: list[PlotLine], ids: str = ""
    ) -> str:
        """Return the chart's SVG as matplotlib saves the figure of it (charts/draw.py's
        chart_figure), every id in it but the svg element's prefixed by `ids`; call only
        when drawn_directly(analysis)."""
        layout, goal = frame.layout, frame.labels.goal
        page = self._page(layout)
        stream = io.StringIO()
        renderer = MeasuredRendererSVG(page.width, page.height, stream, ids=ids, metadata=METADATA)
        pen = Pen(renderer, self.layouts)
        axes = TransformedBbox(Bbox.from_bounds(*frame.rect), page.figure)
        to_axes = BboxTransformTo(axes)
        points = analysis.points
        first, last = day_number(points[0].period), day_number(points[-1].period)
        pad = max(1.0, (last - first) * 0.02)
        dates = (first - pad, last + pad)
        values = AutoLocator()
        lowest, highest = _limits(lines)
        low, high = _value_view(lowest, highest, values)
        goal_line = None
        if goal is not None:
            goal_line = Path([[0.0, goal], [1.0, goal]])
            if not low <= goal <= high:  # the plot's view takes in the goal (Axes.axhline)
                reached = _in_data(goal_line, to_axes, dates, (low, high))
                lowest, highest = min(lowest, *reached), max(highest, *reached)
                low, high = _value_view(lowest, highest, values)
        space = Bbox.unit().transformed(to_axes - page.dpi_scale).height * 72
        values.set_axis(_ViewAxis((low, high), int(np.floor(space / (layout.small * 2)))))  # type: ignore[arg-type]
        view = Bbox([[dates[0], low], [dates[1], high]])
        to_data = BboxTransformFrom(view) + to_axes
        along_x = blended_transform_factory(to_data, to_axes)
        along_y = blended_transform_factory(to_axes, to_data)
        clip = TransformedBbox(Bbox.unit(), to_axes)

        renderer.open_group("figure", gid=None)
        pen.patch(UNIT_RECTANGLE, Affine2D(page.figure.get_matrix()), WHITE, None, False)
        renderer.open_group("axes", gid=None)
        pen.patch(UNIT_RECTANGLE, Affine2D(to_axes.get_matrix()), WHITE, None)
        self._ticks(pen, frame, analysis, page, (to_axes, along_x, along_y, clip), view, values)
        data = Affine2D(to_data.get_matrix())
        edge = replace(stroke(palette.TEXT, 0.8, None), join="miter")  # a Patch's join
        parts: list[tuple[float, Callable[[], None]]] = [
            (
                line.zorder,
                lambda line=line: _draw_line(  # type: ignore[misc]
                    pen, line.x, line.y, line.style, data, clip, line.gid
                ),
            )
            for line in lines
        ]
        if goal is not None and goal_line is not None:
            on_y = Affine2D(along_y.get_matrix())
            parts.append((1, lambda: _draw_path(pen, goal_line, GOAL_LINE, on_y, clip, "goal")))
            at = along_y.transform((1.0, float(goal)))
            style = TextStyle(
                FontProperties(size=layout.small), to_rgba(palette.GOAL), "left", "center"
            )
            words = goal_label(frame.labels)
            parts.append((3, lambda: _annotation(pen, words, style, at, GOAL_OFFSET, "goal-label")))
        on_x = Affine2D(along_x.get_matrix())
        changes, labels = frame.changes, frame.labels
        for mark in plot_marks(analysis, labels, layout, changes, dates, frame.plot_size):
            if isinstance(mark, PlotRule):
                rule = Path([[mark.x, mark.span[0]], [mark.x, mark.span[1]]])
                within = clip if mark.clipped else None
                parts.append(
                    (
                        mark.zorder,
                        lambda rule=rule, mark=mark, within=within: _draw_path(  # type: ignore[misc]
                            pen, rule, mark.style, on_x, within, mark.gid
                        ),
                    )
                )
            else:
                parts.append((mark.zorder, lambda mark=mark: _plot_label(pen, mark, along_x)))  # type: ignore[misc]
        spines = (
            (Path([[0.0, low], [0.0, high]]), along_y),  # left, then bottom (Axes.spines)
            (Path([[dates[0], 0.0], [dates[1], 0.0]]), along_x),
        )
        for side, on in spines:
            on_side = Affine2D(on.get_matrix())
            parts.append(
                (SPINES_ZORDER, lambda side=side, on=on_side: pen.patch(side, on, None, edge))  # type: ignore[misc]
            )
        for _, draw in sorted(parts, key=lambda part: part[0]):  # stable: as added, in a layer
            draw()
        renderer.close_group("axes")
        for text in [*frame.texts, *frame.key_texts()]:
            self._figure_text(pen, text, page)
        size = layout.small
        legend_text = TextStyle(FontProperties(size=size), to_rgba(palette.TEXT))
        in_points = Affine2D(page.points.get_matrix())
        for number, row in enumerate(frame.rows):
            renderer.open_group("legend", gid=f"legend_{number + 1}")
            anchor = (0.5, frame.legend_top(number))
            for place in row_places(row, anchor, size, (page.width, page.height)):
                if isinstance(place, PlacedLabel):
                    pen.text(place.text, legend_text, page.points, (place.x, place.y))
                    continue
                x = np.array(place.x)
                _draw_line(pen, x, [place.y] * 3, place.style, in_points, None, None, 1)
            renderer.close_group("legend")
        renderer.close_group("figure")
        renderer.finalize()
        return stream.getvalue()

    def _figure_text(self, pen: Pen, text: FigureText, page: _Page) -> None:
        font = FontProperties(size=text.size, weight="bold" if text.bold else "normal")
        style = TextStyle(
            font, to_rgba(palette.TEXT), text.ha, text.va,
            linespacing="normal" if text.linespacing is None else text.linespacing,
        )  # fmt: skip
        pen.text(text.text, style, page.figure, (text.x, text.y), text.gid)

    def _ticks(
        self,
        pen: Pen,
        frame: ChartFrame,
        analysis: ChartAnalysis,
        page: _Page,
        transforms: tuple[Transform, Transform, Transform, Bbox],
        view: Bbox,
        values: AutoLocator,
    ) -> None:
        """Draw the ticks, their labels, the grid and the value label as charts/ticks.py's
        PlotTicks draws them."""
        to_axes, along_x, along_y, clip = transforms
        layout, labels = frame.layout, frame.labels
        renderer = pen.renderer
        dates = date_locator(analysis.points, layout)
        x_view = (float(view.x0), float(view.x1))
        dates.set_axis(_ViewAxis(x_view))  # type: ignore[arg-type]
        formatter = PeriodFormatter(labels.lang)
        formatter.set_axis(_ViewAxis(x_view))  # type: ignore[arg-type]
        x_places = [float(at) for at in dates()]
        x_ticks = ticks_in_view(x_places, formatter.format_ticks(x_places), x_view)
        y_places = [float(at) for at in values()]
        y_labels = [axis_value_text(v, labels) for v in y_places]
        y_ticks = ticks_in_view(y_places, y_labels, (float(view.y0), float(view.y1)))
        font = FontProperties(size=layout.small)
        text_rgba = to_rgba(palette.TEXT)
        renderer.open_group("axes-ticks", gid="axes-ticks")
        if y_ticks:
            across = [v for _ in y_ticks for v in (0.0, 1.0, float("nan"))][:-1]
            heights = [v for tick in y_ticks for v in (tick.at, tick.at, float("nan"))][:-1]
            grid = LineStyle(palette.GRID, 0.7)
            affine = Affine2D(along_y.get_matrix())
            _draw_line(pen, np.array(across), heights, grid, affine, clip, "value-grid")
        for direction, ticks in (("x", x_ticks), ("y", y_ticks)):
            if not ticks:
                continue
            if direction == "x":
                edge, symbol = along_x, TICKDOWN
                offset = ScaledTranslation(0, -1 * (TICK_LENGTH + TICK_PAD) / 72, page.dpi_scale)
                style = TextStyle(font, text_rgba, "center", "top")
                places = ([t.at for t in ticks], [0.0] * len(ticks))
            else:
                edge, symbol = along_y, TICKLEFT
                offset = ScaledTranslation(-1 * (TICK_LENGTH + TICK_PAD) / 72, 0, page.dpi_scale)
                style = TextStyle(font, text_rgba, "right", "center_baseline")
                places = ([0.0] * len(ticks), [t.at for t in ticks])
            mark = LineStyle(
                palette.TEXT, marker=symbol, marker_size=TICK_LENGTH, edge_width=TICK_WIDTH
            )
            affine = Affine2D(edge.get_matrix())
            _draw_line(
                pen, np.array(places[0]), places[1], mark, affine, None, f"{direction}-ticks"
            )
            text_at = edge + offset
            for (x, y), tick in zip(zip(*places, strict=True), ticks, strict=True):
                if tick.label:
                    pen.text(tick.label, style, text_at, (x, y))
        label = value_label(labels)
        if label:
            left = to_axes.transform((0.0, 0.0))[0]
            family = tuple(font.get_family())
            widths = [text_extent(t.label, layout.small, family)[0] for t in y_ticks if t.label]
            if widths:
                edge_x = left - (TICK_LENGTH + TICK_PAD + max(widths)) * DPI / 72
            else:
                edge_x = left - (TICK_LENGTH if y_ticks else 0.0) * DPI / 72
            style = TextStyle(font, text_rgba, "center", "bottom", 90.0, "anchor")
            at = blended_transform_factory(IdentityTransform(), to_axes)
            pen.text(label, style, at, (edge_x - LABEL_PAD * DPI / 72, 0.5), "value-label")
        renderer.close_group("axes-ticks")


def _annotation(
    pen: Pen,
    words: str,
    style: TextStyle,
    at: tuple[float, float],
    offset: tuple[float, float],
    gid: str,
    box: tuple[str, RGBA] | None = None,
) -> None:
    """Draw words `offset` points from `at` (points), as Axes.annotate draws them with
    textcoords 'offset points'."""
    points = Affine2D().scale(DPI / 72).translate(*at)
    pen.text(words, style, points, (float(offset[0]), float(offset[1])), gid, box)


def _plot_label(pen: Pen, mark: PlotLabel, along_x: Transform) -> None:
    """Draw a label in its box at the top of the plot, as Axes.annotate draws it
    (charts/marks.py draw_plot_marks)."""
    style = TextStyle(FontProperties(size=mark.size), to_rgba(mark.colour), mark.ha, mark.va)
    at = along_x.transform((mark.x, 1.0))
    box = (mark.box, to_rgba(mark.box_colour))
    _annotation(pen, mark.text, style, at, mark.offset, mark.gid, box)


def _draw_path(
    pen: Pen, path: Path, style: LineStyle, affine: Affine2D, clip: Bbox | None, gid: str
) -> None:
    """Draw a line along `path` as Line2D draws it in `style` (a stroke, no markers)."""
    assert style.width is not None
    pen.line(path, affine, stroke(style.colour, style.width, style.dashes), None, None, clip, gid)


def _draw_line(
    pen: Pen,
    x: np.ndarray,
    y: list[float],
    style: LineStyle,
    affine: Affine2D,
    clip: Bbox | None,
    gid: str | None,
    marked: int | None = None,
) -> None:
    """Draw a line of points as Line2D draws it in `style` (its marker at every point, or
    only at point `marked`)."""
    xy = np.column_stack(np.broadcast_arrays(x, y)).astype(float)
    path = Path(np.asarray(pts_to_midstep(xy[:, 0], xy[:, 1])).T) if style.steps else Path(xy)
    pen_stroke = None if style.width is None else stroke(style.colour, style.width, style.dashes)
    mark = None
    at = None
    if style.marker is not None:
        mark = marker(
            style.marker, float(style.marker_size), style.colour, style.face, style.edge,
            style.edge_width,
        )  # fmt: skip
        at = Path(xy) if marked is None else Path(xy[[marked]])
    pen.line(path, affine, pen_stroke, mark, at, clip, gid)
