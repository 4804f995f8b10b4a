"""Shared fixtures: temporary copies of the fixture site, a CLI runner, update flags.

Plain helpers live in tests/support.py, so test modules import them from there.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import FIXTURE_SITE, CliResult, run_cli


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add flags that rewrite expected outputs after a reviewed, deliberate change."""
    parser.addoption(
        "--update-expected", action="store_true", help="rewrite expected problem lists"
    )
    parser.addoption("--update-golden", action="store_true", help="rewrite golden pages")


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    """Return the in-process CLI runner."""
    return run_cli


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """Return a writable copy of the fixture site."""
    target = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, target)
    return target
