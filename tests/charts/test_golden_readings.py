"""Golden readings of phased charts, analysed for real, in English and Welsh.

After a deliberate change of wording, review the diff and run
`pytest tests/charts/test_golden_readings.py --update-golden`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pytest

from tests.charts.factory import make_labels, month
from tests.support import TESTS
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec, Direction, Observation
from toolkit_builder.charts.reading import read_chart, status_label

GOLDEN = TESTS / "golden" / "readings"
BEFORE = [10.0, 12, 9, 11, 12, 8, 11, 10, 12, 9, 11, 10]
"""A stable first phase: mean 10.4, common cause variation only."""


@dataclass(frozen=True, slots=True)
class Case:
    """One phased series and how it is read."""

    name: str
    values: Sequence[float]
    direction: Direction
    phase_start: int
    """0-based position of the second phase's first point."""


CASES = [
    Case(
        "supported-shift", [*BEFORE, 14, 15, 13, 14, 16, 14, 15, 13, 14, 15, 14, 16], "increase", 12
    ),
    Case(
        "supported-shift-concern",
        [*BEFORE, 14, 15, 13, 14, 16, 14, 15, 13, 14, 15, 14, 16],
        "decrease",
        12,
    ),
    Case(
        "unsupported-shift",
        [*BEFORE, 11, 10, 12, 9, 12, 11, 10, 13, 11, 10, 12, 11],
        "increase",
        12,
    ),
    Case("provisional-phase", [*BEFORE, 15, 16, 15, 17, 16], "increase", 12),
]


def reading(case: Case, lang: str) -> str:
    periods = [month(i) for i in range(len(case.values))]
    spec = ChartSpec(chart="i", direction=case.direction, phase_starts=(periods[case.phase_start],))
    analysis = analyse([Observation(d, v) for d, v in zip(periods, case.values, strict=True)], spec)
    labels = make_labels(
        unit="days",
        frequency="monthly",
        direction=case.direction,
        phase_names=("Huddle",),
        annotations=((date(2024, 12, 1), "Huddle"),),
        lang=lang,
    )
    status = status_label(analysis, labels)
    return f"{read_chart(analysis, labels)}\nStatus: {status}\n"


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reading_matches_golden(case: Case, lang: str, request: pytest.FixtureRequest) -> None:
    actual = reading(case, lang)
    golden = GOLDEN / f"{case.name}.{lang}.txt"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
