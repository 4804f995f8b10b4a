"""Measure data from a filled spreadsheet builds a chart; a bad cell is named by its cell."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path, PurePosixPath

import pytest
from openpyxl import Workbook, load_workbook

from tests.support import run_cli
from toolkit_builder.content.load import load_site
from toolkit_builder.content.measuredata import parse_measure_csv
from toolkit_builder.content.validate import validate_site
from toolkit_builder.content.workbook import with_workbooks
from toolkit_builder.language.i18n import load_translations
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.reuse.workbook import measure_workbook


def _filled(site: Path, measure_id: str, rows: list[list[object]], lang: str = "en") -> bytes:
    """Return the measure's published workbook in `lang` with `rows` typed into its Data sheet."""
    found, _ = validate_site(load_site(site), include_drafts=True)
    measure = next(m for m in found.measures if m.id == measure_id)
    words = PageFormat(lang, load_translations(lang))
    book = load_workbook(io.BytesIO(measure_workbook(measure, date(2026, 1, 1), words)))
    for number, row in enumerate(rows, start=2):  # typed from row 2, under the header
        for column, value in enumerate(row, start=1):
            book["Data"].cell(number, column, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _use(site: Path, data: str) -> None:
    case = site / "content" / "case-studies" / "ward-3.yaml"
    case.write_text(case.read_text().replace("data: data/ward3-falls.csv", f"data: {data}"))


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_filled_workbook_builds_into_the_same_chart_as_its_csv(
    site_copy: Path, lang: str
) -> None:
    source = site_copy / "content" / "data" / "ward3-falls.csv"
    rows = list(csv.reader(io.StringIO(source.read_text())))[1:]
    typed = [
        [date.fromisoformat(r[0]), int(r[1]), int(r[2]), r[3] or None, r[4] or None] for r in rows
    ]
    (site_copy / "content" / "data" / "ward3-falls.xlsx").write_bytes(
        _filled(site_copy, "falls-rate", typed, lang)
    )
    _use(site_copy, "data/ward3-falls.xlsx")
    result = run_cli("build", str(site_copy), "--out", str(site_copy / "out"), "-q", "--no-cache")
    assert result.code == 0, result.err
    published = (site_copy / "out" / "charts" / "ward-3-falls-rate.csv").read_text()
    again = [r[:4] for r in csv.reader(io.StringIO(published))]
    assert again == [r[:4] for r in csv.reader(io.StringIO(source.read_text()))]
    assert (site_copy / "out" / "charts" / "ward-3-falls-rate.svg").is_file()


def test_a_bad_cell_is_named_by_sheet_and_cell(site_copy: Path) -> None:
    rows: list[list[object]] = [
        [date(2025, 1, 1), 5, 760],
        [date(2025, 2, 1), "six", 854],
        [date(2025, 3, 1), 4, 0],
    ]
    (site_copy / "content" / "data" / "ward3.xlsx").write_bytes(
        _filled(site_copy, "falls-rate", rows)
    )
    _use(site_copy, "data/ward3.xlsx")
    result = run_cli("check", str(site_copy), "-q")
    assert result.code == 1
    lines = result.err.splitlines()
    assert (
        "content/data/ward3.xlsx:Data!B3: 'six' in column 'numerator' is not a number" in lines[0]
    )
    assert any(
        line.startswith("content/data/ward3.xlsx:Data!C4: denominator is 0") for line in lines
    )


def test_a_named_sheet_is_read_and_a_file_that_is_no_workbook_is_an_error() -> None:
    book = Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("Ward 7")
    sheet.append(["period", "value"])
    sheet.append([date(2026, 1, 5), 2.5])
    sheet.append([date(2026, 1, 12), "x"])
    out = io.BytesIO()
    book.save(out)
    path = PurePosixPath("data/w.xlsx")
    files, parse, problems = with_workbooks(
        {}, {path: out.getvalue(), PurePosixPath("data/not.xlsx"): b"no"}, parse_measure_csv
    )
    assert [str(p) for p in problems] == [
        "content/data/not.xlsx:1:1: the file is not an Excel workbook (.xlsx) "
        "(save it from Excel or LibreOffice as .xlsx, or export its data sheet as CSV)"
    ]
    key = PurePosixPath("data/w.xlsx#Ward 7")
    rows, found = parse(files[key], PurePosixPath("content", key), "i")
    assert [r.observation.value for r in rows] == [2.5]
    assert str(found[0]).startswith("content/data/w.xlsx:'Ward 7'!B3: 'x' in column 'value'")
