"""The two shapes a chart is drawn in: wide for desktops, narrow for phones.

An SVG chart scales to its container, and its text with it: the narrow drawing is
small and has large type, so that on a 375 px screen its smallest text renders at
12 CSS px or more (pages pick it with <picture> and a media query). Sizes are in
points, which are the SVG's user units.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Layout:
    """Sizes of one shape of chart."""

    name: str
    """'wide' or 'narrow'."""
    width: float
    """Figure width in inches (x 72: the SVG's viewBox width)."""
    height: float
    """Figure height in inches."""
    small: float
    """Font size of tick labels, legend, key, phase and goal labels (points)."""
    title: float
    """Font size of the title (points)."""
    title_chars: tuple[int, int]
    """Longest title on one line without and with the direction beside it."""
    title_lines: int
    """Lines the title may wrap to (the direction goes under it when narrow)."""
    key_chars: int
    """Characters on one line of the key of changes tested."""
    key_lines: int
    """Lines the key may take."""
    label_chars: int
    """Longest phase or baseline label drawn on the plot (longer ones are shortened)."""
    max_ticks: int
    """Most date ticks on the x axis."""
    min_ticks: int
    """Fewest date ticks on the x axis."""
    left: float
    """Left margin (points): room for the value axis."""
    right: float
    """Right margin (points), without a goal."""
    goal_right: float
    """Right margin (points) with a goal label."""

    @property
    def width_pt(self) -> float:
        """Return the figure width in points."""
        return self.width * 72

    @property
    def height_pt(self) -> float:
        """Return the figure height in points."""
        return self.height * 72


WIDE = Layout(
    name="wide",
    width=8.0,
    height=3.6,
    small=8.5,
    title=11,
    title_chars=(78, 60),
    title_lines=1,
    key_chars=112,
    key_lines=2,
    label_chars=40,
    max_ticks=8,
    min_ticks=3,
    left=58.0,
    right=18.0,
    goal_right=62.0,
)
NARROW = Layout(
    name="narrow",
    width=3.2,
    height=4.8,
    small=9.5,
    title=11,
    title_chars=(30, 30),
    title_lines=2,
    key_chars=38,
    key_lines=3,
    label_chars=18,
    max_ticks=4,
    min_ticks=2,
    left=54.0,
    right=10.0,
    goal_right=50.0,
)
NARROW_BELOW_PX = 640
"""Screens narrower than this (CSS px) are shown the narrow drawing."""


def layout_of(narrow: bool) -> Layout:
    """Return the narrow or the wide layout."""
    return NARROW if narrow else WIDE
