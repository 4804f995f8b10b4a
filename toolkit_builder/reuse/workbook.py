"""A spreadsheet per measure (.xlsx) that a service fills in and the loader reads back (pure).

Sheets: `Data` first (the loader reads the first sheet: period, the measure's number
columns, exclude, note; typed, with data validation), `Run chart` (the plotted value
and its median for every row, and a line chart of them), and `Instructions` (the
operational definition). The Data sheet holds only the loader's columns, so its CSV
export loads too. The chart covers the first MAX_ROWS rows: each row filled adds its
point, and the median line follows.

Everything people read is in the workbook's language (`PageFormat`): the other
sheets' names and headings, the instructions, the chart and each message a cell
shows. The Data sheet's name and column names are what the loader reads, so they
are the same in every language; the instructions and each column's input message
say what they mean.

Output is byte-identical for the same measure, language and date: fixed document
dates and ZIP entry times, entries sorted.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from toolkit_builder.content.model import Measure
from toolkit_builder.language.pageformat import N_, PageFormat, source_words
from toolkit_builder.reuse.bundlefiles import collection_columns, goal_text
from toolkit_builder.reuse.officezip import fixed_zip, moment

DATA_SHEET = "Data"
"""The sheet the loader reads: the same name in every language."""
CHART_SHEET = N_("Run chart")
INSTRUCTIONS_SHEET = N_("Instructions")
MAX_ROWS = 156
"""Rows the run chart follows: three years of weekly data."""

_WIDTHS = {"period": 14, "numerator": 12, "denominator": 13, "value": 12, "exclude": 10}

COLUMN_MEANINGS = {
    "period": N_(
        "The first day of the period, as a date (2026-03-01); one row per period, oldest first."
    ),
    "numerator": N_("The count that meets the definition (the numerator), in digits."),
    "denominator": N_("The count it is out of (the denominator), in digits."),
    "value": N_("The value for the period, in digits, without its unit."),
    "exclude": N_("yes to leave this period out of the median and limits; otherwise empty."),
    "note": N_("Anything a reader of the chart should know about this period."),
}
"""What each column of the Data sheet holds (its name stays as the loader reads it)."""


def _data_sheet(sheet: Worksheet, measure: Measure, words: PageFormat) -> tuple[str, ...]:
    _ = words.gettext
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
            rule.error = _("Enter the first day of the period as a date, e.g. 2026-03-01.")
            for row in range(2, last + 1):
                sheet.cell(row, index).number_format = "yyyy-mm-dd"
        elif name in ("numerator", "denominator", "value"):
            low = "-1000000000" if name == "value" and measure.chart in ("run", "i") else "0"
            rule = DataValidation(type="decimal", operator="between", formula1=low)
            rule.formula2 = "1000000000"
            rule.error = _(
                "Enter a number in '%(column)s' (digits only), or leave it empty if missing."
            ) % {"column": name}
        elif name == "exclude":
            rule = DataValidation(type="list", formula1='"yes,no"')
            rule.error = _("Enter yes to leave this period out of the median and limits.")
        else:
            continue
        rule.showErrorMessage = True
        rule.errorTitle = _("Check the %(column)s") % {"column": name}
        rule.showInputMessage = True
        rule.promptTitle = name
        rule.prompt = _(COLUMN_MEANINGS[name])
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


def _chart_sheet(
    sheet: Worksheet, measure: Measure, columns: tuple[str, ...], words: PageFormat
) -> None:
    _ = words.gettext
    multiplier = measure.multiplier if measure.chart in ("p", "u") or "value" not in columns else 1
    sheet.append([_("period"), _("value"), _("median"), _("value for the median")])
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
    chart.title = str(measure.title)
    chart.y_axis.title = str(measure.unit) or _("value")
    chart.x_axis.title = _("period")
    chart.x_axis.number_format = "yyyy-mm-dd"
    chart.add_data(
        Reference(sheet, min_col=2, max_col=3, min_row=1, max_row=last), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    chart.width, chart.height = 24, 12
    sheet.add_chart(chart, "F2")


def _instructions_sheet(sheet: Worksheet, measure: Measure, words: PageFormat) -> None:
    _ = words.gettext
    rows: list[tuple[str, object]] = [
        (_("Measure"), measure.title),
        (_("Type"), words.measure_type(measure.type)),
        (_("Operational definition"), measure.definition),
        (_("Numerator"), measure.numerator),
        (_("Denominator"), measure.denominator),
        (_("Scoring"), words.label(measure.scoring)),
        (_("Multiplier"), measure.multiplier),
        (_("Unit"), measure.unit),
        (_("Better when"), words.direction_text(measure.direction)),
        (_("Chart"), words.chart_name(measure.chart)),
        (_("Data source"), measure.data_source),
        (_("Sampling"), measure.sampling),
        (_("How often"), words.label(measure.frequency)),
        (_("Exclusions"), "; ".join(measure.exclusions)),
        (_("Goal"), goal_text(measure, _)),
        ("", ""),
        (
            _("How to fill it in"),
            _(
                "One row per period on the %(data)s sheet, oldest first: the first day of the "
                "period as a date, then the counts. Leave a cell empty when a count is missing; "
                "write yes under exclude for a period to leave out of the median. The %(chart)s "
                "sheet plots each row as you add it, with its median."
            )
            % {"data": DATA_SHEET, "chart": _(CHART_SHEET)},
        ),
        (
            _("Feed it back"),
            _(
                "Save the workbook (or the %(data)s sheet as CSV) in content/data/ of a "
                "toolkit_builder site and name it as a case study series' data."
            )
            % {"data": DATA_SHEET},
        ),
        ("", ""),
        (_("Columns of the %(data)s sheet") % {"data": DATA_SHEET}, ""),
    ]
    rows += [(name, _(COLUMN_MEANINGS[name])) for name in collection_columns(measure)]
    for label, value in rows:
        # Plain strings: text shown for want of a translation is a str subclass.
        sheet.append([label, str(value) if isinstance(value, str) else value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 100


def measure_workbook(measure: Measure, when: date, words: PageFormat | None = None) -> bytes:
    """Return a measure's data-collection workbook (.xlsx), dated `when`, in `words`' language."""
    words = words or source_words()
    _ = words.gettext
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    columns = _data_sheet(data, measure, words)
    _chart_sheet(book.create_sheet(_(CHART_SHEET)), measure, columns, words)
    _instructions_sheet(book.create_sheet(_(INSTRUCTIONS_SHEET)), measure, words)
    made = moment(when)
    book.properties.creator = "toolkit_builder"
    book.properties.created = book.properties.modified = made
    book.properties.title = str(measure.title)
    book.properties.language = words.lang
    book.calculation.fullCalcOnLoad = True
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue(), made)
