"""Built-in pages for build problems: independent of the site's templates, which may be broken."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from toolkit_builder.errors import Problem

STYLE = (
    "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;"
    "background:#fff;color:#1b1b1b;border-top:6px solid #b10e1e;padding:1rem 1.5rem;"
    "font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)"
)


def _items(problems: Sequence[Problem]) -> str:
    return "".join(f"<li><code>{escape(str(p))}</code></li>" for p in problems)


def overlay_html(problems: Sequence[Problem]) -> str:
    """Return an overlay listing the problems, to add to every served page."""
    count = len(problems)
    return (
        f'<aside id="toolkit-builder-problems" role="alert" aria-labelledby="tkb-problems-title" style="{STYLE}">'
        f'<h2 id="tkb-problems-title" style="margin:0 0 .5rem;font-size:1.25rem">'
        f"The latest change has {count} problem{'s' * (count != 1)}: showing the last good version</h2>"
        f'<ul style="margin:0;padding-left:1.25rem">{_items(problems)}</ul></aside>'
    )


def problems_page(problems: Sequence[Problem]) -> bytes:
    """Return a whole page listing build problems (used before any build has succeeded)."""
    body = (
        f"<h1>The site does not build yet</h1><p>Fix these problems; the page reloads by itself.</p>"
        f"<ul>{_items(problems)}</ul>"
        if problems
        else "<h1>Building…</h1>"
    )
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview problems</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f'<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem">{body}'
        '<script src="/__toolkit-builder/live.js" data-version="0:0"></script></body></html>'
    )
    return html.encode()
