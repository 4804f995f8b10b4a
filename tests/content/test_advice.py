"""Warnings: stale reviews, incomplete families of measures, short series, vague aims."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit_builder.content.advice import aim_gaps, months_between


@pytest.mark.parametrize(
    ("statement", "gaps"),
    [
        ("By March 2027, reduce cardiac arrest calls by 30%.", []),
        ("By 2027, 95% of sets complete.", []),
        ("Reduce falls by 30%.", ["date"]),
        ("By March 2027, reduce falls.", ["number"]),
        ("Make care safer.", ["number", "date"]),
    ],
)
def test_aim_gaps(statement: str, gaps: list[str]) -> None:
    assert aim_gaps(statement) == gaps


def test_months_between_counts_whole_months() -> None:
    assert months_between(date(2024, 3, 1), date(2026, 3, 1)) == 24
    assert months_between(date(2024, 3, 2), date(2026, 3, 1)) == 23
    assert months_between(date(2024, 2, 15), date(2026, 3, 16)) == 25
