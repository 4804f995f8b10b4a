"""The measuring SVG canvas writes what matplotlib's writes, measuring each text once."""

from __future__ import annotations

import io
from collections.abc import Iterator

import matplotlib
import matplotlib.text
import pytest
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.textpath import TextToPath

from tests.charts.varied import varied_charts
from toolkit_builder.charts.canvas import ChartCanvas
from toolkit_builder.charts.draw import METADATA, STYLE, chart_figure
from toolkit_builder.charts.svgcanvas import MeasuredCanvasSVG, font_height_metrics


def _saved(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata=METADATA)
    return buffer.getvalue()


@pytest.fixture
def measured() -> Iterator[list[str]]:
    """Every plain text FreeType measures while the test runs."""
    texts: list[str] = []
    measure = TextToPath.get_text_width_height_descent

    def counted(self: TextToPath, s: str, prop: object, ismath: object) -> object:
        texts.append(s)
        return measure(self, s, prop, ismath)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TextToPath, "get_text_width_height_descent", counted)
        yield texts


def test_each_chart_is_the_svg_matplotlib_writes() -> None:
    canvas = ChartCanvas()  # one canvas: later charts are measured from the memo
    with matplotlib.rc_context(STYLE):
        for analysis, labels in varied_charts():
            figure = chart_figure(analysis, labels, canvas)
            assert isinstance(figure.canvas, MeasuredCanvasSVG)
            ours = _saved(figure)
            FigureCanvasSVG(figure)  # matplotlib's own SVG canvas, measuring every text
            assert _saved(figure) == ours, labels.title
            MeasuredCanvasSVG(figure)


def test_a_lines_markers_are_styled_once_and_as_matplotlib_styles_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    figure = Figure(figsize=(3, 2))
    plot = figure.add_axes((0.1, 0.1, 0.8, 0.8))
    plot.plot(range(40), range(40), "o-", color="#1f4e79", markerfacecolor="white")
    plot.plot(range(40), range(40, 0, -1), "D", color="#b00020")
    plot.set_axis_off()
    FigureCanvasSVG(figure)
    with matplotlib.rc_context(STYLE):  # a fixed salt: the same ids every time
        theirs = _saved(figure)
    styled: list[object] = []
    style = RendererSVG._get_style

    def counted(self: RendererSVG, gc: object, face: object) -> str:
        styled.append(face)
        return style(self, gc, face)  # type: ignore[arg-type]

    monkeypatch.setattr(RendererSVG, "_get_style", counted)
    MeasuredCanvasSVG(figure)
    with matplotlib.rc_context(STYLE):
        assert _saved(figure) == theirs
    assert 0 < len(styled) <= 4, "80 markers: a style for each line's markers, and its path"


def test_a_text_is_measured_once(measured: list[str]) -> None:
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(3, 2))
        MeasuredCanvasSVG(figure)
        figure.text(0.1, 0.5, "Weekly falls, 12 wards")
        first = _saved(figure)
        assert "Weekly falls, 12 wards" in measured
        measured.clear()
        assert _saved(figure) == first
    assert "Weekly falls, 12 wards" not in measured


def test_math_text_is_measured_as_matplotlib_measures_it(measured: list[str]) -> None:
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(3, 2))
        MeasuredCanvasSVG(figure)
        figure.text(0.1, 0.5, r"Rate $\times 1000$")
        ours = _saved(figure)
        measured.clear()
        assert _saved(figure) == ours
        assert r"Rate $\times 1000$" in measured  # math layout is never taken from the memo
        FigureCanvasSVG(figure)
        assert _saved(figure) == ours


def test_a_font_is_read_once() -> None:
    opened: list[object] = []
    open_font = matplotlib.text.get_font  # what matplotlib's text layout reads a font with

    def counted(*args: object, **kwargs: object) -> object:
        opened.append(args)
        return open_font(*args, **kwargs)  # type: ignore[arg-type]

    with matplotlib.rc_context(STYLE), pytest.MonkeyPatch.context() as patch:
        patch.setattr(matplotlib.text, "get_font", counted)
        figure = Figure(figsize=(3, 2))
        figure.text(0.1, 0.5, "Falls per 1,000 bed days", fontsize=9.5)
        figure.text(0.1, 0.2, "Median", fontsize=9.5)
        FigureCanvasSVG(figure)
        theirs = _saved(figure)
        assert opened  # matplotlib's own canvas reads the font for every text it lays out
        MeasuredCanvasSVG(figure)
        assert _saved(figure) == theirs
        opened.clear()
        assert _saved(figure) == theirs
    assert not opened


def test_font_height_metrics_are_what_matplotlib_reads() -> None:
    font = FontProperties(family="DejaVu Sans", size=8.5)
    face = get_font(fontManager._find_fonts_by_props(font))
    table, head = face.get_sfnt_table("OS/2"), face.get_sfnt_table("head")
    scale = 8.5 / head["unitsPerEm"]
    ascent, descent, gap = font_height_metrics(font)
    assert ascent == pytest.approx(table["sTypoAscender"] * scale)
    assert descent == pytest.approx(-table["sTypoDescender"] * scale)
    assert gap == pytest.approx(table["sTypoLineGap"] * scale)
    assert descent is not None and descent > 0
