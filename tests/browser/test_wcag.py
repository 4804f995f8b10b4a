"""WCAG 2.2 AA on every page type, in every language the built site has.

axe-core finds no violation; a keyboard alone reaches the skip link, the search box, the
search filters, a case study's data and downloads and any language switch; at 320 CSS
pixels no page scrolls sideways; at 200% text the header neither overlaps nor clips.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import StaticHost
from tests.browser.test_accessibility import violations

PAGE_TYPES = {
    "home": "index.html",
    "toolkits": "toolkits/index.html",
    "toolkit": "toolkits/*/index.html",
    "change idea": "toolkits/*/change-ideas/*/index.html",
    "case studies": "case-studies/index.html",
    "case study": "case-studies/*/index.html",
    "measures": "measures/index.html",
    "measure": "measures/*/index.html",
    "lessons": "lessons/index.html",
    "lesson": "lessons/*/*/index.html",
    "what works where": "what-works/index.html",
    "toolkit what works where": "toolkits/deterioration/what-works/index.html",
    "measure across services": "measures/news2-complete/services/index.html",
    "learning-session pack": "events/learning-session-3/pack/index.html",
    "topics": "topics/index.html",
    "topic": "topics/*/index.html",
    "organisations": "organisations/index.html",
    "organisation": "organisations/*/index.html",
    "settings": "settings/index.html",
    "setting": "settings/*/index.html",
    "events": "events/index.html",
    "event": "events/*/index.html",
    "free pages": "pages/index.html",
    "free page": "about/index.html",
    "accessibility statement": "accessibility/index.html",
    "search": "search/index.html",
    "404": "404.html",
}
"""Each page type, as a pattern of output paths (the first match in sorted order is used)."""


@pytest.fixture(autouse=True)
def site_root_paths(page: Page, example_host: StaticHost) -> None:
    """Serve the site's root path (base_url's, e.g. /safe-care/) from the built site too.

    404.html links from that root path, as a host serves it at any depth; the test host
    serves the site under another subpath, where those links would find nothing.
    """
    html = (example_host.root / "404.html").read_text(encoding="utf-8")
    found = re.search(r'href="(/[^"]*?)static/style\.css"', html)
    assert found, "404.html links its stylesheet from the site's root path"
    root = found.group(1)

    def serve(route: Route) -> None:
        path = route.request.url.split(root, 1)[1].split("?")[0] or "index.html"
        file = example_host.root / path
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=file.read_bytes(), content_type=kind)

    page.route(re.compile(".*" + re.escape(root) + ".*"), serve)


def languages(root: Path) -> list[str]:
    """Return the path prefix of each language the built site has: '' and e.g. 'cy/'."""
    found = sorted(p.parent.name for p in root.glob("*/index.html") if len(p.parent.name) == 2)
    return ["", *(f"{code}/" for code in found)]


def page_url(host: StaticHost, pattern: str, prefix: str) -> str | None:
    """Return the address of the first page matching the pattern in a language, if any."""
    matches = sorted((host.root / prefix).glob(pattern))
    if not matches:
        return None
    path = matches[0].relative_to(host.root).as_posix()
    return host.site + path.removesuffix("index.html")


def pages_of(host: StaticHost, kind: str) -> list[str]:
    """Return the address of a page type in every language (the default one must exist)."""
    urls = [page_url(host, PAGE_TYPES[kind], prefix) for prefix in languages(host.root)]
    assert urls[0] is not None, f"the example site has no {kind} page"
    return [u for u in urls if u is not None]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_axe_violations_on_any_page_type(
    page: Page, example_host: StaticHost, kind: str
) -> None:
    for url in pages_of(example_host, kind):
        page.goto(url)
        expect(page.locator("h1")).to_have_count(1)
        for landmark in ("header", "main", "footer", "nav"):
            assert page.locator(landmark).count() >= 1, (url, landmark)
        assert violations(page) == "", url
        assert page.evaluate(TABLE_PROBLEMS) == [], url
        for chart in page.locator("figure.chart").all():  # text alternative, then the data
            assert chart.locator("img[alt]").count() == 1 and chart.locator(".reading").count()
        charts = page.locator("figure.chart").count()
        assert page.locator("main a[href$='.csv']").count() >= charts, url  # its data


TABLE_PROBLEMS = """() => [...document.querySelectorAll('main table')].flatMap(t => {
  const box = t.closest('.table-scroll');
  const problems = [];
  if (!t.querySelector('caption')) problems.push('no caption');
  if (t.querySelectorAll('th:not([scope])').length) problems.push('th without scope');
  if (!box || box.getAttribute('tabindex') !== '0' || box.getAttribute('role') !== 'region'
      || !box.getAttribute('aria-label')) problems.push('not in a focusable labelled region');
  return problems.map(p => (t.querySelector('caption')?.textContent || '?') + ': ' + p);
})"""


def tab_through(page: Page, url: str, ready: str = "", presses: int = 400) -> list[dict[str, str]]:
    """Return what has focus after each press of Tab from the top of a freshly loaded page
    (once `ready` is visible), until focus leaves the page."""
    page.goto(url)
    if ready:
        expect(page.locator(ready).first).to_be_visible()
    seen: list[dict[str, str]] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                """() => { const e = document.activeElement; return {
                tag: e.tagName.toLowerCase(), cls: e.className || '', id: e.id || '',
                type: e.type || '', text: (e.textContent || '').trim().slice(0, 60),
                href: e.getAttribute('href') || '', hreflang: e.getAttribute('hreflang') || '',
                download: e.hasAttribute('download') ? 'yes' : ''}; }"""
            )
        )
        if seen[-1]["tag"] == "body" and len(seen) > 1:
            break
    return seen


def test_keyboard_reaches_skip_link_search_data_and_downloads(
    page: Page, example_host: StaticHost
) -> None:
    for url in pages_of(example_host, "case study"):
        page.goto(url)
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        expect(skip).to_be_focused()
        box = skip.bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 24, box
        focused = tab_through(page, url)
        assert focused[0]["cls"] == "skip-link"
        assert any(f["id"] == "site-search-query" for f in focused)
        assert any(
            f["tag"] == "summary" and f["text"].startswith(("Show", "Dangos")) for f in focused
        )
        downloads = [f["href"] for f in focused if f["download"]]
        assert any(h.endswith(".csv") for h in downloads) and any(
            h.endswith(".svg") for h in downloads
        )
        switches = page.locator("a[hreflang]")
        if switches.count():
            assert any(f["hreflang"] for f in focused)


def test_skip_link_moves_focus_to_main(page: Page, example_host: StaticHost) -> None:
    page.goto(example_host.site)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_keyboard_reaches_the_search_filters(page: Page, example_host: StaticHost) -> None:
    for url in pages_of(example_host, "search"):
        focused = tab_through(page, url + "?q=falls", ".search-filters input[type=checkbox]")
        assert any(f["id"] == "search-query" for f in focused)
        assert sum(1 for f in focused if f["type"] == "checkbox") >= 2


def test_focus_is_visible(page: Page, example_host: StaticHost) -> None:
    page.goto(example_host.site)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the first link after the skip link
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert style[0] != "none" and style[1] >= 2


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_sideways_scrolling_at_320_pixels(
    page: Page, example_host: StaticHost, kind: str
) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    for url in pages_of(example_host, kind):
        page.goto(url)
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")  # the data tables too
        assert scroll_widths(page)[0] <= scroll_widths(page)[1], (url, scroll_widths(page))
        # An author's long word or address must wrap too (in a table it scrolls instead).
        page.evaluate(
            """long => { for (const e of document.querySelectorAll(
                '.site-title, .site-header nav a, .breadcrumbs li, main p, main li a, main a, '
                + '.facts dd, h1, h2, h3, label, .footer-links a')) e.append(' ' + long); }""",
            LONG_WORD,
        )
        widths = scroll_widths(page)
        assert widths[0] <= widths[1], (url, widths, "with long words")


LONG_WORD = "https://example.org/" + "averyverylongpathsegment" * 8


def scroll_widths(page: Page) -> list[int]:
    """Return the page's scrolling width and its visible width."""
    return page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def test_header_survives_200_percent_text(page: Page, example_host: StaticHost) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    for url in pages_of(example_host, "toolkit"):
        page.goto(url)
        page.add_style_tag(content="html { font-size: 200% !important; }")
        boxes = page.evaluate(
            """() => [...document.querySelectorAll(
                '.site-header .site-title, .site-header nav li, .site-header .site-search')]
              .map(e => { const r = e.getBoundingClientRect();
                return {x: r.left, y: r.top, r: r.right, b: r.bottom,
                        clipped: e.scrollWidth > e.clientWidth + 1}; })"""
        )
        assert len(boxes) >= 3
        width = page.evaluate("document.documentElement.clientWidth")
        for i, a in enumerate(boxes):
            assert not a["clipped"] and a["x"] >= 0 and a["r"] <= width, (url, a)
            for other in boxes[i + 1 :]:
                apart = (
                    a["r"] <= other["x"] or other["r"] <= a["x"]
                    or a["b"] <= other["y"] or other["b"] <= a["y"]
                )  # fmt: skip
                assert apart, (url, a, other)


def test_reduced_motion_is_respected(page: Page, example_host: StaticHost) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.goto(example_host.site)
    page.add_style_tag(content=".probe { transition: opacity 2s; }")
    page.evaluate("document.body.classList.add('probe')")
    assert page.evaluate("getComputedStyle(document.body).transitionDuration") in ("0s", "")


@pytest.mark.parametrize(
    "kind", ["home", "toolkit", "case study", "search", "toolkit what works where", "lessons"]
)
def test_no_axe_violations_on_a_phone(page: Page, example_host: StaticHost, kind: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})  # target sizes and spacing too
    for url in pages_of(example_host, kind):
        page.goto(url)
        assert violations(page) == "", url
