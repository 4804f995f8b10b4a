"""Published CSV is safe in a spreadsheet (OWASP CSV injection) and keeps numbers numbers."""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.support import run_cli
from toolkit_builder.analysis.types import Observation
from toolkit_builder.charts import csvout
from toolkit_builder.charts.csvout import FORMULA_STARTS, csv_bytes, safe_cell, series_csv
from toolkit_builder.content.model import DataRow, Series
from toolkit_builder.errors import Location


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


def _add_value_series(site: Path) -> None:
    """Give the fixture site's Eastbay case study a value series with -3.5 and formula notes."""
    (site / "content" / "measures" / "temperature-drop.yaml").write_text(
        "title: Change in core temperature after surgery\n"
        "type: outcome\n"
        "definition: Mean change in core temperature, in degrees, on arrival in recovery.\n"
        "scoring: value\n"
        "unit: °C\n"
        "direction: increase\n"
        "chart: i\n"
        "data_source: Recovery records\n"
        "frequency: monthly\n"
    )
    rows = [f"2025-{month:02}-01,-1.{month},," for month in range(1, 13)]
    rows[2] = '2025-03-01,-3.5,,"=HYPERLINK(""http://x"",""y"")"'
    rows[4] = "2025-05-01,-2.0,,@SUM(A1)"
    data = site / "content" / "data" / "eastbay-temperature.csv"
    data.write_text("period,value,exclude,note\n" + "\n".join(rows) + "\n")
    case = site / "content" / "case-studies" / "eastbay-falls.yaml"
    case.write_text(
        case.read_text()
        + "series:\n  - measure: temperature-drop\n    data: data/eastbay-temperature.csv\n"
    )


def test_no_published_csv_holds_a_formula(site_copy: Path) -> None:
    _add_value_series(site_copy)
    result = run_cli("build", str(site_copy), "-q")
    assert result.code == 0, result.err
    out = site_copy / "output"
    published = sorted(out.rglob("*.csv"))
    assert len(published) == 6  # three series' data, under charts/ and (Welsh) cy/charts/
    cells: dict[str, list[list[str]]] = {}
    for path in published:
        with path.open(newline="", encoding="utf-8") as handle:
            cells[path.relative_to(out).as_posix()] = list(csv.reader(handle))
    for name, rows in cells.items():
        for row in rows:
            for cell in row:
                risky = cell.startswith(FORMULA_STARTS) and not _finite_number(cell)
                assert not risky, f"{name}: {cell!r}"
    falls = cells["charts/ward-3-falls-rate.csv"]
    assert falls[4][-1] == '\'=HYPERLINK("http://x","y")'
    temperature = cells["charts/eastbay-falls-temperature-drop.csv"]
    assert temperature[0] == ["period", "value", "exclude", "note"]
    assert temperature[3] == ["2025-03-01", "-3.5", "", '\'=HYPERLINK("http://x","y")']
    assert temperature[5][-1] == "'@SUM(A1)"


def _finite_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _safe_by_definition(text: str) -> str:
    """safe_cell as its docstring defines it, without its shortcut for plain first characters."""
    number = csvout._PLAIN_NUMBER.fullmatch(text) is not None and math.isfinite(float(text))
    if number:
        return text
    if unicodedata.normalize("NFKC", text).lstrip(" \u3000").startswith(FORMULA_STARTS):
        return "'" + text
    return text


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        st.sampled_from([*"=+-@\t\r\n 0.9eE\u3000\uff1d\uff0b\u0301\u0338aZ'\""]) | st.characters(),
        max_size=6,
    )
)
@example(" =1")
@example("  -x")
@example("a\u0301=")
@example("-1.5")
def test_safe_cell_answers_as_its_definition(cell: str) -> None:
    assert safe_cell(cell) == _safe_by_definition(cell)
