"""Make matplotlib's SVG a standalone, accessible document that scales and can be inlined."""

from __future__ import annotations

import re


def svg_id(chart_id: str) -> str:
    """Return the chart id made safe for an XML id: letters, digits, '-' and '_'."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", chart_id) or "chart"
    return safe if safe[0].isalpha() else f"chart-{safe}"


def escape_text(text: str) -> str:
    """Return text escaped for XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ID_OR_REFERENCE = re.compile(
    r'(?:id(?<=\sid)="(?=[^"])|href="#(?=[^"])|url\(#(?=[^)]))(?=[^<>]*>)'
)
"""Where an id or a reference to one starts, inside a tag: followed by the tag's end
before any '<'. Text never matches: its '<' and '>' are escaped, so the next '<' is
the start of the following tag. Each branch starts with a letter (the space before
`id` is looked back at), so the regex engine skips ahead to those letters: a third of
the time of a pattern starting with a space."""


def prefix_ids(body: str, ident: str) -> str:
    """Return SVG markup with every id, and every reference to one, prefixed by `ident-`,
    so two charts inlined in one page never share an id. Only tags change, never text."""
    prefix = f"{ident}-"
    return _ID_OR_REFERENCE.sub(lambda found: found.group(0) + prefix, body)


def finish_svg(svg: str, ident: str, title: str, description: str, prefixed: bool = False) -> str:
    """Return matplotlib's SVG as the site publishes it.

    No DOCTYPE (it names an external DTD); no fixed width and height (the viewBox stays,
    so the chart scales to its container); root id `ident`, role="img" and
    aria-labelledby naming a <title> and a <desc> inserted right after the opening tag;
    every other id prefixed by `ident-` (`prefixed`: the renderer wrote them so).
    """
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg, count=1)
    opening = re.search(r"<svg\b[^>]*>", svg)
    if opening is None:
        raise ValueError("not an SVG document")
    tag = re.sub(r'\s(?:width|height|id)="[^"]*"', "", opening.group(0))
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    tag = f'{tag[:-1]} id="{ident}" role="img" aria-labelledby="{title_id} {desc_id}">'
    inserted = (
        f'<title id="{title_id}">{escape_text(title)}</title>'
        f'<desc id="{desc_id}">{escape_text(description)}</desc>'
    )
    body = svg[opening.end() :] if prefixed else prefix_ids(svg[opening.end() :], ident)
    return svg[: opening.start()] + tag + inserted + body
