"""Fuzzing: mutants of the example's YAML, front matter and CSV never crash the builder.

Each mutant is the example site with one to three files changed (hostile characters,
YAML syntax, numbers, dates, bytes that are not UTF-8, cut or repeated lines). The
builder must answer exit 0, or exit 1 with every message located (`path:line:column:`);
never an internal error (exit 3) or a traceback.

The suite runs a fixed, bounded set (FUZZ_EXAMPLES, default 40 checks and 3 builds);
`make fuzz` runs a fresh random campaign of 500 mutants through `check` and a share of
them through `build`.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import FIXTURE_SITE, REPO, run_cli

CHECKS = int(os.environ.get("FUZZ_EXAMPLES", "40"))
BUILDS = int(os.environ.get("FUZZ_BUILDS", "3"))
CAMPAIGN = os.environ.get("FUZZ_CAMPAIGN") == "1"
"""Set by `make fuzz`: new random mutants each run instead of the suite's fixed ones."""

LOCATED = re.compile(r"^.+?:\d+:\d+: \S")
SUMMARY = re.compile(r"^toolkit-builder: \d+ errors?, \d+ warnings?; nothing was written\.$")

TEXT_SNIPPETS = (
    "\x00", "\x1b[31m", "\x0c", "\x7f", "\ufffe", "\r", "\r\n", "\t", "\n", "\u2028",
    ":", ": ", "- ", "-", "[", "]", "{", "}", "[[[[[[[[", ",", "'", '"', "#", "|", ">",
    "? ", "&a ", "*a", "&b [*a, *a, *a] ", "!!python/name:os.system ",
    "!!python/object/apply:os.system [id] ", "!!binary ", "!!set ", "!custom ",
    "---\n", "...\n", "%YAML 1.1\n", "<<: *a\n", "~", "null", "yes", "1e308", "-1e308",
    "-1", "0", ".inf", ".nan", "0x1F", "1_000", "１２", "٣", "７", "＝1+1", "=cmd|' /C calc'!A0",
    "2025-02-30", "2025-13-01", "9999-12-31", "0001-01-01", "<script>alert(1)</script>",
    "{{ 7*7 }}", "{% raw %}", "javascript:alert(1)", "../../etc/passwd", "/etc/passwd",
    "\u202e", "é", "x" * 300, "falls", "draft: true\n", "lang: cy\n",
)  # fmt: skip
SNIPPETS: tuple[bytes, ...] = (
    *(s.encode("utf-8") for s in TEXT_SNIPPETS),
    *(b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf"),
)
"""Text that has broken parsers before: control characters, YAML syntax and tags,
aliases, odd numbers and dates, markup, paths, and bytes that are not UTF-8."""


def mutable_files(site: Path) -> list[Path]:
    """Return the site's YAML, Markdown (front matter and body) and CSV files, sorted."""
    files = [site / "site.yaml"]
    files += sorted(
        p for p in (site / "content").rglob("*") if p.suffix in (".yaml", ".md", ".csv")
    )
    return [p.relative_to(site) for p in files]


@dataclass(frozen=True, slots=True)
class Mutation:
    """One change to one file."""

    file: int
    """Index into the site's mutable files (taken modulo their number)."""
    kind: str
    """insert, replace, delete, repeat-line or swap-lines."""
    at: float
    """Where in the file, as a fraction of its length."""
    size: int
    """How many bytes to replace or delete."""
    snippet: bytes
    """What to insert or put in place."""

    def apply(self, data: bytes) -> bytes:
        """Return `data` changed by this mutation."""
        at = int(self.at * len(data))
        if self.kind == "insert":
            return data[:at] + self.snippet + data[at:]
        if self.kind == "replace":
            return data[:at] + self.snippet + data[at + self.size :]
        if self.kind == "delete":
            return data[:at] + data[at + self.size :]
        lines = data.split(b"\n")
        index = int(self.at * len(lines))
        if self.kind == "repeat-line":
            return b"\n".join([*lines[: index + 1], *lines[index:]])
        other = (index + self.size) % len(lines)
        lines[index], lines[other] = lines[other], lines[index]
        return b"\n".join(lines)


mutations = st.builds(
    Mutation,
    file=st.integers(min_value=0, max_value=10_000),
    kind=st.sampled_from(("insert", "insert", "replace", "delete", "repeat-line", "swap-lines")),
    at=st.floats(min_value=0, max_value=1, exclude_max=True),
    size=st.integers(min_value=1, max_value=40),
    snippet=st.one_of(
        st.sampled_from(SNIPPETS),
        st.lists(st.sampled_from(SNIPPETS), min_size=2, max_size=4).map(b"".join),
        st.text(max_size=12).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
)


def assert_answered_well(code: int, err: str) -> None:
    """Assert exit 0 or 1, and every line printed is a located problem or the summary."""
    assert code in (0, 1), err
    for line in err.splitlines():
        assert LOCATED.match(line) or SUMMARY.match(line), line
    if code == 1:
        assert SUMMARY.match(err.splitlines()[-1]), err


@pytest.fixture(scope="module")
def example_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return one copy of the example site, restored after every mutant."""
    site = tmp_path_factory.mktemp("fuzz") / "example"
    site.mkdir()
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    shutil.copytree(REPO / "content", site / "content")
    return site


@pytest.fixture(scope="module")
def fixture_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return one copy of the small fixture site (for full builds)."""
    site = tmp_path_factory.mktemp("fuzz-build") / "site"
    shutil.copytree(FIXTURE_SITE, site)
    return site


class mutated:
    """Apply mutations to a site for the length of a `with` block, then restore it."""

    def __init__(self, site: Path, changes: list[Mutation]) -> None:
        self.site = site
        self.changes = changes
        self.saved: dict[Path, bytes] = {}

    def __enter__(self) -> None:
        files = mutable_files(self.site)
        for change in self.changes:
            path = self.site / files[change.file % len(files)]
            self.saved.setdefault(path, path.read_bytes())
            path.write_bytes(change.apply(path.read_bytes()))

    def __exit__(self, *_: object) -> None:
        for path, data in self.saved.items():
            path.write_bytes(data)


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=not CAMPAIGN,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@_settings(CHECKS)
@given(changes=st.lists(mutations, min_size=1, max_size=3))
def test_check_answers_every_mutant_with_located_problems(
    example_copy: Path, changes: list[Mutation]
) -> None:
    with mutated(example_copy, changes):
        result = run_cli("check", str(example_copy), "-q")
    assert_answered_well(result.code, result.err)
    TALLY[result.code] = TALLY.get(result.code, 0) + 1


@_settings(BUILDS)
@given(changes=st.lists(mutations, min_size=1, max_size=2))
def test_build_finds_nothing_check_missed(
    fixture_copy: Path, tmp_path_factory: pytest.TempPathFactory, changes: list[Mutation]
) -> None:
    out = tmp_path_factory.getbasetemp() / "fuzz-out"
    cache = tmp_path_factory.getbasetemp() / "fuzz-cache"
    with mutated(fixture_copy, changes):
        checked = run_cli("check", str(fixture_copy), "-q")
        built = run_cli(
            "build",
            str(fixture_copy),
            "-q",
            "-j",
            "1",
            "--out",
            str(out),
            "--cache-dir",
            str(cache),
        )
    assert_answered_well(checked.code, checked.err)
    assert_answered_well(built.code, built.err)
    assert built.code == checked.code, (checked.err, built.err)


TALLY: dict[int, int] = {}
"""Exit codes seen by the check test (printed by `make fuzz`)."""


def test_zz_report_the_campaign(capsys: pytest.CaptureFixture[str]) -> None:
    """Print how the mutants were answered (runs after the check test in this module)."""
    if not CAMPAIGN:
        pytest.skip("only `make fuzz` reports a tally")
    with capsys.disabled():
        print(f"\nfuzz: {sum(TALLY.values())} mutants checked; exit codes {sorted(TALLY.items())}")
    assert set(TALLY) <= {0, 1}
