"""The SVG renderer's XML writer, writing what matplotlib's writes with less work per element.

matplotlib's SVG renderer writes each element through a small XML writer
(backend_svg's `_XMLWriter`): about 150 elements a chart, and a fifth of a chart's
drawing. That writer escapes each tag and attribute name on every element and passes
each attribute value through three replacements, though the names are the
renderer's own few and most values are numbers. This one writes the same
characters: names escaped once and kept, a value escaped only when it holds a
character that needs it (the same escaping as matplotlib's), the same indentation and
the same rules for closing an element. tests/charts/test_svgwriter.py checks it
against matplotlib's writer call by call and on whole charts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import IO

from toolkit_builder.charts.svgdoc import escape_text

INDENTATION = " " * 64
"""What matplotlib's writer indents with: one space a level, at most 64."""
_DOUBLE_DASH = re.compile(r"-(?=-)")


def quoted_value(value: str) -> str:
    """Return an attribute's value quoted and escaped as matplotlib's writer does it."""
    if '"' not in value:
        if "&" in value or "<" in value or ">" in value:
            value = escape_text(value)
        return f'"{value}"'
    if "'" not in value:
        return f"'{escape_text(value)}'"
    escaped = escape_text(value).replace("'", "&apos;").replace('"', "&quot;")
    return f'"{escaped}"'


class SVGWriter:
    """An XML writer with matplotlib's `_XMLWriter` methods and output, going on with a
    document on `stream` whose open elements are `tags` (escaped names, outermost first)."""

    def __init__(self, stream: IO[str], tags: list[str]) -> None:
        self._stream = stream
        self._write = stream.write
        self._tags = list(tags)
        self._open = False
        """Whether the last start tag is still open (its '>' not yet written)."""
        self._data: list[str] = []
        self._names: dict[str, str] = {}

    def _name(self, name: str) -> str:
        escaped = self._names.get(name)
        if escaped is None:
            escaped = self._names[name] = escape_text(name)
        return escaped

    def _flush(self, indent: bool = True) -> None:
        if self._open:
            self._write(">\n" if indent else ">")
            self._open = False
        if self._data:
            self._write(escape_text("".join(self._data)))
            self._data = []

    def start(self, tag: str, attrib: Mapping[str, str] | None = None, **extra: str) -> int:
        """Open an element; return its depth (what `close` takes)."""
        self._flush()
        tag = self._name(tag)
        tags = self._tags
        depth = len(tags)
        tags.append(tag)
        parts = [INDENTATION[:depth], "<", tag]
        items = {**attrib, **extra} if attrib and extra else attrib or extra
        for key, value in items.items():
            if value:
                parts.append(f" {self._name(key)}={quoted_value(value)}")
        self._write("".join(parts))
        self._open = True
        return depth

    def comment(self, comment: str) -> None:
        """Write an XML comment (a '-' before another '-' is followed by a space)."""
        self._flush()
        text = _DOUBLE_DASH.sub("- ", escape_text(comment))
        self._write(f"{INDENTATION[: len(self._tags)]}<!-- {text} -->\n")

    def data(self, text: str) -> None:
        """Add character data to the element open last."""
        self._data.append(text)

    def end(self, tag: str | None = None, indent: bool = True) -> None:
        """Close the element open last (named `tag`, when given)."""
        tags = self._tags
        if tag:
            assert tags, f"unbalanced end({tag})"
            assert self._name(tag) == tags[-1], f"expected end({tags[-1]}), got {tag}"
        else:
            assert tags, "unbalanced end()"
        tag = tags.pop()
        if self._data:
            self._flush(indent)
        elif self._open:
            self._open = False
            self._write("/>\n")
            return
        if indent:
            self._write(INDENTATION[: len(tags)])
        self._write(f"</{tag}>\n")

    def close(self, depth: int) -> None:
        """Close the open elements down to the one `start` returned `depth` for."""
        while len(self._tags) > depth:
            self.end()

    def element(
        self,
        tag: str,
        text: str | None = None,
        attrib: Mapping[str, str] | None = None,
        **extra: str,
    ) -> None:
        """Write a whole element: start, its text, end."""
        self.start(tag, attrib, **extra)
        if text:
            self.data(text)
        self.end(indent=False)

    def uses(self, href: str, points: Sequence[tuple[str, str]], style: str) -> None:
        """Write a <use> of `href` at each of `points` (x and y as written) with `style`:
        what `element("use", attrib={"xlink:href": href, "x": x, "y": y, "style": style})`
        for each point writes, in one go."""
        self._flush()
        indentation = INDENTATION[: len(self._tags)]
        opening = f"{indentation}<use xlink:href={quoted_value(href)}"
        closing = f" style={quoted_value(style)}/>\n" if style else "/>\n"
        self._write("".join(f'{opening} x="{x}" y="{y}"{closing}' for x, y in points))

    def flush(self) -> None:
        """Flush the stream (every call writes to it as it goes)."""
        flush = getattr(self._stream, "flush", None)
        if flush is not None:
            flush()
