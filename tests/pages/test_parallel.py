"""Pages rendered across processes come back complete, in order, and as a serial render makes them."""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.support import FIXTURE_SITE
from toolkit_builder.build import BuildOptions, build_in_memory
from toolkit_builder.pages.parallel import PARALLEL_FROM, render_parallel, split


@pytest.mark.parametrize("count, parts", [(10, 3), (7, 7), (3, 8), (100, 2), (1, 4)])
def test_split_keeps_every_job_once_in_order_in_near_equal_parts(count: int, parts: int) -> None:
    jobs = list(range(count))
    cut = split(jobs, parts)
    assert [job for part in cut for job in part] == jobs
    assert len(cut) == min(parts, count)
    lengths = [len(part) for part in cut]
    assert max(lengths) - min(lengths) <= 1


def _tagged(part: Sequence[int]) -> list[bytes]:
    """Render each job as its number and the process that rendered it."""
    return [f"{job}@{os.getpid()}".encode() for job in part]


def test_many_pages_are_rendered_in_several_processes_and_come_back_in_order() -> None:
    jobs = list(range(PARALLEL_FROM * 2))
    told: list[int] = []
    pages = render_parallel(jobs, _tagged, workers=3, progress=told.append)
    assert [int(page.split(b"@")[0]) for page in pages] == jobs
    pids = {page.split(b"@")[1] for page in pages}
    assert len(pids) == 3 and str(os.getpid()).encode() in pids
    assert sum(told) == len(jobs)


def test_few_pages_or_one_worker_are_rendered_here() -> None:
    here = str(os.getpid()).encode()
    for jobs, workers in ((list(range(PARALLEL_FROM - 1)), 4), (list(range(200)), 1)):
        pages = render_parallel(jobs, _tagged, workers)
        assert {page.split(b"@")[1] for page in pages} == {here}


def test_a_part_that_fails_in_its_process_fails_here_with_its_own_error() -> None:
    parent = os.getpid()

    def fails_for_job_3(part: Sequence[int]) -> list[bytes]:
        if 3 in part:
            raise ValueError(
                f"job 3 failed in {'the parent' if os.getpid() == parent else 'a child'}"
            )
        return _tagged(part)

    with pytest.raises(ValueError, match="job 3 failed in the parent"):
        render_parallel(list(range(PARALLEL_FROM * 2)), fails_for_job_3, workers=2)


def test_a_part_whose_process_dies_is_rendered_here() -> None:
    parent = os.getpid()

    def dies_in_a_child(part: Sequence[int]) -> list[bytes]:
        if os.getpid() != parent:
            os._exit(9)  # killed before it sends anything
        return _tagged(part)

    jobs = list(range(PARALLEL_FROM * 2))
    pages = render_parallel(jobs, dies_in_a_child, workers=2)
    assert [int(page.split(b"@")[0]) for page in pages] == jobs
    assert {page.split(b"@")[1] for page in pages} == {str(parent).encode()}


def test_the_parent_keeps_collecting_garbage_afterwards() -> None:
    render_parallel(list(range(PARALLEL_FROM)), _tagged, workers=2)
    assert gc.get_freeze_count() == 0


def test_a_site_rendered_in_three_processes_is_byte_identical_to_a_serial_render(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("toolkit_builder.pages.parallel.PARALLEL_FROM", 2)
    built = {
        workers: build_in_memory(
            BuildOptions(FIXTURE_SITE, tmp_path / "out", workers=workers), index_search=False
        ).output
        for workers in (1, 3)
    }
    pages = [name for name in built[1] if name.endswith(".html")]
    assert len(pages) > 6
    assert built[3] == built[1]
