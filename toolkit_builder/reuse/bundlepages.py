"""The offline pages of a toolkit bundle, in its language, from templates/bundle/ (pure).

index.html follows the toolkit page's order (pages/toolkitpage.py SECTIONS);
measures.html holds every operational definition, pdsa-worksheet.html a worksheet
to print. Relative links in the author's Markdown become links to the public site,
and passages shown in the default language for want of a translation are marked
with their language, with the same notice as the site's pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jinja2 import Environment
from markdown_it import MarkdownIt
from markupsafe import Markup

from toolkit_builder.content.model import Toolkit
from toolkit_builder.content.urls import target_path
from toolkit_builder.pages.markdown import render_markdown
from toolkit_builder.pages.render import (
    NOTICE_TEMPLATE,
    PageLanguage,
    finish_page,
    language_block,
)
from toolkit_builder.pages.toolkitpage import (
    ServiceResult,
    body_parts,
    body_section,
    role_names,
    toolkit_contents,
    toolkit_sections,
)
from toolkit_builder.reuse.bundlefiles import (
    DECISIONS,
    MODEL_FOR_IMPROVEMENT,
    PDSA_STAGES,
    collection_columns,
    goal_text,
    offline_html,
    public_url,
    resource_entry,
)

PAGES = ("index.html", "measures.html", "pdsa-worksheet.html")
"""The offline pages of a bundle, each rendered from templates/bundle/<name>."""
STYLESHEET = "toolkit.css"
"""The bundle's own stylesheet (templates/bundle/toolkit.css), so the pages need no network."""
DOCUMENTS = ("toolkit", "pdsa-worksheet")
"""The documents of a bundle, each as .docx and .odt."""


def _page_context(
    toolkit: Toolkit,
    page_lang: PageLanguage,
    md: MarkdownIt,
    services: Sequence[ServiceResult],
    credit: str,
) -> dict[str, Any]:
    site, ix, words = page_lang.site, page_lang.ix, page_lang.words
    base = site.config.base_url
    prefix = page_lang.languages.prefix(page_lang.lang)

    def site_url(kind: str, item_id: str = "") -> str:
        return public_url(base, prefix + target_path(kind, item_id))

    online_url = site_url("toolkit", toolkit.id)

    def offline_md(text: str, kind: str = "toolkit", item_id: str = toolkit.id) -> Markup:
        html = offline_html(str(render_markdown(md, text)), site_url(kind, item_id))
        return language_block(text, Markup(html))

    body = {
        part: language_block(toolkit.body, Markup(offline_html(str(html), online_url)))
        for part, html in body_parts(md, toolkit.body, role_names(words.gettext)).items()
    }
    measures = [ix.measures[m] for m in toolkit.measures]
    return {
        "toolkit": toolkit,
        "package": ix.package_of(toolkit),
        "measures": measures,
        "sheets": {m.id: f"data-collection/{m.id}.csv" for m in measures},
        "workbooks": {m.id: f"data-collection/{m.id}.xlsx" for m in measures},
        "columns": {m.id: ",".join(collection_columns(m)) for m in measures},
        "documents": DOCUMENTS,
        "bundled": [(r, resource_entry(r)) for r in toolkit.resources if r.file],
        "links": [r for r in toolkit.resources if r.url],
        "licence": toolkit.licence or site.config.licence,
        "attribution": credit,
        "date": max([toolkit.last_reviewed, *(c.date for c in toolkit.changelog)]),
        "online_url": online_url,
        "site_url": site_url,
        "offline_md": offline_md,
        "body": body,
        "sections": toolkit_sections(body),
        "contents": toolkit_contents(body),
        "body_section": body_section,
        "services": services,
        "goal_text": lambda measure: goal_text(measure, words.gettext),
        "questions": MODEL_FOR_IMPROVEMENT,
        "stages": PDSA_STAGES,
        "decisions": DECISIONS,
        "stylesheet": STYLESHEET,
        "config": site.config,
        "ix": ix,
        "fmt": words,
        "lang": page_lang.lang,
        "default_lang": page_lang.languages.default,
    }


def bundle_pages(
    toolkit: Toolkit,
    page_lang: PageLanguage,
    env: Environment,
    md: MarkdownIt,
    services: Sequence[ServiceResult],
    credit: str,
) -> dict[str, bytes]:
    """Return a bundle's offline pages and stylesheet in one language, by path inside the bundle.

    Installs the language's catalogue in `env` (the site's pages set theirs before rendering).
    """
    env.install_gettext_translations(page_lang.translations, newstyle=True)  # type: ignore[attr-defined]
    context = _page_context(toolkit, page_lang, md, services, credit)
    notice = ""
    if page_lang.lang != page_lang.languages.default:
        notice = env.get_template(NOTICE_TEMPLATE).render(
            fmt=page_lang.words, default_lang=page_lang.languages.default
        )
    files = {
        name: finish_page(
            env.get_template(f"bundle/{name}").render(page=name, **context), notice
        ).encode("utf-8")
        for name in PAGES
    }
    assert env.loader is not None
    files[STYLESHEET] = env.loader.get_source(env, f"bundle/{STYLESHEET}")[0].encode("utf-8")
    return files
