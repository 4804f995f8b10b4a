"""The Welsh pages in a browser: no WCAG violation, and the language switch leads to the twin page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import StaticHost
from tests.browser.test_accessibility import violations

WELSH_PAGES = {
    "home": "cy/",
    "toolkit": "cy/toolkits/deterioration/",
    "case study": "cy/case-studies/ward-7-escalation/",
    "untranslated toolkit": "cy/toolkits/falls/",
}


@pytest.mark.parametrize("path", WELSH_PAGES.values(), ids=WELSH_PAGES.keys())
def test_welsh_page_has_no_axe_violations(page: Page, example_host: StaticHost, path: str) -> None:
    page.goto(example_host.site + path)
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.locator("h1")).to_have_count(1)
    assert violations(page) == ""


def test_the_language_switch_goes_to_the_twin_and_back(
    page: Page, example_host: StaticHost
) -> None:
    page.goto(example_host.site + "cy/toolkits/deterioration/")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(example_host.site + "toolkits/deterioration/index.html")
    expect(page.locator("h1")).to_have_text("Recognising and responding to deterioration (NEWS2)")
    page.get_by_role("link", name="Cymraeg").click()
    expect(page.locator("h1")).to_have_text("Adnabod ac ymateb i ddirywiad (NEWS2)")


def test_an_untranslated_page_says_so_and_marks_the_english(
    page: Page, example_host: StaticHost
) -> None:
    page.goto(example_host.site + "cy/toolkits/falls/")
    expect(page.locator(".translation-notice")).to_contain_text("Saesneg")
    expect(page.locator("h1 [lang=en]")).to_have_text("Preventing falls in hospital, day and night")
