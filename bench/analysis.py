"""Benchmark: analyse long series (the chart maths alone, then the `chart` command).

Usage: python bench/analysis.py [N ...]   (default N = 100000 300000)

Goal: 100,000 points analysed in under 2 s. Each figure is the best of 3 runs on a
monotonic clock, with the CPU time of that run beside it (on a busy machine the wall
time waits for other processes); the series is fixed (seeded), so runs compare across
commits. 300,000 daily rows is about the largest CSV a site may hold (10 MB).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from toolkit_builder.analysis import analyse  # noqa: E402
from toolkit_builder.analysis.types import ChartSpec, Observation  # noqa: E402

GOAL_SECONDS = 2.0
"""Analysis of 100,000 points must take less than this."""


def series(n: int) -> list[Observation]:
    """Return n daily u-chart points (seeded: the same every run)."""
    rng = random.Random(14)
    start = date(1800, 1, 1)
    return [
        Observation(start + timedelta(days=i), rng.randint(0, 20), rng.randint(50, 100), False)
        for i in range(n)
    ]


def best_of(runs: int, points: list[Observation]) -> tuple[float, float]:
    """Return the fastest of `runs` analyses of `points` (wall seconds, CPU seconds)."""
    timings = []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        analyse(points, ChartSpec(chart="u"))
        timings.append((time.perf_counter() - started, time.process_time() - cpu))
    return min(timings)


def chart_command_seconds(points: list[Observation]) -> float:
    """Return the time of `toolkit-builder chart DATA.csv --chart u --json` as a process."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "long.csv"
        lines = ["period,numerator,denominator"]
        lines += [f"{p.period.isoformat()},{p.value:g},{p.denominator:g}" for p in points]
        data.write_text("\n".join(lines) + "\n")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "toolkit_builder", "chart", str(data), "--chart", "u"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return time.perf_counter() - started


def main() -> int:
    """Print the timings; exit 1 if 100,000 points take longer than the goal."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 300_000])
    args = parser.parse_args()
    failed = False
    for n in args.sizes:
        points = series(n)
        seconds, cpu = best_of(3, points)
        command = chart_command_seconds(points)
        verdict = ""
        if n == 100_000:
            failed = seconds >= GOAL_SECONDS
            verdict = f"  (goal < {GOAL_SECONDS:.0f} s: {'missed' if failed else 'met'})"
        print(
            f"{n:>9,} points: analysis {seconds:6.2f} s (CPU {cpu:.2f} s); "
            f"chart command {command:6.2f} s{verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
