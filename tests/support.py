"""Helpers the tests share: where the fixtures are, a CLI runner, invalid-case overlays."""

from __future__ import annotations

import hashlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

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


def overlay(site: Path, case: Path) -> None:
    """Copy the files of an invalid case over a site copy."""
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = site / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def tree_digest(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every file below a folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
