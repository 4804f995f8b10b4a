"""Render every page of the site with Jinja: model in, {output path: bytes} out."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from babel.support import NullTranslations
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markdown_it import MarkdownIt
from markupsafe import Markup

from toolkit_builder.charts.across import known_state
from toolkit_builder.charts.batch import Drawn, Keep
from toolkit_builder.charts.stage import ChartView, services_status
from toolkit_builder.content.model import Site
from toolkit_builder.content.siteindex import SiteIndex, index_site
from toolkit_builder.content.urls import chart_path, root_prefix, target_path
from toolkit_builder.language.i18n import Languages, language_name, load_translations
from toolkit_builder.language.localise import Fallback
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.pages.changes import RenderMemo, reusable, template_closure
from toolkit_builder.pages.markdown import render_inline, render_markdown
from toolkit_builder.pages.navigation import site_navigation
from toolkit_builder.pages.parallel import render_parallel
from toolkit_builder.pages.plan import PageJob
from toolkit_builder.pages.toolkitpage import (
    body_parts,
    body_section,
    role_names,
    toolkit_contents,
    toolkit_sections,
)

Progress = Callable[[int], None]


def base_path(base_url: str) -> str:
    """Return the path part of the site's public address, ending in '/'."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


@dataclass(frozen=True, slots=True)
class PageLanguage:
    """What the pages of one language need: their site, words and chart views."""

    lang: str
    languages: Languages
    site: Site
    """The site with every item in this language (see language/localise.py)."""
    ix: SiteIndex
    words: PageFormat
    translations: NullTranslations
    charts: Mapping[str, ChartView]
    chart_lang: str
    """Language of the chart views and files shown (the default until charts are translated)."""


def page_language(
    local: Site,
    lang: str,
    languages: Languages,
    charts: Mapping[str, ChartView],
    chart_lang: str = "",
) -> PageLanguage:
    """Return what the pages of one language need: the site in it, its words and charts.

    `local` is the site in `lang` (localise.localise_site). `charts` are the chart
    views the pages show, in `chart_lang` (default: the site's default language,
    whose chart files every language can share).
    """
    translations = load_translations(lang)
    return PageLanguage(
        lang=lang,
        languages=languages,
        site=local,
        ix=index_site(local),
        words=PageFormat(lang, translations),
        translations=translations,
        charts=charts,
        chart_lang=chart_lang or languages.default,
    )


def language_block(text: str, html: Markup) -> Markup:
    """Return rendered text in a div naming its language when it is shown for want of a translation."""
    if isinstance(text, Fallback) and html:
        return Markup('<div lang="{}"{}>\n{}</div>\n').format(
            text.lang, Markup(" data-fallback" if text.notice else ""), html
        )
    return html


def make_globals(page_lang: PageLanguage, md: MarkdownIt) -> dict[str, Any]:
    """Return the template globals shared by every page of one language."""
    languages = page_lang.languages
    prefix = languages.prefix(page_lang.lang)
    chart_prefix = languages.prefix(page_lang.chart_lang)

    @pass_context
    def href(ctx: Context, kind: str, item_id: str = "", fragment: str = "") -> str:
        target = target_path(kind, item_id) + (f"#{fragment}" if fragment else "")
        return _link(ctx, target if kind == "sitemap" else prefix + target)

    @pass_context
    def asset(ctx: Context, path: str) -> str:
        return _link(ctx, path)

    @pass_context
    def chart_file(ctx: Context, series_id: str, ending: str) -> str:
        return _link(ctx, chart_prefix + chart_path(series_id, ending))

    @pass_context
    def alternates(ctx: Context) -> list[tuple[str, str]]:
        _, base = languages.split(ctx["page_path"])
        return [(code, _link(ctx, languages.page_path(code, base))) for code in languages.codes]

    in_language = language_block

    rendered: dict[str, Markup] = {}
    """Markdown already rendered for this language's pages: a service's result shows on
    its toolkit's page and printable page, and the same text renders the same."""

    def md_block(text: str) -> Markup:
        html = rendered.get(text)
        if html is None:
            html = rendered[text] = render_markdown(md, text)
        return in_language(text, html)

    headings = role_names(page_lang.words.gettext)

    def md_parts(text: str) -> dict[str, Markup]:
        return {k: in_language(text, v) for k, v in body_parts(md, text, headings).items()}

    def md_inline(text: str) -> Markup:
        html = render_inline(md, text)
        if isinstance(text, Fallback):
            return Markup('<span lang="{}"{}>{}</span>').format(
                text.lang, Markup(" data-fallback" if text.notice else ""), html
            )
        return html

    charts = page_lang.charts
    return {
        "site": page_lang.site,
        "config": page_lang.site.config,
        "ix": page_lang.ix,
        "nav": site_navigation(page_lang.site),
        "href": href,
        "asset": asset,
        "chart_file": chart_file,
        "alternates": alternates,
        "language_name": language_name,
        "md": md_block,
        "md_parts": md_parts,
        "toolkit_sections": toolkit_sections,
        "body_section": body_section,
        "toolkit_contents": toolkit_contents,
        "mdi": md_inline,
        "fmt": page_lang.words,
        "charts": charts,
        "chart_lang": page_lang.chart_lang,
        "services_status": lambda ids: services_status(charts, list(ids), page_lang.chart_lang),
        "latest_state": lambda series_id: known_state(charts[series_id]),
        "lang": page_lang.lang,
        "lang_prefix": prefix,
        "default_lang": languages.default,
        "languages": languages.codes,
        "root_path": base_path(page_lang.site.config.base_url),
    }


def _link(ctx: Context, target: str) -> str:
    return ctx["link_root"] + target  # type: ignore[no-any-return]


def link_root(page_path: str, root_path: str) -> str:
    """Return what every link of the page at `page_path` starts with, to reach the site root.

    A host serves 404.html at any depth, so it links from the site's root path
    (`root_path`, e.g. '/safe-care/'); every other page links relatively.
    """
    if page_path.rsplit("/", 1)[-1] == "404.html":
        return root_path
    return root_prefix(page_path)


NOTICE_TEMPLATE = "fallback_notice.html"
"""The notice that a page is not fully translated (rendered once per language)."""

NOTICE_MARK = "<!--fallback-notice-->"
"""Where base.html puts the notice that parts of a page are not translated."""

FALLBACK_MARK = "data-fallback"
"""The attribute of every passage shown in the default language for want of a translation."""


def finish_page(html: str, notice: str) -> str:
    """Return the page with the untranslated-parts notice where it asks for it, if needed.

    Only the main content counts: the header and footer name pages and the site
    in whatever language they have, and say so with `lang` alone.
    """
    if NOTICE_MARK not in html:
        return html
    main = html[html.find("<main") : html.rfind("</main>")]
    return html.replace(NOTICE_MARK, notice if FALLBACK_MARK in main else "", 1)


def prepare_language(env: Environment, page_lang: PageLanguage, md: MarkdownIt) -> str:
    """Set the environment up for one language's pages; return its fallback notice."""
    env.globals.update(make_globals(page_lang, md))
    env.install_gettext_translations(page_lang.translations, newstyle=True)  # type: ignore[attr-defined]
    if page_lang.lang == page_lang.languages.default:
        return ""
    return env.get_template(NOTICE_TEMPLATE).render(page_path="index.html", link_root="")


def page_renderer(
    env: Environment, prepare: Callable[[str], str] | None = None
) -> Callable[[PageJob], bytes]:
    """Return a function that renders one page to UTF-8 bytes.

    `prepare(lang)` sets the environment up for a language and returns its fallback
    notice; it is called when a page's language differs from the page before.
    """
    current: str | None = None
    notice = ""

    def render_page(job: PageJob) -> bytes:
        nonlocal current, notice
        if prepare is not None and job.lang != current:
            current = job.lang
            notice = prepare(job.lang)
        html = env.get_template(job.template).render(
            page_path=job.path,
            link_root=link_root(job.path, env.globals["root_path"]),  # type: ignore[arg-type]
            title=job.title,
            search=job.search,
            **job.context,
        )
        return finish_page(html, notice).encode("utf-8")

    return render_page


class MadeLater(Exception):
    """A page read a value that the build makes after its first pages (see render_first).

    Not a LookupError: Jinja would turn that into an undefined value and render on.
    """


class Later(Mapping[str, Any]):
    """A global the first pages may not read yet (the toolkits' bundles): reading raises."""

    def __getitem__(self, key: str) -> Any:
        raise MadeLater(key)

    def __iter__(self) -> Iterator[str]:
        raise MadeLater("iteration")

    def __len__(self) -> int:
        raise MadeLater("length")


def render_first(
    jobs: Sequence[PageJob], env: Environment, prepare: Callable[[str], str]
) -> dict[str, bytes]:
    """Return the pages of `jobs` that render before the build's later values, by path.

    The preview renders the pages its browsers show first, and reloads them while the
    rest of the build goes on. `prepare(lang)` sets the environment up as for the
    build's own rendering, with the later values (bundles) as `Later`; a page that reads
    one is left out, to come with the rest. The pages rendered are those the build
    renders (the same jobs, environment and globals): the same bytes. A page whose
    template fails is left out too: the build renders it again, and reports the error.
    """
    render_page = page_renderer(env, prepare)
    pages: dict[str, bytes] = {}
    for job in jobs:
        try:
            pages[job.path] = render_page(job)
        except Exception:  # MadeLater, or an error the build itself reports
            continue
    return pages


def render_pages(
    jobs: list[PageJob],
    env: Environment,
    progress: Progress | None = None,
    memo: RenderMemo | None = None,
    changed_templates: frozenset[str] = frozenset(),
    prepare: Callable[[str], str] | None = None,
    workers: int = 1,
    keep: Keep | None = None,
) -> dict[str, Drawn]:
    """Return each page rendered to UTF-8 bytes, by output path.

    With a memo of the previous build (whose `keys` were already compared), pages
    whose dependencies and templates did not change are reused, not rendered.
    `prepare(lang)` sets the environment up for a language's pages (they come
    grouped by language) and returns that language's fallback notice. With `workers`
    above 1, many pages are rendered in that many processes (pages/parallel.py).
    With `keep` (the command line's store), each page is stored where it is rendered
    and returned as the name `keep` gave it, not as bytes (so is the memo's).
    """
    rendered: dict[str, Drawn] = {}
    changed = memo.changed if memo is not None else set()
    to_render: list[PageJob] = []
    references: dict[str, tuple[str, ...]] = {}  # each template parsed once in this call
    closed: set[str] = set()  # templates whose closure this call worked out
    for job in jobs:
        previous = None
        if memo is not None:
            if job.template not in closed and (
                job.template not in memo.closures or changed_templates
            ):
                memo.closures[job.template] = template_closure(env, job.template, references)
                closed.add(job.template)
            previous = reusable(job, memo, changed, changed_templates, memo.closures[job.template])
            if NOTICE_TEMPLATE in changed_templates:
                previous = None  # every page of another language may show the notice
        if previous is None:
            to_render.append(job)
        else:
            rendered[job.path] = previous
    if progress and rendered:
        progress(len(rendered))

    def render(part: Sequence[PageJob]) -> list[Drawn]:
        render_page = page_renderer(env, prepare)
        pages = (render_page(job) for job in part)
        return [keep(page) if keep is not None else page for page in pages]

    pages = render_parallel(to_render, render, workers, progress)
    rendered.update((job.path, page) for job, page in zip(to_render, pages, strict=True))
    if memo is not None:
        memo.pages = {job.path: (job.template, rendered[job.path]) for job in jobs}
        memo.rendered = len(to_render)
    return {job.path: rendered[job.path] for job in jobs}


def sitemap(jobs: list[PageJob], base_url: str, languages: Languages) -> bytes:
    """Return sitemap.xml listing every page at its public address, with its other languages."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    several = len(languages.codes) > 1
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        + (' xmlns:xhtml="http://www.w3.org/1999/xhtml">' if several else ">"),
    ]
    for job in sorted(jobs, key=lambda j: j.path):
        if job.path.rsplit("/", 1)[-1] == "404.html":
            continue
        address = base + job.path.removesuffix("index.html")
        if not several:
            lines.append(f"  <url><loc>{xml_escape(address)}</loc></url>")
            continue
        lines.append(f"  <url><loc>{xml_escape(address)}</loc>")
        _, layout = languages.split(job.path)
        for code in languages.codes:
            other = base + languages.page_path(code, layout).removesuffix("index.html")
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang="{code}" href="{xml_escape(other)}"/>'
            )
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
