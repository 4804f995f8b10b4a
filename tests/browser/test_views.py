"""The views across services in a browser: the care-setting filter by keyboard, sorting,
and the learning-session pack printed on A4 (Chromium's PDF)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import Requests, StaticHost
from tests.browser.test_search import search, titles
from tests.browser.test_wcag import scroll_widths

A4_POINTS = (595.3, 841.9)
"""An A4 page, 210 x 297 mm, in PDF points (Chromium rounds it to 8.27 x 11.7 inches)."""


def visible_services(page: Page) -> list[str]:
    """Return the services whose columns the change-idea table shows."""
    return page.locator(".matrix thead th[data-settings]:visible a").all_inner_texts()


def test_the_setting_filter_works_by_keyboard_and_keeps_its_choice_in_the_address(
    page: Page, example_host: StaticHost, requests_log: Requests
) -> None:
    page.goto(example_host.site + "toolkits/deterioration/what-works/")
    filter_box = page.locator("[data-setting-filter]")
    expect(filter_box).to_be_visible()
    assert len(visible_services(page)) == 3
    page.locator("#filter-all").focus()
    page.keyboard.press("ArrowRight")  # the next setting: Acute
    expect(page.locator("#filter-acute")).to_be_checked()
    expect(page.locator("[data-filter-status]")).to_have_text("Showing the services in Acute.")
    assert visible_services(page) == [
        "Ward 7 gets NEWS2 right and reviews deteriorating patients faster"
    ]
    assert (
        page.locator(".matrix tbody td:visible").count() == page.locator(".matrix tbody tr").count()
    )  # one service's column left in every row
    count = page.locator(".matrix tbody tr").first.locator("th [data-for-setting]:visible")
    expect(count).to_have_text("Acute: Adopted by 1 of 1 service that tested it.")
    assert page.url.endswith("?setting=acute")
    page.reload()
    expect(page.locator("#filter-acute")).to_be_checked()
    assert len(visible_services(page)) == 1
    assert requests_log.outside == []


def test_the_welsh_filter_speaks_welsh(page: Page, example_host: StaticHost) -> None:
    page.goto(example_host.site + "cy/lessons/")
    page.get_by_label("Cymuned", exact=True).check()
    expect(page.locator("[data-filter-status]")).to_contain_text("Yn dangos gwersi")
    shown = page.locator("article.lesson:visible").count()
    community = page.locator("article.lesson[data-settings~='community']").count()
    assert 0 < shown == community < page.locator("article.lesson").count()
    expect(page.locator("h3#setting-community")).to_be_visible()
    expect(page.locator("h3#setting-acute")).to_be_hidden()


def test_the_measure_table_sorts_by_a_column_with_the_keyboard(
    page: Page, example_host: StaticHost
) -> None:
    page.goto(example_host.site + "measures/news2-complete/services/")
    names = page.locator(".states tbody th a")
    before = names.all_inner_texts()
    assert before == sorted(before, key=str.casefold)
    points = page.locator(".states thead th").nth(5)
    points.locator("button").focus()
    page.keyboard.press("Enter")
    expect(points).to_have_attribute("aria-sort", "ascending")
    counted = [int(t) for t in page.locator(".states tbody td:last-child").all_inner_texts()]
    assert counted == sorted(counted) and len(counted) == 3
    page.keyboard.press("Enter")
    expect(points).to_have_attribute("aria-sort", "descending")
    counted = [int(t) for t in page.locator(".states tbody td:last-child").all_inner_texts()]
    assert counted == sorted(counted, reverse=True)
    expect(page.locator("[data-sort-help]")).to_be_visible()


def test_without_javascript_every_row_is_there_and_no_dead_control(
    page: Page, example_host: StaticHost
) -> None:
    page.context.route("**/views.js", lambda route: route.abort())
    page.goto(example_host.site + "measures/news2-complete/services/")
    expect(page.locator(".states tbody tr")).to_have_count(3)
    expect(page.locator("[data-setting-filter]")).to_be_hidden()
    assert page.locator(".states thead button").count() == 0


def test_the_learning_session_pack_prints_on_a4_and_lists_its_services(
    page: Page, example_host: StaticHost
) -> None:
    page.goto(example_host.site + "events/learning-session-3/pack/")
    services = page.locator("section.pack-service")
    count = services.count()
    assert count == 5  # deterioration: 3 services, falls: 2
    page.emulate_media(media="print")
    for heading in services.locator("h3").all():
        expect(heading).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()
    page.set_viewport_size({"width": 680, "height": 960})  # A4 less the print margins
    widths = scroll_widths(page)
    assert widths[0] <= widths[1], widths
    pdf = page.pdf(format="A4")
    boxes = {
        tuple(round(float(n), 1) for n in box.split()[2:])
        for box in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", pdf)
        for box in [box.decode()]
    }
    assert boxes and all(
        abs(w - A4_POINTS[0]) < 1.5 and abs(h - A4_POINTS[1]) < 1.5 for w, h in boxes
    )
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert count <= pages <= 4 * count  # a page or more for each service, never a dozen


def test_the_search_finds_the_views(page: Page, example_host: StaticHost) -> None:
    search(page, example_host.site, "what works where")
    found = titles(page)
    assert "What works where" in found[:5], found
    assert sum(t.startswith("What works where: ") for t in found[:5]) == 3  # each toolkit's
    search(page, example_host.site, "across services")
    assert any(t.endswith(": across services") for t in titles(page)[:5])
