"""Chart text is legible on every screen: measured in Chromium, not computed from sizes.

At 375 CSS px a page shows each chart's narrow drawing, and the smallest text in it
renders at 12 CSS px or more: each <text>'s font size times the scale the browser
draws the SVG at (getScreenCTM), with the SVG as wide as the page shows it. Measure
pages show one chart a row below 900 px.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import StaticHost

PHONE = {"width": 375, "height": 800}
SMALLEST_PX = 12.0
PAGES = ["case-studies/ward-7-escalation/index.html", "measures/falls-rate/index.html"]

SMALLEST_TEXT = """(width) => {
  const svg = document.documentElement;
  svg.style.width = width + 'px';
  svg.style.height = 'auto';
  const sizes = [...document.querySelectorAll('text')]
    .filter((t) => t.textContent.trim() && t.getBBox().width > 0)
    .map((t) => {
      const m = t.getScreenCTM();  // rotated text (the value axis) scales by |(a, b)|
      return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    });
  return {count: sizes.length, smallest: Math.min(...sizes)};
}"""


def shown_charts(page: Page) -> list[dict[str, object]]:
    """Return each chart image's chosen drawing and its rendered width (CSS px)."""
    page.eval_on_selector_all(
        "figure.chart picture img", "(imgs) => imgs.forEach((img) => { img.loading = 'eager'; })"
    )
    page.wait_for_function(
        "[...document.querySelectorAll('figure.chart picture img')]"
        ".every((img) => img.complete && img.currentSrc)"
    )
    return page.eval_on_selector_all(
        "figure.chart picture img",
        "(imgs) => imgs.map((img) => ({src: img.currentSrc, "
        "width: img.getBoundingClientRect().width}))",
    )


@pytest.mark.parametrize("path", PAGES)
def test_chart_text_is_at_least_12_px_at_375_px(
    page: Page, example_host: StaticHost, path: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(example_host.site + path)
    charts = shown_charts(page)
    assert charts
    measured = 0
    for chart in charts:
        src, width = str(chart["src"]), float(chart["width"])  # type: ignore[arg-type]
        assert src.endswith(".narrow.svg"), src
        assert 250 < width <= 375, width
        page.goto(src)
        found = page.evaluate(SMALLEST_TEXT, width)
        assert found["count"] >= 5, src
        assert found["smallest"] >= SMALLEST_PX, (src, found)
        measured += 1
        page.goto(example_host.site + path)
    assert measured == len(charts)


def test_the_wide_drawing_is_shown_on_a_desktop(page: Page, example_host: StaticHost) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(example_host.site + PAGES[0])
    charts = shown_charts(page)
    assert charts and all(not str(c["src"]).endswith(".narrow.svg") for c in charts)


@pytest.mark.parametrize(("width", "columns"), [(375, 1), (800, 1), (1280, 2)])
def test_measure_pages_show_one_chart_a_row_below_900_px(
    page: Page, example_host: StaticHost, width: int, columns: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(example_host.site + PAGES[1])
    tracks = page.eval_on_selector(
        ".small-multiples", "(grid) => getComputedStyle(grid).gridTemplateColumns.split(' ').length"
    )
    assert tracks == columns
