"""Golden checks: a few key pages of the fixture site, in a normalised form.

After a deliberate template change, review the diff and run
`pytest tests/test_golden.py --update-golden`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import TESTS, run_cli

GOLDEN = TESTS / "golden"
PAGES = [
    "index.html",
    "toolkits/falls/index.html",
    "case-studies/ward-3/index.html",
    "measures/risk-assessed/index.html",
    "lessons/index.html",
    "cy/toolkits/falls/index.html",
    "cy/case-studies/ward-3/index.html",
]


def normalise(html: str) -> str:
    """Return the page with blank lines dropped and each line's indentation removed."""
    lines = (line.strip() for line in html.splitlines())
    return "\n".join(re.sub(r"\s+", " ", line) for line in lines if line) + "\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "out"
    site = str(TESTS / "fixtures" / "site")
    assert run_cli("build", site, "--out", str(out), "--no-cache", "-q").code == 0
    return out


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(page: str, built: Path, request: pytest.FixtureRequest) -> None:
    actual = normalise((built / page).read_text(encoding="utf-8"))
    golden = GOLDEN / (page.replace("/", "__"))
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
