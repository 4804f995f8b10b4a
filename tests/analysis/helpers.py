"""Build observations and specs for analysis tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from toolkit_builder.analysis.types import Observation

START = date(2025, 1, 6)


def week(index: int) -> date:
    """Return the Monday `index` weeks after the first."""
    return START + timedelta(weeks=index)


def values(series: Sequence[float | None], excluded: Sequence[int] = ()) -> list[Observation]:
    """Return observations of a value series (None is missing); `excluded` are 0-based positions."""
    return [Observation(week(i), v, None, i in excluded) for i, v in enumerate(series)]


def ratios(
    numerators: Sequence[float | None], denominators: Sequence[float | None]
) -> list[Observation]:
    """Return observations of numerators and denominators (p and u charts)."""
    return [
        Observation(week(i), n, d)
        for i, (n, d) in enumerate(zip(numerators, denominators, strict=True))
    ]
