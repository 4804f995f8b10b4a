"""axe-core finds no WCAG 2.2 A or AA violation on the main page types of the example site."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import StaticHost

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

PAGES = {
    "home": "",
    "toolkit": "toolkits/deterioration/",
    "toolkit print view": "toolkits/falls/print/",
    "change idea": "toolkits/falls/change-ideas/baywatch/",
    "case study": "case-studies/ward-7-escalation/",
    "measure": "measures/news2-complete/",
    "lessons": "lessons/",
    "lesson": "lessons/ward-7-escalation/1/",
    "toolkits": "toolkits/",
    "event": "events/deterioration-webinar/",
    "accessibility statement": "accessibility/",
}


def violations(page: Page) -> str:
    """Return axe's report of WCAG 2.2 A/AA violations on the page ('' when there are none)."""
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results.generate_report() if results.violations_count else ""


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_axe_violations(page: Page, example_host: StaticHost, path: str) -> None:
    page.goto(example_host.site + path)
    expect(page.locator("h1")).to_have_count(1)
    assert violations(page) == ""


def test_search_page_with_results_and_filters_has_no_axe_violations(
    page: Page, example_host: StaticHost
) -> None:
    page.goto(example_host.site + "search/?q=falls&setting=Acute")
    expect(page.locator(".search-results h3 a").first).to_be_visible()
    expect(page.get_by_label("Acute", exact=False).first).to_be_checked()
    assert violations(page) == ""


def test_the_check_itself_finds_a_violation(page: Page) -> None:
    page.set_content(
        '<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main>'
    )
    assert "image-alt" in violations(page)
