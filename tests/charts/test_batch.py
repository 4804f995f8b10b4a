"""Charts are cached by what they show; parallel drawing gives the same bytes."""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.charts.factory import make_analysis, make_labels
from tests.charts.varied import varied_charts
from toolkit_builder.charts import batch, draw
from toolkit_builder.charts.batch import (
    ChartJob,
    cache_key,
    cache_keys,
    render_charts,
    start_charts,
)
from toolkit_builder.charts.draw import chart_svg


def jobs(count: int, changed: int | None = None) -> list[ChartJob]:
    made = []
    for i in range(count):
        bump = 5.0 if i == changed else 0.0
        analysis = make_analysis([i, i + 1, i + 3 + bump, i + 2] * 4)
        made.append(ChartJob(f"s{i}", analysis, make_labels(chart_id=f"chart-s{i}")))
    return made


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return the chart ids drawn (serially) from now on."""
    seen: list[str] = []

    def counting(analysis, labels, canvas=None):  # type: ignore[no-untyped-def]
        seen.append(labels.chart_id)
        return chart_svg(analysis, labels, canvas)

    monkeypatch.setattr(draw, "chart_svg", counting)  # what draw_many draws each chart with
    return seen


def test_second_run_draws_nothing_and_a_change_redraws_only_its_chart(
    tmp_path: Path, drawn: list[str]
) -> None:
    first, count = render_charts(jobs(3), tmp_path, workers=1)
    assert count == 3 and sorted(drawn) == ["chart-s0", "chart-s1", "chart-s2"]
    files = sorted(tmp_path.iterdir())
    assert [f.suffix for f in files] == [".svg"] * 3  # no temporary files left behind
    for job in jobs(3):
        cached = tmp_path / f"{cache_key(job.analysis, job.labels)}.svg"
        assert cached.read_bytes() == first[job.chart_id]
    drawn.clear()
    again, count = render_charts(jobs(3), tmp_path, workers=1)
    assert count == 0 and drawn == [] and again == first
    changed, count = render_charts(jobs(3, changed=1), tmp_path, workers=1)
    assert count == 1 and drawn == ["chart-s1"]
    assert changed["s0"] == first["s0"] and changed["s1"] != first["s1"]


def test_the_key_is_a_sha256_of_the_job_and_the_drawing_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    job = jobs(1)[0]
    key = job.cache_key()
    assert len(key) == 64 and int(key, 16) >= 0
    assert key == cache_key(job.analysis, job.labels)
    assert ChartJob("other id", job.analysis, job.labels).cache_key() == key
    assert ChartJob("x", job.analysis, job.labels, "given").cache_key() == "given"
    assert key != cache_key(job.analysis, make_labels(chart_id="chart-s0", goal=3.0))
    monkeypatch.setattr(batch, "DRAWING_VERSION", "next")
    assert cache_key(job.analysis, job.labels) != key
    assert hashlib.sha256(b"").hexdigest() != key


def test_memory_spares_the_disk_and_keeps_only_current_charts(
    tmp_path: Path, drawn: list[str]
) -> None:
    memory: dict[str, bytes] = {"stale": b"old"}
    render_charts(jobs(2), None, workers=1, memory=memory)
    assert len(memory) == 2 and "stale" not in memory
    drawn.clear()
    result, count = render_charts(jobs(2), None, workers=1, memory=memory)
    assert count == 0 and drawn == [] and set(result) == {"s0", "s1"}


def test_identical_charts_are_drawn_once(drawn: list[str]) -> None:
    job = jobs(1)[0]
    twin = ChartJob("twin", job.analysis, job.labels)
    result, count = render_charts([job, twin], None, workers=1)
    assert count == 1 and result["s0"] == result["twin"]


def test_parallel_and_serial_drawing_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[int] = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: Any) -> None:
            pools.append(max_workers)
            super().__init__(max_workers, **options)

    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", Pool)
    serial, _ = render_charts(jobs(16), None, workers=1)
    assert pools == []
    parallel, count = render_charts(jobs(16), None, workers=2)  # two charts per task
    assert pools == [2] and count == 16 and parallel == serial


def test_cancelled_drawing_lets_its_workers_go(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    pending = start_charts(jobs(16), None, workers=2)
    assert pending.pool is not None and pending.tasks
    workers = list(pending.pool._processes.values())  # type: ignore[union-attr]
    pending.cancel()
    for _ in range(100):  # up to 10 s: a worker ends after the task it is drawing
        if not any(worker.is_alive() for worker in workers):
            break
        time.sleep(0.1)
    assert workers and not any(worker.is_alive() for worker in workers)


def test_chart_jobs_with_english_fallback_text_pickle_for_worker_processes() -> None:
    # Jobs go to the drawing processes by pickle: a Welsh chart whose measure has no
    # Welsh title carries the English one as Fallback text. A job that does not pickle
    # breaks the pool (the charts are then drawn again in one process, slowly).
    from dataclasses import replace

    from toolkit_builder.language.localise import Fallback

    labels = make_labels()
    welsh = replace(labels, title=Fallback(labels.title, "en"), lang="cy")
    job = ChartJob("x", make_analysis([3.0, 4.0, 5.0]), welsh)
    back = pickle.loads(pickle.dumps(job))
    assert back == job and isinstance(back.labels.title, Fallback)
    assert back.labels.title.lang == "en"


class Shelf:
    """A `keep` that pickles for the drawing processes: stores SVGs as files by digest."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, svg: bytes) -> str:
        name = hashlib.sha256(svg).hexdigest()
        (self.folder / name).write_bytes(svg)
        return name


@pytest.mark.parametrize("workers", [1, 2])
def test_charts_kept_as_drawn_come_back_as_names_and_are_not_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    expected, _ = render_charts(jobs(6), None, workers=1)
    shelf = Shelf(tmp_path)
    memory: dict[str, batch.Drawn] = {}
    pending = start_charts(jobs(6), tmp_path / "unused", workers, memory, shelf.put)
    with pytest.raises(ValueError):
        pending.result()
    names, count = pending.kept()
    assert count == 6 and set(names) == set(expected)
    for chart_id, name in names.items():  # the drawing process stored what it drew
        assert (tmp_path / name).read_bytes() == expected[chart_id]
    assert sorted(memory.values()) == sorted(names.values())
    assert not (tmp_path / "unused").exists()  # the key-named chart folder is not used
    again, count = start_charts(jobs(6), None, workers, memory, shelf.put).kept()
    assert count == 0 and again == names
    with pytest.raises(ValueError):
        start_charts(jobs(1), None, 1).kept()


def test_a_cached_chart_that_is_a_link_is_not_read_but_drawn(
    drawn: list[str], tmp_path: Path
) -> None:
    """A content repository could commit a link where a chart's cache file goes (its key is
    computable from the content): the file it leads to is never read."""
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"not for the page")
    cache = tmp_path / "cache"
    cache.mkdir()
    [job] = jobs(1)
    (cache / f"{job.cache_key()}.svg").symlink_to(secret)
    result, count = render_charts([job], cache, workers=1)
    assert count == 1 and drawn == ["chart-s0"]
    assert result["s0"].startswith(b"<?xml") and b"not for the page" not in result["s0"]
    assert secret.read_bytes() == b"not for the page"  # replaced the link, not written through


def test_a_cached_chart_that_is_a_named_pipe_is_drawn_without_waiting(
    drawn: list[str], tmp_path: Path
) -> None:
    [job] = jobs(1)
    os.mkfifo(tmp_path / f"{job.cache_key()}.svg")  # read, it would wait for a writer
    result, count = render_charts([job], tmp_path, workers=1)
    assert count == 1 and drawn == ["chart-s0"] and result["s0"].startswith(b"<?xml")


def test_keys_made_together_are_the_hash_of_what_decides_the_chart() -> None:
    """cache_keys writes the analysis out once for both shapes; each key is still the
    SHA-256 of the repr of (analysis, labels, drawing version, matplotlib's version),
    so charts cached before it are found."""
    for analysis, labels in varied_charts():
        narrow = replace(labels, narrow=not labels.narrow)
        whole = (analysis, labels, batch.DRAWING_VERSION, batch.MATPLOTLIB_VERSION)
        expected = hashlib.sha256(repr(whole).encode("utf-8")).hexdigest()
        assert cache_keys(analysis, labels, narrow) == [expected, cache_key(analysis, narrow)]
        assert cache_key(analysis, labels) == expected
    assert len(set(cache_keys(analysis, labels, narrow))) == 2
