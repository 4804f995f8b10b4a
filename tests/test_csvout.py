"""Published CSV is safe in a spreadsheet (OWASP CSV injection) and keeps numbers numbers."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from toolkit_builder.analysis.types import Observation
from toolkit_builder.csvout import csv_bytes, safe_cell, series_csv
from toolkit_builder.errors import Location
from toolkit_builder.model import DataRow, Series


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-3.5", "-3.5"),
        ("+7", "+7"),
        ("plain text", "plain text"),
        ("", ""),
    ],
)
def test_safe_cell(cell: str, expected: str) -> None:
    assert safe_cell(cell) == expected


def test_series_csv_neutralises_notes_and_keeps_columns() -> None:
    rows = (
        DataRow(
            Observation(date(2025, 1, 6), -3.5), '=HYPERLINK("http://x","y")', 2, (("value", -3.5),)
        ),
        DataRow(Observation(date(2025, 1, 13), None, excluded=True), "", 3, (("value", None),)),
    )
    series = Series("s", "c", "m", "data/x.csv", "i", "anhoej", rows, Location.__new__(Location))
    parsed = list(csv.reader(io.StringIO(series_csv(series).decode())))
    assert parsed == [
        ["period", "value", "exclude", "note"],
        ["2025-01-06", "-3.5", "", '\'=HYPERLINK("http://x","y")'],
        ["2025-01-13", "", "1", ""],
    ]


def test_header_cells_are_safe_too() -> None:
    assert csv_bytes(["=x"], []).decode() == "'=x\r\n"
