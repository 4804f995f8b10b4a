"""Every data file we publish loads back: machine numbers, ISO dates, equal values.

A visiting service downloads a chart's CSV or a bundle's measures.csv, adds its own
rows and feeds it back to the loader or the `chart` command. Human formatting
(thousands separators, month names) is for HTML only.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path, PurePosixPath

import pytest

from tests.support import REPO, run_cli
from toolkit_builder.content.load import load_site
from toolkit_builder.content.measuredata import parse_measure_csv
from toolkit_builder.content.model import Measure, Series, Site
from toolkit_builder.content.validate import validate_site

GROUPED_NUMBER = re.compile(r"^\s*[-+]?\d{1,3}([,\u00a0\u202f ]\d{3})+(\.\d+)?\s*$")
"""A number written for people: '2,444', '1 000' (thin or no-break spaces too)."""
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def example() -> Site:
    site, _ = validate_site(load_site(REPO), today=date(2026, 11, 1))
    return site


@pytest.fixture(scope="module")
def output(example_output: dict[str, bytes]) -> dict[str, bytes]:
    return example_output  # the session's one build of the example (tests/conftest.py)


def every_series(site: Site) -> list[tuple[Series, Measure]]:
    measures = {m.id: m for m in site.measures}
    return [(s, measures[s.measure]) for c in site.case_studies for s in c.series]


def data_files(output: dict[str, bytes]) -> dict[str, bytes]:
    """Return every published CSV and JSON file, those inside bundles too, by path."""
    found = {p: b for p, b in output.items() if p.endswith((".csv", ".json"))}
    for path, data in output.items():
        if path.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    if name.endswith((".csv", ".json")):
                        found[f"{path}:{name}"] = archive.read(name)
    return found


def json_strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in json_strings(v)]
    return [value] if isinstance(value, str) else []


def test_no_published_csv_or_json_number_has_a_thousands_separator(
    output: dict[str, bytes],
) -> None:
    files = data_files(output)
    assert sum(p.endswith(".csv") for p in files) > 20
    assert any(p.endswith("measures.csv") for p in files)
    grouped = []
    for path, data in files.items():
        text = data.decode("utf-8-sig")
        if path.endswith(".csv"):
            cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        else:
            cells = json_strings(json.loads(text))
        grouped += [(path, cell) for cell in cells if GROUPED_NUMBER.match(cell)]
    assert grouped == []


@pytest.mark.parametrize("lang", ["", "cy/"])
def test_every_chart_csv_loads_back_with_equal_values(
    output: dict[str, bytes], example: Site, lang: str
) -> None:
    series_list = every_series(example)
    assert len(series_list) > 10
    for series, _ in series_list:
        path = f"{lang}charts/{series.id}.csv"
        text = output[path].decode("utf-8")
        periods = [row[0] for row in list(csv.reader(io.StringIO(text)))[1:]]
        assert all(ISO_DATE.match(p) for p in periods), path
        rows, problems = parse_measure_csv(
            text.replace("\r\n", "\n"), PurePosixPath(path), series.chart
        )
        assert problems == [], path
        assert [r.observation for r in rows] == [r.observation for r in series.rows], path
        assert [r.numbers for r in rows] == [r.numbers for r in series.rows], path
        assert [r.note for r in rows] == [r.note for r in series.rows], path


def chart_args(data: Path, series: Series, measure: Measure) -> list[str]:
    args = [
        "chart",
        str(data),
        "--chart",
        series.chart,
        "--rules",
        series.rules,
        "--multiplier",
        repr(measure.multiplier),
        "--direction",
        measure.direction,
        "--json",
    ]
    if series.baseline_points:
        args += ["--baseline-points", str(series.baseline_points)]
    if series.baseline_end:
        args += ["--baseline-end", series.baseline_end.isoformat()]
    for phase in series.phases:
        args += ["--phase-start", phase.start.isoformat()]
    return args


def test_the_chart_command_reads_every_published_csv_as_it_reads_the_source(
    output: dict[str, bytes], example: Site, tmp_path: Path
) -> None:
    for series, measure in every_series(example):
        published = tmp_path / f"{series.id}.csv"
        published.write_bytes(output[f"charts/{series.id}.csv"])
        again = run_cli(*chart_args(published, series, measure))
        assert again.code == 0, again.err
        source = run_cli(*chart_args(REPO / "content" / series.data, series, measure))
        assert json.loads(again.out) == json.loads(source.out), series.id
        site_json = json.loads(output[f"charts/{series.id}.json"])
        values = [p["value"] for p in json.loads(again.out)["points"]]
        assert values == [p["value"] for p in site_json["points"]], series.id


def test_a_bundles_measures_csv_loads_back_with_equal_numbers(
    output: dict[str, bytes], example: Site
) -> None:
    measures = {m.id: m for m in example.measures}
    for toolkit in example.toolkits:
        top = f"{toolkit.id}-v{toolkit.version}"
        bundle = output[f"toolkits/{toolkit.id}/{top}.zip"]
        with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
            text = archive.read(f"{top}/measures.csv").decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["id"] for r in rows] == list(toolkit.measures)
        for row in rows:
            measure = measures[row["id"]]
            assert float(row["multiplier"]) == measure.multiplier, row["id"]
            if measure.goal is not None:
                value, _, by = row["goal"].partition(" by ")
                assert float(value) == measure.goal.value, row["id"]
                assert by == (measure.goal.by.isoformat() if measure.goal.by else ""), row["id"]
