"""The over-dispersion warning: p and u charts whose limits are too narrow (suggest pp / up)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path, PurePosixPath

import pytest

from tests.support import FIXTURE_SITE, run_cli
from toolkit_builder.content import dispersion
from toolkit_builder.content.dispersion import (
    DispersionMemory,
    dispersion_warning,
    memoised_dispersion_check,
)
from toolkit_builder.content.measuredata import parse_measure_csv
from toolkit_builder.errors import Location, Severity

WHERE = Location(PurePosixPath("content/case-studies/ae.yaml"), 12, 5)
# A&E four-hour performance: 20,000 attendances a month, 71% to 76% seen in time, up and
# down with no pattern. Pooled 73.83%; the p chart's sigma is sqrt(0.7383 x 0.2617 /
# 20,000) = 0.311%, so its limits are 72.90% to 74.77%: 9 of the 12 months fall outside
# (all but 73.0%, 74.5% and 73.5%).
SEEN = [14200, 15100, 14500, 15200, 14300, 15000, 14400, 15100, 14600, 14900, 14700, 15200]
CSV = "period,numerator,denominator\n" + "".join(
    f"2025-{month:02d}-01,{seen},20000\n" for month, seen in enumerate(SEEN, start=1)
)


def rows(text: str, chart: str):  # type: ignore[no-untyped-def]
    found, problems = parse_measure_csv(text, PurePosixPath("content/data/ae.csv"), chart)  # type: ignore[arg-type]
    assert problems == []
    return found


def test_most_points_outside_a_p_chart_warns_and_suggests_pp() -> None:
    warning = dispersion_warning("p", rows(CSV, "p"), None, None, (), WHERE)
    assert warning is not None and warning.severity is Severity.WARNING
    assert warning.location == WHERE
    assert warning.message.startswith("9 of 12 points fall outside the p chart's limits")
    assert warning.hint == "use 'chart: pp' (Laney p′), whose limits allow for that variation"


def test_the_same_data_on_a_pp_chart_or_with_small_denominators_do_not_warn() -> None:
    assert dispersion_warning("pp", rows(CSV, "pp"), None, None, (), WHERE) is None
    small = "period,numerator,denominator\n" + "".join(
        f"2025-{m:02d}-01,{s // 1000},20\n" for m, s in enumerate(SEEN, start=1)
    )
    assert dispersion_warning("p", rows(small, "p"), None, None, (), WHERE) is None


def test_a_u_chart_warns_and_suggests_up() -> None:
    # Ten times the counts over ten times the exposure: the same rates, u-chart sigma
    # sqrt(0.7383 / 200,000) = 0.192%: limits 73.26% to 74.41%, 11 of 12 outside.
    text = "period,numerator,denominator\n" + "".join(
        f"2025-{m:02d}-01,{s * 10},200000\n" for m, s in enumerate(SEEN, start=1)
    )
    warning = dispersion_warning("u", rows(text, "u"), None, None, (), WHERE)
    assert warning is not None and "use 'chart: up'" in warning.hint


def test_short_series_are_not_judged() -> None:
    short = "".join(CSV.splitlines(keepends=True)[:8])  # header and 7 months
    assert dispersion_warning("p", rows(short, "p"), None, None, (), WHERE) is None


def test_the_memoised_check_judges_each_series_once_and_agrees(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    judged: list[str] = []
    real = dispersion.dispersion_warning

    def counted(chart, *rest):  # type: ignore[no-untyped-def]
        judged.append(chart)
        return real(chart, *rest)

    monkeypatch.setattr(dispersion, "dispersion_warning", counted)
    first: DispersionMemory = {}
    check = memoised_dispersion_check({}, first)
    p_rows, pp_rows = rows(CSV, "p"), rows(CSV, "pp")
    warning = check("p", p_rows, None, None, (), WHERE)
    assert warning == real("p", p_rows, None, None, (), WHERE) and warning is not None
    assert check("pp", pp_rows, None, None, (), WHERE) is None
    assert judged == ["p", "pp"]
    second: DispersionMemory = {}
    again = memoised_dispersion_check(first, second)  # the next build, the same data
    assert again("p", p_rows, None, None, (), WHERE) == warning
    assert again("pp", pp_rows, None, None, (), WHERE) is None
    assert judged == ["p", "pp"]
    # a different baseline, or the warning at another place, is judged afresh
    assert again("p", p_rows, 6, None, (), WHERE) == real("p", p_rows, 6, None, (), WHERE)
    moved = Location(WHERE.path, 14, 5)
    assert again("p", p_rows, None, None, (), moved).location == moved  # type: ignore[union-attr]
    assert judged == ["p", "pp", "p", "p"]
    # rows are known by identity (the CSV parser's memory hands back the same ones):
    # equal rows read again from a changed file are judged again
    assert again("pp", list(pp_rows), None, None, (), WHERE) is None
    assert judged == ["p", "pp", "p", "p", "pp"]
    assert {id(rows) for rows, _, _ in second.values()} == set(second)
    assert len(second) == 3  # only what this build asked for is handed on


def test_check_warns_at_the_series_and_fails_only_under_strict(tmp_path: Path) -> None:
    # The fixture's risk-assessed series (a p chart, baseline of 6 points) given national-
    # sized denominators: 13 of its 16 weeks fall outside the frozen limits.
    site = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, site)
    weeks = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(16)]
    (site / "content" / "data" / "ward3-assessed.csv").write_text(
        "period,numerator,denominator\n"
        + "".join(f"{w},{s},20000\n" for w, s in zip(weeks, SEEN + SEEN[:4], strict=True))
    )
    result = run_cli("check", str(site))
    warnings = [line for line in result.err.splitlines() if "over-dispersion" in line]
    assert result.code == 0
    assert len(warnings) == 1
    assert warnings[0].startswith("content/case-studies/ward-3.yaml:18:")
    assert "warning: " in warnings[0] and "use 'chart: pp' (Laney p′)" in warnings[0]
    assert run_cli("check", str(site), "--strict").code == 1
