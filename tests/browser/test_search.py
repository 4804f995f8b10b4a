"""Search on the example site, served from a subpath as a static host would serve it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PreviewServer, Requests, StaticHost

RESULT_LINKS = ".search-results h3 a"


def search(page: Page, site: str, words: str) -> None:
    """Open the search page and type `words` as a reader would."""
    page.goto(site + "search/")
    expect(page.locator("[data-search]")).to_be_visible()
    page.locator("#search-query").press_sequentially(words, delay=20)
    expect(page.locator("[data-search-status]")).to_contain_text(f"for “{words}”")


def titles(page: Page) -> list[str]:
    return page.locator(RESULT_LINKS).all_inner_texts()


def test_news2_lists_the_deterioration_toolkit_first(
    page: Page, example_host: StaticHost, requests_log: Requests
) -> None:
    search(page, example_host.site, "NEWS2")
    first = page.locator(RESULT_LINKS).first
    expect(first).to_have_text("Recognising and responding to deterioration (NEWS2)")
    assert first.get_attribute("href") == "/some/sub/path/toolkits/deterioration/"
    assert requests_log.outside == []
    assert any("/some/sub/path/pagefind/" in url for url in requests_log.seen)


@pytest.mark.parametrize("words", ["early warning score", "track and trigger"])
def test_a_synonym_finds_the_same_toolkit(page: Page, example_host: StaticHost, words: str) -> None:
    search(page, example_host.site, words)
    assert titles(page)[0] == "Recognising and responding to deterioration (NEWS2)"


def test_excerpts_for_a_synonym_never_show_the_synonym_list(
    page: Page, example_host: StaticHost
) -> None:
    # site.yaml: [pressure injury, pressure ulcer, pressure sore, bedsore]; the example
    # says "pressure injury", so "pressure ulcer" matches through the synonyms only.
    search(page, example_host.site, "pressure ulcer")
    assert "Preventing pressure injuries" in titles(page)[:5]
    excerpts = page.locator(".search-results li article > p:last-child").all_inner_texts()
    assert len(excerpts) >= 3
    for excerpt in excerpts:
        assert excerpt.strip(), excerpt
        lowered = excerpt.lower()
        assert "pressure sore" not in lowered and "bedsore" not in lowered, excerpt
        assert "pressure ulcer, " not in lowered, excerpt


def test_a_word_of_the_page_is_still_marked_in_its_excerpt(
    page: Page, example_host: StaticHost
) -> None:
    search(page, example_host.site, "pressure injury")
    first = page.locator(".search-results li article > p:last-child").first
    expect(first.locator("mark").first).to_have_text(re.compile(r"^(pressure|injur)", re.I))
    assert "bedsore" not in first.inner_text().lower()


def test_synonyms_are_added_to_the_index_not_to_the_pages(example_host: StaticHost) -> None:
    # site.yaml lists "track and trigger" with NEWS2; no page of the example uses it
    for page in example_host.root.rglob("*.html"):
        assert "track and trigger" not in page.read_text().lower(), page


def test_setting_filter_narrows_results_and_shows_counts(
    page: Page, example_host: StaticHost
) -> None:
    search(page, example_host.site, "huddle")
    status = page.locator("[data-search-status]")
    before = int(re.match(r"(\d+)", status.inner_text()).group(1))
    community = page.get_by_label(re.compile(r"^Community \(\d+\)$"))
    label = page.locator("label", has_text=re.compile(r"^Community \(\d+\)$"))
    expected = int(re.search(r"\((\d+)\)", label.inner_text()).group(1))
    assert 0 < expected < before
    community.check()
    expect(status).to_contain_text(f"{expected} result")
    expect(page.locator(RESULT_LINKS)).to_have_count(expected)
    assert "setting=Community" in page.url  # the filtered search can be shared as a link


def test_change_idea_and_lesson_are_found_by_their_own_words(
    page: Page, example_host: StaticHost
) -> None:
    search(page, example_host.site, "lifeguard")
    first = page.locator(RESULT_LINKS).first
    expect(first).to_have_attribute("href", re.compile(r"/toolkits/falls/change-ideas/baywatch/$"))
    expect(page.locator(".search-results li").first).to_contain_text("Change idea")
    search(page, example_host.site, "amnesty")
    lesson = page.locator(".search-results li").first
    expect(lesson).to_contain_text("Lesson")
    expect(lesson.locator("h3 a")).to_have_attribute(
        "href", re.compile(r"/lessons/[a-z0-9-]+/\d+/$")
    )


def test_keyboard_enter_and_arrow_keys(page: Page, example_host: StaticHost) -> None:
    page.goto(example_host.site)
    header_box = page.get_by_role("searchbox", name="Search this site")
    header_box.fill("falls")
    header_box.press("Enter")  # the header box submits to the search page
    expect(page).to_have_url(re.compile(r"/some/sub/path/search/(index\.html)?\?q=falls$"))
    expect(page.locator("[data-search-status]")).to_contain_text("for “falls”")
    box = page.locator("#search-query")
    expect(box).to_have_value("falls")
    box.focus()
    page.keyboard.press("ArrowDown")
    links = page.locator(RESULT_LINKS)
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("ArrowDown")
    target = links.nth(0).get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))


def test_search_works_in_the_preview_server(
    page: Page, preview_server: PreviewServer, requests_log: Requests
) -> None:
    search(page, preview_server.url, "night")
    expect(page.locator(RESULT_LINKS).first).to_be_visible()
    assert requests_log.outside == []


@pytest.mark.parametrize("path", ["search/"])
def test_search_page_explains_itself_without_javascript(
    browser_context_args: dict[str, object], example_host: StaticHost, path: str, browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_host.site + path)
    expect(page.locator("noscript, .search-unavailable").first).to_be_attached()
    expect(page.get_by_role("link", name="Every page (sitemap)")).to_be_visible()
    context.close()


def test_no_result_says_so(page: Page, example_host: StaticHost) -> None:
    search(page, example_host.site, "zzyzx")
    expect(page.locator("[data-search-status]")).to_contain_text("No results")
    expect(page.locator(RESULT_LINKS)).to_have_count(0)


def test_pages_are_indexed_from_main_content_only(example_host: StaticHost) -> None:
    toolkit = Path(example_host.root / "toolkits/deterioration/index.html").read_text()
    assert '<main id="main" tabindex="-1" data-pagefind-body>' in toolkit
    assert 'data-pagefind-filter="type[content]" content="Toolkit"' in toolkit
    listing = Path(example_host.root / "toolkits/index.html").read_text()
    assert "data-pagefind-body" not in listing  # lists lead to pages; they are not results


def test_the_welsh_search_page_searches_the_welsh_pages(
    page: Page, example_host: StaticHost, requests_log: Requests
) -> None:
    # "dryswch" (confusion) is in the Welsh text of the deterioration toolkit only.
    page.goto(example_host.site + "cy/search/")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.locator("[data-search]")).to_be_visible()
    page.locator("#search-query").press_sequentially("dryswch", delay=20)
    status = page.locator("[data-search-status]")
    expect(status).to_have_text("1 canlyniad ar gyfer “dryswch”.")
    first = page.locator(RESULT_LINKS).first
    expect(first).to_have_text("Adnabod ac ymateb i ddirywiad (NEWS2)")
    assert first.get_attribute("href") == "/some/sub/path/cy/toolkits/deterioration/"
    expect(page.locator(".search-results .meta").first).to_contain_text("Pecyn cymorth")
    assert any("/pagefind/pagefind.cy_" in url for url in requests_log.seen)
    assert not any("/pagefind/pagefind.en_" in url for url in requests_log.seen)
    assert requests_log.outside == []


def test_the_english_search_does_not_find_welsh_pages(page: Page, example_host: StaticHost) -> None:
    page.goto(example_host.site + "search/")
    expect(page.locator("[data-search]")).to_be_visible()
    page.locator("#search-query").press_sequentially("dryswch", delay=20)
    expect(page.locator("[data-search-status]")).to_contain_text("No results for “dryswch”")


def test_the_header_search_of_a_welsh_page_opens_the_welsh_search(
    page: Page, example_host: StaticHost
) -> None:
    page.goto(example_host.site + "cy/toolkits/deterioration/")
    page.locator("#site-search-query").fill("NEWS2")
    page.locator(".site-search button").click()
    expect(page).to_have_url(re.compile(r"/some/sub/path/cy/search/(index\.html)?\?q=NEWS2$"))
    expect(page.locator(RESULT_LINKS).first).to_have_text("Adnabod ac ymateb i ddirywiad (NEWS2)")
