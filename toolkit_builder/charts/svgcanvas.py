"""An SVG canvas whose renderer measures each piece of text, and each font, once per process.

matplotlib keeps its text measurements per renderer, and every saved SVG has a new
renderer, so each chart measured its words again in FreeType: the same month names,
values and legend words, about 4 ms of a 21 ms drawing. The renderer here answers
from a memo of those measurements. A measurement of plain text depends only on the
text and its font properties (as matplotlib's own cache assumes), so the SVG is byte
for byte the one matplotlib's SVG canvas writes (tests/charts/test_svgcanvas.py).

Laying out each text, matplotlib also finds its font file and reads the font's
ascent, descent and line gap from two of its tables (about 1.5 ms of a 13 ms
drawing); the renderer answers those from a memo too, read the same way. A
LaidOutText (the tick and legend labels) is laid out once for the same words and
properties, from those measurements.

Writing, the renderer does less for the same characters (tests/charts/test_svgrenderer.py
holds each to RendererSVG's, call for call): its XML writer is SVGWriter
(charts/svgwriter.py); a line's markers are styled once and their <use> elements
written in one go; a text's CSS (its font and colour) is worked out once per font,
colour and alignment, by RendererSVG itself (text_style). Together a fifth of a
chart's drawing.
"""

from __future__ import annotations

import codecs
import io
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib import cbook
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import (
    FigureCanvasSVG,
    RendererSVG,
    _generate_css,
    _generate_transform,
    _short_float_fmt,
)
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Affine2D

from toolkit_builder.charts.svgwriter import SVGWriter

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

    def __init__(
        self, width: float, height: float, stream: Any, ids: str = "", **options: Any
    ) -> None:
        """Start the SVG on `stream` as RendererSVG does (its prolog, the svg element,
        metadata and default style), then go on with SVGWriter: the same characters.

        `ids` prefixes every id the renderer gives (groups, marker and clip definitions)
        and so every reference to one: what svgdoc.prefix_ids does to the finished SVG
        (the svg element's own id aside), without going over it again."""
        self._ids = ids
        super().__init__(width, height, stream, **options)
        # RendererSVG's start leaves only the svg element open (`_start_id` is its depth)
        assert self._start_id == 0, "RendererSVG started the document differently"
        self.writer = SVGWriter(stream, ["svg"])

    def open_group(self, s: str, gid: str | None = None) -> None:
        """Open a group as RendererSVG does, its id prefixed (see __init__)."""
        if not self._ids:
            super().open_group(s, gid)
        elif gid:
            self.writer.start("g", id=self._ids + gid)
        else:
            number = self._groupd[s] = self._groupd.get(s, 0) + 1
            self.writer.start("g", id=f"{self._ids}{s}_{number:d}")

    def _make_id(self, type: str, content: object) -> str:
        """Return RendererSVG's id for a definition (a marker, a clip path), prefixed."""
        return self._ids + super()._make_id(type, content)  # type: ignore[no-any-return]

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

        RendererSVG works out the same style for every marker again and writes each
        <use> through the writer's general element call (together about a fifth of a
        chart's drawing). Here the style is worked out once a line and the <use>
        elements are written in one go, from the points matplotlib's path cleaning
        gives (the same cleaning RendererSVG's walk over the path does: NaNs left out,
        points beyond the page clipped). A path with curves is left to RendererSVG."""
        if not len(path.vertices):
            return
        flip = self._make_flip_transform(trans)
        page = (0, 0, self.width * 72, self.height * 72)
        # Path.iter_segments' cleaning, as RendererSVG.draw_markers walks the path
        cleaned = path.cleaned(
            transform=flip, remove_nans=True, clip=page, simplify=False, curves=True
        )
        points = _marker_points(cleaned)
        if points is None:
            super().draw_markers(gc, marker_path, marker_trans, path, trans, rgbFace)
            return
        writer = self.writer
        path_data = self._convert_path(
            marker_path, marker_trans + Affine2D().scale(1.0, -1.0), simplify=False
        )
        style_dict = self._get_style_dict(gc, rgbFace)
        style = _generate_css(style_dict)  # what RendererSVG._get_style gives each marker
        key = (path_data, style)
        marker = self._markers.get(key)
        if marker is None:
            marker = self._make_id("m", key)
            stroke = _generate_css({k: v for k, v in style_dict.items() if k.startswith("stroke")})
            writer.start("defs")
            writer.element("path", id=marker, d=path_data, style=stroke)
            writer.end("defs")
            self._markers[key] = marker
        writer.start("g", **self._get_clip_attrs(gc))
        url = gc.get_url()
        if url is not None:
            writer.start("a", {"xlink:href": url, "target": "_blank"})
        if len(points):
            writer.uses(f"#{marker}", points, style)
        if url is not None:
            writer.end("a")
        writer.end("g")

    def _draw_text_as_text(
        self,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: bool | str,
        mtext: Any = None,
    ) -> None:
        """Write a text as RendererSVG writes it with text as text (svg.fonttype 'none').

        RendererSVG works out the text's CSS again for every text: its font's style,
        weight and family names, and its colour (about a tenth of a chart's drawing).
        Here that style is kept per font, alignment and colour (text_style); the
        place is worked out as RendererSVG works it out. Math text, and a rotated
        text anchored by its alignment (a numpy computation), are left to RendererSVG.
        """
        anchored = mtext is not None and (angle == 0 or mtext.get_rotation_mode() == "anchor")
        if ismath or (anchored and angle != 0):
            super()._draw_text_as_text(gc, x, y, s, prop, angle, ismath, mtext)
            return
        rgb = gc.get_rgb()
        alpha = gc.get_alpha() if gc.get_forced_alpha() else rgb[3]
        ha = mtext.get_ha() if anchored else None
        style = text_style(_font_key(prop), tuple(rgb[:3]), alpha, ha)
        if anchored:
            ax, ay = mtext.get_transform().transform(mtext.get_unitless_position())
            ax, ay = float(ax), self.height - float(ay)
            # RendererSVG moves the anchor along the text's vertical: for angle 0, the
            # direction (sin 0, cos 0) = (0, 1), in the same float operations
            sine, cosine = math.sin(math.radians(angle)), math.cos(math.radians(angle))
            offset = sine * (x - ax) + cosine * (y - ay)
            ax, ay = ax + offset * sine, ay + offset * cosine
            attrib = {
                "style": style,
                "x": _short_float_fmt(ax),
                "y": _short_float_fmt(ay),
                "transform": _generate_transform([("rotate", (-angle, ax, ay))]),
            }
        else:
            attrib = {
                "style": style,
                "transform": _generate_transform([("translate", (x, y)), ("rotate", (-angle,))]),
            }
        self.writer.element("text", s, attrib=attrib)


FontKey = tuple[tuple[str, ...], str, str, object, float, str]
"""What of a font decides its CSS: family, style, variant, weight, size and stretch."""


def _font_key(prop: FontProperties) -> FontKey:
    return (
        tuple(prop.get_family()),
        prop.get_style(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_size(),
        prop.get_stretch(),
    )


@lru_cache(maxsize=256)
def text_style(font: FontKey, rgb: tuple[float, float, float], alpha: float, ha: str | None) -> str:
    """Return the CSS RendererSVG gives a text (svg.fonttype 'none') of the font `font`
    (_font_key), colour `rgb` and `alpha`, anchored at its `ha` alignment (None: not):
    RendererSVG's own _draw_text_as_text is asked, its element kept instead of written."""
    family, style, variant, weight, size, stretch = font
    prop = FontProperties(
        family=list(family), style=style, variant=variant, weight=weight, size=size,
        stretch=stretch,
    )  # fmt: skip
    renderer = RendererSVG(1.0, 1.0, io.StringIO())
    kept = _KeptElement()
    renderer.writer = kept  # type: ignore[assignment]
    anchor = _Anchor(ha) if ha is not None else None
    renderer._draw_text_as_text(_Colour(rgb, alpha), 0.0, 0.0, "x", prop, 0.0, False, anchor)
    return kept.attrib["style"]


class _KeptElement:
    """Stands in for RendererSVG's writer: keeps the attributes of the element written."""

    attrib: dict[str, str]

    def element(self, tag: str, text: str, attrib: dict[str, str]) -> None:
        self.attrib = attrib


@dataclass(frozen=True)
class _Colour:
    """Stands in for a graphics context: what RendererSVG reads of a text's colour."""

    rgb: tuple[float, float, float]
    alpha: float

    def get_rgb(self) -> tuple[float, float, float, float]:
        return (*self.rgb, self.alpha)

    def get_alpha(self) -> float:
        return self.alpha

    def get_forced_alpha(self) -> bool:
        return True


@dataclass(frozen=True)
class _Anchor:
    """Stands in for a Text anchored at its alignment `ha`, unrotated, at the origin."""

    ha: str

    def get_rotation_mode(self) -> str:
        return "anchor"

    def get_transform(self) -> Affine2D:
        return Affine2D()

    def get_unitless_position(self) -> tuple[float, float]:
        return (0.0, 0.0)

    def get_ha(self) -> str:
        return self.ha


def _marker_points(cleaned: Path) -> list[tuple[str, str]] | None:
    """Return where RendererSVG puts a marker for each point of a cleaned path (up to its
    STOP), written as it writes them; None for a path with curves."""
    codes, vertices = cleaned.codes, cleaned.vertices
    if codes is None:
        count = len(vertices)
    else:
        stops = np.flatnonzero(codes == Path.STOP)
        count = int(stops[0]) if len(stops) else len(codes)
        if count and codes[:count].max() > Path.LINETO:  # MOVETO 1, LINETO 2; no STOP 0 here
            return None
    written = [f"{value:f}".rstrip("0").rstrip(".") for value in vertices[:count].ravel().tolist()]
    return list(zip(written[0::2], written[1::2], strict=True))


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
