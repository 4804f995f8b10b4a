"""Chart worker processes end with the build that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.support import REPO
from toolkit_builder.charts.batch import WORKER_NICENESS, worker_pool

SCRIPT = """
import os, time
from toolkit_builder.charts.batch import worker_pool
pool = worker_pool(2)
futures = [pool.submit(time.sleep, 600) for _ in range(2)]
time.sleep(0.5)
print(" ".join(str(p) for p in pool._processes), flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        # Gone before the open, or reaped between the open and the read.
        return False


def test_workers_end_when_the_build_is_killed() -> None:
    build = subprocess.Popen(
        [sys.executable, "-c", SCRIPT], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert build.stdout is not None
    workers = [int(p) for p in build.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(p) for p in workers)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    for _ in range(100):  # wait up to 10 s: the kernel signals them at once
        if not any(_alive(p) for p in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


def test_workers_yield_the_cores_to_the_build() -> None:
    """A drawing process runs at a lower priority than the build's own process, whose
    work (pages, search index) the build waits for: the charts fill what is left."""
    pool = worker_pool(1)
    try:
        assert pool.submit(os.nice, 0).result() == min(19, os.nice(0) + WORKER_NICENESS)
    finally:
        pool.shutdown()
