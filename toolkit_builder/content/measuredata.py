"""Parse a measure's CSV text into data rows, with located problems (no file access)."""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from collections.abc import Callable
from datetime import date
from pathlib import PurePosixPath

from toolkit_builder.analysis.types import EVENT_CHARTS, RATIO_CHARTS, ChartType, Observation
from toolkit_builder.content.model import DataRow
from toolkit_builder.errors import Location, Problem

OPTIONAL_COLUMNS = ("exclude", "note")

CsvParser = Callable[[str, PurePosixPath, ChartType], tuple[tuple[DataRow, ...], list[Problem]]]
"""parse_measure_csv, or a memoised version of it (the preview keeps one between builds)."""
CsvMemory = dict[tuple[str, PurePosixPath, str], tuple[tuple[DataRow, ...], list[Problem]]]


def memoised_csv_parser(previous: CsvMemory, current: CsvMemory) -> CsvParser:
    """Return parse_measure_csv reusing results from `previous`; results used go to `current`."""

    def parse(
        text: str, path: PurePosixPath, chart: ChartType
    ) -> tuple[tuple[DataRow, ...], list[Problem]]:
        key = (text, path, chart)
        found = previous.get(key) or current.get(key) or parse_measure_csv(text, path, chart)
        current[key] = found
        return found[0], list(found[1])

    return parse


PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
"""A number as the spec writes it: ASCII digits, optional sign, point and exponent."""
LARGEST = 1e12
"""Largest size of a number in a measure CSV: far above any count a programme keeps."""
SMALLEST_DENOMINATOR = 1e-6
"""Smallest denominator above 0: below it a rate overflows what a chart can show."""

TRUE_WORDS = ("1", "true", "yes")
FALSE_WORDS = ("", "0", "false", "no")


def required_columns(chart: ChartType, header: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Return the data columns a chart needs (a run chart takes value or numerator/denominator)."""
    if chart in RATIO_CHARTS:
        return ("numerator", "denominator")
    if chart == "run" and "value" not in header and "numerator" in header:
        return ("numerator", "denominator")
    return ("value",)


def cell_columns(line: str) -> list[int]:
    """Return the 1-based character column where each comma-separated cell of `line` starts."""
    starts = [1]
    quoted = False
    for position, char in enumerate(line, start=1):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(position + 1)
    return starts


def parse_measure_csv(
    text: str, path: PurePosixPath, chart: ChartType
) -> tuple[tuple[DataRow, ...], list[Problem]]:
    """Return the rows of a measure CSV for a chart type, and every problem found in it."""
    # Old Mac files end lines with a lone CR; a CR inside a cell starts a new line too.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text))
    try:
        header = tuple(cell.strip().lower() for cell in next(reader))
    except csv.Error as error:
        return (), [_csv_problem(error, path, reader.line_num)]
    except StopIteration:
        return (), [
            Problem(
                Location(path, 1, 1),
                "the CSV file is empty",
                "add a header row, e.g. period,numerator,denominator",
            )
        ]
    columns = required_columns(chart, header)
    expected = ("period", *columns, *OPTIONAL_COLUMNS)
    header_ok = _check_header(header, expected, chart, path, lines[0], problems)
    if not header_ok:
        return (), problems
    rows: list[DataRow] = []
    previous: tuple[date, int] | None = None
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(_csv_problem(error, path, reader.line_num))
            break
        line_no = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        row = _parse_row(cells, header, columns, chart, path, line_no, lines[line_no - 1], problems)
        period = _period(cells, header)
        if period is None:
            continue
        if previous is not None and chart in EVENT_CHARTS and period < previous[0]:
            problems.append(
                Problem(
                    Location(path, line_no, 1),
                    f"event date {period.isoformat()} is before {previous[0].isoformat()} on line {previous[1]}",
                    "one row per event, in date order (two events on one day may share a date)",
                )
            )
        elif previous is not None and chart not in EVENT_CHARTS and period <= previous[0]:
            problems.append(
                Problem(
                    Location(path, line_no, 1),
                    f"period {period.isoformat()} is not after {previous[0].isoformat()} on line {previous[1]}",
                    "rows must be in date order, one row per period",
                )
            )
        previous = (period, line_no)
        if row is not None:
            rows.append(row)
    if not rows and not problems:
        problems.append(
            Problem(
                Location(path, 2, 1),
                "the CSV file has no data rows",
                "add one row per period below the header",
            )
        )
    return tuple(rows), problems


def _csv_problem(error: csv.Error, path: PurePosixPath, line_no: int) -> Problem:
    return Problem(
        Location(path, max(line_no, 1), 1),
        f"the CSV cannot be read here: {error}",
        "check the quotes on this line: a cell that holds a quote or comma is written "
        '"like ""this"", here"',
    )


def _check_header(
    header: tuple[str, ...],
    expected: tuple[str, ...],
    chart: ChartType,
    path: PurePosixPath,
    line: str,
    problems: list[Problem],
) -> bool:
    starts = cell_columns(line)
    ok = True
    for index, name in enumerate(header):
        if name not in expected:
            hint = _column_hint(name, expected, chart)
            column = starts[index] if index < len(starts) else 1
            problems.append(Problem(Location(path, 1, column), f"unknown column '{name}'", hint))
            ok = False
        elif header.count(name) > 1:
            column = starts[index] if index < len(starts) else 1
            problems.append(Problem(Location(path, 1, column), f"column '{name}' appears twice"))
            ok = False
    for name in expected[: -len(OPTIONAL_COLUMNS)]:
        if name not in header:
            problems.append(
                Problem(
                    Location(path, 1, 1),
                    f"missing column '{name}': {chart_article(chart)} chart needs "
                    + ", ".join(expected[:-2]),
                    "the header row names the columns, e.g. " + ",".join(expected),
                )
            )
            ok = False
    return ok


def _period(cells: list[str], header: tuple[str, ...]) -> date | None:
    """Return the row's period if it is a valid date (for the date-order check), else None."""
    if "period" not in header or header.index("period") >= len(cells):
        return None
    try:
        return date.fromisoformat(cells[header.index("period")].strip())
    except ValueError:
        return None


def chart_article(chart: str) -> str:
    """Return 'a p' or 'an i': the chart type with its article."""
    return f"an {chart}" if chart in ("i", "mr") else f"a {chart}"


def _column_hint(name: str, expected: tuple[str, ...], chart: ChartType) -> str:
    if name in ("numerator", "denominator") and "value" in expected:
        return f"{chart_article(chart)} chart takes one 'value' per period; numerator and denominator are for p, pp, u, up and run charts"
    if name == "value" and "numerator" in expected:
        return f"{chart_article(chart)} chart needs 'numerator' and 'denominator' columns instead of 'value'"
    close = difflib.get_close_matches(name, expected, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"{chart_article(chart)} chart uses: " + ",".join(expected)


def _parse_row(
    cells: list[str],
    header: tuple[str, ...],
    columns: tuple[str, ...],
    chart: ChartType,
    path: PurePosixPath,
    line_no: int,
    line: str,
    problems: list[Problem],
) -> DataRow | None:
    found = len(problems)

    def where(name: str) -> Location:
        # Only a row with a problem needs its columns: most rows never ask.
        starts = cell_columns(line)
        index = header.index(name)
        return Location(path, line_no, starts[index] if index < len(starts) else 1)

    if len(cells) > len(header):
        problems.append(
            Problem(
                Location(path, line_no, 1),
                f"row has {len(cells)} cells but the header has {len(header)}",
                "remove the extra commas, or quote text that contains a comma",
            )
        )
        return None
    values = dict(zip(header, (c.strip() for c in cells), strict=False))
    period_text = values.get("period", "")
    try:
        period = date.fromisoformat(period_text)
    except ValueError:
        problems.append(
            Problem(
                where("period"),
                f"'{period_text}' is not a valid date in column 'period'",
                "write dates as YYYY-MM-DD, the first day of the period",
            )
        )
        period = None
    numbers: dict[str, float | None] = {}
    for name in columns:
        numbers[name] = _number(values.get(name, ""), name, where, problems)
    excluded_text = values.get("exclude", "").lower()
    if excluded_text not in TRUE_WORDS + FALSE_WORDS:
        problems.append(
            Problem(
                where("exclude"),
                f"'{values['exclude']}' is not a valid exclude flag",
                "write 1 or true to exclude the point, or leave the cell empty",
            )
        )
    excluded = excluded_text in TRUE_WORDS
    _check_ranges(numbers, chart, excluded, where, problems)
    if period is None or len(problems) > found:
        return None
    observation = _observation(period, numbers, chart, excluded)
    return DataRow(observation, values.get("note", ""), line_no, tuple(numbers.items()))


def _number(
    text: str, name: str, where: Callable[[str], Location], problems: list[Problem]
) -> float | None:
    if text == "":
        return None
    value = float(text) if PLAIN_NUMBER.fullmatch(text) else math.nan
    if not math.isfinite(value):
        problems.append(
            Problem(
                where(name),
                f"'{text}' in column '{name}' is not a number",
                "use digits only, with no units or thousands separators; leave the cell empty for missing data",
            )
        )
        return None
    if abs(value) > LARGEST or (name == "denominator" and 0 < abs(value) < SMALLEST_DENOMINATOR):
        problems.append(
            Problem(
                where(name),
                f"{text} in column '{name}' is out of range",
                f"numbers are between -{LARGEST:,.0f} and {LARGEST:,.0f}, and a denominator is 0 "
                f"or at least {SMALLEST_DENOMINATOR:g}; check the value",
            )
        )
        return None
    return value


def _check_ranges(
    numbers: dict[str, float | None],
    chart: ChartType,
    excluded: bool,
    where: Callable[[str], Location],
    problems: list[Problem],
) -> None:
    for name, value in numbers.items():
        if value is not None and value < 0 and chart in (*RATIO_CHARTS, "c", "g"):
            problems.append(
                Problem(
                    where(name),
                    f"negative {name} {value:g}",
                    f"{chart_article(chart)} chart counts events; counts cannot be negative",
                )
            )
        elif value is not None and value <= 0 and chart == "t":
            problems.append(
                Problem(
                    where(name),
                    f"time between events {value:g} is not above 0",
                    "a t chart needs the time since the previous event, above 0; for whole days"
                    " or cases that can be 0 (two events on one day) use a g chart",
                )
            )
    numerator, denominator = numbers.get("numerator"), numbers.get("denominator")
    if denominator == 0 and not excluded:
        problems.append(
            Problem(
                where("denominator"),
                "denominator is 0",
                "a rate or proportion needs a denominator above 0; leave it empty if missing, or set exclude to 1",
            )
        )
    if chart == "p" and numerator is not None and denominator and numerator > denominator:
        problems.append(
            Problem(
                where("numerator"),
                f"numerator {numerator:g} is larger than denominator {denominator:g}",
                "a proportion cannot be above 100%",
            )
        )


def _observation(
    period: date, numbers: dict[str, float | None], chart: ChartType, excluded: bool
) -> Observation:
    if "value" in numbers:
        return Observation(period, numbers["value"], None, excluded)
    numerator, denominator = numbers["numerator"], numbers["denominator"]
    if chart == "run":
        ratio = numerator / denominator if numerator is not None and denominator else None
        return Observation(period, ratio, None, excluded)
    return Observation(period, numerator, denominator, excluded)
