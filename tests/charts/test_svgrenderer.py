"""The measuring renderer's markers and texts are what matplotlib's SVG renderer writes,
call for call, including the cases it leaves to matplotlib."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.font_manager import FontProperties
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from toolkit_builder.charts import svgcanvas
from toolkit_builder.charts.draw import METADATA, STYLE
from toolkit_builder.charts.pen import TextAnchor
from toolkit_builder.charts.svgcanvas import MeasuredRendererSVG

Drawing = Callable[[RendererSVG], None]


def _both(draw: Drawing) -> tuple[str, str]:
    """Return the whole SVG matplotlib's renderer and the measuring one write for `draw`."""
    written = []
    with matplotlib.rc_context(STYLE):
        for kind in (RendererSVG, MeasuredRendererSVG):
            stream = io.StringIO()
            renderer = kind(300.0, 200.0, stream, metadata=METADATA)
            draw(renderer)
            renderer.finalize()
            written.append(stream.getvalue())
    return written[0], written[1]


def _markers(
    points: Path, marker: str = "o", face: object = (1.0, 1.0, 1.0), url: str | None = None
) -> Drawing:
    def draw(renderer: RendererSVG) -> None:
        style = MarkerStyle(marker)
        gc = renderer.new_gc()
        gc.set_foreground("#1f4e79")
        gc.set_linewidth(1.2)
        gc.set_url(url)
        shape = style.get_path()
        size = style.get_transform() + Affine2D().scale(4.0)
        renderer.draw_markers(gc, shape, size, points, Affine2D().scale(2.0), face)
        renderer.draw_markers(gc, shape, size, points, Affine2D().translate(5, 5), face)
        gc.restore()

    return draw


LINE = Path(np.array([[float(i), float(i * 3 % 17)] for i in range(40)]))

MARKER_CASES = {
    "a line of points": _markers(LINE),
    "gaps (NaN) in the line": _markers(
        Path(np.array([[1.0, 2.0], [2.0, np.nan], [3.0, 4.0], [np.nan, 5.0], [6.0, 7.0]]))
    ),
    "points beyond the page (clipped)": _markers(
        Path(np.array([[-500.0, 10.0], [10.0, 10.0], [9000.0, 10.0], [20.0, -700.0]]))
    ),
    "every point beyond the page": _markers(Path(np.array([[-500.0, 10.0], [-600.0, 10.0]]))),
    "no points": _markers(Path(np.zeros((0, 2)))),
    "a path with curves (left to matplotlib)": _markers(
        Path(
            np.array([[0.0, 0.0], [5.0, 9.0], [10.0, 0.0], [20.0, 5.0]]),
            [Path.MOVETO, Path.CURVE3, Path.CURVE3, Path.LINETO],
        )
    ),
    "a closed path": _markers(
        Path(np.array([[0.0, 0.0], [5.0, 9.0], [10.0, 0.0], [0.0, 0.0]]), closed=True)
    ),
    "diamonds, no face": _markers(LINE, "D", None),
    "a link": _markers(LINE, "s", (0.5, 0.5, 0.5), "https://example.org/?a=1&b=2"),
}


@pytest.mark.parametrize("case", MARKER_CASES, ids=list(MARKER_CASES))
def test_markers_are_written_as_matplotlib_writes_them(case: str) -> None:
    theirs, ours = _both(MARKER_CASES[case])
    assert ours == theirs


def test_the_same_marker_is_defined_once() -> None:
    _, ours = _both(MARKER_CASES["a line of points"])
    assert ours.count("<defs>\n  <path id=") == 1
    assert ours.count("<use ") == 80


FONTS = [
    FontProperties(size=9.5),
    FontProperties(family="DejaVu Sans", size=12, weight="bold"),
    FontProperties(family=["sans-serif"], size=8.5, style="italic"),
    FontProperties(family=["DejaVu Sans", "serif"], size=7, variant="small-caps"),
    FontProperties(size=10, weight=600, stretch="condensed"),
]
COLOURS = [(0.106, 0.106, 0.106, 1.0), (0.0, 0.0, 0.0, 1.0), (0.2, 0.4, 0.6, 0.5)]


def _texts(anchored: bool, angle: float, alpha: float | None = None) -> Drawing:
    def draw(renderer: RendererSVG) -> None:
        for (font, colour), (x, y), ha in itertools.product(
            zip(FONTS, itertools.cycle(COLOURS), strict=False),
            [(0.0, 0.0), (12.5, 80.25), (-3.0, 150.0)],
            ["left", "center", "right"],
        ):
            gc = renderer.new_gc()
            gc.set_foreground(colour, isRGBA=True)
            gc.set_alpha(alpha)
            anchor = TextAnchor(Affine2D().scale(1.5), (x + 1.0, y - 2.0), ha, "anchor")
            words = f"Falls & <falls> {ha} {x}"
            renderer.draw_text(gc, x, y, words, font, angle, False, anchor if anchored else None)
            gc.restore()

    return draw


TEXT_CASES = {
    "anchored at its alignment": _texts(True, 0.0),
    "anchored, negative zero angle": _texts(True, -0.0),
    "anchored, with an alpha": _texts(True, 0.0, 0.3),
    "anchored and rotated (left to matplotlib)": _texts(True, 90.0),
    "placed, not anchored": _texts(False, 0.0),
    "placed and rotated": _texts(False, 45.0),
    "math (left to matplotlib)": lambda renderer: renderer.draw_text(
        renderer.new_gc(), 10.0, 20.0, r"$x^2$", FONTS[0], 0.0, True, None
    ),
}


@pytest.mark.parametrize("case", TEXT_CASES, ids=list(TEXT_CASES))
def test_texts_are_written_as_matplotlib_writes_them(case: str) -> None:
    theirs, ours = _both(TEXT_CASES[case])
    assert ours == theirs


def test_a_text_style_is_worked_out_once_per_font_colour_and_alignment() -> None:
    svgcanvas.text_style.cache_clear()
    _both(TEXT_CASES["anchored at its alignment"])
    info = svgcanvas.text_style.cache_info()
    assert info.currsize == len(FONTS) * 3  # each font has one colour here, three alignments
    assert info.hits == len(FONTS) * 3 * 2  # three places each
