"""Render every page of the site with Jinja: model in, {output path: bytes} out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markdown_it import MarkdownIt
from markupsafe import Markup

from toolkit_builder import formatting
from toolkit_builder.errors import ContentError, Location, Problem
from toolkit_builder.markdown import render_inline, render_markdown
from toolkit_builder.model import Site
from toolkit_builder.siteindex import SiteIndex
from toolkit_builder.urls import SECTION_PATHS, chart_path, item_path, relative_url, target_path

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class PageJob:
    """One page to render: where it goes, which template, and what it shows."""

    path: str
    template: str
    title: str
    context: Mapping[str, Any] = field(default_factory=dict)
    source: Location | None = None
    """The content file the page comes from, for error messages."""


def plan_pages(site: Site, ix: SiteIndex) -> list[PageJob]:
    """Return every HTML page of the site, in a stable order."""
    jobs = [
        PageJob("index.html", "home.html", site.config.title),
        PageJob(SECTION_PATHS["toolkits"], "toolkits.html", "Toolkits"),
        PageJob(SECTION_PATHS["case-studies"], "case_studies.html", "Case studies"),
        PageJob(SECTION_PATHS["measures"], "measures.html", "Measures"),
        PageJob(SECTION_PATHS["lessons"], "lessons.html", "Lessons learned"),
        PageJob(SECTION_PATHS["topics"], "topics.html", "Topics"),
        PageJob(SECTION_PATHS["organisations"], "organisations.html", "Organisations"),
        PageJob(SECTION_PATHS["settings"], "settings.html", "Care settings"),
        PageJob(SECTION_PATHS["events"], "events.html", "Events"),
        PageJob("404.html", "404.html", "Page not found"),
    ]
    for t in site.toolkits:
        jobs.append(
            PageJob(
                item_path("toolkit", t.id),
                "toolkit.html",
                t.title,
                {"toolkit": t, "package": ix.package_of(t), "draft": t.status == "draft"},
                t.source,
            )
        )
    for c in site.case_studies:
        jobs.append(
            PageJob(
                item_path("case-study", c.id),
                "case_study.html",
                c.title,
                {"case": c, "toolkit": ix.toolkits[c.toolkit], "draft": c.status == "draft"},
                c.source,
            )
        )
    for m in site.measures:
        jobs.append(
            PageJob(
                item_path("measure", m.id),
                "measure.html",
                m.title,
                {"measure": m, "draft": m.status == "draft"},
                m.source,
            )
        )
    for topic in site.topics:
        jobs.append(
            PageJob(item_path("topic", topic.id), "topic.html", topic.title, {"topic": topic})
        )
    for o in site.organisations:
        jobs.append(
            PageJob(
                item_path("organisation", o.id), "organisation.html", o.name, {"organisation": o}
            )
        )
    for s in site.config.settings:
        jobs.append(
            PageJob(
                item_path("setting", s), "setting.html", formatting.setting_name(s), {"setting": s}
            )
        )
    for e in site.events:
        jobs.append(
            PageJob(
                item_path("event", e.id),
                "event.html",
                e.title,
                {"event": e, "draft": e.status == "draft"},
                e.source,
            )
        )
    for p in site.pages:
        jobs.append(
            PageJob(
                item_path("page", p.id),
                "page.html",
                p.title,
                {"page": p, "draft": p.status == "draft"},
                p.source,
            )
        )
    _refuse_duplicate_paths(jobs)
    return jobs


def _refuse_duplicate_paths(jobs: list[PageJob]) -> None:
    seen: dict[str, PageJob] = {}
    problems = []
    for job in jobs:
        if job.path in seen:
            other = seen[job.path]
            where = job.source or other.source
            problems.append(
                Problem(
                    where or Location.__new__(Location),
                    f"two items would be written to {job.path}: '{other.title}' and '{job.title}'",
                    "rename one of them",
                )
            )
        seen[job.path] = job
    if problems:
        raise ContentError(problems)


def base_path(base_url: str) -> str:
    """Return the path part of the site's public address, ending in '/'."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def make_globals(site: Site, ix: SiteIndex, md: MarkdownIt) -> dict[str, Any]:
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
    jobs: list[PageJob], env: Environment, progress: Progress | None = None
) -> dict[str, bytes]:
    """Return each page rendered to UTF-8 bytes, by output path."""
    rendered: dict[str, bytes] = {}
    for job in jobs:
        template = env.get_template(job.template)
        html = template.render(page_path=job.path, title=job.title, **job.context)
        rendered[job.path] = html.encode("utf-8")
        if progress:
            progress(1)
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
