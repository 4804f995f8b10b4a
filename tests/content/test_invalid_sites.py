"""Each broken site under fixtures/invalid/ reports exactly its expected located problems.

A case folder holds only the files that differ from fixtures/site/ and an
`expected.txt` of the lines `toolkit-builder check` must print. Run pytest with
`--update-expected` after reviewing a deliberate change of wording.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import FIXTURE_SITE, INVALID_CASES, overlay, run_cli

CASES = sorted(p.name for p in INVALID_CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_invalid_site_reports_expected_problems(
    case: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, site)
    overlay(site, INVALID_CASES / case)
    result = run_cli("check", str(site), "--quiet")
    printed = [line for line in result.err.splitlines() if not line.startswith("toolkit-builder:")]
    expected_file = INVALID_CASES / case / "expected.txt"
    if request.config.getoption("--update-expected"):
        expected_file.write_text("\n".join(printed) + "\n")
    assert result.code == 1
    assert printed == expected_file.read_text().splitlines()
    assert "Traceback" not in result.err


def test_every_case_has_expectations() -> None:
    for case in CASES:
        lines = (INVALID_CASES / case / "expected.txt").read_text().splitlines()
        assert lines, case
        for line in lines:
            path, line_no, column, _ = line.split(":", 3)
            assert path.startswith(("content/", "site.yaml")), line
            assert int(line_no) >= 1 and int(column) >= 1, line
