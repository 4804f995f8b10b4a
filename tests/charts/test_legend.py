"""The legend: entries side by side and apart, each row centred, labels level with samples."""

from __future__ import annotations

import io
from itertools import pairwise

import matplotlib
import pytest
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.text import Text
from matplotlib.transforms import Affine2D

from tests.charts.factory import make_analysis, make_labels, month
from tests.charts.svgtools import draw, group, texts
from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts.draw import METADATA, STYLE, chart_figure
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.marks import MovedText

MIXED = [10.0, 11, 10, 9, 11, 10, 10, 11, 13, 14, 13, 14, 13, 14, 30, 2]
"""A run low (concern), a run high (improvement), one point far above and one far below."""


def signals(**labels: object) -> tuple[ChartAnalysis, ChartLabels]:
    """Return an i chart with each shape of flagged point in both colours."""
    analysis = make_analysis(
        MIXED, direction="increase", run=range(1, 15), centre=12.0, spread=6.0, excluded=(4,),
        periods=[month(i) for i in range(len(MIXED))],
    )  # fmt: skip
    return analysis, make_labels(direction="increase", **labels)


CHARTS = {
    "run chart": (make_analysis([10.0, 12, 9, 11, 13, 8, 12], chart="run"), make_labels(), 1),
    "signals": (*signals(), 2),
    "narrow, in rows": (*signals(narrow=True), 4),
    "Welsh": (*signals(lang="cy", goal=25.0), 2),
    "Welsh narrow": (*signals(lang="cy", goal=25.0, narrow=True), 6),
}
"""Charts by name, with the legend rows each shows."""


Entry = tuple[list[Line2D], Text]
"""A legend entry as drawn: its sample's lines (one per shape), then its label."""


def drawn_legend(fig: Figure) -> list[list[Entry]]:
    """Return each legend row's entries, left to right, laid out in points as in the SVG."""
    fig.set_dpi(72)  # display units are points, the SVG's user units
    width, height = fig.bbox.size
    fig.draw(RendererSVG(width, height, io.StringIO()))
    rows = []
    for legend in fig.legends:
        lines = [a for a in legend.findobj(Line2D) if a.get_visible()]
        words = [t for t in legend.findobj(Text) if t.get_visible() and t.get_text()]
        words.sort(key=lambda word: word.get_window_extent().x0)
        row: list[Entry] = []
        for word in words:  # a label's sample is what starts left of it, after the last label
            before = [line for line in lines if extent(line)[0] < word.get_window_extent().x0]
            lines = [line for line in lines if line not in before]
            row.append((before, word))
        assert not lines, "a sample after the last label"
        rows.append(row)
    return rows


def extent(line: Line2D) -> tuple[float, float]:
    """Return from where to where (x, points) a sample paints: its line and its marker."""
    xs = line.get_transform().transform(line.get_xydata())[:, 0]
    found = [(xs.min(), xs.max())] if line.get_linestyle() != "None" else []
    if line.get_marker() not in ("None", "none", "", None):
        marker = MarkerStyle(line.get_marker())
        shape = marker.get_transform() + Affine2D().scale(line.get_markersize())
        box = marker.get_path().get_extents(shape).padded(line.get_markeredgewidth() / 2)
        found += [(x + box.x0, x + box.x1) for x in xs[line.get_markevery()]]
    return min(left for left, _ in found), max(right for _, right in found)


@pytest.mark.parametrize("name", CHARTS)
def test_legend_entries_stand_apart_in_centred_rows(name: str) -> None:
    analysis, labels, shown = CHARTS[name]
    with matplotlib.rc_context(STYLE):
        fig = chart_figure(analysis, labels)
        rows = drawn_legend(fig)
    assert len(rows) == shown
    size = 9.5 if labels.narrow else 8.5
    for row in rows:
        spans = []  # what each entry paints, left to right: its sample, then its label
        for samples, word in row:
            assert samples, f"{name}: {word.get_text()!r} has no sample before it"
            box = word.get_window_extent()
            spans += [(min(extent(s)[0] for s in samples), max(extent(s)[1] for s in samples))]
            spans += [(box.x0, box.x1)]
            # level with the middle of the label's letters, as matplotlib's legend puts it
            middle = samples[0].get_transform().transform(samples[0].get_xydata())[0, 1]
            assert middle == pytest.approx((box.y0 + box.y1) / 2, abs=0.15 * size), name
        for (_, right), (left, _) in pairwise(spans):
            assert left - right > 1.0, f"{name}: legend entries touch or overlap"
        first = row[0][0][0]
        start = first.get_transform().transform(first.get_xydata())[:, 0].min()
        end = row[-1][1].get_window_extent().x1
        assert (start + end) / 2 == pytest.approx(fig.bbox.width / 2, abs=0.25), name
        tops = [word.get_window_extent().y1 for _, word in row]
        assert max(tops) - min(tops) < 0.01, f"{name}: labels of a row on one line"


def test_each_legend_row_is_one_group_of_its_labels() -> None:
    analysis, labels, _ = CHARTS["signals"]
    root = draw(analysis, labels)
    assert texts(group(root, "chart-test-legend_1")) == [
        "Data",
        "Mean",
        "Control limits",
        "Excluded",
    ]
    assert texts(group(root, "chart-test-legend_2")) == [
        "Outside limits", "Long run", "Improvement", "Concern",
    ]  # fmt: skip


def test_moved_text_draws_what_a_text_for_each_draws_and_shows_them_as_children() -> None:
    def saved(figure: Figure) -> str:
        buffer = io.StringIO()
        with matplotlib.rc_context(STYLE):
            figure.savefig(buffer, format="svg", metadata=METADATA)
        return buffer.getvalue()

    places = [(0.1, 0.2, "Data"), (0.4, 0.2, "Mean"), (0.7, 0.6, "Concern")]
    figure = Figure(figsize=(3, 2))
    text = Text(color="#1b1b1b", va="baseline", ha="left", fontsize=8.5, parse_math=False)
    text.set_transform(figure.transFigure)
    moved = MovedText(text, places)
    figure.add_artist(moved)
    drawn_moved = saved(figure)
    children = moved.get_children()
    assert [t.get_text() for t in children if isinstance(t, Text)] == ["Data", "Mean", "Concern"]
    moved.remove()
    for child in children:  # a Text for each, in place of the moved one
        figure.add_artist(child)
    assert saved(figure) == drawn_moved
