"""Chart colours against white, by the WCAG 2.2 relative-luminance formula (worked here,
independently of palette.contrast_on_white)."""

from __future__ import annotations

import pytest

from toolkit_builder.charts import palette


def luminance(colour: str) -> float:
    """Return the WCAG relative luminance of '#rrggbb'."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula_gives_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", palette.MARK_COLOURS)
def test_every_line_and_marker_has_3_to_1_on_white(colour: str) -> None:
    assert contrast(colour, "#ffffff") >= 3.0
    assert palette.contrast_on_white(colour) == pytest.approx(contrast(colour, "#ffffff"), 1e-3)


@pytest.mark.parametrize("colour", palette.TEXT_COLOURS)
def test_every_text_colour_has_4_5_to_1_on_white(colour: str) -> None:
    assert contrast(colour, "#ffffff") >= 4.5


def test_white_numbers_on_change_circles_are_readable() -> None:
    # The numbered circles of changes tested: white text on PHASE.
    assert contrast("#ffffff", palette.PHASE) >= 4.5
