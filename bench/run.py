"""Benchmarks: command-line builds (cold, warm, one edit, nothing changed), preview reloads.

Usage: python bench/run.py [N ...] [--runs R]   (default N = 100 1000, R = 3)

Each build runs as its own process: its peak memory comes from the operating
system's accounting of that process (os.wait4), its time from a monotonic clock.
A cold build's CPU is the whole machine's during the build (Linux's /proc/stat: the
drawing processes are not the build's children): on two cores a cold build takes
about half its CPU, so the column tells a slower host from slower code.
Reload latency is measured from saving a file to the server-sent reload event.
"""

from __future__ import annotations

import argparse
import functools
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from toolkit_builder.build import BuildOptions  # noqa: E402
from toolkit_builder.pages.search import SearchIndexer, pages_to_index  # noqa: E402
from toolkit_builder.preview.responsive import responsive_threads  # noqa: E402
from toolkit_builder.preview.serve import EVENTS_PATH, Preview, make_server  # noqa: E402
from toolkit_builder.preview.watch import Debouncer, start_watching  # noqa: E402
from toolkit_builder.write import replaced_folders  # noqa: E402


def make_site(n: int, folder: Path) -> None:
    """Write a synthetic site of n case studies into folder."""
    subprocess.run(
        [sys.executable, str(HERE / "make_site.py"), str(n), "--out", str(folder)], check=True
    )


PROC_STAT = Path("/proc/stat")
"""Linux's CPU counters since boot: the first line sums every core's."""


def busy_seconds(first_line: str, ticks_per_second: int) -> float:
    """Return the CPU time spent working (user, nice, system, interrupts) from the first
    line of /proc/stat: 'cpu user nice system idle iowait irq softirq steal ...'."""
    fields = first_line.split()
    if not fields or fields[0] != "cpu":
        raise ValueError(f"not the first line of /proc/stat: {first_line!r}")
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[1:8])
    return (user + nice + system + irq + softirq) / ticks_per_second


def machine_busy() -> float | None:
    """Return the machine's working CPU seconds since boot, or None where unknown."""
    try:
        with PROC_STAT.open() as stat:
            return busy_seconds(stat.readline(), os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError):
        return None


def timed_build(site: Path, out: Path, cache: Path | None) -> tuple[float, float, float | None]:
    """Return (seconds, peak resident memory in MB, the machine's CPU seconds meanwhile,
    None where unknown) of one build process."""
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
    busy = machine_busy()
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    after = machine_busy()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {site} failed")
    cpu = after - busy if after is not None and busy is not None else None
    return seconds, usage.ru_maxrss / 1024, cpu


def wait_for_removals(out: Path, timeout: float = 120.0) -> None:
    """Wait until the output folders earlier builds replaced, which a process of their
    own removes in the background (toolkit_builder/write.py remove_replaced), are gone:
    a cold build would otherwise be timed, and its CPU counted, with thousands of files
    being deleted beside it."""
    deadline = time.monotonic() + timeout
    while replaced_folders(out) and time.monotonic() < deadline:
        time.sleep(0.1)


def edit_case_study(site: Path, case_id: str, label: str) -> str:
    """Change a case study's first line (its title); return the file's text before."""
    case = site / "content" / "case-studies" / f"{case_id}.yaml"
    original = case.read_text()
    anchor = original.splitlines()[0]
    case.write_text(original.replace(anchor, f"{anchor} ({label})", 1))
    return original


def builds(sizes: list[int], runs: int, tmp: Path) -> None:
    """Print command-line build figures for each size: cold, warm, one edit, no change."""
    print(
        "| N case studies | series | pages | cold build (s) | cold build's CPU (s) "
        "| warm build (s) | one case study edited (s) | nothing changed (s) "
        "| peak memory (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        site, out = tmp / f"site-{n}", tmp / f"out-{n}"
        make_site(n, site)
        cache = tmp / f"cache-{n}"
        figures: dict[str, list[float]] = {"cold": [], "warm": [], "edit": [], "same": []}
        cold_cpu: list[float] = []
        memory = 0.0
        for run in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            wait_for_removals(out)
            timings = {"cold": timed_build(site, out, cache)}
            shutil.rmtree(out)
            timings["warm"] = timed_build(site, out, cache)
            original = edit_case_study(site, "c0", f"edit {run}")
            timings["edit"] = timed_build(site, out, cache)
            timings["same"] = timed_build(site, out, cache)
            (site / "content" / "case-studies" / "c0.yaml").write_text(original)
            for name, (seconds, peak, cpu) in timings.items():
                figures[name].append(seconds)
                memory = max(memory, peak)
                if name == "cold" and cpu is not None:
                    cold_cpu.append(cpu)
        pages = sum(1 for _ in out.rglob("*.html"))
        series = sum(1 for _ in (out / "charts").glob("*.svg")) - sum(
            1 for _ in (out / "charts").glob("*.narrow.svg")
        )
        cold, warm, edit, same = (statistics.median(figures[k]) for k in figures)
        cpu_text = f"{statistics.median(cold_cpu):.1f}" if cold_cpu else "unknown"
        print(
            f"| {n} | {series} | {pages} | {cold:.1f} | {cpu_text} | {warm:.2f} | {edit:.2f} "
            f"| {same:.2f} | {memory:.0f} |"
        )


def reload_latency(site: Path, case_id: str, edits: int, tmp: Path) -> tuple[float, float, float]:
    """Return median ms from saving a case study to the reload event of a browser showing
    its page, and to that page served again, and of a no-change rebuild.

    Each save waits for the search index of the first build, then for the rebuild before
    it to end (the reload may come first): a reviewer reads the page before saving again.
    The threads answer as in `toolkit-builder serve` (responsive_threads).
    """
    with responsive_threads():
        return _reload_latency(site, case_id, edits, tmp)


def _reload_latency(site: Path, case_id: str, edits: int, tmp: Path) -> tuple[float, float, float]:
    preview = Preview(
        BuildOptions(
            site,
            site / "output",
            cache_dir=tmp / f"live-cache-{site.name}",
            workers=os.cpu_count() or 1,
        )
    )
    preview.rebuild()
    server = make_server(preview, "127.0.0.1", 0)
    debouncer = Debouncer(preview.rebuild)
    stop = start_watching(site, debouncer.add)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    case = site / "content" / "case-studies" / f"{case_id}.yaml"
    original = case.read_text()
    anchor = original.splitlines()[0]
    page = f"/case-studies/{case_id}/"
    timings, served = [], []
    preview.wait_for_search()  # Pagefind takes both cores for a while after the first build
    try:
        for edit in range(edits):
            preview.wait_built()  # a reviewer saves again after a reload, not during a rebuild
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            since = f"{preview.instance}:{preview.snapshot.version}"
            connection.request("GET", f"{EVENTS_PATH}?since={since}&page={page}")
            response = connection.getresponse()
            started = time.perf_counter()
            title = f"{anchor} (edit {edit})"
            case.write_text(original.replace(anchor, title, 1))
            while not response.fp.readline().startswith(b"event: reload"):
                pass
            timings.append((time.perf_counter() - started) * 1000)
            connection.close()
            reader = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            reader.request("GET", page)
            body = reader.getresponse().read()
            served.append((time.perf_counter() - started) * 1000)
            reader.close()
            if f"(edit {edit})".encode() not in body:
                raise RuntimeError(
                    f"the page served after the reload is not the edited one: {page}"
                )
        no_change = []
        for _ in range(edits):
            started = time.perf_counter()
            preview.rebuild({Path(f"content/case-studies/{case_id}.yaml")})  # type: ignore[arg-type]
            no_change.append((time.perf_counter() - started) * 1000)
    finally:
        stop()
        debouncer.stop()
        server.shutdown()
        server.server_close()
    return statistics.median(timings), statistics.median(served), statistics.median(no_change)


def read_pages(out: Path) -> dict[str, bytes]:
    """Return the built HTML pages of an output folder, by path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.html"))}


def index_figures(out: Path, runs: int) -> tuple[int, float, int, int]:
    """Return (pages indexed, median seconds to index, index size in kB, index files)."""
    pages = pages_to_index(read_pages(out))
    timings, index = [], {}
    for _ in range(runs):
        started = time.perf_counter()
        index = SearchIndexer().index(pages, ())
        timings.append(time.perf_counter() - started)
    size = sum(len(data) for data in index.values()) // 1024
    return len(pages), statistics.median(timings), size, len(index)


def query_download(out: Path, target_pages: int, query: str, tmp: Path) -> tuple[int, int] | None:
    """Return (pages, kB downloaded) for one query on a site grown to `target_pages` pages.

    The site is the built one, its indexed pages copied under numbered folders until
    there are `target_pages`; the bytes are every response from pagefind/ that a
    browser (Debian's Chromium, driven by Playwright) fetched to show the first results.
    """
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return None
    from playwright.sync_api import sync_playwright

    pages = read_pages(out)
    indexed = pages_to_index(pages)
    grown, copy = dict(pages), 0
    while sum(1 for name in grown if name in indexed or name.startswith("copy-")) < target_pages:
        copy += 1
        grown.update({f"copy-{copy}/{name}": data for name, data in indexed.items()})
    site = tmp / "grown"
    for name, data in {**grown, **SearchIndexer().index(grown, ())}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    for name in ("static/search.js", "static/style.css"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes((out / name).read_bytes())
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    downloaded = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium))
            page = browser.new_page()

            def count(response: Any) -> None:
                nonlocal downloaded
                if "/pagefind/" in response.url:
                    downloaded += len(response.body())

            page.on("response", count)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q={query}")
            page.wait_for_selector(".search-results h3 a")
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    total = sum(1 for name in grown if name in indexed or name.startswith("copy-"))
    return total, downloaded // 1024


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file server that does not log every request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


def main() -> int:
    """Run the benchmarks and print Markdown tables."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"Median of {args.runs} runs; {os.cpu_count()} cores; Python {sys.version.split()[0]}.")
    print(f"Load average at the start: {load_average()}.")
    print(
        "Cold: no cache, no output (every chart drawn); its CPU: the whole machine's, user "
        "and system, while it ran. Warm: the cache kept, the output folder removed "
        "(written again from the cache). One case study edited: its title, the cache and "
        "output kept. Nothing changed: the same command again.\n"
    )
    with tempfile.TemporaryDirectory(prefix="tkb-bench-") as folder:
        tmp = Path(folder)
        builds(args.sizes, args.runs, tmp)
        print(
            "\n| preview, N case studies | save to reload event (ms, median of 5) "
            "| save to the page served again (ms) | no-change rebuild (ms) |"
        )
        print("|---:|---:|---:|---:|")
        example = tmp / "example"
        shutil.copytree(HERE.parent / "content", example / "content")
        shutil.copy(HERE.parent / "site.yaml", example / "site.yaml")
        saved, served, unchanged = reload_latency(example, "ward-7-escalation", 5, tmp)
        print(f"| example site | {saved:.0f} | {served:.0f} | {unchanged:.0f} |")
        for n in sorted({args.sizes[0], args.sizes[-1]}):
            site = tmp / f"live-{n}"
            make_site(n, site)
            saved, served, unchanged = reload_latency(site, "c0", 5, tmp)
            print(f"| {n} | {saved:.0f} | {served:.0f} | {unchanged:.0f} |")
        largest = args.sizes[-1]
        pages, seconds, size, files = index_figures(tmp / f"out-{largest}", args.runs)
        print(
            "\n| search, N case studies | pages indexed | index time (s) | index size (kB) | files |"
        )
        print("|---:|---:|---:|---:|---:|")
        print(f"| {largest} | {pages} | {seconds:.2f} | {size} | {files} |")
        query = query_download(tmp / f"out-{largest}", 10_000, "synthetic", tmp)
        if query is None:
            print("\nQuery download: skipped (Debian's chromium is not installed).")
        else:
            print(
                f"\nOne query ('synthetic', which every page contains) on a {query[0]}-page site downloads {query[1]} kB "
                "(index files fetched by the browser until the first results show)."
            )
    print(f"\nLoad average at the end: {load_average()}.")
    return 0


def load_average() -> str:
    """Return the 1, 5 and 15 minute load averages (how busy the machine was)."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    raise SystemExit(main())
