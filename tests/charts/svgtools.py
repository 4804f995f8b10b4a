"""Read drawn charts in tests: parse, find groups by id, collect text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from toolkit_builder.analysis.types import ChartAnalysis
from toolkit_builder.charts.draw import draw_chart
from toolkit_builder.charts.labels import ChartLabels

NS = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def draw(analysis: ChartAnalysis, labels: ChartLabels) -> ET.Element:
    """Return the parsed SVG root of a drawn chart."""
    return ET.fromstring(draw_chart(analysis, labels))


def texts(root: ET.Element) -> list[str]:
    """Return the text of every <text> element, in document order."""
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


def ids(root: ET.Element) -> list[str]:
    """Return every id in the document."""
    return [e.get("id", "") for e in root.iter() if e.get("id")]


def group(root: ET.Element, ident: str) -> ET.Element:
    """Return the element with this id (fails the test if there is none)."""
    found = [e for e in root.iter() if e.get("id") == ident]
    assert found, f"no element with id {ident!r}"
    return found[0]


def marker_uses(root: ET.Element, ident: str) -> list[tuple[str, str]]:
    """Return (marker shape path, style) for each marker drawn in a group."""
    shapes = {e.get("id"): e.get("d", "") for e in root.iter(f"{NS}path")}
    return [
        (shapes[use.get(XLINK, "").lstrip("#")], use.get("style", ""))
        for use in group(root, ident).iter(f"{NS}use")
    ]


def path_points(element: ET.Element) -> list[tuple[float, float]]:
    """Return the coordinates of every path in an element, and how many moves each has."""
    numbers: list[tuple[float, float]] = []
    for path in element.iter(f"{NS}path"):
        pairs = re.findall(r"(-?[\d.]+) (-?[\d.]+)", path.get("d", ""))
        numbers += [(float(x), float(y)) for x, y in pairs]
    return numbers
