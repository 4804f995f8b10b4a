"""How a line of the chart, or a legend's sample of one, is drawn: its colour, width,
dashes and markers (what Line2D takes as keyword arguments)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LineStyle:
    """A line's style: a stroked line, markers at its points, or both."""

    colour: str
    width: float | None = None
    """Line width (points); None: no line, only the markers."""
    dashes: tuple[float, tuple[float, ...]] | None = None
    """Dash offset and lengths (in line widths); None: solid."""
    steps: bool = False
    """Drawn as steps through the points' middles (drawstyle 'steps-mid')."""
    marker: str | None = None
    """A marker's shape at each point (matplotlib's symbol); None: no markers."""
    marker_size: float = 0.0
    face: str | None = None
    """The markers' face colour; None: the line's colour."""
    edge: str | None = None
    """The markers' edge colour; None: the line's colour."""
    edge_width: float = 1.0
    """The markers' edge width (points; matplotlib's default)."""

    def line2d(self) -> dict[str, object]:
        """Return the style as Line2D's keyword arguments."""
        style: dict[str, object] = {"color": self.colour}
        if self.width is None:
            style["linestyle"] = "none"
        else:
            style["linewidth"] = self.width
            if self.dashes is not None:
                style["linestyle"] = self.dashes
        if self.steps:
            style["drawstyle"] = "steps-mid"
        if self.marker is not None:
            style.update(
                marker=self.marker, markersize=self.marker_size, markeredgewidth=self.edge_width
            )
            if self.face is not None:
                style["markerfacecolor"] = self.face
            if self.edge is not None:
                style["markeredgecolor"] = self.edge
        return style
