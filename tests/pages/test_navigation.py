"""Header and footer name a bounded set of pages; the list of all pages reaches the rest."""

from __future__ import annotations

import posixpath
import re
from collections import deque
from dataclasses import replace
from pathlib import Path, PurePosixPath

from tests.linkcheck import parse_page
from tests.support import FIXTURE_SITE
from toolkit_builder.build import BuildOptions, build_in_memory
from toolkit_builder.content.load import load_site
from toolkit_builder.content.model import Page
from toolkit_builder.content.validate import validate_site
from toolkit_builder.errors import Location
from toolkit_builder.pages.navigation import FOOTER_PAGE_LIMIT, site_navigation

EXTRA_PAGES = 2 * FOOTER_PAGE_LIMIT + 3


def free_page(page_id: str, title: str) -> Page:
    return Page(
        page_id, title, "Text.", Location(PurePosixPath(f"content/pages/{page_id}.md"), 1, 1)
    )


def test_the_footer_names_at_most_the_limit_whatever_the_number_of_pages() -> None:
    site, _ = validate_site(load_site(FIXTURE_SITE))
    pages = tuple(free_page(f"p{n:02}", f"Page {n}") for n in range(EXTRA_PAGES))
    many = replace(site, pages=(*site.pages, *pages))
    nav = site_navigation(many)
    assert len(nav.footer_pages) == FOOTER_PAGE_LIMIT
    assert nav.footer_pages == many.pages[:FOOTER_PAGE_LIMIT]
    assert nav.about is not None and nav.about.id == "about"
    assert not nav.statement_is_page
    with_statement = replace(many, pages=(*many.pages, free_page("accessibility", "Access")))
    assert site_navigation(with_statement).statement_is_page


def test_what_the_footer_shows_changes_only_with_its_pages() -> None:
    site, _ = validate_site(load_site(FIXTURE_SITE))
    pages = tuple(free_page(f"p{n:02}", f"Page {n}") for n in range(EXTRA_PAGES))
    many = replace(site, pages=(*site.pages, *pages))
    last = replace(many, pages=(*many.pages[:-1], free_page("p99", "Renamed")))
    assert site_navigation(last).key() == site_navigation(many).key()  # not in the footer
    first = replace(many, pages=(replace(many.pages[0], title="About us"), *many.pages[1:]))
    assert site_navigation(first).key() != site_navigation(many).key()


def with_free_pages(site: Path, count: int) -> Path:
    for n in range(count):
        (site / "content" / "pages" / f"extra-{n:02}.md").write_text(
            f"---\ntitle: Extra page {count - n}\nsummary: Number {n}.\n---\nText {n}.\n",
            encoding="utf-8",
        )
    return site


def reachable(output: dict[str, bytes], start: str) -> set[str]:
    """Return the HTML pages reached from `start` by following links."""
    seen, waiting = {start}, deque([start])
    while waiting:
        name = waiting.popleft()
        links, _ = parse_page(output[name].decode("utf-8"))
        for link in links:
            target = link.split("#")[0]
            if not target or "://" in target or target.startswith(("mailto:", "data:")):
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
            if path.endswith(".html") and path in output and path not in seen:
                seen.add(path)
                waiting.append(path)
    return seen


def test_every_free_page_is_reached_from_home_with_a_bounded_footer(site_copy: Path) -> None:
    output = build_in_memory(
        BuildOptions(with_free_pages(site_copy, EXTRA_PAGES), site_copy / "output"),
        index_search=False,
    ).output
    free = {f"{lang}{n}/index.html" for lang in ("", "cy/") for n in ("about", "pages")}
    free |= {f"{lang}extra-{n:02}/index.html" for lang in ("", "cy/") for n in range(EXTRA_PAGES)}
    assert free <= set(output)
    assert free - reachable(output, "index.html") == set()
    for name in (n for n in output if n.endswith(".html")):
        html = output[name].decode("utf-8")
        footer = html[html.index('<footer class="site-footer">') :]
        named = re.findall(r'href="[^"]*extra-\d\d/index\.html"', footer)
        assert 0 < len(named) <= FOOTER_PAGE_LIMIT, name


def test_the_list_of_pages_names_each_in_title_order(site_copy: Path) -> None:
    output = build_in_memory(
        BuildOptions(with_free_pages(site_copy, 12), site_copy / "output"), index_search=False
    ).output
    html = output["pages/index.html"].decode("utf-8")
    main = html[html.index("<main") : html.index("</main>")]
    listed = main[main.index('<ul class="plain-list">') :]
    titles = re.findall(r'<a href="\.\./[^"]+">([^<]+)</a>', listed)
    assert titles == sorted(titles, key=str.casefold) and len(titles) == 13  # and About
    assert "<h1>Pages</h1>" in main and "Number 3." in main
    welsh = output["cy/pages/index.html"].decode("utf-8")
    assert "<h1>Tudalennau</h1>" in welsh and 'href="../../cy/extra-00/index.html"' in welsh
    assert 'href="../pages/index.html">All pages</a>' in output["about/index.html"].decode()
