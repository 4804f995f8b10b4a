"""bench/run.py's reading of the machine's CPU (a cold build's drawing processes are
not the build's children, so the whole machine's counters are read)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bench.run import busy_seconds, wait_for_removals


def test_busy_time_counts_user_nice_system_and_interrupts_not_idle_or_stolen() -> None:
    line = "cpu  7000 300 1200 90000 50 10 40 25 0 0\n"
    assert busy_seconds(line, 100) == pytest.approx((7000 + 300 + 1200 + 10 + 40) / 100)
    assert busy_seconds(line, 1000) == pytest.approx(8.55)


def test_a_line_that_is_not_the_machine_total_is_refused() -> None:
    with pytest.raises(ValueError):
        busy_seconds("cpu0 1 2 3 4 5 6 7\n", 100)
    with pytest.raises(ValueError):
        busy_seconds("", 100)


def test_waiting_for_removals_ends_when_the_replaced_folders_are_gone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    replaced = tmp_path / ".out.old-123-abc"
    replaced.mkdir()
    (tmp_path / ".other.old-1-x").mkdir()  # another output's: not waited for
    threading.Timer(0.3, replaced.rmdir).start()
    started = time.monotonic()
    wait_for_removals(out, timeout=10)
    assert not replaced.exists() and time.monotonic() - started >= 0.25
    replaced.mkdir()
    started = time.monotonic()
    wait_for_removals(out, timeout=0.3)  # gives up: a build left one behind
    assert replaced.exists() and time.monotonic() - started < 2
