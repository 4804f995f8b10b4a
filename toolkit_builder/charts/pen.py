"""Lines, markers, patches and texts drawn straight to matplotlib's SVG renderer, each as
its artist (Line2D, Patch, Text) draws it: the same renderer calls, with the same
graphics contexts, paths, transforms and groups, so the same SVG, without making the
artist or a figure to hold it (charts/direct.py draws a chart with them, and
tests/charts/test_direct.py holds every drawing to the figure's, byte for byte).

A pen draws in the renderer's units: points, with y upwards (the renderer flips it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from matplotlib.backend_bases import GraphicsContextBase
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.markers import MarkerStyle
from matplotlib.patches import BoxStyle
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox, Transform

from toolkit_builder.charts.svgcanvas import LAYOUTS_KEPT

RGBA = tuple[float, float, float, float]
Layout = tuple[Any, list[Any], Any]
"""A text's layout, as matplotlib's Text._get_layout returns it."""


@dataclass(frozen=True, slots=True)
class Stroke:
    """How a line is stroked, as Line2D sets up its graphics context."""

    rgba: RGBA
    width: float
    dashes: tuple[float, list[float] | None]
    """Offset and dash lengths (points), scaled by the width as Line2D scales them."""
    cap: str
    join: str


@lru_cache(maxsize=64)
def stroke(colour: str, width: float, dashes: tuple[float, tuple[float, ...]] | None) -> Stroke:
    """Return the stroke Line2D gives a line of this colour, width and dash pattern
    (None: solid), with matplotlib's default cap and join styles."""
    if dashes is None:
        return Stroke(to_rgba(colour), width, (0 * width, None), "projecting", "round")
    offset, lengths = dashes
    total = sum(lengths)
    if total:
        offset %= total
    return Stroke(
        to_rgba(colour), width, (offset * width, [d * width for d in lengths]), "butt", "round"
    )


@dataclass(frozen=True, slots=True)
class Marker:
    """A marker shape at a size, with its colours, as Line2D draws its markers."""

    path: Path
    transform: Affine2D
    """The shape's transform, scaled to its size (points)."""
    edge: RGBA
    face: RGBA
    edge_width: float
    join: str
    cap: str
    snap: bool


@lru_cache(maxsize=64)
def marker(
    symbol: str, size: float, colour: str, face: str | None, edge: str | None, edge_width: float
) -> Marker:
    """Return the marker Line2D draws for `symbol` at `size` points in `colour` (the
    face and edge colours when they are None)."""
    style = MarkerStyle(symbol)
    threshold = style.get_snap_threshold()
    return Marker(
        style.get_path(),
        style.get_transform().scale(size),
        to_rgba(edge or colour),
        to_rgba(face or colour),
        edge_width,
        str(style.get_joinstyle()),
        str(style.get_capstyle()),
        bool(size >= threshold) if threshold is not None else False,
    )


@dataclass(frozen=True, slots=True)
class TextAnchor:
    """What the SVG renderer reads of a text to anchor it: its transform, position and
    alignment (what it would read of the Text)."""

    transform: Transform
    position: tuple[float, float]
    ha: str
    rotation_mode: str

    def get_transform(self) -> Transform:
        return self.transform

    def get_unitless_position(self) -> tuple[float, float]:
        return self.position

    def get_ha(self) -> str:
        return self.ha

    def get_rotation_mode(self) -> str:
        return self.rotation_mode


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How a text is set: its font, colour, alignment, rotation and line spacing."""

    font: FontProperties
    rgba: RGBA
    ha: str = "left"
    va: str = "baseline"
    rotation: float = 0.0
    rotation_mode: str = "default"
    linespacing: float | str = "normal"
    """Text's default: each line as tall as the font's ascent and descent, or its own."""


class TextLayouts:
    """Text layouts (Text._get_layout), worked out once for the same words and style."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, TextStyle], Layout] = {}
        self._text: Text | None = None
        """The Text laid out for each new text (made when first needed)."""

    def layout(self, words: str, style: TextStyle, renderer: RendererSVG) -> Layout:
        """Return the layout of `words` set in `style`, as measured by `renderer`."""
        key = (words, style)
        found = self._kept.get(key)
        if found is None:
            text = self._text
            if text is None:
                text = self._text = Text(parse_math=False)
                text.set_figure(Figure(dpi=72))  # the layout reads the dpi: points
            text.set_text(words)
            text.set_fontproperties(style.font)
            text.set_horizontalalignment(style.ha)
            text.set_verticalalignment(style.va)
            text.set_rotation(style.rotation)
            text.set_rotation_mode(style.rotation_mode)
            text.set_linespacing(style.linespacing)
            found = text._get_layout(renderer)
            if len(self._kept) >= LAYOUTS_KEPT:
                self._kept.clear()
            self._kept[key] = found
        return found


class Pen:
    """Draws on one SVG renderer as matplotlib's artists draw (one chart's pen)."""

    def __init__(self, renderer: RendererSVG, layouts: TextLayouts) -> None:
        self.renderer = renderer
        self.layouts = layouts

    def _gc(self, clip: Bbox | None) -> GraphicsContextBase:
        gc = self.renderer.new_gc()
        if clip is not None:
            gc.set_clip_rectangle(clip)
        gc.set_antialiased(True)
        return gc

    def line(
        self,
        path: Path,
        affine: Transform,
        pen: Stroke | None,
        mark: Marker | None = None,
        points: Path | None = None,
        clip: Bbox | None = None,
        gid: str | None = None,
    ) -> None:
        """Draw a line as Line2D draws it: its path stroked (unless `pen` is None), then
        `mark` at each of `points` (the path's vertices, unless given), both through
        `affine`, clipped to `clip`, in one group."""
        renderer = self.renderer
        renderer.open_group("line2d", gid)
        if pen is not None and len(path.vertices):
            gc = self._gc(clip)
            gc.set_linewidth(pen.width)
            gc.set_joinstyle(pen.join)
            gc.set_capstyle(pen.cap)
            gc.set_foreground(pen.rgba, isRGBA=True)
            gc.set_dashes(*pen.dashes)
            renderer.draw_path(gc, path, affine)
            gc.restore()
        if mark is not None:
            at = Path(path.vertices) if points is None else points
            if len(at.vertices):
                gc = self._gc(clip)
                gc.set_linewidth(mark.edge_width)
                gc.set_foreground(mark.edge, isRGBA=True)
                gc.set_snap(mark.snap)
                gc.set_joinstyle(mark.join)
                gc.set_capstyle(mark.cap)
                renderer.draw_markers(gc, mark.path, mark.transform, at, affine, mark.face)
                gc.restore()
        renderer.close_group("line2d")

    def patch(
        self,
        path: Path,
        affine: Transform,
        face: RGBA | None,
        edge: Stroke | None,
        antialiased: bool = True,
    ) -> None:
        """Draw a patch as Patch draws one: `path` through `affine`, filled with `face`
        (None: not filled), its edge stroked with `edge` (None: no edge)."""
        renderer = self.renderer
        renderer.open_group("patch", None)
        gc = renderer.new_gc()
        if edge is None:
            gc.set_linewidth(0)
            gc.set_capstyle("butt")
            gc.set_joinstyle("miter")
        else:
            gc.set_linewidth(edge.width)
            gc.set_capstyle(edge.cap)
            gc.set_joinstyle(edge.join)
        gc.set_antialiased(antialiased)
        gc.set_alpha(None)
        if edge is None:
            gc.set_foreground((0.0, 0.0, 0.0, 0.0), isRGBA=True)
            gc.set_dashes(0, None)
        else:
            gc.set_foreground(edge.rgba, isRGBA=True)
            gc.set_dashes(*edge.dashes)
        renderer.draw_path(gc, path, affine, face)
        gc.restore()
        renderer.close_group("patch")

    def text(
        self,
        words: str,
        style: TextStyle,
        transform: Transform,
        position: tuple[float, float],
        gid: str | None = None,
        box: tuple[str, RGBA] | None = None,
    ) -> None:
        """Draw `words` at `position` (in `transform`'s coordinates) as Text draws it:
        laid out in lines, each anchored where the text's alignment puts it, over a box
        of style `box[0]` (matplotlib's BoxStyle) filled with `box[1]` (no edge)."""
        if not words:
            return
        renderer = self.renderer
        renderer.open_group("text", gid)
        _, lines, ((box_x, box_y), (box_width, box_height)) = self.layouts.layout(
            words, style, renderer
        )
        x, y = float(position[0]), float(position[1])
        posx, posy = transform.transform((x, y))
        if box is not None:  # as Text.update_bbox_position_size places its FancyBboxPatch
            size = style.font.get_size_in_points()
            shape = BoxStyle(box[0])(0.0, 0.0, box_width, box_height, size)
            at = Affine2D().rotate_deg(style.rotation).translate(posx + box_x, posy + box_y)
            self.patch(Path(shape.vertices * [1, 1], shape.codes), at, box[1], None)
        gc = renderer.new_gc()
        gc.set_foreground(style.rgba, isRGBA=True)
        gc.set_alpha(None)
        gc.set_antialiased(True)
        anchor = TextAnchor(transform, (x, y), style.ha, style.rotation_mode)
        height = renderer.height
        for line, _, (dx, dy) in lines:
            mtext = anchor if len(lines) == 1 else None
            renderer.draw_text(
                gc, dx + posx, height - (dy + posy), line, style.font, style.rotation,
                ismath=False, mtext=mtext,
            )  # fmt: skip
        gc.restore()
        renderer.close_group("text")
