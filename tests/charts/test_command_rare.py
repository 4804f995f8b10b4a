"""`chart --json` for the mr, g, t, pp and up charts: qicharts2's values on worked examples.

Each CSV is small enough to work by hand; the numbers in the comments come from the
published formulas (qicharts2 0.7.5 helper functions, Benneyan 2001, Laney 2002).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from tests.support import run_cli

WEEKS = [f"2025-01-{d:02d}" for d in (6, 13, 20, 27)] + [
    f"2025-02-{d:02d}" for d in (3, 10, 17, 24)
]


def chart_json(tmp_path: Path, header: str, rows: list[str], *args: str) -> dict[str, Any]:
    """Write a CSV, run `chart --json` on it and return the parsed JSON."""
    data = tmp_path / "data.csv"
    data.write_text(header + "\n" + "\n".join(rows) + "\n")
    result = run_cli("chart", str(data), "--json", *args)
    assert result.code == 0, result.err
    parsed: dict[str, Any] = json.loads(result.out)
    return parsed


def test_mr_json(tmp_path: Path) -> None:
    # Values 10, 12, 11, 13, 30, 12, 11, 10 -> ranges -, 2, 1, 2, 17, 18, 1, 1; centre
    # 42 / 7 = 6; upper 3.267 x 6 = 19.602; none outside. Runs about 6: 3 below, 2 above,
    # 2 below -> longest 3, 2 crossings; runs_signal is always false on an mr chart.
    rows = [f"{w},{v}" for w, v in zip(WEEKS, [10, 12, 11, 13, 30, 12, 11, 10], strict=True)]
    data = chart_json(tmp_path, "period,value", rows, "--chart", "mr")
    points, phase = data["points"], data["phases"][0]
    assert points[0]["value"] is None and points[0]["missing"]
    assert [p["value"] for p in points[1:]] == [2, 1, 2, 17, 18, 1, 1]
    assert points[1]["centre"] == pytest.approx(6)
    assert points[1]["upper"] == pytest.approx(19.602)
    assert points[1]["lower"] == 0
    assert not any(p["outside_limits"] for p in points)
    assert (phase["n_useful"], phase["longest_run"], phase["crossings"]) == (7, 3, 2)
    assert phase["runs_signal"] is False


def test_g_json(tmp_path: Path) -> None:
    # One row per event: its date and the days since the one before. Days 10, 25, 4, 40,
    # 15, 8, 150, 30: mean 35.25, upper 35.25 + 3 sqrt(35.25 x 36.25) = 142.4895; centre
    # line the median, 20; the 150-day gap is outside (a long gap: good news for harms).
    rows = [f"{w},{v}" for w, v in zip(WEEKS, [10, 25, 4, 40, 15, 8, 150, 30], strict=True)]
    data = chart_json(tmp_path, "period,value", rows, "--chart", "g", "--direction", "increase")
    points, phase = data["points"], data["phases"][0]
    assert points[0]["centre"] == 20
    assert points[0]["upper"] == pytest.approx(142.4895, abs=1e-4)
    assert points[0]["lower"] == 0
    assert [p["index"] for p in points if p["outside_limits"]] == [7]
    assert (phase["longest_run"], phase["longest_run_limit"]) == (2, 6)
    assert (phase["crossings"], phase["crossings_limit"], phase["runs_signal"]) == (5, 1, False)


def test_t_json(tmp_path: Path) -> None:
    # Times 2, 3, 2, 4, 3, 2 (in the transformed scale) -> 12.126, 52.196, 12.126, 147.033,
    # 52.196, 12.126 days. Mean 2.6667, sigma 1.2 / 1.128: centre 2.6667 ** 3.6 = 34.19,
    # upper (2.6667 + 3.1915) ** 3.6 = 581.5, lower 0 (2.6667 - 3.1915 < 0).
    times = [round(r**3.6, 3) for r in (2, 3, 2, 4, 3, 2)]
    rows = [f"{w},{v}" for w, v in zip(WEEKS, times, strict=False)]
    data = chart_json(tmp_path, "period,value", rows, "--chart", "t")
    point = data["points"][0]
    assert [p["value"] for p in data["points"]] == times  # the times as given, not transformed
    assert point["centre"] == pytest.approx((16 / 6) ** 3.6, rel=1e-4)
    assert point["upper"] == pytest.approx((16 / 6 + 3 * 1.2 / 1.128) ** 3.6, rel=1e-4)
    assert point["lower"] == 0
    phase = data["phases"][0]
    assert (phase["n_useful"], phase["longest_run"], phase["crossings"]) == (6, 2, 4)


def test_t_json_rejects_a_time_of_zero(tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text("period,value\n2025-01-06,12\n2025-01-13,0\n")
    result = run_cli("chart", str(data), "--chart", "t")
    assert result.code == 1
    assert result.err.startswith(f"{data}:3:12: time between events 0 is not above 0")
    assert "use a g chart" in result.err


def test_pp_json(tmp_path: Path) -> None:
    # 10,000 a period; 50%, 52%, 49%, 51%, 48%: centre 50%, sigma_z = 5 / 1.128 = 4.4326,
    # limits 50 -/+ 6.6489 (%): 43.351% to 56.649%. A p chart would flag 52% and 48%.
    rows = [f"{w},{k},10000" for w, k in zip(WEEKS, [5000, 5200, 4900, 5100, 4800], strict=False)]
    args = ("--chart", "pp", "--multiplier", "100")
    data = chart_json(tmp_path, "period,numerator,denominator", rows, *args)
    point = data["points"][0]
    assert point["centre"] == pytest.approx(50)
    assert point["upper"] == pytest.approx(50 + 300 * 0.005 * 5 / 1.128)
    assert point["lower"] == pytest.approx(50 - 300 * 0.005 * 5 / 1.128)
    assert not any(p["outside_limits"] for p in data["points"])
    p_chart = chart_json(tmp_path, "period,numerator,denominator", rows, "--chart", "p")
    assert [p["index"] for p in p_chart["points"] if p["outside_limits"]] == [2, 5]


def test_up_json(tmp_path: Path) -> None:
    # 5,000 bed days a period; 2.00, 2.08, 1.96, 2.04, 1.92 a bed day: centre 2, sigma_i
    # sqrt(2 / 5000) = 0.02, sigma_z 5 / 1.128: limits 2 -/+ 0.26596.
    counts = [10000, 10400, 9800, 10200, 9600]
    rows = [f"{w},{k},5000" for w, k in zip(WEEKS, counts, strict=False)]
    data = chart_json(tmp_path, "period,numerator,denominator", rows, "--chart", "up")
    point = data["points"][0]
    assert point["centre"] == pytest.approx(2)
    assert point["upper"] == pytest.approx(2 + 3 * 0.02 * 5 / 1.128)
    assert point["lower"] == pytest.approx(2 - 3 * 0.02 * 5 / 1.128)
    assert math.isclose(point["upper_close"], 2 + 2 * 0.02 * 5 / 1.128)
