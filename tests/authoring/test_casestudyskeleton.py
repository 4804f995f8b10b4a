"""The case-study skeleton: placeholders for missing ids, and a data file that suits the chart."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import pytest

from toolkit_builder.authoring.casestudyskeleton import case_study, data_csv
from toolkit_builder.authoring.skeletons import MeasureRef, SiteRefs, item_path
from toolkit_builder.content.measuredata import parse_measure_csv


@pytest.mark.parametrize(
    ("series", "header", "periods"),
    [
        (MeasureRef("m", "p", True, "monthly"), "period,numerator,denominator,exclude,note", 31),
        (MeasureRef("m", "i", False, "weekly"), "period,value,exclude,note", 7),
        (MeasureRef("m", "c", False, "quarterly"), "period,value,exclude,note", 90),
        (MeasureRef("m", "run", False, "daily"), "period,value,exclude,note", 1),
    ],
)
def test_data_csv_suits_the_chart(series: MeasureRef, header: str, periods: int) -> None:
    text = data_csv(series, date(2026, 12, 1))
    assert text.splitlines()[0] == header
    rows, problems = parse_measure_csv(text, PurePosixPath("content/data/x.csv"), series.chart)  # type: ignore[arg-type]
    assert problems == []
    assert len(rows) == 2
    assert (rows[1].observation.period - rows[0].observation.period).days == periods
    assert all("replace" in row.note for row in rows)


def test_missing_ids_become_placeholders_and_a_todo() -> None:
    case = case_study("night-falls", SiteRefs(), date(2026, 5, 28))
    assert len(case.files) == 1, "no measure: no data file"
    assert {t.split(":")[0] for t in case.todo} == {
        "toolkit",
        "change_idea",
        "organisations",
        "settings",
        "series",
    }
    text = case.files[item_path("case-study", "night-falls")]
    assert "replace-with-a-toolkit-id" in text
