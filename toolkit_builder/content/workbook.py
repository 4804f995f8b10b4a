"""Measure data from a spreadsheet (.xlsx): read as the CSV loader's rows, errors at cells.

A case study's series may name a workbook, `data: data/ward7.xlsx` (its first sheet)
or `data: data/ward7.xlsx#Sheet name`. Each sheet is turned into the text of a CSV
file (dates as ISO dates, numbers as plain digits) and parsed by the CSV loader; its
problems are moved from CSV lines and columns to cells: `ward7.xlsx:Data!B7`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePosixPath

from toolkit_builder.analysis.types import ChartType
from toolkit_builder.content.measuredata import CsvParser, cell_columns
from toolkit_builder.content.model import DataRow
from toolkit_builder.errors import Location, Problem

SHEET_MARK = "#"
"""Between a workbook's path and a sheet's name in a series' `data`."""

CellPlaces = dict[int, tuple[str, int]]
"""CSV line -> (sheet name, sheet row)."""


def _cell_text(value: object) -> str:
    """Return a cell as the CSV loader reads it: ISO dates, machine numbers, text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value).strip()


def sheet_texts(data: bytes) -> tuple[dict[str, tuple[str, CellPlaces]], str]:
    """Return each sheet as CSV text with where its lines came from (first sheet first),
    or an error message when the file is not a workbook."""
    from openpyxl import load_workbook  # only for a site with workbooks (a second or so)
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return {}, "the file is not an Excel workbook (.xlsx)"
    sheets: dict[str, tuple[str, CellPlaces]] = {}
    for sheet in book.worksheets:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        places: CellPlaces = {}
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in row]
            while cells and cells[-1] == "":
                cells.pop()
            if not cells and number > 1:
                continue  # an empty row (the loader skips them too)
            writer.writerow(cells)
            places[len(places) + 1] = (sheet.title, number)
        sheets[sheet.title] = (buffer.getvalue(), places)
    book.close()
    return sheets, ""


def _moved(problem: Problem, text: str, places: CellPlaces) -> Problem:
    """Return a CSV problem located at its workbook cell instead."""
    from openpyxl.utils import get_column_letter

    where = problem.location
    if where.line not in places:
        return problem
    sheet, row = places[where.line]
    line = text.split("\n")[where.line - 1]
    starts = cell_columns(line)
    index = max(i for i, start in enumerate(starts) if start <= max(where.column, 1))
    quoted = f"'{sheet}'" if " " in sheet else sheet
    cell = f"{quoted}!{get_column_letter(index + 1)}{row}"
    book = PurePosixPath(str(where.path).split(SHEET_MARK)[0])
    return Problem(Location(book, 0, 0, cell), problem.message, problem.hint, problem.severity)


def with_workbooks(
    data_files: Mapping[PurePosixPath, str],
    workbooks: Mapping[PurePosixPath, bytes],
    parse_csv: CsvParser,
) -> tuple[dict[PurePosixPath, str], CsvParser, list[Problem]]:
    """Return the data files with every workbook sheet as CSV text, and a parser that
    locates their problems at cells ('x.xlsx' is its first sheet, 'x.xlsx#Name' any)."""
    files = dict(data_files)
    places: dict[PurePosixPath, CellPlaces] = {}
    problems: list[Problem] = []
    for path, data in sorted(workbooks.items()):
        sheets, error = sheet_texts(data)
        if error:
            hint = "save it from Excel or LibreOffice as .xlsx, or export its data sheet as CSV"
            problems.append(Problem(Location(PurePosixPath("content", path), 1, 1), error, hint))
            continue
        for index, (name, (text, where)) in enumerate(sheets.items()):
            keys = [PurePosixPath(f"{path}{SHEET_MARK}{name}")] + ([path] if index == 0 else [])
            for key in keys:
                files[key] = text
                places[PurePosixPath("content", key)] = where

    def parse(
        text: str, path: PurePosixPath, chart: ChartType
    ) -> tuple[tuple[DataRow, ...], list[Problem]]:
        rows, found = parse_csv(text, path, chart)
        if path in places:
            found = [_moved(p, text, places[path]) for p in found]
        return rows, found

    return files, parse, problems
