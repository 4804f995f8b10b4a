"""A spreadsheet per measure (.xlsx) that a service fills in and the loader reads back (pure).

Sheets: `Data` first (the loader reads the first sheet: period, the measure's number
columns, exclude, note; typed, with data validation), `Run chart` (the plotted value
and its median for every row, and a line chart of them), and `Instructions` (the
operational definition). The Data sheet holds only the loader's columns, so its CSV
export loads too. The chart covers the first MAX_ROWS rows: each row filled adds its
point, and the median line follows.

Output is byte-identical for the same measure and date: fixed document dates and
ZIP entry times, entries sorted.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from toolkit_builder.content.model import Measure
from toolkit_builder.reuse.bundlefiles import collection_columns, goal_text

DATA_SHEET = "Data"
CHART_SHEET = "Run chart"
INSTRUCTIONS_SHEET = "Instructions"
MAX_ROWS = 156
"""Rows the run chart follows: three years of weekly data."""

_WIDTHS = {"period": 14, "numerator": 12, "denominator": 13, "value": 12, "exclude": 10}


def _data_sheet(sheet: Worksheet, measure: Measure) -> tuple[str, ...]:
    columns = collection_columns(measure)
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    last = MAX_ROWS + 1
    for index, name in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(name, 40)
        cells = f"{letter}2:{letter}{last}"
        if name == "period":
            rule = DataValidation(type="date", operator="greaterThan", formula1="DATE(1990,1,1)")
            rule.error = "Enter the first day of the period as a date, e.g. 2026-03-01."
            for row in range(2, last + 1):
                sheet.cell(row, index).number_format = "yyyy-mm-dd"
        elif name in ("numerator", "denominator", "value"):
            low = "-1000000000" if name == "value" and measure.chart in ("run", "i") else "0"
            rule = DataValidation(type="decimal", operator="between", formula1=low)
            rule.formula2 = "1000000000"
            rule.error = f"Enter a number in '{name}' (digits only), or leave it empty if missing."
        elif name == "exclude":
            rule = DataValidation(type="list", formula1='"yes,no"')
            rule.error = "Enter yes to leave this period out of the median and limits."
        else:
            continue
        rule.showErrorMessage = True
        rule.errorTitle = f"Check the {name}"
        rule.allow_blank = True
        rule.add(cells)
        sheet.add_data_validation(rule)
    return columns


def _value_formula(row: int, columns: tuple[str, ...], multiplier: float) -> str:
    """Return the plotted value of a Data row, or "" when it has none (for the median)."""
    cell = {name: f"{DATA_SHEET}!{get_column_letter(i)}{row}" for i, name in enumerate(columns, 1)}
    factor = repr(multiplier).removesuffix(".0")
    if "value" in cell:
        return f'IF(ISNUMBER({cell["value"]}),{cell["value"]}*{factor},"")'
    top, bottom = cell["numerator"], cell["denominator"]
    test = f"AND(ISNUMBER({top}),ISNUMBER({bottom}),{bottom}<>0)"
    return f'IF({test},{top}/{bottom}*{factor},"")'


def _chart_sheet(sheet: Worksheet, measure: Measure, columns: tuple[str, ...]) -> None:
    multiplier = measure.multiplier if measure.chart in ("p", "u") or "value" not in columns else 1
    sheet.append(["period", "value", "median", "value for the median"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    exclude = f"{DATA_SHEET}!{get_column_letter(columns.index('exclude') + 1)}"
    last = MAX_ROWS + 1
    for row in range(2, last + 1):
        value = _value_formula(row, columns, multiplier)
        sheet.cell(row, 1, f'=IF(ISNUMBER({DATA_SHEET}!A{row}),{DATA_SHEET}!A{row},"")')
        sheet.cell(row, 1).number_format = "yyyy-mm-dd"
        # #N/A is not plotted (an empty text would be drawn as 0).
        sheet.cell(row, 2, f'=IF(ISNUMBER(D{row}),D{row},IF({value}="",NA(),{value}))')
        sheet.cell(row, 3, f"=IF(ISNUMBER(B{row}),MEDIAN(D$2:D${last}),NA())")
        excluded = f'OR({exclude}{row}="yes",{exclude}{row}=1,{exclude}{row}="true")'
        sheet.cell(row, 4, f'=IF({excluded},"",{value})')
    for letter, width in (("A", 14), ("B", 12), ("C", 12), ("D", 20)):
        sheet.column_dimensions[letter].width = width
    chart = LineChart()
    chart.title = measure.title
    chart.y_axis.title = measure.unit or "value"
    chart.x_axis.title = "period"
    chart.x_axis.number_format = "yyyy-mm-dd"
    chart.add_data(
        Reference(sheet, min_col=2, max_col=3, min_row=1, max_row=last), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    chart.width, chart.height = 24, 12
    sheet.add_chart(chart, "F2")


def _instructions_sheet(sheet: Worksheet, measure: Measure) -> None:
    rows = [
        ("Measure", measure.title),
        ("Type", measure.type),
        ("Operational definition", measure.definition),
        ("Numerator", measure.numerator),
        ("Denominator", measure.denominator),
        ("Multiplier", measure.multiplier),
        ("Unit", measure.unit),
        ("Better when", measure.direction),
        ("Chart", measure.chart),
        ("Data source", measure.data_source),
        ("Sampling", measure.sampling),
        ("How often", measure.frequency),
        ("Exclusions", "; ".join(measure.exclusions)),
        ("Goal", goal_text(measure)),
        ("", ""),
        (
            "How to fill it in",
            f"One row per period on the {DATA_SHEET} sheet, oldest first: "
            "the first day of the period as a date, then the counts. Leave a cell empty when "
            "a count is missing; write yes under exclude for a period to leave out of the "
            f"median. The {CHART_SHEET} sheet plots each row as you add it, with its median.",
        ),
        (
            "Feed it back",
            f"Save the workbook (or the {DATA_SHEET} sheet as CSV) in content/data/ "
            "of a toolkit_builder site and name it as a case study series' data.",
        ),
    ]
    for label, value in rows:
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 100


def fixed_zip(data: bytes, when: datetime) -> bytes:
    """Return an Office file (a ZIP) with fixed dates and sorted entries (the libraries stamp 'now')."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in sorted(source.namelist()):
            content = source.read(name)
            if name == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + stamp.encode(),
                    content,
                )
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()


def measure_workbook(measure: Measure, when: date) -> bytes:
    """Return a measure's data-collection workbook (.xlsx), dated `when`."""
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    columns = _data_sheet(data, measure)
    _chart_sheet(book.create_sheet(CHART_SHEET), measure, columns)
    _instructions_sheet(book.create_sheet(INSTRUCTIONS_SHEET), measure)
    moment = datetime(max(when.year, 1980), when.month, when.day)
    book.properties.creator = "toolkit_builder"
    book.properties.created = book.properties.modified = moment
    book.calculation.fullCalcOnLoad = True
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue(), moment)
