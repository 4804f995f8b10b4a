"""Numbers for data files are machine numbers; numbers for people are grouped."""

from __future__ import annotations

import pytest

from toolkit_builder.language import formatting


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2444.0, "2444"),
        (1000.0, "1000"),
        (0.125, "0.125"),
        (-3.5, "-3.5"),
        (1e-7, "0.0000001"),
        (12345678.25, "12345678.25"),
        (None, ""),
    ],
)
def test_plain_numbers_have_no_separators_and_load_back(value: float | None, text: str) -> None:
    assert formatting.plain(value) == text
    if value is not None:
        assert float(text) == value


def test_plain_keeps_every_digit_a_person_would_not_need() -> None:
    assert float(formatting.plain(1 / 3)) == 1 / 3
    assert formatting.number(2444.0) == "2,444"
