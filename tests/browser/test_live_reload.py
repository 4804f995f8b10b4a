"""A reviewer edits a source file and the open page updates by itself."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import PreviewServer, Requests


def test_page_reloads_itself_after_an_edit(
    page: Page, preview_server: PreviewServer, site_copy: Path, requests_log: Requests
) -> None:
    page.goto(preview_server.url + "case-studies/ward-3/")
    results = page.locator("#results + p")
    expect(results).to_contain_text("Falls fell from 8 to 5")
    # the page names itself on the reload stream: a rebuild renders it first
    deadline = time.monotonic() + 10
    while "case-studies/ward-3/index.html" not in preview_server.preview.open_pages.paths():
        assert time.monotonic() < deadline, "the page did not name itself to the preview"
        time.sleep(0.05)
    case = site_copy / "content" / "case-studies" / "ward-3.yaml"
    case.write_text(case.read_text().replace("Falls fell from 8 to 5", "Falls fell from 8 to 3"))
    expect(results).to_contain_text("Falls fell from 8 to 3", timeout=10_000)
    assert requests_log.outside == []


def test_stylesheet_change_swaps_css_without_reload(
    page: Page, preview_server: PreviewServer, site_copy: Path
) -> None:
    css = site_copy / "templates" / "static" / "style.css"
    version = preview_server.preview.snapshot.version
    css.parent.mkdir(parents=True)  # a new templates/ folder is picked up by the watcher
    deadline = time.monotonic() + 10
    while preview_server.preview.snapshot.version == version and time.monotonic() < deadline:
        time.sleep(0.05)
    page.goto(preview_server.url)
    page.evaluate("window.__marker = 'still here'")
    css.write_text(
        Path(__file__).parents[2].joinpath("templates/static/style.css").read_text()
        + "\nbody { background: rgb(1, 2, 3); }\n"
    )
    expect(page.locator("body")).to_have_css("background-color", "rgb(1, 2, 3)", timeout=10_000)
    assert page.evaluate("window.__marker") == "still here"


def test_broken_file_shows_overlay_in_the_browser(
    page: Page, preview_server: PreviewServer, site_copy: Path
) -> None:
    page.goto(preview_server.url + "toolkits/falls/")
    measure = site_copy / "content" / "measures" / "restraint-days.yaml"
    good = measure.read_text()
    measure.write_text(good.replace("chart: c", "chart: [c"))
    overlay = page.locator("#toolkit-builder-problems")
    expect(overlay).to_contain_text("content/measures/restraint-days.yaml:7:12", timeout=10_000)
    expect(page.locator("h1")).to_have_text("Preventing falls")
    measure.write_text(good)
    expect(overlay).to_have_count(0, timeout=10_000)
