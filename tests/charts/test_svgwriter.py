"""SVGWriter writes the characters matplotlib's SVG writer writes, call for call."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from matplotlib.backends import backend_svg

from toolkit_builder.charts.svgwriter import SVGWriter, quoted_value

Calls = Callable[[object], None]

AWKWARD_VALUES = [
    "12.5",
    "",
    "a & b",
    "<tag>",
    "more > less",
    'say "hi"',
    "it's",
    """both ' and " & <>""",
    "fill: #1b1b1b; font-family: 'DejaVu Sans'",
    "url(#p1af8be0d12)",
    "Ŵyl Dewi: £5 – 10",
]


def _both(calls: Calls) -> tuple[str, str]:
    """Return what matplotlib's writer and SVGWriter write for the same calls, each
    going on from an open <svg> element as the renderer hands it over."""
    written = []
    for make in (
        lambda stream: backend_svg._XMLWriter(stream),
        lambda stream: SVGWriter(stream, ["svg"]),
    ):
        stream = io.StringIO()
        writer = make(stream)
        if isinstance(writer, backend_svg._XMLWriter):
            writer.start("svg")
            writer.start("defs")
            writer.end("defs")
            stream.seek(0)
            stream.truncate()
        calls(writer)
        writer.close(0)
        written.append(stream.getvalue())
    return written[0], written[1]


@pytest.mark.parametrize("value", AWKWARD_VALUES)
def test_an_attribute_is_quoted_and_escaped_as_matplotlib_does(value: str) -> None:
    if value:
        assert quoted_value(value) == backend_svg._quote_escape_attrib(value)

    def calls(writer: object) -> None:
        writer.element("path", attrib={"d": "M 0 0", "style": value}, id="p&1")  # type: ignore[attr-defined]

    theirs, ours = _both(calls)
    assert ours == theirs


def test_nesting_text_comments_and_closing_are_written_as_matplotlib_writes_them() -> None:
    def calls(writer: object) -> None:
        w = writer
        group = w.start("g", id="figure_1")  # type: ignore[attr-defined]
        w.start("g", attrib={"clip-path": "url(#a)"}, style="")  # type: ignore[attr-defined]
        w.element("use", attrib={"xlink:href": "#m1", "x": "1.5", "y": "2"})  # type: ignore[attr-defined]
        w.element("text", "Jan & <Feb>", attrib={"x": "3"})  # type: ignore[attr-defined]
        w.element("text", "", attrib={"x": "4"})  # type: ignore[attr-defined]
        w.start("desc")  # type: ignore[attr-defined]
        w.data("two ")  # type: ignore[attr-defined]
        w.data("parts > one")  # type: ignore[attr-defined]
        w.end("desc", indent=False)  # type: ignore[attr-defined]
        w.start("title")  # type: ignore[attr-defined]
        w.data("indented")  # type: ignore[attr-defined]
        w.end()  # type: ignore[attr-defined]
        w.comment("a -- b --- c & d")  # type: ignore[attr-defined]
        w.start("g")  # type: ignore[attr-defined]
        w.end("g")  # type: ignore[attr-defined]
        for depth in range(70):  # deeper than the 64 spaces matplotlib indents with
            w.start("g", id=f"deep_{depth}")  # type: ignore[attr-defined]
        w.element("path", d="M 0 0")  # type: ignore[attr-defined]
        w.close(group + 1)  # type: ignore[attr-defined]
        w.close(group)  # type: ignore[attr-defined]

    theirs, ours = _both(calls)
    assert ours == theirs
    assert "&amp; &lt;Feb&gt;" in ours and "- - - c" in ours


def test_start_returns_the_depth_close_takes() -> None:
    stream = io.StringIO()
    writer = SVGWriter(stream, ["svg"])
    assert writer.start("g") == 1
    assert writer.start("g") == 2
    writer.close(1)
    assert stream.getvalue() == " <g>\n  <g/>\n </g>\n"


def test_ending_another_element_than_the_open_one_is_refused() -> None:
    writer = SVGWriter(io.StringIO(), ["svg"])
    writer.start("g")
    with pytest.raises(AssertionError, match="expected end"):
        writer.end("defs")
