"""An SVG canvas whose renderer measures each piece of text once per process.

matplotlib keeps its text measurements per renderer, and every saved SVG has a new
renderer, so each chart measured its words again in FreeType: the same month names,
values and legend words, about 4 ms of a 21 ms drawing. The renderer here answers
from a memo of those measurements. A measurement of plain text depends only on the
text and its font properties (as matplotlib's own cache assumes), so the SVG is byte
for byte the one matplotlib's SVG canvas writes (tests/charts/test_svgcanvas.py).
"""

from __future__ import annotations

import codecs
from functools import lru_cache
from typing import Any

from matplotlib import cbook
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

Metrics = tuple[float, float, float]
"""A text's width, height and descent (points), as RendererSVG measures it."""


@lru_cache(maxsize=4096)
def plain_text_metrics(text: str, font: FontProperties) -> Metrics:
    """Return the metrics of plain (not math) text as RendererSVG measures it; `font` is
    a copy no one changes."""
    width, height, descent = TextToPath().get_text_width_height_descent(text, font, False)
    return width, height, descent


class MeasuredRendererSVG(RendererSVG):
    """matplotlib's SVG renderer, measuring plain text from a memo kept across charts."""

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: bool | str
    ) -> Metrics:
        """Return the text's width, height and descent, measured once per text and font."""
        if ismath:  # math layout follows rcParams too: measured each time, as matplotlib does
            return super().get_text_width_height_descent(s, prop, ismath)
        return plain_text_metrics(s, prop.copy())  # a copy: FontProperties hash by state


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
