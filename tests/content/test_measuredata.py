"""Measure CSV parsing: columns per chart type, missing and excluded points, located errors."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import pytest

from toolkit_builder.content.measuredata import cell_columns, parse_measure_csv

PATH = PurePosixPath("content/data/x.csv")


def messages(text: str, chart: str = "p") -> list[str]:
    return [str(p) for p in parse_measure_csv(text, PATH, chart)[1]]  # type: ignore[arg-type]


def test_p_chart_rows_with_missing_and_excluded_points() -> None:
    text = "\ufeffperiod,numerator,denominator,exclude,note\r\n2025-01-06,11,19,,\r\n2025-01-13,,20,,no audit\r\n2025-01-20,3,0,1,closed\r\n"
    rows, problems = parse_measure_csv(text, PATH, "p")
    assert problems == []
    assert [r.observation.value for r in rows] == [11, None, 3]
    assert rows[1].note == "no audit" and rows[1].line == 3
    assert rows[2].observation.excluded and rows[2].observation.denominator == 0
    assert rows[0].observation.period == date(2025, 1, 6)


def test_run_chart_from_numerator_and_denominator_uses_the_ratio() -> None:
    rows, problems = parse_measure_csv(
        "period,numerator,denominator\n2025-01-01,1,4\n", PATH, "run"
    )
    assert problems == [] and rows[0].observation.value == 0.25
    assert rows[0].numbers == (("numerator", 1.0), ("denominator", 4.0))


def test_i_chart_needs_value_column() -> None:
    assert messages("period,numerator,denominator\n2025-01-01,1,4\n", "i") == [
        "content/data/x.csv:1:8: unknown column 'numerator' (an i chart takes one 'value' per period; numerator and denominator are for p, pp, u, up and run charts)",
        "content/data/x.csv:1:18: unknown column 'denominator' (an i chart takes one 'value' per period; numerator and denominator are for p, pp, u, up and run charts)",
        "content/data/x.csv:1:1: missing column 'value': an i chart needs period, value (the header row names the columns, e.g. period,value,exclude,note)",
    ]


def test_negative_numbers_allowed_for_values_but_not_counts() -> None:
    rows, problems = parse_measure_csv("period,value\n2025-01-01,-3.5\n", PATH, "i")
    assert problems == [] and rows[0].observation.value == -3.5
    assert messages("period,value\n2025-01-01,-3\n", "c") == [
        "content/data/x.csv:2:12: negative value -3 (a c chart counts events; counts cannot be negative)"
    ]


def test_quoted_cells_keep_their_columns() -> None:
    assert cell_columns('2025-01-01,"a, b",3') == [1, 12, 19]
    assert messages('period,numerator,denominator,note\n2025-01-01,"x",1,"a, b"\n') == [
        "content/data/x.csv:2:12: 'x' in column 'numerator' is not a number (use digits only, with no units or thousands separators; leave the cell empty for missing data)"
    ]


def test_infinity_and_nan_are_not_numbers() -> None:
    assert len(messages("period,value\n2025-01-01,inf\n2025-02-01,nan\n", "i")) == 2


def test_extra_cells_and_bad_exclude_flags() -> None:
    assert messages("period,value,exclude\n2025-01-01,1,maybe\n2025-02-01,2,,9\n", "c") == [
        "content/data/x.csv:2:14: 'maybe' is not a valid exclude flag (write 1 or true to exclude the point, or leave the cell empty)",
        "content/data/x.csv:3:1: row has 4 cells but the header has 3 (remove the extra commas, or quote text that contains a comma)",
    ]


def test_empty_file_and_header_only() -> None:
    assert messages("") == [
        "content/data/x.csv:1:1: the CSV file is empty (add a header row, e.g. period,numerator,denominator)"
    ]
    assert messages("period,numerator,denominator\n") == [
        "content/data/x.csv:2:1: the CSV file has no data rows (add one row per period below the header)"
    ]


def test_blank_lines_are_skipped_and_duplicate_periods_rejected() -> None:
    text = "period,value\n2025-01-01,1\n\n2025-01-01,2\n"
    assert messages(text, "c") == [
        "content/data/x.csv:4:1: period 2025-01-01 is not after 2025-01-01 on line 2 (rows must be in date order, one row per period)"
    ]


def test_event_charts_take_one_row_per_event_and_allow_a_shared_date() -> None:
    # g chart: two injuries on 3 March (the second 0 days after the first) are two rows.
    text = "period,value\n2025-02-20,14\n2025-03-03,11\n2025-03-03,0\n2025-02-01,5\n"
    rows, problems = parse_measure_csv(text, PurePosixPath("content/data/g.csv"), "g")
    assert [r.observation.value for r in rows] == [14, 11, 0, 5]
    assert [str(p) for p in problems] == [
        "content/data/g.csv:5:1: event date 2025-02-01 is before 2025-03-03 on line 4 "
        "(one row per event, in date order (two events on one day may share a date))"
    ]
    _, on_i = parse_measure_csv(text, PurePosixPath("content/data/g.csv"), "i")
    assert any("period 2025-03-03 is not after 2025-03-03" in str(p) for p in on_i)


def test_g_counts_cannot_be_negative_and_laney_charts_need_denominators() -> None:
    _, problems = parse_measure_csv(
        "period,value\n2025-02-20,-3\n", PurePosixPath("content/data/g.csv"), "g"
    )
    assert [p.message for p in problems] == ["negative value -3"]
    _, problems = parse_measure_csv(
        "period,value\n2025-02-20,3\n", PurePosixPath("content/data/pp.csv"), "pp"
    )
    assert any("missing column 'numerator'" in p.message for p in problems)


def test_cr_only_line_endings_are_read() -> None:
    text = "period,numerator,denominator\r2025-01-01,1,4\r2025-02-01,2,4\r"
    rows, problems = parse_measure_csv(text, PATH, "p")
    assert problems == [] and [r.line for r in rows] == [2, 3]


def test_cr_inside_an_unquoted_cell_starts_a_located_line() -> None:
    text = "period,numerator,denominator\n2025-01-01,1\rx,4\n"
    assert messages(text) == [
        "content/data/x.csv:3:1: 'x' is not a valid date in column 'period' (write dates as YYYY-MM-DD, the first day of the period)"
    ]


def test_quote_in_the_header_is_an_unknown_column() -> None:
    assert messages('pe"riod,numerator,denominator\n2025-01-01,1,4\n')[0] == (
        "content/data/x.csv:1:1: unknown column 'pe\"riod' (did you mean 'period'?)"
    )


def test_unreadable_quoting_is_located() -> None:
    text = 'period,value\n2025-01-01,"' + "x" * 200_000 + '"\n'
    assert messages(text, "i") == [
        "content/data/x.csv:2:1: the CSV cannot be read here: field larger than field limit (131072) "
        '(check the quotes on this line: a cell that holds a quote or comma is written "like ""this"", here")'
    ]


@pytest.mark.parametrize("cell", ["\u0661\u0662", "\uff17", "inf", "nan", "1_000", "0x10", "٣.5"])
def test_only_ascii_digits_are_numbers(cell: str) -> None:
    found = messages(f"period,value\n2025-01-01,{cell}\n", "i")
    assert found == [
        f"content/data/x.csv:2:12: '{cell}' in column 'value' is not a number (use digits only, with no units or thousands separators; leave the cell empty for missing data)"
    ]


@pytest.mark.parametrize(("cell", "value"), [("12", 12.0), ("-3.5", -3.5), ("1e3", 1000.0)])
def test_plain_numbers_are_read(cell: str, value: float) -> None:
    rows, problems = parse_measure_csv(f"period,value\n2025-01-01,{cell}\n", PATH, "i")
    assert problems == [] and rows[0].observation.value == value


@pytest.mark.parametrize(
    ("numerator", "denominator", "column", "bad"),
    [("1e308", "5", 12, "1e308"), ("5", "1e-300", 14, "1e-300"), ("-2e12", "5", 12, "-2e12")],
)
def test_numbers_a_chart_cannot_show_are_refused(
    numerator: str, denominator: str, column: int, bad: str
) -> None:
    found = messages(f"period,numerator,denominator\n2025-01-01,{numerator},{denominator}\n", "u")
    assert found[0].startswith(f"content/data/x.csv:2:{column}: {bad} in column ")
    assert "is out of range" in found[0]
