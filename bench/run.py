"""Benchmarks: full builds (cold and warm chart cache), and preview reload latency.

Usage: python bench/run.py [N ...] [--runs R]   (default N = 100 1000, R = 3)

Each build runs as its own process: its peak memory comes from the operating
system's accounting of that process (os.wait4), its time from a monotonic clock.
Reload latency is measured from saving a file to the server-sent reload event.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from toolkit_builder.build import BuildOptions  # noqa: E402
from toolkit_builder.serve import EVENTS_PATH, Preview, make_server  # noqa: E402
from toolkit_builder.watch import Debouncer, start_watching  # noqa: E402


def make_site(n: int, folder: Path) -> None:
    """Write a synthetic site of n case studies into folder."""
    subprocess.run(
        [sys.executable, str(HERE / "make_site.py"), str(n), "--out", str(folder)], check=True
    )


def timed_build(site: Path, out: Path, cache: Path | None) -> tuple[float, float]:
    """Return (seconds, peak resident memory in MB) of one build process."""
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
    command += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {site} failed")
    return seconds, usage.ru_maxrss / 1024


def builds(sizes: list[int], runs: int, tmp: Path) -> None:
    """Print full-build figures for each size."""
    print(
        "| N case studies | series | pages | cold build (s) | warm build (s) | pages/s (warm) | peak memory (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        site, out = tmp / f"site-{n}", tmp / f"out-{n}"
        make_site(n, site)
        colds, warms, memory = [], [], 0.0
        for _ in range(runs):
            cache = tmp / f"cache-{n}"
            shutil.rmtree(cache, ignore_errors=True)
            cold = timed_build(site, out, cache)
            warm = timed_build(site, out, cache)
            colds.append(cold[0])
            warms.append(warm[0])
            memory = max(memory, cold[1], warm[1])
        pages = sum(1 for _ in out.rglob("*.html"))
        series = sum(1 for _ in (out / "charts").glob("*.svg"))
        cold_s, warm_s = statistics.median(colds), statistics.median(warms)
        print(
            f"| {n} | {series} | {pages} | {cold_s:.1f} | {warm_s:.2f} | {pages / warm_s:.0f} | {memory:.0f} |"
        )


def reload_latency(n: int, edits: int, tmp: Path) -> tuple[float, float]:
    """Return median ms from saving a case study to the reload event, and of a no-change rebuild."""
    site = tmp / f"live-{n}"
    make_site(n, site)
    preview = Preview(
        BuildOptions(
            site, site / "output", cache_dir=tmp / f"live-cache-{n}", workers=os.cpu_count() or 1
        )
    )
    preview.rebuild()
    server = make_server(preview, "127.0.0.1", 0)
    debouncer = Debouncer(preview.rebuild)
    stop = start_watching(site, debouncer.add)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    case = site / "content" / "case-studies" / "c0.yaml"
    original = case.read_text()
    timings = []
    try:
        for edit in range(edits):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request(
                "GET", f"{EVENTS_PATH}?since={preview.instance}:{preview.snapshot.version}"
            )
            response = connection.getresponse()
            started = time.perf_counter()
            case.write_text(
                original.replace("Synthetic results 0.", f"Synthetic results 0, edit {edit}.")
            )
            while not response.fp.readline().startswith(b"event: reload"):
                pass
            timings.append((time.perf_counter() - started) * 1000)
            connection.close()
        no_change = []
        for _ in range(edits):
            started = time.perf_counter()
            preview.rebuild({Path("content/case-studies/c0.yaml")})  # type: ignore[arg-type]
            no_change.append((time.perf_counter() - started) * 1000)
    finally:
        stop()
        debouncer.stop()
        server.shutdown()
        server.server_close()
    return statistics.median(timings), statistics.median(no_change)


def main() -> int:
    """Run the benchmarks and print Markdown tables."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"Median of {args.runs} runs; {os.cpu_count()} cores; Python {sys.version.split()[0]}.")
    print(
        "Cold: empty chart cache (every chart drawn). Warm: the same build again, cache filled.\n"
    )
    with tempfile.TemporaryDirectory(prefix="tkb-bench-") as folder:
        tmp = Path(folder)
        builds(args.sizes, args.runs, tmp)
        print(
            "\n| preview, N case studies | save to reload event (ms, median of 5) | no-change rebuild (ms) |"
        )
        print("|---:|---:|---:|")
        for n in sorted({args.sizes[0], args.sizes[-1]}):
            saved, unchanged = reload_latency(n, 5, tmp)
            print(f"| {n} | {saved:.0f} | {unchanged:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
