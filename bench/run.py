"""Benchmark full builds of synthetic sites: wall time, pages per second, peak memory.

Usage: python bench/run.py [N ...] [--runs R]   (default N = 100 1000, R = 3)
Each build runs as its own process; its peak memory comes from the operating
system's accounting of that process (os.wait4), its time from a monotonic clock.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def make_site(n: int, folder: Path) -> None:
    """Write a synthetic site of n case studies into folder."""
    subprocess.run(
        [sys.executable, str(HERE / "make_site.py"), str(n), "--out", str(folder)], check=True
    )


def timed_build(site: Path, out: Path) -> tuple[float, float]:
    """Return (seconds, peak resident memory in MB) of one full build process."""
    command = [
        sys.executable,
        "-m",
        "toolkit_builder",
        "build",
        str(site),
        "--out",
        str(out),
        "--quiet",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {site} failed")
    return seconds, usage.ru_maxrss / 1024


def main() -> int:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        f"Full builds, median of {args.runs} runs, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    print()
    print("| N case studies | pages | build (s) | pages/s | peak memory (MB) |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="tkb-bench-") as tmp:
        for n in args.sizes:
            site = Path(tmp) / f"site-{n}"
            make_site(n, site)
            out = Path(tmp) / f"out-{n}"
            timed_build(site, out)  # warm-up: imports and file cache
            results = [timed_build(site, out) for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in results)
            memory = max(r[1] for r in results)
            pages = sum(1 for _ in out.rglob("*.html"))
            print(f"| {n} | {pages} | {seconds:.2f} | {pages / seconds:.0f} | {memory:.0f} |")
            shutil.rmtree(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
