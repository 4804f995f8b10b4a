"""The one Markdown parser of a build: CommonMark, tables, footnotes, heading anchors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup, escape
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin


def make_markdown(allow_raw_html: bool) -> MarkdownIt:
    """Return the Markdown parser; raw HTML is escaped unless `allow_raw_html`."""
    md = MarkdownIt("commonmark", {"html": allow_raw_html, "typographer": False})
    md.enable("table")
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=3)
    md.core.ruler.before("anchor", "demote_h1", _demote_h1)
    md.core.ruler.push("name_tables", _name_tables)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("table_close", _render_table_close)
    return md


def _demote_h1(state: StateCore) -> None:
    # The page template owns the only <h1>; a '# Heading' in content becomes <h2>.
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


CAPTION_PREFIX = "Table: "
"""A paragraph just before a table that starts with this is the table's caption."""


def _name_tables(state: StateCore) -> None:
    # Every table gets a caption (WCAG 1.3.1): a 'Table: …' paragraph right before it, or
    # else the heading of its section (or, before any heading, its column names), shown to
    # screen readers only; header cells get scope. Captions are content words, never ours.
    tokens, heading, kept = state.tokens, "", []
    in_head = False
    for i, token in enumerate(tokens):
        if token.type == "inline" and i and tokens[i - 1].type == "heading_open":
            heading = token.content
        elif token.type == "table_open":
            before = tokens[i - 3 : i] if i >= 3 else []
            if [t.type for t in before] == ["paragraph_open", "inline", "paragraph_close"] and (
                before[1].content.startswith(CAPTION_PREFIX)
            ):
                del kept[-3:]
                token.meta = {"caption": before[1].content[len(CAPTION_PREFIX) :].strip()}
            else:
                token.meta = {"caption": heading or _column_names(tokens, i), "hidden": True}
        elif token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
        elif token.type == "th_open" and in_head:
            token.attrSet("scope", "col")
        kept.append(token)
    state.tokens = kept


def _column_names(tokens: Sequence[Token], start: int) -> str:
    """Return the header cells of the table opening at `start`, as 'Week, Falls'."""
    names = []
    for token in tokens[start:]:
        if token.type == "thead_close":
            break
        if token.type == "inline" and token.content.strip():
            names.append(token.content.strip())
    return ", ".join(names)


def _is_external(url: str) -> bool:
    return url.startswith("//") or (":" in url.split("/")[0] and not url.startswith("#"))


def _render_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    if _is_external(src):
        # Pages never load anything from another host: link to the image instead.
        return f'<a href="{escape(src)}">{escape(alt or "image")} (image on another site)</a>'
    return self.image(tokens, idx, options, env)


def _render_table_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # Wide tables scroll inside their own box (keyboard-focusable) so the page reflows.
    caption = escape(tokens[idx].meta.get("caption") or "")
    if not caption:  # a table without a heading or any column name: nothing to name it by
        return '<div class="table-scroll" tabindex="0">\n<table>\n'
    hidden = ' class="visually-hidden"' if tokens[idx].meta.get("hidden") else ""
    return (
        f'<div class="table-scroll" tabindex="0" role="region" aria-label="{caption}">\n'
        f"<table>\n<caption{hidden}>{caption}</caption>\n"
    )


def _render_table_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</table>\n</div>\n"


def render_markdown(md: MarkdownIt, text: str, env: dict[str, Any] | None = None) -> Markup:
    """Return the Markdown text rendered to safe HTML."""
    return Markup(md.render(text, env if env is not None else {}))


def render_inline(md: MarkdownIt, text: str) -> Markup:
    """Return one line of Markdown rendered without a wrapping paragraph."""
    return Markup(md.renderInline(text))
