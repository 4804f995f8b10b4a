"""The chart's legend: an entry for each kind of line and mark it shows, in rows that
fit the chart, each entry's sample and label placed as matplotlib's legend places them
(loc 'upper center', no border). charts/draw.py draws the rows on a figure (LegendRow),
charts/direct.py straight to the renderer, from the same places."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.artist import Artist, allow_rasterization
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.transforms import Affine2D

from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts import palette
from toolkit_builder.charts.language import chart_language
from toolkit_builder.charts.linestyle import LineStyle
from toolkit_builder.charts.marks import COLOURS, MARKERS, SMALL, MovedText
from toolkit_builder.charts.signals import SignalMark
from toolkit_builder.charts.svgcanvas import LaidOutText, text_extent

HANDLE_LENGTH, HANDLE_HEIGHT, HANDLE_PAD, COLUMN_GAP, SHAPE_GAP = 2.0, 0.7, 0.8, 1.6, 0.4
"""Legend sizes in font sizes, matplotlib's legend's: a sample's length, the height of its
box above the label's baseline (its line is at the box's middle), the gap between a sample
and its label, the gap between entries, and the gap between the shapes of one sample."""


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A legend entry: its label and its sample (a line with its marker, or shapes side
    by side)."""

    label: str
    samples: tuple[LineStyle, ...]


def centre_legend(chart: str, lang: str = "en") -> str:
    """Return the legend's name of the centre line: median, mean, or centre line (t charts)."""
    words = chart_language(lang)
    if chart in ("run", "g"):
        return words._("Median")
    return words._("Centre line") if chart == "t" else words._("Mean")


def line_entries(analysis: ChartAnalysis, lang: str = "en") -> list[LegendEntry]:
    """Return the legend entries of the lines (and excluded points) the chart shows."""
    words = chart_language(lang)
    provisional = any(phase.provisional for phase in analysis.phases)
    entries = [
        LegendEntry(words._("Data"), (LineStyle(palette.DATA, 1.4, marker="o", marker_size=4),)),
        LegendEntry(centre_legend(analysis.spec.chart, lang), (LineStyle(palette.CENTRE, 1.6),)),
    ]
    if analysis.spec.chart != "run":
        limits = (
            words._("Control limits (provisional)") if provisional else words._("Control limits")
        )
        entries.append(LegendEntry(limits, (LineStyle(palette.LIMIT, 1.2, (0, (5, 3))),)))
    if any(p.excluded and p.value is not None for p in analysis.points):
        excluded = LineStyle(
            palette.DATA, marker="o", marker_size=6, face="white", edge=palette.DATA,
            edge_width=1.3,
        )  # fmt: skip
        entries.append(LegendEntry(words._("Excluded"), (excluded,)))
    return entries


def mark_style(kind: str, meaning: str) -> LineStyle:
    """Return the style of a flagged point of this kind and meaning, as the chart draws it."""
    shape, size = MARKERS[kind]
    return LineStyle(
        COLOURS[meaning],  # type: ignore[index]
        marker=shape,
        marker_size=size,
        edge="white",
        edge_width=0.7,
    )


def mark_entries(
    analysis: ChartAnalysis, marks: dict[int, SignalMark], lang: str = "en"
) -> list[LegendEntry]:
    """Return the legend entries of the flagged points, each as drawn (shape, colour and
    white edge): one per shape shown, in the colours it takes, then one per meaning
    (improvement, concern) with the shapes it takes. Nothing is listed that is not drawn."""
    words = chart_language(lang)
    run_name = {
        "anhoej": words._("Long run"),
        "ihi": words._("Shift or trend"),
        "mdc": words._("Special cause"),
    }
    meaning_name = {"improvement": words._("Improvement"), "concern": words._("Concern")}
    names = {"outside": words._("Outside limits"), "run": run_name[analysis.spec.rules]}
    kinds = [k for k in ("outside", "run") if any(m.kind == k for m in marks.values())]
    meanings = [
        m for m in ("improvement", "concern") if any(mark.meaning == m for mark in marks.values())
    ]
    shown = {(mark.kind, mark.meaning) for mark in marks.values()}
    entries: list[LegendEntry] = []
    for kind in kinds:  # each shape in every colour it is drawn in, as drawn
        drawn = [m for m in ("improvement", "concern", "neutral") if (kind, m) in shown]
        entries.append(LegendEntry(names[kind], tuple(mark_style(kind, m) for m in drawn)))
    for meaning in meanings:
        shapes = tuple(mark_style(kind, meaning) for kind in kinds if (kind, meaning) in shown)
        entries.append(LegendEntry(meaning_name[meaning], shapes))
    return entries


def legend_rows(
    entries: Sequence[LegendEntry], width: float, size: float
) -> list[list[LegendEntry]]:
    """Return the legend entries in rows that fit `width` points at font `size`."""
    rows: list[list[LegendEntry]] = []
    used = 0.0
    for entry in entries:
        shapes = len(entry.samples)
        need = size * (2.0 + 1.6 + 0.8 * max(0, shapes - 1)) + 0.56 * size * len(entry.label)
        if rows and used + need <= width:
            rows[-1].append(entry)
            used += need
        else:
            rows.append([entry])
            used = need
    return rows


@dataclass(frozen=True, slots=True)
class PlacedSample:
    """A sample line placed in the legend (points): through three points, its marker at
    the middle one."""

    style: LineStyle
    x: tuple[float, float, float]
    y: float


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    """An entry's label placed in the legend: its baseline's left end (points)."""

    text: str
    x: float
    y: float


def row_places(
    entries: Sequence[LegendEntry],
    anchor: tuple[float, float],
    size: float,
    figure_size: tuple[float, float],
) -> list[PlacedSample | PlacedLabel]:
    """Return one row's samples and labels in drawing order, centred on the anchor's x,
    its top at the anchor's y (figure fractions of a figure `figure_size` points), laid
    out as matplotlib's legend lays them out (each label measured). A sample of several
    shapes puts them side by side, each with its share of the length (HandlerTuple)."""
    family = tuple(FontProperties(size=size).get_family())  # the chart's font
    widths = [text_extent(entry.label, size, family)[0] for entry in entries]
    # The row's top is that of its tallest label, or of a sample's box ('lp': the font's).
    ascents = [text_extent(text, size, family)[1] for text in ("lp", *(e.label for e in entries))]
    above = max(HANDLE_HEIGHT * size, *ascents)  # the labels' baseline under the top
    sample = (HANDLE_LENGTH + HANDLE_PAD) * size
    across = sum(widths) + sample * len(entries) + COLUMN_GAP * size * (len(entries) - 1)
    width_pt, height_pt = figure_size
    x, y = anchor[0] * width_pt - across / 2, anchor[1] * height_pt - above
    middle = y + HANDLE_HEIGHT * size / 2
    gap = SHAPE_GAP * size
    places: list[PlacedSample | PlacedLabel] = []
    for entry, width in zip(entries, widths, strict=True):
        shapes = len(entry.samples)
        length = (HANDLE_LENGTH * size - gap * (shapes - 1)) / shapes
        for number, style in enumerate(entry.samples):
            start = x + number * (length + gap)
            places.append(PlacedSample(style, (start, start + length / 2, start + length), middle))
        x += sample
        places.append(PlacedLabel(entry.label, x, y))
        x += width + COLUMN_GAP * size
    return places


class LegendRow(Artist):
    """One row of legend entries, drawn as plain lines and texts in one group (its gid).

    matplotlib's Legend lays out the same row with offset boxes, which cost about a fifth
    of drawing a chart; the row's places are worked out once, in row_places.
    """

    zorder = 5  # as matplotlib's legends: over the plot

    def __init__(self, parts: Sequence[Artist], gid: str) -> None:
        super().__init__()
        self.parts = tuple(parts)
        self.set_gid(gid)

    def get_children(self) -> list[Artist]:
        """Return the row's sample lines and labels, in drawing order."""
        return list(self.parts)

    @allow_rasterization
    def draw(self, renderer: RendererBase) -> None:
        """Draw the row's lines and labels inside one group named by the row's gid."""
        if not self.get_visible():
            return
        renderer.open_group("legend", gid=self.get_gid())
        for part in self.parts:
            part.draw(renderer)
        renderer.close_group("legend")
        self.stale = False


def draw_legend(
    fig: Figure,
    entries: Sequence[LegendEntry],
    anchor: tuple[float, float],
    size: float = SMALL,
    gid: str = "legend_1",
) -> LegendRow:
    """Draw one row of legend entries on the figure (row_places) and return it. The row
    goes with the figure's legends, which a reused canvas takes off (charts/canvas.py)."""
    width_in, height_in = fig.get_size_inches()
    points = Affine2D().scale(1 / 72) + fig.dpi_scale_trans
    text = LaidOutText(
        color=palette.TEXT, fontproperties=FontProperties(size=size), va="baseline",
        parse_math=False,
    )  # fmt: skip
    text.set_transform(points)  # one Text draws every label of the row (MovedText)
    parts: list[Artist] = []
    for place in row_places(entries, anchor, size, (width_in * 72, height_in * 72)):
        if isinstance(place, PlacedLabel):
            parts.append(MovedText(text, [(place.x, place.y, place.text)]))
            continue
        line = Line2D(place.x, [place.y] * 3, **place.style.line2d())  # type: ignore[arg-type]
        line.set_markevery([1])
        line.set_transform(points)
        parts.append(line)
    for part in parts:
        part.set_figure(fig)
    row = LegendRow(parts, gid)
    row.set_figure(fig)
    fig.legends.append(row)  # type: ignore[arg-type]
    row._remove_method = fig.legends.remove  # as Figure.legend does: remove() takes it off
    return row
