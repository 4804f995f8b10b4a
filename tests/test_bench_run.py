"""bench/run.py's reading of the machine's CPU (a cold build's drawing processes are
not the build's children, so the whole machine's counters are read)."""

from __future__ import annotations

import pytest

from bench.run import busy_seconds


def test_busy_time_counts_user_nice_system_and_interrupts_not_idle_or_stolen() -> None:
    line = "cpu  7000 300 1200 90000 50 10 40 25 0 0\n"
    assert busy_seconds(line, 100) == pytest.approx((7000 + 300 + 1200 + 10 + 40) / 100)
    assert busy_seconds(line, 1000) == pytest.approx(8.55)


def test_a_line_that_is_not_the_machine_total_is_refused() -> None:
    with pytest.raises(ValueError):
        busy_seconds("cpu0 1 2 3 4 5 6 7\n", 100)
    with pytest.raises(ValueError):
        busy_seconds("", 100)
