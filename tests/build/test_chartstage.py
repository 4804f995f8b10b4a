"""The chart stage: workers started early for a build that has drawn nothing yet."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support import REPO, run_cli
from toolkit_builder.build import chartstage
from toolkit_builder.build.chartstage import early_pool
from toolkit_builder.build.options import BuildOptions
from toolkit_builder.build.pipeline import check_site
from toolkit_builder.cache.memory import BuildCache
from toolkit_builder.charts.batch import PARALLEL_FROM
from toolkit_builder.content.model import Site
from toolkit_builder.progress import SilentReporter
from toolkit_builder.reuse.ahead import WORKBOOK_MODULE


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


def _site_with_data(root: Path, files: int) -> Path:
    data = root / "content" / "data"
    data.mkdir(parents=True)
    for number in range(files):
        (data / f"s{number}.csv").write_text("period,value\n")
    return root


def test_the_forkserver_starts_before_reading_only_for_a_cold_build_with_many_data_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, ...]] = []
    monkeypatch.setattr(chartstage, "start_forkserver", lambda *also: started.append(also))
    many = _site_with_data(tmp_path / "many", PARALLEL_FROM // 2)
    few = _site_with_data(tmp_path / "few", PARALLEL_FROM // 2 - 1)
    options = BuildOptions(site_root=many, out=many / "output", workers=2)
    assert chartstage.warm_drawing(options, None, None) and started == [(WORKBOOK_MODULE,)]
    assert not chartstage.warm_drawing(replace(options, site_root=few), None, None)
    assert not chartstage.warm_drawing(replace(options, workers=1), None, None)
    assert not chartstage.warm_drawing(replace(options, site_root=tmp_path / "none"), None, None)
    drawn = BuildCache(in_process=False)
    drawn.stored_svgs["a-cache-key"] = "a-digest"  # the last build drew its charts
    assert not chartstage.warm_drawing(options, drawn, _keep)
    (tmp_path / "linked" / "content").mkdir(parents=True)
    (tmp_path / "linked" / "content" / "data").symlink_to(many / "content" / "data")
    assert not chartstage.warm_drawing(replace(options, site_root=tmp_path / "linked"), None, None)
    assert started == [(WORKBOOK_MODULE,)]


FORKED = """
import multiprocessing, sys
from concurrent.futures import ProcessPoolExecutor
from toolkit_builder.charts.batch import start_forkserver
if sys.argv[1] == "started":
    start_forkserver(*sys.argv[2:])
pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
names = ("toolkit_builder.charts.draw", "openpyxl")
print(*pool.submit(eval, f"[name in __import__('sys').modules for name in {names}]").result())
"""


@pytest.mark.parametrize(
    ("how", "imported"),
    [
        (["started", WORKBOOK_MODULE], "True True"),
        (["started"], "True False"),
        (["not started"], "False False"),
    ],
)
def test_a_worker_forked_from_the_started_server_has_what_it_imported(
    how: list[str], imported: str
) -> None:
    found = subprocess.run(
        [sys.executable, "-c", FORKED, *how], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == imported
