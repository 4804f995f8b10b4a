"""The default theme's colours meet WCAG 2.2 AA: 4.5:1 text, 3:1 focus ring and controls."""

from __future__ import annotations

import re

import pytest

from tests.charts.test_palette import contrast
from toolkit_builder.pages.theme import PACKAGE_THEME

CSS = (PACKAGE_THEME / "static" / "style.css").read_text(encoding="utf-8")
WHITE = "#ffffff"


def variable(name: str) -> str:
    """Return a colour custom property of :root in style.css."""
    found = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})\s*;", CSS)
    assert found, f"--{name} is not a #rrggbb colour in style.css"
    return found.group(1)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("text", WHITE),
        ("muted", WHITE),
        ("link", WHITE),
        ("link-visited", WHITE),
        (WHITE, "accent"),  # the header: white on the accent colour
        ("text", "panel"),  # the footer
        ("muted", "panel"),
        ("link", "panel"),
        ("link-visited", "panel"),
        ("text", "banner"),
        ("text", "focus"),  # the skip link when shown
    ],
)
def test_text_has_4_5_to_1(text: str, background: str) -> None:
    one = text if text.startswith("#") else variable(text)
    other = background if background.startswith("#") else variable(background)
    assert contrast(one, other) >= 4.5, (text, background, contrast(one, other))


@pytest.mark.parametrize("background", [WHITE, "accent", "panel"])
def test_the_focus_ring_has_3_to_1_where_it_is_drawn(background: str) -> None:
    # The ring is the yellow outline with a dark band inside it: one of the two contrasts.
    other = background if background.startswith("#") else variable(background)
    best = max(contrast(variable("focus"), other), contrast(variable("text"), other))
    assert best >= 3.0
    assert re.search(r":focus-visible\s*{[^}]*outline:\s*3px solid var\(--focus\)", CSS)


def test_form_controls_have_3_to_1_borders() -> None:
    assert re.search(r'input\[type="search"\]\s*{[^}]*border:\s*2px solid var\(--text\)', CSS)
    assert contrast(variable("text"), WHITE) >= 3.0
    # in the header the search box and button are outlined in white on the accent colour
    assert contrast(WHITE, variable("accent")) >= 3.0
