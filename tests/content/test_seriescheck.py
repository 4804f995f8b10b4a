"""Phases, annotations and baselines that mislead get located warnings (errors under --strict)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import run_cli

CASE = "content/case-studies/ward-3.yaml"


def edit_series(site: Path, falls: list[str], assessed: list[str]) -> None:
    """Replace the YAML lines of ward 3's two series (phases, annotations, baseline)."""
    path = site / CASE
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines.index("  - measure: falls-rate")
    second = lines.index("  - measure: risk-assessed")
    end = lines.index("results: Falls fell from 8 to 5 per 1,000 bed days.")
    lines[first + 2 : second] = falls
    second = lines.index("  - measure: risk-assessed")
    end = next(i for i, line in enumerate(lines) if line.startswith("results:"))
    lines[second + 2 : end] = assessed
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def warnings(site: Path) -> list[str]:
    """Return the located lines `check --strict` prints; it must fail."""
    result = run_cli("check", str(site), "-q", "--strict")
    assert result.code == 1 and "Traceback" not in result.err
    return [line for line in result.err.splitlines() if line.startswith(CASE)]


def test_a_phase_after_the_last_point_and_an_annotation_before_the_first(site_copy: Path) -> None:
    edit_series(
        site_copy,
        [
            "    phases: [{start: 2026-01-01, name: Huddles in use}, {start: 2030-05-12, name: Later}]",
            "    annotations: [{date: 2024-03-03, label: Too early}]",
        ],
        ["    baseline: {points: 6}"],
    )
    found = warnings(site_copy)
    assert found == [
        f"{CASE}:16:65: warning: phase 'Later' starts on 2030-05-12, after the last point (the "
        "data run from 2025-01-01 to 2026-12-01): it is not shown (check the date, or add the "
        "phase when data after it are in the CSV)",
        f"{CASE}:17:26: warning: annotation 'Too early' on 2024-03-03 is before the first point "
        "(the data run from 2025-01-01 to 2026-12-01): it is not shown (check the date, or "
        "leave the annotation out)",
    ]


def test_a_baseline_as_long_as_the_series(site_copy: Path) -> None:
    edit_series(
        site_copy,
        ["    phases: [{start: 2026-01-01, name: Huddles in use}]"],
        ["    baseline: {end: 2025-06-30}"],
    )
    (line,) = warnings(site_copy)
    assert line.startswith(f"{CASE}:19:21: warning: the baseline ends on 2025-06-30, on or after")
    assert "it is as long as the series" in line


def test_a_short_phase_and_a_phase_with_no_supporting_signal(site_copy: Path) -> None:
    # 2026's falls are made like 2025's, so the phase starting then changes nothing;
    # the assessments' phase after 8 of 16 weeks is too short on both sides
    data = site_copy / "content/data/ward3-falls.csv"
    rows = data.read_text(encoding="utf-8").splitlines()
    rows[13:] = [f"2026-{m:02d}-01,{5 + m % 3},820,," for m in range(1, 13)]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    edit_series(
        site_copy,
        ["    phases: [{start: 2026-01-01, name: Huddles in use}]"],
        ["    phases: [{start: 2025-03-03, name: Checklist}]"],
    )
    found = [line.split(": warning: ") for line in warnings(site_copy)]
    assert [(where, text.split(":")[0]) for where, text in found] == [
        (
            f"{CASE}:16:22",
            "phase 'Huddles in use' starts on 2026-01-01, but with the earlier "
            "centre and limits carried over, no point after it shows a signal that the process "
            "changed (keep one phase and freeze the baseline until a signal shows",
        ),
        (f"{CASE}:19:22", "phase 'Checklist' has only 7 counted points before it starts"),
        (f"{CASE}:19:22", "phase 'Checklist' has only 8 counted points in it"),
    ]


def test_a_phase_before_the_first_point_is_warned_about_and_not_drawn(site_copy: Path) -> None:
    # a phase with no point before it would make an empty first phase and shift every
    # later phase's name onto the wrong points
    edit_series(
        site_copy,
        ["    phases: [{start: 2024-06-01, name: Too early}, {start: 2026-01-01, name: Huddles}]"],
        ["    baseline: {points: 6}"],
    )
    (line,) = warnings(site_copy)
    assert line.startswith(f"{CASE}:16:22: warning: phase 'Too early' starts on 2024-06-01, on")
    out = site_copy / "output"
    assert run_cli("build", str(site_copy), "--out", str(out), "-q", "--no-cache").code == 0
    data = json.loads((out / "charts/ward-3-falls-rate.json").read_text(encoding="utf-8"))
    assert [p["first_index"] for p in data["phases"]] == [1, 13]
    assert "Since “Huddles” began" in data["reading"] and "Too early" not in data["reading"]
