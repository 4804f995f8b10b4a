"""Render every page of the site with Jinja: model in, {output path: bytes} out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markdown_it import MarkdownIt
from markupsafe import Markup

from toolkit_builder import formatting
from toolkit_builder.changes import RenderMemo, reusable, template_closure
from toolkit_builder.chartstage import ChartView, latest_status
from toolkit_builder.markdown import render_inline, render_markdown
from toolkit_builder.model import Site
from toolkit_builder.pages import PageJob
from toolkit_builder.siteindex import SiteIndex
from toolkit_builder.urls import chart_path, relative_url, target_path

Progress = Callable[[int], None]


def base_path(base_url: str) -> str:
    """Return the path part of the site's public address, ending in '/'."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def make_globals(
    site: Site, ix: SiteIndex, md: MarkdownIt, charts: Mapping[str, ChartView]
) -> dict[str, Any]:
    """Return the template globals shared by every page."""

    @pass_context
    def href(ctx: Context, kind: str, item_id: str = "", fragment: str = "") -> str:
        target = target_path(kind, item_id) + (f"#{fragment}" if fragment else "")
        return _link(ctx, target)

    @pass_context
    def asset(ctx: Context, path: str) -> str:
        return _link(ctx, path)

    @pass_context
    def chart_file(ctx: Context, series_id: str, ending: str) -> str:
        return _link(ctx, chart_path(series_id, ending))

    def md_block(text: str) -> Markup:
        return render_markdown(md, text)

    def md_inline(text: str) -> Markup:
        return render_inline(md, text)

    return {
        "site": site,
        "config": site.config,
        "ix": ix,
        "href": href,
        "asset": asset,
        "chart_file": chart_file,
        "md": md_block,
        "mdi": md_inline,
        "fmt": formatting,
        "charts": charts,
        "latest_status": lambda ids: latest_status(charts, list(ids)),
        "lang": site.config.languages[0],
        "root_path": base_path(site.config.base_url),
    }


def _link(ctx: Context, target: str) -> str:
    page_path: str = ctx["page_path"]
    if page_path == "404.html":
        # A host serves 404.html at any depth: link from the site's root path instead.
        return ctx["root_path"] + target
    return relative_url(page_path, target)


def render_pages(
    jobs: list[PageJob],
    env: Environment,
    progress: Progress | None = None,
    memo: RenderMemo | None = None,
    changed_templates: frozenset[str] = frozenset(),
) -> dict[str, bytes]:
    """Return each page rendered to UTF-8 bytes, by output path.

    With a memo of the previous build (whose `keys` were already compared), pages
    whose dependencies and templates did not change are reused, not rendered.
    """
    rendered: dict[str, bytes] = {}
    changed = memo.changed if memo is not None else set()
    count = 0
    for job in jobs:
        previous = None
        if memo is not None:
            if job.template not in memo.closures or changed_templates:
                memo.closures[job.template] = template_closure(env, job.template)
            previous = reusable(job, memo, changed, changed_templates, memo.closures[job.template])
        if previous is None:
            template = env.get_template(job.template)
            html = template.render(
                page_path=job.path, title=job.title, search=job.search, **job.context
            )
            previous = html.encode("utf-8")
            count += 1
        rendered[job.path] = previous
        if progress:
            progress(1)
    if memo is not None:
        memo.pages = {job.path: (job.template, rendered[job.path]) for job in jobs}
        memo.rendered = count
    return rendered


def sitemap(jobs: list[PageJob], base_url: str) -> bytes:
    """Return sitemap.xml listing every page at its public address."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for job in sorted(jobs, key=lambda j: j.path):
        if job.path == "404.html":
            continue
        address = base + job.path.removesuffix("index.html")
        lines.append(f"  <url><loc>{xml_escape(address)}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
