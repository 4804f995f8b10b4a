"""CSV files we publish, safe to open in a spreadsheet (no formula injection)."""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

from toolkit_builder.content.model import Series
from toolkit_builder.language.formatting import plain

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_STARTS = frozenset(chr(code) for code in range(0x20, 0x7F)) - set(FORMULA_STARTS) - {" "}
"""First characters of a cell that is text as it stands: printable ASCII (which NFKC
leaves as it is, and which combining marks after it cannot make a formula sign), but
for the formula signs and a space (which lstrip takes off)."""

_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def _is_number(text: str) -> bool:
    return _PLAIN_NUMBER.fullmatch(text) is not None and math.isfinite(float(text))


def safe_cell(text: str) -> str:
    """Return a cell a spreadsheet will show as text, never run as a formula (OWASP).

    Numbers such as -3.5 (ASCII digits) stay numbers; any other cell that starts, after
    leading spaces and compatibility normalisation (NFKC: full-width '＝' is '='), with
    = + - @ tab or a line break gets a leading apostrophe.
    """
    if text[:1] in _PLAIN_STARTS:  # most cells: dates, words; the same answer, sooner
        return text
    if _is_number(text):
        return text
    if unicodedata.normalize("NFKC", text).lstrip(" \u3000").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """Return UTF-8 CSV with every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def series_csv(series: Series) -> bytes:
    """Return a series' data as published CSV, in the columns it was written with."""
    columns = tuple(name for name, _ in series.rows[0].numbers) if series.rows else ("value",)
    rows = [
        [
            row.observation.period.isoformat(),
            *(plain(value) for _, value in row.numbers),
            "1" if row.observation.excluded else "",
            row.note,
        ]
        for row in series.rows
    ]
    return csv_bytes(("period", *columns, "exclude", "note"), rows)
