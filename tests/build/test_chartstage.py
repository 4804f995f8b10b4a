"""The chart stage: workers started early for a build that has drawn nothing yet."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support import REPO, run_cli
from toolkit_builder.build.chartstage import early_pool
from toolkit_builder.build.options import BuildOptions
from toolkit_builder.build.pipeline import check_site
from toolkit_builder.cache.memory import BuildCache
from toolkit_builder.content.model import Site
from toolkit_builder.progress import SilentReporter


@pytest.fixture(scope="module")
def example_site() -> Site:
    site, _ = check_site(BuildOptions(site_root=REPO, out=REPO / "output"), SilentReporter())
    return site


def _keep(svg: bytes) -> str:
    return "stored"


def test_workers_start_early_only_for_a_build_with_many_charts_and_none_drawn(
    example_site: Site,
) -> None:
    options = BuildOptions(site_root=REPO, out=REPO / "output", workers=2)
    pool = early_pool(example_site, options, None, None)
    assert pool is not None, "a cold build of the example: 68 drawings, none drawn"
    pool.shutdown()
    assert early_pool(example_site, replace(options, workers=1), None, None) is None
    assert early_pool(replace(example_site, case_studies=()), options, None, None) is None
    drawn = BuildCache(in_process=False)
    drawn.stored_svgs["a-cache-key"] = "a-digest"  # the last build drew its charts
    assert early_pool(example_site, options, drawn, _keep) is None
    fresh = BuildCache(in_process=False)  # a cache that holds no chart yet: cold
    pool = early_pool(example_site, options, fresh, _keep)
    assert pool is not None
    pool.shutdown()


def test_the_example_builds_the_same_with_workers_started_early_and_with_none(
    tmp_path: Path, example_output: Mapping[str, bytes]
) -> None:
    out = tmp_path / "out"
    result = run_cli("build", str(REPO), "--out", str(out), "-q", "--no-cache", "--jobs", "1")
    assert result.code == 0, result.err
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert files.keys() == example_output.keys()
    assert [name for name in files if files[name] != example_output[name]] == []
