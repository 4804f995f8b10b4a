"""Draw a change package's driver diagram as a standalone SVG (pure; text stays text)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from toolkit_builder.content.model import ChangePackage

COLUMN_WIDTH = 220
GAP = 48
LINE_HEIGHT = 17
PADDING = 8
BOX_GAP = 10
CHARS_PER_LINE = 29
HEADER = 40
FILLS = ("#e8f1f8", "#dbeee4", "#fdf2d6", "#f1e8f6")
STROKE = "#1b1b1b"
LINE = "#505a5f"


@dataclass(frozen=True, slots=True)
class Box:
    """A labelled box placed on the diagram."""

    key: str
    column: int
    top: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        """Return the box height in pixels."""
        return len(self.lines) * LINE_HEIGHT + 2 * PADDING

    @property
    def left(self) -> float:
        """Return the x of the box's left edge."""
        return self.column * (COLUMN_WIDTH + GAP) + 10

    @property
    def middle(self) -> float:
        """Return the y of the box's vertical centre."""
        return self.top + self.height / 2


def _lines(text: str) -> tuple[str, ...]:
    return tuple(textwrap.wrap(text, CHARS_PER_LINE, break_long_words=True)) or ("",)


def _height(text: str) -> float:
    return len(_lines(text)) * LINE_HEIGHT + 2 * PADDING


def layout(package: ChangePackage) -> list[Box]:
    """Return every box of the diagram: aim, primary and secondary drivers, change ideas."""
    boxes: list[Box] = []
    y = float(HEADER)
    for primary in package.primary_drivers:
        first = y
        for secondary in primary.secondary_drivers:
            box = Box(f"s:{secondary.id}", 2, y, _lines(secondary.title))
            boxes.append(box)
            y += box.height + BOX_GAP
        span_middle = (first + y - BOX_GAP) / 2
        boxes.append(
            Box(
                f"p:{primary.id}",
                1,
                span_middle - _height(primary.title) / 2,
                _lines(primary.title),
            )
        )
        y += BOX_GAP
    idea_y = float(HEADER)
    for idea in package.change_ideas:
        box = Box(f"c:{idea.id}", 3, idea_y, _lines(idea.title))
        boxes.append(box)
        idea_y += box.height + BOX_GAP
    bottom = max(y, idea_y)
    aim_height = _height(package.aim.statement)
    boxes.append(
        Box("aim", 0, (HEADER + bottom) / 2 - aim_height / 2, _lines(package.aim.statement))
    )
    return boxes


def links(package: ChangePackage, by_key: Mapping[str, Box]) -> list[tuple[Box, Box]]:
    """Return the boxes each line joins: aim to primary, primary to secondary, secondary to idea."""
    found = [(by_key["aim"], by_key[f"p:{p.id}"]) for p in package.primary_drivers]
    for primary in package.primary_drivers:
        for secondary in primary.secondary_drivers:
            found.append((by_key[f"p:{primary.id}"], by_key[f"s:{secondary.id}"]))
    for idea in package.change_ideas:
        for driver in idea.drivers:
            if f"s:{driver}" in by_key:
                found.append((by_key[f"s:{driver}"], by_key[f"c:{idea.id}"]))
    return found


def _connector(a: Box, b: Box) -> str:
    x1, y1 = a.left + COLUMN_WIDTH, a.middle
    x2, y2 = b.left, b.middle
    mid = (x1 + x2) / 2
    return (
        f'<path d="M{x1:.1f} {y1:.1f} C{mid:.1f} {y1:.1f} {mid:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"/>'
    )


def _same(message: str) -> str:
    return message


def draw_driver_diagram(package: ChangePackage, gettext: Callable[[str], str] = _same) -> bytes:
    """Return the driver diagram of a change package as SVG bytes (words by `gettext`)."""
    _ = gettext
    boxes = layout(package)
    by_key = {b.key: b for b in boxes}
    width = 4 * COLUMN_WIDTH + 3 * GAP + 20
    height = max(b.top + b.height for b in boxes) + 10
    paths = [_connector(a, b) for a, b in links(package, by_key)]
    title = _("Driver diagram: %(package)s") % {"package": package.title}
    headings = (_("Aim"), _("Primary drivers"), _("Secondary drivers"), _("Change ideas"))
    description = _(
        "Aim: %(aim)s %(primary)s primary drivers, %(secondary)s secondary drivers and "
        "%(ideas)s change ideas. The page lists the same content as nested lists."
    ) % {
        "aim": escape(package.aim.statement),
        "primary": len(package.primary_drivers),
        "secondary": sum(len(p.secondary_drivers) for p in package.primary_drivers),
        "ideas": len(package.change_ideas),
    }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'width="{width}" height="{height:.0f}" role="img" aria-labelledby="dd-title dd-desc" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="13">',
        f'<title id="dd-title">{escape(title)}</title>',
        f'<desc id="dd-desc">{description}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<g fill="none" stroke="{LINE}" stroke-width="1.5">',
        *paths,
        "</g>",
    ]
    for column, heading in enumerate(headings):
        x = column * (COLUMN_WIDTH + GAP) + 10
        out.append(
            f'<text x="{x}" y="24" font-weight="bold" font-size="15" fill="{STROKE}">{escape(heading)}</text>'
        )
    for box in sorted(boxes, key=lambda b: (b.column, b.top)):
        out.append(
            f'<rect x="{box.left:.1f}" y="{box.top:.1f}" width="{COLUMN_WIDTH}" height="{box.height:.1f}" '
            f'rx="4" fill="{FILLS[box.column]}" stroke="{STROKE}"/>'
        )
        for index, line in enumerate(box.lines):
            y = box.top + PADDING + (index + 1) * LINE_HEIGHT - 4
            out.append(
                f'<text x="{box.left + PADDING:.1f}" y="{y:.1f}" fill="{STROKE}">{escape(line)}</text>'
            )
    out.append("</svg>")
    return ("\n".join(out) + "\n").encode("utf-8")
