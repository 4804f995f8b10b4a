"""Benchmark: the cost of one chart drawing, beside the least a matplotlib chart costs.

Usage: python bench/drawing.py [--series S] [--rounds R]   (default S = 100, R = 3)

A cold build draws every series twice (wide and narrow): 4,000 drawings at N = 1000.
This times the site's own drawing (charts/draw.py, one canvas, as a worker draws)
of the first S series of the synthetic site, both shapes, and beside it a *bare*
chart of the same points: one figure and plot kept from chart to chart, the data
line with its markers, date ticks and a value grid (drawn as the site draws them,
charts/ticks.py), saved as SVG with text as text, each word measured once
(charts/svgcanvas.py). The bare chart is no chart the site could publish (no title,
limits, signals, legend or key); it is the floor under any chart drawn this way with
matplotlib. The two alternate R times; each figure is the median, in ms per drawing,
wall and CPU.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.make_site import make_site  # noqa: E402
from toolkit_builder.analysis.types import ChartAnalysis  # noqa: E402
from toolkit_builder.build.options import BuildOptions  # noqa: E402
from toolkit_builder.build.pipeline import (  # noqa: E402
    analyse_site_charts,
    check_site,
    localised_sites,
)
from toolkit_builder.charts.batch import ChartJob, draw_charts  # noqa: E402
from toolkit_builder.progress import SilentReporter  # noqa: E402

DRAWINGS_AT_1000 = 4000
"""Drawings in a cold build of the synthetic N = 1000 site (2,000 series, two shapes)."""
COLD_GOAL_SECONDS = 40.0
"""Issue 16's cold build of N = 1000 on 2 cores."""


def site_jobs(series: int, folder: Path) -> list[ChartJob]:
    """Return the drawings (wide and narrow) of the first `series` series of a synthetic site."""
    make_site(max(1, series // 2), folder)
    reporter = SilentReporter()
    site, _ = check_site(BuildOptions(site_root=folder, out=folder / "output"), reporter, None)
    views = analyse_site_charts(localised_sites(site), reporter, None)
    jobs = []
    for language_views in views.values():
        for series_id, view in list(language_views.items())[:series]:
            jobs.append(ChartJob(series_id, view.analysis, view.labels, view.key))
            narrow = replace(view.labels, narrow=True)
            jobs.append(ChartJob(f"{series_id}-narrow", view.analysis, narrow, view.narrow_key))
    return jobs


def bare_charts(analyses: list[ChartAnalysis]) -> None:
    """Draw each analysis as the bare chart, on one kept figure and plot."""
    import matplotlib
    from matplotlib.figure import Figure

    from toolkit_builder.charts.svgcanvas import MeasuredCanvasSVG
    from toolkit_builder.charts.ticks import add_plot_ticks

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "bench"}):
        figure = Figure(figsize=(8.0, 3.6))
        MeasuredCanvasSVG(figure)  # its words measured once, as the site's are
        plot = figure.add_axes((0.1, 0.2, 0.85, 0.7))
        for analysis in analyses:
            for artist in [*plot.lines, *plot.artists]:
                artist.remove()
            plot.relim()
            points = [p for p in analysis.points if p.value is not None]
            plot.plot([p.period for p in points], [p.value for p in points], marker="o")
            add_plot_ticks(plot, 8.5, "")  # date ticks and a value grid, as the site draws them
            figure.savefig(io.StringIO(), format="svg")


def timed(work: Callable[..., object], *args: object) -> tuple[float, float]:
    """Return (wall, CPU) seconds of one call."""
    started, cpu = time.perf_counter(), time.process_time()
    work(*args)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> int:
    """Print the medians and what they mean for a cold N = 1000 build on this machine."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--series", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        jobs = site_jobs(args.series, Path(folder) / "site")
    analyses = [job.analysis for job in jobs]
    draw_charts(jobs[:2])  # matplotlib imported and its fonts found before timing
    bare_charts(analyses[:2])
    ours, bare = [], []
    for _ in range(args.rounds):
        ours.append(timed(draw_charts, jobs))
        bare.append(timed(bare_charts, analyses))
    cores = os.cpu_count() or 1
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"{len(jobs)} drawings ({args.series} series, wide and narrow), {args.rounds} rounds")
    print(f"Load average: {load}.")
    for name, runs in (("site chart", ours), ("bare chart", bare)):
        wall = statistics.median(w for w, _ in runs) / len(jobs) * 1000
        cpu = statistics.median(c for _, c in runs) / len(jobs) * 1000
        cold = DRAWINGS_AT_1000 * cpu / 1000 / cores
        print(
            f"{name}: {wall:5.1f} ms per drawing (CPU {cpu:5.1f} ms); "
            f"{DRAWINGS_AT_1000:,} drawings on {cores} cores: {cold:5.1f} s of drawing"
        )
    most = COLD_GOAL_SECONDS * cores / DRAWINGS_AT_1000 * 1000
    print(
        f"the cold goal ({COLD_GOAL_SECONDS:.0f} s at N = 1000) leaves {most:.0f} ms of CPU per "
        "drawing on these cores, with nothing else to do"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
