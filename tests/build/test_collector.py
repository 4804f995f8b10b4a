"""A command-line build collects cycles less often while it runs, and restores the
collector's thresholds after (tests and the preview run builds in one process)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from toolkit_builder.build import BuildOptions, build, incremental
from toolkit_builder.build.collector import YOUNG_OBJECTS, fewer_collections
from toolkit_builder.errors import ContentError


@pytest.fixture
def default_thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*before)


def test_the_young_generation_is_collected_less_often_within_the_block(
    default_thresholds: tuple[int, int, int],
) -> None:
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG_OBJECTS, 10, 10)
    assert gc.get_threshold() == default_thresholds


def test_a_higher_threshold_in_force_is_kept(default_thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(50_000, 5, 5)
    with fewer_collections():
        assert gc.get_threshold() == (50_000, 5, 5)
    assert gc.get_threshold() == (50_000, 5, 5)


def test_the_thresholds_come_back_when_the_block_raises(
    default_thresholds: tuple[int, int, int],
) -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a failed build")
    assert gc.get_threshold() == default_thresholds


def test_a_build_runs_its_pipeline_with_fewer_collections(
    default_thresholds: tuple[int, int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, int]] = []

    def pipeline(*args: object, **kwargs: object) -> None:
        seen.append(gc.get_threshold())
        raise ContentError([])

    monkeypatch.setattr(incremental, "_build_changes", pipeline)
    (tmp_path / "site.yaml").write_text("title: x\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build(BuildOptions(tmp_path, tmp_path / "output"))
    assert seen == [(YOUNG_OBJECTS, 10, 10)]
    assert gc.get_threshold() == default_thresholds
