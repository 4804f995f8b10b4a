"""Shared fixtures: the small fixture site, temporary copies of it, and a CLI runner."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from toolkit_builder.cli import make_parser, run

TESTS = Path(__file__).parent
FIXTURE_SITE = TESTS / "fixtures" / "site"
INVALID_CASES = TESTS / "fixtures" / "invalid"
REPO = TESTS.parent


@dataclass(frozen=True, slots=True)
class CliResult:
    """What a command printed and returned."""

    code: int
    out: str
    err: str


def run_cli(*argv: str) -> CliResult:
    """Run toolkit-builder in-process; return exit code and output."""
    out, err = io.StringIO(), io.StringIO()
    args = make_parser().parse_args(list(argv))
    code = run(args, out, err)
    return CliResult(code, out.getvalue(), err.getvalue())


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


def overlay(site: Path, case: Path) -> None:
    """Copy the files of an invalid case over a site copy."""
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = site / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
