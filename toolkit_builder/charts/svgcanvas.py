"""An SVG canvas whose renderer measures each piece of text, and each font, once per process.

matplotlib keeps its text measurements per renderer, and every saved SVG has a new
renderer, so each chart measured its words again in FreeType: the same month names,
values and legend words, about 4 ms of a 21 ms drawing. The renderer here answers
from a memo of those measurements. A measurement of plain text depends only on the
text and its font properties (as matplotlib's own cache assumes), so the SVG is byte
for byte the one matplotlib's SVG canvas writes (tests/charts/test_svgcanvas.py).

Laying out each text, matplotlib also finds its font file and reads the font's
ascent, descent and line gap from two of its tables (about 1.5 ms of a 13 ms
drawing); the renderer answers those from a memo too, read the same way. And where
matplotlib's renderer works out the same style for each marker of a line, this one
works it out once a line. A LaidOutText (the tick and legend labels) is laid out once
for the same words and properties, from those measurements.
"""

from __future__ import annotations

import codecs
from functools import lru_cache
from typing import Any

from matplotlib import cbook
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.text import Text
from matplotlib.textpath import TextToPath

METADATA = {"Date": None, "Creator": "toolkit-builder", "Type": None, "Format": None}
"""SVG metadata: no date (deterministic output) and no links to vocabularies."""
Metrics = tuple[float, float, float]
"""A text's width, height and descent (points), as RendererSVG measures it."""
SVG_DPI = 72
"""The figure's dpi while RendererSVG draws it (print_svg sets it): SVG units are points."""
HeightMetrics = tuple[float | None, float | None, float | None]
"""A font's ascent, descent and line gap (points); None: measure text instead."""
FONT_TABLES = (
    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
    ("hhea", "lineGap", "ascent", "descent"),
)
"""Where a font keeps its line gap, ascent and descent, in the order matplotlib reads
them (matplotlib/text.py, Text._get_layout)."""


@lru_cache(maxsize=4096)
def plain_text_metrics(text: str, font: FontProperties) -> Metrics:
    """Return the metrics of plain (not math) text as RendererSVG measures it; `font` is
    a copy no one changes."""
    width, height, descent = TextToPath().get_text_width_height_descent(text, font, False)
    return width, height, descent


@lru_cache(maxsize=256)
def font_height_metrics(font: FontProperties) -> HeightMetrics:
    """Return the ascent, descent and line gap (points) of the font `font` names, read
    from its tables as matplotlib's text layout reads them at 72 dpi (RendererSVG's
    unit); `font` is a copy no one changes. (None, None, None) when the font has
    neither table: matplotlib then measures the text "lp" instead."""
    face = get_font(fontManager._find_fonts_by_props(font))
    for table_name, gap_key, ascent_key, descent_key in FONT_TABLES:
        table = face.get_sfnt_table(table_name)
        if table is None:
            continue
        units_per_em = face.get_sfnt_table("head")["unitsPerEm"]
        # matplotlib's expression, operation for operation, so the floats are the same
        scale = 1 / units_per_em * font.get_size_in_points() * SVG_DPI / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None


class MeasuredRendererSVG(RendererSVG):
    """matplotlib's SVG renderer, measuring plain text and fonts from memos kept across
    charts, and styling a line's markers once."""

    _marker_style: tuple[object, object, str] | None = None
    """While a line's markers are drawn: the graphics context and face colour they are
    drawn with, and their style."""
    _drawing_markers = False

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: bool | str
    ) -> Metrics:
        """Return the text's width, height and descent, measured once per text and font."""
        if ismath:  # math layout follows rcParams too: measured each time, as matplotlib does
            return super().get_text_width_height_descent(s, prop, ismath)
        return plain_text_metrics(s, prop.copy())  # a copy: FontProperties hash by state

    def _get_font_height_metrics(self, prop: FontProperties) -> HeightMetrics:
        """Return the font's ascent, descent and line gap, read once per font.

        matplotlib's text layout asks a renderer that has this method (its PDF and
        PostScript renderers) instead of reading the font itself; the answer is what it
        would read (font_height_metrics), so the layout is the same."""
        return font_height_metrics(prop.copy())

    def draw_markers(
        self,
        gc: Any,
        marker_path: Any,
        marker_trans: Any,
        path: Any,
        trans: Any,
        rgbFace: Any = None,
    ) -> None:
        """Draw a marker at each vertex of `path`, as RendererSVG does: one <use> each.

        RendererSVG works out the same style again for every marker (about a twentieth
        of a chart's drawing); while it draws a line's markers, _get_style answers
        from the first."""
        self._drawing_markers = True
        try:
            super().draw_markers(gc, marker_path, marker_trans, path, trans, rgbFace)
        finally:
            self._drawing_markers = False
            self._marker_style = None

    def _get_style(self, gc: Any, rgbFace: Any) -> str:
        """Return the CSS style of what `gc` draws filled with `rgbFace`; within
        draw_markers, worked out once for the same context and face colour."""
        if not self._drawing_markers:
            return super()._get_style(gc, rgbFace)
        known = self._marker_style
        if known is not None and known[0] is gc and known[1] is rgbFace:
            return known[2]
        style = super()._get_style(gc, rgbFace)
        self._marker_style = (gc, rgbFace, style)
        return style


@lru_cache(maxsize=1024)
def text_extent(text: str, size: float, family: tuple[str, ...]) -> tuple[float, float]:
    """Return the width and the height above the baseline (points) of one line of text,
    measured as the SVG renderer measures it (plain_text_metrics). Cached by size and
    family too: the same few words are on every chart."""
    font = FontProperties(family=list(family), size=size)
    width, height, descent = plain_text_metrics(text, font)
    return width, height - descent


LAYOUTS_KEPT = 4096
"""Most text layouts LaidOutText keeps (all are let go when full: the same few hundred
words and sizes make up nearly every chart)."""
_layouts: dict[tuple[object, ...], tuple[Any, list[Any], Any]] = {}
"""A text's layout key (LaidOutText._layout_key) -> its layout, as Text._get_layout
returns it: kept per process, like the measurements it is made of."""


def _measured_here(renderer: Any) -> bool:
    """Return whether `renderer` measures text as MeasuredRendererSVG does (itself, or a
    renderer drawing through it): from the memo, the same answer for the same words."""
    method = getattr(renderer, "get_text_width_height_descent", None)
    return getattr(method, "__func__", None) is MeasuredRendererSVG.get_text_width_height_descent


class LaidOutText(Text):
    """A Text whose layout is worked out once per process for the same words and
    properties, when drawn by the measuring renderer.

    A text's layout (the size of its box and where its lines sit, relative to its
    anchor) depends on its words, font, spacing, alignment and rotation and on the
    renderer's measurements, not on where the text is: so the month names, values and
    legend words that every chart draws are laid out once, not about fifteen times a
    chart (matplotlib's Text._get_layout, about 40 µs each). The same layout as
    matplotlib's, as drawn: tests/charts/test_svgcanvas.py compares the SVG."""

    def _layout_key(self) -> tuple[object, ...]:
        return (
            self._get_wrapped_text(),
            self._fontproperties,
            self.get_usetex(),
            self.get_figure(root=True).dpi,  # type: ignore[union-attr]
            self._linespacing,
            self._get_multialignment(),
            self.get_rotation(),
            self.get_rotation_mode(),
            self._horizontalalignment,
            self._verticalalignment,
        )

    def _get_layout(self, renderer: Any) -> tuple[Any, list[Any], Any]:
        """Return Text._get_layout's answer: from the memo when the renderer measures
        from its own memo (the words then measure the same), else worked out."""
        if not _measured_here(renderer):
            return super()._get_layout(renderer)  # type: ignore[no-any-return]
        key = self._layout_key()
        found = _layouts.get(key)
        if found is None:
            found = super()._get_layout(renderer)
            if len(_layouts) >= LAYOUTS_KEPT:
                _layouts.clear()
            # the font as it is now: a FontProperties can be changed after
            _layouts[(key[0], self._fontproperties.copy(), *key[2:])] = found
        box, lines, corner = found
        return box.frozen(), list(lines), corner  # copies: the memo's stay as they were


class MeasuredCanvasSVG(FigureCanvasSVG):
    """A figure's SVG canvas that saves through MeasuredRendererSVG (Figure.savefig as
    SVG uses it as it is, since it prints SVG)."""

    def print_svg(
        self,
        filename: Any,
        *,
        bbox_inches_restore: Any = None,
        metadata: dict[str, Any] | None = None,
        **for_other_formats: Any,
    ) -> None:
        """Write the figure as SVG, as FigureCanvasSVG.print_svg does, with the measuring
        renderer. `for_other_formats`: what print_figure passes every canvas outside
        matplotlib (dpi, facecolor, edgecolor, orientation), which matplotlib's own SVG
        canvas is never given."""
        with cbook.open_file_cm(filename, "w", encoding="utf-8") as stream:
            if not cbook.file_requires_unicode(stream):
                stream = codecs.getwriter("utf-8")(stream)
            dpi = self.figure.dpi
            self.figure.dpi = 72
            width, height = self.figure.get_size_inches()
            svg = MeasuredRendererSVG(
                width * 72, height * 72, stream, image_dpi=dpi, metadata=metadata
            )
            renderer = MixedModeRenderer(
                self.figure, width, height, dpi, svg, bbox_inches_restore=bbox_inches_restore
            )
            self.figure.draw(renderer)
            renderer.finalize()
