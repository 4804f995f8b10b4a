"""Colours of the charts, chosen for contrast on white (WCAG 2.1: 3:1 marks, 4.5:1 text)."""

from __future__ import annotations

TEXT = "#1b1b1b"
"""Titles, labels and tick labels."""
DATA = "#5e6a71"
"""The data line and ordinary points (grey, so signal colours stand out, as in NHS MDC)."""
CENTRE = "#1b1b1b"
"""Centre line (median or mean)."""
LIMIT = "#6f777b"
"""Control limits (dashed)."""
PHASE = "#425563"
"""Phase boundaries (dotted vertical lines)."""
GRID = "#e8e8e8"
"""Horizontal grid lines (decorative, deliberately faint)."""
IMPROVEMENT = "#005eb8"
"""Signals of improvement: NHS blue, as in Making Data Count."""
CONCERN = "#d45d00"
"""Signals of concern: a darker Making Data Count orange, for contrast on white."""
NEUTRAL = "#6a2c91"
"""Signals where neither direction is better: purple, as in Making Data Count."""
GOAL = "#00703c"
"""Goal line and its label."""

MARK_COLOURS = (DATA, CENTRE, LIMIT, PHASE, IMPROVEMENT, CONCERN, NEUTRAL, GOAL)
"""Colours of lines and markers: each needs at least 3:1 against white."""
TEXT_COLOURS = (TEXT, GOAL)
"""Colours of text: each needs at least 4.5:1 against white."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def contrast_on_white(colour: str) -> float:
    """Return the WCAG contrast ratio of a '#rrggbb' colour against white."""
    red, green, blue = (_channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)
