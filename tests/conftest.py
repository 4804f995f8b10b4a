"""Shared fixtures: temporary copies of the fixture site, a CLI runner, update flags.

Plain helpers live in tests/support.py, so test modules import them from there.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

import pytest

from tests.support import FIXTURE_SITE, REPO, CliResult, run_cli


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


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CliResult]:
    """Build the bundled example site once for the session, as `make build` does (cold
    chart cache of its own); return the output folder and what the command printed.

    Tests that only read the built example share this build; tests that edit a site or
    compare two builds make their own.
    """
    folder = tmp_path_factory.mktemp("example")
    result = run_cli(
        "build", str(REPO), "--out", str(folder / "out"), "-q", "--cache-dir", str(folder / "cache")
    )
    assert result.code == 0, result.err
    return folder / "out", result


@pytest.fixture(scope="session")
def example_output(example_build: tuple[Path, CliResult]) -> Mapping[str, bytes]:
    """Return every file of the shared example build by its path in the output (read-only)."""
    out, _ = example_build
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    return MappingProxyType(files)
