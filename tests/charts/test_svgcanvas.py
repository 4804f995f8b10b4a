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
from toolkit_builder.charts import svgcanvas
from toolkit_builder.charts.canvas import ChartCanvas
from toolkit_builder.charts.draw import METADATA, STYLE, chart_figure
from toolkit_builder.charts.svgcanvas import LaidOutText, MeasuredCanvasSVG, font_height_metrics


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


TEXTS = [
    {"text": "Jan\n2026", "ha": "center", "va": "top"},
    {"text": "Percent", "rotation": "vertical", "rotation_mode": "anchor", "va": "bottom"},
    {"text": "Falls per 1,000 bed days", "rotation": 30, "ha": "right", "va": "center"},
    {"text": "Mean", "va": "baseline", "fontsize": 8.5},
    {"text": "Two lines\nof a key", "linespacing": 1.6, "multialignment": "right"},
]


def _texts_figure(kind: type[matplotlib.text.Text]) -> Figure:
    figure = Figure(figsize=(4, 3))
    for number, options in enumerate(TEXTS):
        text = kind(0.1 + 0.15 * number, 0.2 + 0.12 * number, **options)  # type: ignore[arg-type]
        text.set_figure(figure)
        figure.texts.append(text)  # as Figure.text adds it
    return figure


@pytest.fixture
def laid_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text whose layout matplotlib works out while the test runs (an empty memo)."""
    texts: list[str] = []
    layout = matplotlib.text.Text._get_layout

    def counted(self: matplotlib.text.Text, renderer: object) -> object:
        texts.append(self.get_text())
        return layout(self, renderer)

    monkeypatch.setattr(svgcanvas, "_layouts", {})
    monkeypatch.setattr(matplotlib.text.Text, "_get_layout", counted)
    return texts


def test_a_laid_out_text_is_laid_out_once_and_drawn_as_a_text(laid_out: list[str]) -> None:
    with matplotlib.rc_context(STYLE):
        plain = _texts_figure(matplotlib.text.Text)
        MeasuredCanvasSVG(plain)
        theirs = _saved(plain)
        ours_figure = _texts_figure(LaidOutText)
        MeasuredCanvasSVG(ours_figure)
        laid_out.clear()
        ours = _saved(ours_figure)
        assert ours == theirs
        assert sorted(laid_out) == sorted(str(t["text"]) for t in TEXTS)
        laid_out.clear()
        assert _saved(ours_figure) == theirs
        assert laid_out == [], "the same words and properties: laid out from the memo"
        changes = [
            {"horizontalalignment": "right"},
            {"verticalalignment": "bottom"},
            {"rotation": 45},
            {"rotation_mode": "anchor"},
            {"fontsize": 12},
            {"linespacing": 2.2},
            {"multialignment": "center"},
        ]
        for change in changes:  # each a new layout, not the one kept
            for figure in (ours_figure, plain):
                figure.texts[4].set(**change)
            laid_out.clear()
            assert _saved(ours_figure) == _saved(plain), change
            assert laid_out.count("Two lines\nof a key") == 2  # ours again, and the plain one


def test_a_laid_out_text_is_laid_out_each_time_by_another_renderer(laid_out: list[str]) -> None:
    with matplotlib.rc_context(STYLE):
        figure = _texts_figure(LaidOutText)
        FigureCanvasSVG(figure)  # matplotlib's canvas: it measures every text itself
        _saved(figure)
        _saved(figure)
    assert len(laid_out) == 2 * len(TEXTS)
