"""A chart drawn straight to the SVG renderer (charts/direct.py) is byte for byte the SVG
matplotlib saves of the chart's figure (charts/draw.py); a chart with a part only the
figure draws is left to the figure."""

from __future__ import annotations

from dataclasses import replace

import matplotlib
import pytest
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.transforms import Bbox, BboxTransformTo, TransformedBbox

from tests.charts.factory import make_analysis, make_labels, month, week
from tests.charts.varied import SERIES, varied_charts
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartAnalysis, ChartSpec, Observation
from toolkit_builder.charts.canvas import ChartCanvas
from toolkit_builder.charts.direct import DirectDrawer, _in_data, drawn_directly
from toolkit_builder.charts.draw import STYLE, chart_svg, draw_chart, figure_svg
from toolkit_builder.charts.frame import chart_frame, plot_lines
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.reading import read_chart
from toolkit_builder.charts.svgdoc import finish_svg, svg_id

Chart = tuple[ChartAnalysis, ChartLabels]


def more_charts() -> list[Chart]:
    """Charts drawn directly that differ in what the varied set leaves out: excluded
    points within and outside the limits, each kind and meaning of flagged point, a flat
    run chart, negative values, values a tick apart, multi-line tick labels, yearly
    ticks, a title in two lines, both directions, Welsh; a goal within the values, one
    above them, one below (the plot's view takes it in), one on a flat run chart;
    phases (labels left and right, under a baseline's end), changes tested close
    together and a dozen of them, words with dollar signs (never mathematics)."""
    changes = tuple((week(i), f"PDSA {i}: $5 to $3") for i in (1, 2, 2, 3, 9, 10, 11, 12, 13))
    flagged = {2: "concern", 9: "improvement", 10: "improvement", 11: "improvement"}
    charts: list[Chart] = [
        (
            make_analysis(SERIES, excluded=(2, 13), run=(5, 6, 7), special=flagged),
            make_labels(title="Falls with harm per 1,000 bed days on the ward", lang="cy"),
        ),
        (make_analysis([4.0] * 12, chart="run"), make_labels(direction="decrease", goal=4.0)),
        (make_analysis(SERIES), make_labels(goal=11.5, direction="increase")),
        (make_analysis(SERIES, chart="c"), make_labels(goal=40.0, unit="falls")),
        (make_analysis([-3.0, -1.0, 2.0] * 4), make_labels(goal=-7.25, direction="decrease")),
        (
            make_analysis(SERIES * 2, phase_starts=(5, 12, 24), run=(2, 3, 4)),
            make_labels(
                phase_names=("Form $1", "Huddles and a much longer phase name than fits", "3"),
                annotations=changes + tuple((week(20 + i), f"Cycle {i}") for i in range(4)),
            ),
        ),
        (
            analyse(
                [Observation(week(i), float(v)) for i, v in enumerate(SERIES * 2)],
                ChartSpec("i", baseline_points=10),
            ),
            make_labels(phase_names=("After",), goal=10.5, annotations=changes[:2]),
        ),
        (make_analysis([-3.5, -1.0, 0.5, 2.0, -0.25] * 3), make_labels(unit="°C")),
        (make_analysis([1.0, 1.1, 1.0, 1.1] * 5, spread=0.05), make_labels()),
        (
            make_analysis(
                [float(v) for v in range(40)],
                periods=[month(i) for i in range(40)],
                spread=[2.0 + i % 3 for i in range(40)],
            ),
            make_labels(percent=True, direction="increase"),
        ),
        (
            make_analysis([None, 5.0, None, 7.0, 6.0, None, 8.0] * 3, chart="c"),
            make_labels(title="Missed doses", unit="doses"),
        ),
    ]
    return [(a, replace(labels, narrow=narrow)) for a, labels in charts for narrow in (False, True)]


def figure_and_direct(charts: list[Chart]) -> list[tuple[str, str | None]]:
    """Return each chart's figure SVG beside its direct one (None: not drawn directly)."""
    drawer, canvas = DirectDrawer(), ChartCanvas()
    drawn: list[tuple[str, str | None]] = []
    with matplotlib.rc_context(STYLE):
        for analysis, labels in charts:
            frame = chart_frame(analysis, labels)
            direct = None
            if drawn_directly(analysis):
                direct = drawer.svg(frame, analysis, plot_lines(analysis, frame))
            drawn.append((figure_svg(frame, analysis, canvas), direct))
    return drawn


def test_every_chart_drawn_directly_is_the_figures_svg_byte_for_byte() -> None:
    charts = varied_charts() + more_charts()
    drawn = figure_and_direct(charts + list(reversed(charts)))  # each after any other
    direct = [(figure, svg) for figure, svg in drawn if svg is not None]
    assert all(svg is not None for _, svg in drawn[len(varied_charts()) : len(charts)])
    assert len(direct) >= 2 * len(more_charts()) + 8  # and some of the varied set
    for figure, svg in direct:
        assert svg == figure


@pytest.mark.parametrize(
    "chart",
    [
        (make_analysis([None, None]), make_labels()),
        (make_analysis([]), make_labels()),
        (make_analysis([float(i % 7) for i in range(1001)]), make_labels()),  # Line2D subslices
    ],
    ids=["no values", "no points", "long line"],
)
def test_a_chart_with_a_part_only_the_figure_draws_is_left_to_it(chart: Chart) -> None:
    analysis, labels = chart
    assert not drawn_directly(analysis)
    assert draw_chart(analysis, labels).startswith(b"<?xml")


def test_a_chart_with_every_part_but_no_data_is_drawn_directly() -> None:
    """Phases, excluded and flagged points do not keep a chart from the drawer (nor do a
    goal or changes tested: drawn_directly does not ask the labels)."""
    analysis = make_analysis(SERIES, phase_starts=(8,), excluded=(3,), run=(9, 10))
    assert drawn_directly(analysis)
    nothing = make_analysis([None, None])
    assert not drawn_directly(nothing)


@pytest.mark.parametrize(
    ("rect", "view", "goal", "moved"),
    [
        (
            (0.10069444444444445, 0.3303185945445526, 0.8, 0.5366170053406539),
            (-81.22808264515302, -81.13775094089725),
            -66.11,
            True,
        ),
        (
            (0.10069444444444445, 0.2061179966067107, 0.8, 0.30763375829803824),
            (8.282494558699312, 46.0401065385487),
            281.42,
            True,
        ),
        ((0.1, 0.25, 0.8, 0.5), (0.0, 10.0), 5.0, False),
    ],
)
def test_a_goal_reaches_the_plots_data_limits_as_axhline_takes_it(
    rect: tuple[float, float, float, float], view: tuple[float, float], goal: float, moved: bool
) -> None:
    """Axes.axhline takes the goal into the plot's data limits through the plot's
    transforms and back, which can move it by a rounding error: the drawer takes the
    same value (it decides the view when the goal is outside the values)."""
    figure = Figure(figsize=(8.0, 3.6), dpi=72)
    plot = figure.add_axes(rect)
    plot.set_xlim(19000.0, 19500.0)
    plot.set_ylim(*view)
    plot.axhline(goal)
    to_axes = BboxTransformTo(TransformedBbox(Bbox.from_bounds(*rect), figure.transSubfigure))
    reached = _in_data(Path([[0.0, goal], [1.0, goal]]), to_axes, (19000.0, 19500.0), view)
    assert (min(reached), max(reached)) == tuple(plot.dataLim.intervaly)
    assert (reached != [goal, goal]) == moved


def test_ids_prefixed_as_drawn_are_the_ids_prefixed_after() -> None:
    charts = [chart for chart in varied_charts() + more_charts() if drawn_directly(chart[0])]
    drawer = DirectDrawer()
    with matplotlib.rc_context(STYLE):
        for analysis, labels in charts:
            ident = svg_id(labels.chart_id)
            frame = chart_frame(analysis, labels)
            lines = plot_lines(analysis, frame)
            after = finish_svg(drawer.svg(frame, analysis, lines), ident, "T", "D")
            as_drawn = drawer.svg(frame, analysis, lines, f"{ident}-")
            assert finish_svg(as_drawn, ident, "T", "D", prefixed=True) == after
            assert as_drawn.count(f'id="{ident}-') >= 10
            assert as_drawn.count(f'="#{ident}-m') + as_drawn.count(f"url(#{ident}-p") >= 10
            assert chart_svg(analysis, labels, None) == chart_svg_prefixed_after(analysis, labels)


def chart_svg_prefixed_after(analysis: ChartAnalysis, labels: ChartLabels) -> bytes:
    """Return chart_svg's bytes as they were made before the renderer prefixed the ids."""
    frame = chart_frame(analysis, labels)
    svg = DirectDrawer().svg(frame, analysis, plot_lines(analysis, frame))
    description = labels.description or read_chart(analysis, labels)
    return finish_svg(svg, svg_id(labels.chart_id), labels.title, description).encode("utf-8")
