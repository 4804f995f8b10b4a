"""A toolkit bundle opened from disk: every page accessible, nothing fetched from elsewhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Requests, StaticHost
from tests.browser.test_accessibility import violations


@pytest.fixture(scope="module", params=["", "cy/"], ids=["en", "cy"])
def unzipped(
    example_host: StaticHost,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Path:
    """Return the unzipped deterioration bundle, in English, then in Welsh."""
    zips = sorted((example_host.root / f"{request.param}toolkits" / "deterioration").glob("*.zip"))
    assert len(zips) == 1
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(zips[0]) as archive:
        archive.extractall(target)
    (folder,) = target.iterdir()
    return folder


@pytest.mark.parametrize("name", ["index.html", "measures.html", "pdsa-worksheet.html"])
def test_offline_page_is_accessible_and_loads_only_its_own_files(
    page: Page, requests_log: Requests, unzipped: Path, name: str
) -> None:
    page.goto((unzipped / name).as_uri())
    expect(page.locator("h1")).to_have_count(1)
    lang = "cy" if unzipped.name.endswith("-cy") else "en"
    assert page.locator("html").get_attribute("lang") == lang
    assert violations(page) == ""
    assert requests_log.outside == []
    assert all(url.startswith(("file://", "data:")) for url in requests_log.seen)
    header = "getComputedStyle(document.querySelector('.bundle-header')).backgroundColor"
    assert page.evaluate(header) == "rgb(0, 90, 112)"  # toolkit.css was found and applied


def test_offline_driver_diagram_is_drawn(page: Page, unzipped: Path) -> None:
    page.goto((unzipped / "index.html").as_uri())
    image = page.locator(".driver-diagram img")
    expect(image).to_have_count(1)
    assert image.evaluate("img => img.complete && img.naturalWidth") > 400
