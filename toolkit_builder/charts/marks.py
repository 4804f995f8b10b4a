"""What is drawn over the data: phases, changes tested, goal, legend and key."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from matplotlib.artist import Artist, allow_rasterization
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Affine2D

from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts import palette
from toolkit_builder.charts.dates import day_number
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.language import chart_language
from toolkit_builder.charts.layout import Layout
from toolkit_builder.charts.signals import Meaning, SignalMark
from toolkit_builder.charts.svgcanvas import LaidOutText, plain_text_metrics
from toolkit_builder.charts.words import axis_value_text, phase_name, short_date, speech

SMALL = 8.5
"""Font size of labels on the chart, legend and key (points)."""
MARKERS = {"outside": ("D", 7.5), "run": ("s", 6.0)}
"""Marker shape and size of each kind of flagged point."""
COLOURS: dict[Meaning, str] = {
    "improvement": palette.IMPROVEMENT,
    "concern": palette.CONCERN,
    "neutral": palette.NEUTRAL,
}
KEY_CHARS = 112
"""Characters that fit on one line of the key of changes tested."""
HANDLE_LENGTH, HANDLE_HEIGHT, HANDLE_PAD, COLUMN_GAP, SHAPE_GAP = 2.0, 0.7, 0.8, 1.6, 0.4
"""Legend sizes in font sizes, matplotlib's legend's: a sample's length, the height of its
box above the label's baseline (its line is at the box's middle), the gap between a sample
and its label, the gap between entries, and the gap between the shapes of one sample."""


def shortened(text: str, most: int) -> str:
    """Return text cut to `most` characters with '…' (labels on the plot; pages say all)."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _plot_label(
    ax: Axes, x: float, text: str, size: float, gid: str, low_row: bool = False
) -> None:
    """Write a label at the top of the plot beside a vertical line at x, inside the plot."""
    low, high = ax.get_xlim()
    near_right = (x - low) / (high - low) > 0.6
    ax.annotate(
        text,
        xy=(x, 1.0),
        xycoords=ax.get_xaxis_transform(),
        xytext=(-4 if near_right else 4, -3 - (size * 1.5 if low_row else 0)),
        textcoords="offset points",
        ha="right" if near_right else "left",
        va="top",
        fontsize=size,
        color=palette.TEXT,
        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        zorder=3.5,  # over the lines, under the points: a label never hides data
        gid=gid,
    )


def baseline_end(analysis: ChartAnalysis) -> float | None:
    """Return where a frozen baseline ends on the x axis (between its last point and the
    next point of the first phase), or None when the chart has no frozen baseline."""
    spec = analysis.spec
    if spec.baseline_points is None and spec.baseline_end is None:
        return None
    first = [p for p in analysis.points if p.phase == 1]
    used = [i for i, p in enumerate(first) if p.baseline]
    if not used or used[-1] + 1 >= len(first):
        return None
    last, after = first[used[-1]], first[used[-1] + 1]
    return (day_number(last.period) + day_number(after.period)) / 2


def draw_baseline_end(
    ax: Axes, analysis: ChartAnalysis, labels: ChartLabels, layout: Layout
) -> None:
    """Draw where the frozen baseline ends: a dash-dot line labelled 'Baseline ends'."""
    x = baseline_end(analysis)
    if x is None:
        return
    ax.axvline(
        x, color=palette.PHASE, linewidth=1.1, linestyle=(0, (6, 2, 1, 2)), zorder=1,
        gid="baseline-end",
    )  # fmt: skip
    text = shortened(speech(labels)._("Baseline ends"), layout.label_chars)
    _plot_label(ax, x, text, layout.small, "baseline-end-label")


def draw_phases(ax: Axes, analysis: ChartAnalysis, labels: ChartLabels, layout: Layout) -> None:
    """Draw a dotted line at the start of each phase after the first, with the phase's name."""
    by_index = {p.index: p for p in analysis.points}
    for phase in analysis.phases[1:]:
        start = by_index[phase.first_index].period
        # Between the last point of the previous phase and the first of this one.
        before = by_index.get(phase.first_index - 1)
        x = day_number(start)
        if before is not None:
            x = (day_number(before.period) + x) / 2
        ax.axvline(
            x, color=palette.PHASE, linewidth=1.1, linestyle=(0, (2, 2)), zorder=1,
            gid=f"phase-{phase.phase}",
        )  # fmt: skip
        name = shortened(phase_name(labels, phase.phase), layout.label_chars)
        below = baseline_end(analysis) is not None  # keep clear of the baseline's label
        _plot_label(ax, x, name, layout.small, f"phase-label-{phase.phase}", low_row=below)


Change = tuple[int, date, str]
"""A change tested as the chart shows it: its number (its place in the labels' list, as
the page lists them), its date and its label."""


def shown_annotations(analysis: ChartAnalysis, labels: ChartLabels) -> list[Change]:
    """Return the changes tested that fall within the chart's dates, in date order, each
    numbered by its place in labels.annotations."""
    if not analysis.points:
        return []
    first, last = analysis.points[0].period, analysis.points[-1].period
    numbered = [(n, d, text) for n, (d, text) in enumerate(labels.annotations, start=1)]
    return sorted((c for c in numbered if first <= c[1] <= last), key=lambda c: (c[1], c[0]))


def draw_annotations(
    ax: Axes, changes: list[Change], width_pt: float, height_pt: float, size: float = 7.5
) -> None:
    """Draw each change tested as a numbered circle above the plot, with a tick at its date."""
    low, high = ax.get_xlim()
    previous = -1e9
    for number, day, _text in changes:
        x = day_number(day)
        at = (x - low) / (high - low) * width_pt
        nudge = max(0.0, previous + size * 1.75 - at)  # keep close circles apart
        previous = at + nudge
        reach = 1.0 + 4.0 / height_pt  # up to the circle above the plot
        ax.axvline(
            x, ymin=0.95, ymax=reach, color=palette.PHASE, linewidth=1.1, clip_on=False,
            gid=f"change-tick-{number}",
        )  # fmt: skip
        ax.annotate(
            str(number),
            xy=(x, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(nudge, 8),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=size,
            color="white",
            bbox={"boxstyle": "circle,pad=0.2", "facecolor": palette.PHASE, "edgecolor": "none"},
            annotation_clip=False,
            gid=f"change-{number}",
        )


def number_sign(number: int) -> str:
    """Return a number as on the chart's circles: '❶' to '❿', then '(11)'."""
    return chr(0x2775 + number) if 1 <= number <= 10 else f"({number})"


def annotation_key(
    changes: list[Change], lang: str = "en", chars: int = KEY_CHARS, most: int = 2
) -> list[str]:
    """Return the key of the changes tested, wrapped to at most `most` lines of `chars`."""
    if not changes:
        return []
    items = [f"{number_sign(n)} {text} ({short_date(day, lang)})" for n, day, text in changes]
    head = chart_language(lang)._("Changes tested:")
    lines = textwrap.wrap(f"{head}  " + "  ·  ".join(items), chars)
    if len(lines) > most:
        rest = " ".join(lines[most - 1 :])
        lines = [*lines[: most - 1], textwrap.shorten(rest, chars, placeholder=" …")]
    return lines


def draw_goal(ax: Axes, labels: ChartLabels, size: float = SMALL) -> None:
    """Draw the goal as a dotted line labelled 'Goal 95%' in the right margin."""
    if labels.goal is None:
        return
    ax.axhline(
        labels.goal, color=palette.GOAL, linewidth=1.5, linestyle=(0, (1, 1.5)), zorder=1,
        gid="goal",
    )  # fmt: skip
    ax.annotate(
        speech(labels)._("Goal %(value)s") % {"value": axis_value_text(labels.goal, labels)},
        xy=(1.0, labels.goal),
        xycoords=("axes fraction", "data"),
        xytext=(4, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=size,
        color=palette.GOAL,
        annotation_clip=False,
        gid="goal-label",
    )


Handle = Line2D | tuple[Line2D, ...]
"""A legend entry's sample: a line (with its marker), or shapes side by side."""


def _line(label: str, **style: object) -> Line2D:
    return Line2D([], [], label=label, **style)  # type: ignore[arg-type]


def centre_legend(chart: str, lang: str = "en") -> str:
    """Return the legend's name of the centre line: median, mean, or centre line (t charts)."""
    words = chart_language(lang)
    if chart in ("run", "g"):
        return words._("Median")
    return words._("Centre line") if chart == "t" else words._("Mean")


def line_handles(analysis: ChartAnalysis, lang: str = "en") -> list[Line2D]:
    """Return the legend entries of the lines (and excluded points) the chart shows."""
    words = chart_language(lang)
    run = analysis.spec.chart == "run"
    provisional = any(phase.provisional for phase in analysis.phases)
    handles = [
        _line(words._("Data"), color=palette.DATA, marker="o", markersize=4, linewidth=1.4),
        _line(
            centre_legend(analysis.spec.chart, lang),
            color=palette.CENTRE,
            linewidth=1.6,
        ),
    ]
    if not run:
        handles.append(
            _line(
                words._("Control limits (provisional)")
                if provisional
                else words._("Control limits"),
                color=palette.LIMIT,
                linewidth=1.2,
                linestyle=(0, (5, 3)),
            )
        )
    if any(p.excluded and p.value is not None for p in analysis.points):
        handles.append(
            _line(
                words._("Excluded"),
                linestyle="none",
                marker="o",
                markersize=6,
                markerfacecolor="white",
                markeredgecolor=palette.DATA,
                markeredgewidth=1.3,
            )
        )
    return handles


def mark_handles(
    analysis: ChartAnalysis, marks: dict[int, SignalMark], lang: str = "en"
) -> list[Handle]:
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
    handles: list[Handle] = []
    for kind in kinds:  # each shape in every colour it is drawn in, as drawn
        drawn = [m for m in ("improvement", "concern", "neutral") if (kind, m) in shown]
        shapes = tuple(_mark(kind, meaning) for meaning in drawn)
        shapes[0].set_label(names[kind])
        handles.append(shapes)
    for meaning in meanings:
        shapes = tuple(_mark(kind, meaning) for kind in kinds if (kind, meaning) in shown)
        shapes[0].set_label(meaning_name[meaning])
        handles.append(shapes)
    return handles


def _mark(kind: str, meaning: str) -> Line2D:
    """Return a legend marker drawn as the chart draws a flagged point."""
    shape, size = MARKERS[kind]
    return _line(
        "", linestyle="none", marker=shape, markersize=size, color=COLOURS[meaning],  # type: ignore[index]
        markeredgecolor="white", markeredgewidth=0.7,
    )  # fmt: skip


def legend_rows(handles: Sequence[Handle], width: float, size: float) -> list[list[Handle]]:
    """Return the legend entries in rows that fit `width` points at font `size`."""
    rows: list[list[Handle]] = []
    used = 0.0
    for handle in handles:
        first = handle[0] if isinstance(handle, tuple) else handle
        shapes = len(handle) if isinstance(handle, tuple) else 1
        need = size * (2.0 + 1.6 + 0.8 * max(0, shapes - 1)) + 0.56 * size * len(first.get_label())
        if rows and used + need <= width:
            rows[-1].append(handle)
            used += need
        else:
            rows.append([handle])
            used = need
    return rows


class MovedText(Artist):
    """Texts drawn one after another with one matplotlib Text, moved from text to text
    (its place and words set for each): what a Text per text draws, each its own SVG
    group, numbered in turn, without making a Text (some fifteen property setters) for
    each. The Text gives the style and the transform; `texts` the places and words."""

    def __init__(self, text: Text, texts: Sequence[tuple[float, float, str]]) -> None:
        super().__init__()
        self.text = text
        self.texts = tuple(texts)

    def set_figure(self, fig: Any) -> None:
        """Set the figure of these texts and of their Text (which is drawn on it)."""
        super().set_figure(fig)
        self.text.set_figure(fig)

    def get_children(self) -> list[Artist]:
        """Return a Text for each text, as drawn (made when asked: for findobj and tests,
        never while drawing)."""
        children: list[Artist] = []
        for x, y, words in self.texts:
            text = Text(x, y, words)
            text.update_from(self.text)
            text.set_transform(self.text.get_transform())
            text.set_figure(self.text.get_figure())
            children.append(text)
        return children

    @allow_rasterization
    def draw(self, renderer: RendererBase) -> None:
        """Draw each text: the Text moved to its place and given its words."""
        for x, y, words in self.texts:
            self.text.set_position((x, y))
            self.text.set_text(words)
            self.text.draw(renderer)
        self.stale = False


class LegendRow(Artist):
    """One row of legend entries, drawn as plain lines and texts in one group (its gid).

    matplotlib's Legend lays out the same row with offset boxes, which cost about a fifth
    of drawing a chart; the row's places are worked out once, in draw_legend.
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


@lru_cache(maxsize=1024)
def text_extent(text: str, size: float, family: tuple[str, ...]) -> tuple[float, float]:
    """Return the width and the height above the baseline (points) of one line of text,
    measured as the SVG renderer measures it (from its memo, charts/svgcanvas.py). Cached
    by size and family too: the same few words are on every chart."""
    font = FontProperties(family=list(family), size=size)
    width, height, descent = plain_text_metrics(text, font)
    return width, height - descent


def _place(handle: Handle, left: float, middle: float, size: float) -> list[Line2D]:
    """Place the handle's lines where matplotlib's legend draws them, from `left`: a line
    HANDLE_LENGTH font sizes long at height `middle`, its marker at its middle; a tuple's
    shapes side by side, each with its share of the length (HandlerTuple). Return them."""
    shapes = handle if isinstance(handle, tuple) else (handle,)
    gap = SHAPE_GAP * size
    width = (HANDLE_LENGTH * size - gap * (len(shapes) - 1)) / len(shapes)
    for number, shape in enumerate(shapes):
        start = left + number * (width + gap)
        shape.set_data([start, start + width / 2, start + width], [middle] * 3)
        shape.set_markevery([1])
    return list(shapes)


def draw_legend(
    fig: Figure,
    handles: Sequence[Handle],
    anchor: tuple[float, float],
    size: float = SMALL,
    gid: str = "legend_1",
) -> LegendRow:
    """Draw one row of legend entries centred on the anchor's x, its top at the anchor's y
    (figure fractions), and return it: each handle, then its label, laid out as
    matplotlib's legend lays them out (loc 'upper center', no border), the text measured.
    The handles themselves are placed and drawn (they are made for one drawing). The row
    goes with the figure's legends, which a reused canvas takes off (charts/canvas.py)."""
    font = FontProperties(size=size)  # the chart's font, within draw.STYLE
    family = tuple(font.get_family())
    labels = [h[0].get_label() if isinstance(h, tuple) else h.get_label() for h in handles]
    widths = [text_extent(label, size, family)[0] for label in labels]
    # The row's top is that of its tallest label, or of a sample's box ('lp': the font's).
    ascents = [text_extent(text, size, family)[1] for text in ("lp", *labels)]
    above = max(HANDLE_HEIGHT * size, *ascents)  # the labels' baseline under the top
    sample = (HANDLE_LENGTH + HANDLE_PAD) * size
    across = sum(widths) + sample * len(labels) + COLUMN_GAP * size * (len(labels) - 1)
    width_pt, height_pt = fig.get_size_inches() * 72
    x, y = anchor[0] * width_pt - across / 2, anchor[1] * height_pt - above
    points = Affine2D().scale(1 / 72) + fig.dpi_scale_trans
    text = LaidOutText(color=palette.TEXT, fontproperties=font, va="baseline", parse_math=False)
    text.set_transform(points)  # one Text draws every label of the row (MovedText)
    parts: list[Artist] = []
    for handle, label, width in zip(handles, labels, widths, strict=True):
        for line in _place(handle, x, y + HANDLE_HEIGHT * size / 2, size):
            line.set_transform(points)
            parts.append(line)
        x += sample
        parts.append(MovedText(text, [(x, y, label)]))
        x += width + COLUMN_GAP * size
    for part in parts:
        part.set_figure(fig)
    row = LegendRow(parts, gid)
    row.set_figure(fig)
    fig.legends.append(row)  # type: ignore[arg-type]
    row._remove_method = fig.legends.remove  # as Figure.legend does: remove() takes it off
    return row
