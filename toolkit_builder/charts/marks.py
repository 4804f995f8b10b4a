"""What is drawn over the data: phases, changes tested, goal, legend and key."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from matplotlib.artist import Artist, allow_rasterization
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Text

from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts import palette
from toolkit_builder.charts.dates import day_number
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.language import chart_language
from toolkit_builder.charts.layout import Layout
from toolkit_builder.charts.linestyle import LineStyle
from toolkit_builder.charts.signals import Meaning
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


def shortened(text: str, most: int) -> str:
    """Return text cut to `most` characters with '…' (labels on the plot; pages say all)."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class PlotRule:
    """A vertical line at a day, across the plot (or from `span[0]` to `span[1]` of its
    height, in fractions): where a phase starts, a baseline ends or a change was made."""

    x: float
    style: LineStyle
    gid: str
    zorder: float = 1
    span: tuple[float, float] = (0.0, 1.0)
    clipped: bool = True
    """Clipped to the plot (a change's tick reaches above it, to its circle)."""


@dataclass(frozen=True, slots=True)
class PlotLabel:
    """A label in a box, placed `offset` points from the top of the plot at day `x`."""

    x: float
    text: str
    offset: tuple[float, float]
    ha: str
    va: str
    size: float
    colour: str
    box: str
    """The box's style (matplotlib's BoxStyle)."""
    box_colour: str
    gid: str
    zorder: float = 3


PlotMark = PlotRule | PlotLabel


def _plot_label(
    x: float, text: str, size: float, gid: str, xlim: tuple[float, float], low_row: bool = False
) -> PlotLabel:
    """Return a label at the top of the plot beside a vertical line at x, inside the plot,
    over the lines and under the points (zorder 3.5): a label never hides data."""
    low, high = xlim
    near_right = (x - low) / (high - low) > 0.6
    offset = (-4 if near_right else 4, -3 - (size * 1.5 if low_row else 0))
    return PlotLabel(
        x, text, offset, "right" if near_right else "left", "top", size, palette.TEXT,
        "square,pad=0.15", "white", gid, 3.5,
    )  # fmt: skip


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


def baseline_marks(
    analysis: ChartAnalysis, labels: ChartLabels, layout: Layout, xlim: tuple[float, float]
) -> list[PlotMark]:
    """Return where the frozen baseline ends: a dash-dot line labelled 'Baseline ends'."""
    x = baseline_end(analysis)
    if x is None:
        return []
    text = shortened(speech(labels)._("Baseline ends"), layout.label_chars)
    return [
        PlotRule(x, LineStyle(palette.PHASE, 1.1, (0, (6, 2, 1, 2))), "baseline-end"),
        _plot_label(x, text, layout.small, "baseline-end-label", xlim),
    ]


def phase_marks(
    analysis: ChartAnalysis, labels: ChartLabels, layout: Layout, xlim: tuple[float, float]
) -> list[PlotMark]:
    """Return a dotted line at the start of each phase after the first, with the phase's name."""
    by_index = {p.index: p for p in analysis.points}
    marks: list[PlotMark] = []
    below = baseline_end(analysis) is not None  # keep clear of the baseline's label
    for phase in analysis.phases[1:]:
        start = by_index[phase.first_index].period
        # Between the last point of the previous phase and the first of this one.
        before = by_index.get(phase.first_index - 1)
        x = day_number(start)
        if before is not None:
            x = (day_number(before.period) + x) / 2
        dotted = LineStyle(palette.PHASE, 1.1, (0, (2, 2)))
        name = shortened(phase_name(labels, phase.phase), layout.label_chars)
        marks.append(PlotRule(x, dotted, f"phase-{phase.phase}"))
        gid = f"phase-label-{phase.phase}"
        marks.append(_plot_label(x, name, layout.small, gid, xlim, low_row=below))
    return marks


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


def change_marks(
    changes: list[Change],
    xlim: tuple[float, float],
    width_pt: float,
    height_pt: float,
    size: float = 7.5,
) -> list[PlotMark]:
    """Return each change tested as a numbered circle above the plot, with a tick at its
    date (the plot `width_pt` by `height_pt` points, showing days `xlim`)."""
    low, high = xlim
    previous = -1e9
    marks: list[PlotMark] = []
    tick = LineStyle(palette.PHASE, 1.1)
    for number, day, _text in changes:
        x = day_number(day)
        at = (x - low) / (high - low) * width_pt
        nudge = max(0.0, previous + size * 1.75 - at)  # keep close circles apart
        previous = at + nudge
        reach = 1.0 + 4.0 / height_pt  # up to the circle above the plot
        marks.append(PlotRule(x, tick, f"change-tick-{number}", 2, (0.95, reach), False))
        circle = PlotLabel(
            x, str(number), (nudge, 8), "center", "center", size, "white", "circle,pad=0.2",
            palette.PHASE, f"change-{number}",
        )  # fmt: skip
        marks.append(circle)
    return marks


def plot_marks(
    analysis: ChartAnalysis,
    labels: ChartLabels,
    layout: Layout,
    changes: list[Change],
    xlim: tuple[float, float],
    plot_size: tuple[float, float],
) -> list[PlotMark]:
    """Return the baseline's end, the phases and the changes tested, as added to the plot."""
    return [
        *baseline_marks(analysis, labels, layout, xlim),
        *phase_marks(analysis, labels, layout, xlim),
        *change_marks(changes, xlim, *plot_size, layout.small - 1),
    ]


def draw_plot_marks(ax: Axes, marks: list[PlotMark]) -> None:
    """Add the marks to the plot (Axes.axvline, Axes.annotate)."""
    for mark in marks:
        if isinstance(mark, PlotRule):
            ax.axvline(
                mark.x, *mark.span, zorder=mark.zorder, gid=mark.gid, clip_on=mark.clipped,
                **mark.style.line2d(),  # type: ignore[arg-type]
            )  # fmt: skip
            continue
        ax.annotate(
            mark.text,
            xy=(mark.x, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=mark.offset,
            textcoords="offset points",
            ha=mark.ha,
            va=mark.va,
            fontsize=mark.size,
            color=mark.colour,
            bbox={"boxstyle": mark.box, "facecolor": mark.box_colour, "edgecolor": "none"},
            zorder=mark.zorder,
            annotation_clip=False,
            parse_math=False,
            gid=mark.gid,
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


GOAL_LINE = LineStyle(palette.GOAL, 1.5, (0, (1, 1.5)))
"""The goal's dotted line, across the plot."""
GOAL_OFFSET = (4, 0)
"""Where the goal's label starts, right of the plot's edge at the goal (points)."""


def goal_label(labels: ChartLabels) -> str:
    """Return the goal's label, e.g. 'Goal 95%' (labels.goal is not None)."""
    assert labels.goal is not None
    return speech(labels)._("Goal %(value)s") % {"value": axis_value_text(labels.goal, labels)}


def draw_goal(ax: Axes, labels: ChartLabels, size: float = SMALL) -> None:
    """Draw the goal as a dotted line labelled 'Goal 95%' in the right margin."""
    if labels.goal is None:
        return
    ax.axhline(labels.goal, zorder=1, gid="goal", **GOAL_LINE.line2d())  # type: ignore[arg-type]
    ax.annotate(
        goal_label(labels),
        xy=(1.0, labels.goal),
        xycoords=("axes fraction", "data"),
        xytext=GOAL_OFFSET,
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=size,
        color=palette.GOAL,
        annotation_clip=False,
        parse_math=False,
        gid="goal-label",
    )


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
