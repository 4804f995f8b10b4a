"""The `chart` command on every example series, and on broken data."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from tests.support import REPO, CliResult, run_cli
from toolkit_builder.cli import main
from toolkit_builder.content.load import load_site
from toolkit_builder.content.validate import validate_site

POINT_KEYS = {
    "index",
    "period",
    "value",
    "centre",
    "lower",
    "upper",
    "phase",
    "baseline",
    "excluded",
    "missing",
    "outside_limits",
}
PHASE_KEYS = {
    "phase",
    "first_index",
    "last_index",
    "n_obs",
    "n_useful",
    "longest_run",
    "longest_run_limit",
    "crossings",
    "crossings_limit",
    "runs_signal",
}


def example_series() -> list[tuple[str, list[str]]]:
    site, _ = validate_site(load_site(REPO), today=date(2026, 11, 1))
    measures = {m.id: m for m in site.measures}
    cases = []
    for case in site.case_studies:
        for series in case.series:
            measure = measures[series.measure]
            args = [
                "chart",
                str(REPO / "content" / series.data),
                "--chart",
                series.chart,
                "--rules",
                series.rules,
                "--multiplier",
                str(measure.multiplier),
                "--direction",
                measure.direction,
            ]
            if series.baseline_points:
                args += ["--baseline-points", str(series.baseline_points)]
            if series.baseline_end:
                args += ["--baseline-end", series.baseline_end.isoformat()]
            for phase in series.phases:
                args += ["--phase-start", phase.start.isoformat()]
            if measure.goal:
                args += ["--target", str(measure.goal.value)]
            cases.append((series.id, args))
    return cases


@pytest.mark.parametrize(("series_id", "args"), example_series())
def test_chart_json_for_every_example_series(series_id: str, args: list[str]) -> None:
    result = run_cli(*args, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["chart"] == args[args.index("--chart") + 1]
    assert data["rules"] == args[args.index("--rules") + 1]
    assert data["phases"] and all(set(p) >= PHASE_KEYS for p in data["phases"])
    assert all(set(p) >= POINT_KEYS for p in data["points"])
    assert [p["index"] for p in data["points"]] == list(range(1, len(data["points"]) + 1))
    if data["rules"] == "mdc":
        assert {"variation", "assurance"} <= set(data) and all(
            "special_cause" in p for p in data["points"]
        )
    if data["rules"] == "ihi":
        assert all({"shifts", "trends", "runs", "runs_limits"} <= set(p) for p in data["phases"])
    if data["chart"] == "run":
        assert all(p["lower"] is None and p["upper"] is None for p in data["points"])


def test_chart_on_bad_csv_prints_located_errors_and_exits_1(tmp_path: Path) -> None:
    data = tmp_path / "bad.csv"
    data.write_text(
        "period,numerator,denominator\n2025-01-06,3,10\n2025-01-13,x,10\n2025-01-20,4,0\n2025-01-13,4,10\n"
    )
    result = run_cli("chart", str(data), "--chart", "p")
    assert result.code == 1
    lines = result.err.splitlines()
    assert f"{data}:3:12: 'x' in column 'numerator' is not a number" in lines[0]
    assert any(line.startswith(f"{data}:4:14: denominator is 0") for line in lines)
    assert any(
        line.startswith(f"{data}:5:1: period 2025-01-13 is not after 2025-01-20") for line in lines
    )


def test_chart_writes_an_svg(tmp_path: Path) -> None:
    out = tmp_path / "c.svg"
    result = run_cli(
        "chart",
        str(REPO / "content" / "data" / "ward7-news2-complete.csv"),
        "--chart",
        "p",
        "--multiplier",
        "100",
        "--svg",
        str(out),
    )
    assert result.code == 0 and out.read_bytes().startswith(b"<?xml")


def test_unsuited_rules_are_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(
        "chart",
        str(REPO / "content" / "data" / "ward7-news2-complete.csv"),
        "--chart",
        "p",
        "--rules",
        "mdc",
    )
    assert result.code == 2


def test_site_publishes_svg_csv_and_json_per_series(
    example_build: tuple[Path, CliResult],
) -> None:
    out = example_build[0]
    series = [sid for sid, _ in example_series()]
    assert len(series) >= 14
    for sid in series:
        for ending in ("svg", "csv", "json"):
            assert (out / "charts" / f"{sid}.{ending}").is_file(), (sid, ending)
        reading = json.loads((out / "charts" / f"{sid}.json").read_text())["reading"]
        desc = (
            ET.parse(out / "charts" / f"{sid}.svg")
            .getroot()
            .find("{http://www.w3.org/2000/svg}desc")
        )
        assert reading and desc is not None and desc.text == reading
    case = (out / "case-studies" / "ward-7-escalation" / "index.html").read_text()
    assert 'src="../../charts/ward-7-escalation-news2-complete.svg"' in case
    assert "What the chart shows:" in case


@pytest.mark.parametrize(
    ("text", "extra", "expected"),
    [
        (
            "period,numerator,denominator\r2025-01-01,1,4\r2025-02-01,x,4\r",
            [],
            "3:12: 'x' in column 'numerator' is not a number",
        ),
        ('pe"riod,numerator,denominator\n2025-01-01,1,4\n', [], "1:1: unknown column 'pe\"riod'"),
        (
            "period,numerator,denominator\n2025-01-01,1,1e-300\n",
            [],
            "2:14: 1e-300 in column 'denominator' is out of range",
        ),
        (
            "period,numerator,denominator\n2025-01-01,4000,1\n2025-02-01,2000,1\n",
            ["--multiplier", "1e308"],
            "1:1: the results are too large to chart",
        ),
    ],
)
def test_chart_command_reports_hostile_data_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, extra: list[str], expected: str
) -> None:
    data = tmp_path / "x.csv"
    data.write_bytes(text.encode())
    code = main(["chart", str(data), "--chart", "u", *extra])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{data.as_posix()}:{expected}" in err
    assert "Traceback" not in err and "internal error" not in err
