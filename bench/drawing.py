"""Benchmark: the cost of one chart drawing, beside the least a matplotlib chart costs.

Usage: python bench/drawing.py [--series S] [--rounds R]   (default S = 100, R = 3)

A cold build draws every series twice (wide and narrow): 4,000 drawings at N = 1000.
This times the site's own drawing (charts/draw.py, one canvas, as a worker draws) of
the first S series of the synthetic site, both shapes: straight to the SVG renderer
(charts/direct.py) for a chart with only the parts it draws, on matplotlib's figure
for the rest. Beside it, the same charts drawn *on the figure*, as every chart was
drawn before charts/direct.py; a *bare* chart of the same points: one figure and plot
kept from chart to chart, the data line with its markers, date ticks and a value grid
(drawn as the site draws them, charts/ticks.py), saved as SVG with text as text, each
word measured once (charts/svgcanvas.py), the floor under any chart drawn on a
matplotlib figure; and the figure's drawings' *renderer calls alone*: each drawing's
calls to the SVG renderer (paths, markers, texts, groups) recorded once, then made
again on a new renderer, with no figure, axes or artists: the floor under any drawing
that keeps matplotlib's SVG renderer, however it decides what to draw (the replayed
SVG is checked to be the drawing's, byte for byte). The four alternate R times; each
figure is the median, in ms per drawing, wall and CPU.
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

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
from toolkit_builder.charts.pen import TextAnchor  # noqa: E402
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


RECORDED = ("draw_path", "draw_markers", "draw_text", "open_group", "close_group")
"""The renderer calls a chart's drawing makes (charts/draw.py draws no image, collection
or mesh)."""

Call = tuple[str, tuple[object, ...], dict[str, object]]
Recording = tuple[float, float, list[Call], str]
"""A drawing's figure size (points), its renderer calls in order, and its SVG."""


def anchor_of(text: Any) -> TextAnchor:
    """Return what the SVG renderer reads of a matplotlib Text to anchor it, as it is now."""
    return TextAnchor(
        text.get_transform().frozen(),
        text.get_unitless_position(),
        text.get_ha(),
        text.get_rotation_mode(),
    )


def figure_drawings(jobs: list[ChartJob]) -> None:
    """Draw each job on matplotlib's figure (charts/draw.py's figure_svg), as the site
    draws the charts it cannot draw directly, on one canvas."""
    import matplotlib

    from toolkit_builder.charts import draw
    from toolkit_builder.charts.canvas import ChartCanvas
    from toolkit_builder.charts.frame import chart_frame

    canvas = ChartCanvas()
    with matplotlib.rc_context(draw.STYLE):
        for job in jobs:
            draw.figure_svg(chart_frame(job.analysis, job.labels), job.analysis, canvas)


def recorded_drawings(jobs: list[ChartJob]) -> list[Recording]:
    """Draw each job as the site does, recording its renderer calls as they are made:
    each graphics context, path and transform as it was at the call (the canvas moves
    and reuses them for the next chart)."""
    import matplotlib
    from matplotlib.backend_bases import GraphicsContextBase
    from matplotlib.backends.backend_mixed import MixedModeRenderer
    from matplotlib.path import Path
    from matplotlib.transforms import Transform, TransformedPath

    from toolkit_builder.charts import draw
    from toolkit_builder.charts.canvas import ChartCanvas
    from toolkit_builder.charts.svgcanvas import MeasuredRendererSVG

    def as_it_is(gc: Any, kept: Any) -> Any:
        """Return `kept` set as `gc` is now, its clip fixed where it is now."""
        kept.copy_properties(gc)
        box = gc.get_clip_rectangle()
        kept.set_clip_rectangle(None if box is None else box.frozen())
        clip, affine = gc.get_clip_path()
        if clip is not None:
            kept.set_clip_path(TransformedPath(copy.deepcopy(clip), affine.frozen()))
        return kept

    calls: list[Call] = []

    class Recorder(MeasuredRendererSVG):
        depth = 0

    def recording(name: str) -> Callable[..., object]:
        method = getattr(MeasuredRendererSVG, name)

        def record(self: Recorder, *args: object, **kwargs: object) -> object:
            if self.depth == 0:
                kept: list[object] = []
                for arg in args:
                    if isinstance(arg, GraphicsContextBase):
                        arg = as_it_is(arg, self.new_gc())
                    elif isinstance(arg, Transform):
                        arg = arg.frozen()
                    elif isinstance(arg, Path):  # a spine's, changed in place for the next chart
                        arg = copy.deepcopy(arg)
                    kept.append(arg)
                kept_kwargs = dict(kwargs)
                if kwargs.get("mtext") is not None:  # a Text moved on after (marks.py MovedText)
                    kept_kwargs["mtext"] = anchor_of(kwargs["mtext"])
                calls.append((name, tuple(kept), kept_kwargs))
            self.depth += 1
            try:
                return method(self, *args, **kwargs)
            finally:
                self.depth -= 1

        return record

    for name in RECORDED:
        setattr(Recorder, name, recording(name))
    recordings: list[Recording] = []
    canvas = ChartCanvas()
    with matplotlib.rc_context(draw.STYLE):
        for job in jobs:
            calls = []
            figure = draw.chart_figure(job.analysis, job.labels, canvas)
            figure.dpi = 72  # as print_svg sets it: SVG units are points
            width, height = figure.get_size_inches() * 72
            out = io.StringIO()
            svg = Recorder(width, height, out, metadata=draw.METADATA)
            renderer = MixedModeRenderer(figure, width / 72, height / 72, 72, svg)
            figure.draw(renderer)
            renderer.finalize()
            recordings.append((width, height, calls, out.getvalue()))
    return recordings


def replayed(recordings: list[Recording]) -> list[str]:
    """Make each drawing's recorded renderer calls again on a new renderer; return the SVGs."""
    import matplotlib

    from toolkit_builder.charts import draw
    from toolkit_builder.charts.svgcanvas import MeasuredRendererSVG

    drawn = []
    with matplotlib.rc_context(draw.STYLE):
        for width, height, calls, _ in recordings:
            out = io.StringIO()
            svg = MeasuredRendererSVG(width, height, out, metadata=draw.METADATA)
            for name, args, kwargs in calls:
                getattr(svg, name)(*args, **kwargs)
            svg.finalize()
            drawn.append(out.getvalue())
    return drawn


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
    recordings = recorded_drawings(jobs)
    if replayed(recordings) != [svg for *_, svg in recordings]:
        raise SystemExit("the replayed renderer calls do not make the drawings: nothing timed")
    ours, figure, bare, calls = [], [], [], []
    for _ in range(args.rounds):
        ours.append(timed(draw_charts, jobs))
        figure.append(timed(figure_drawings, jobs))
        bare.append(timed(bare_charts, analyses))
        calls.append(timed(replayed, recordings))
    cores = os.cpu_count() or 1
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"{len(jobs)} drawings ({args.series} series, wide and narrow), {args.rounds} rounds")
    print(f"Load average: {load}.")
    measured = (
        ("site chart", ours),
        ("on the figure", figure),
        ("bare chart", bare),
        ("renderer calls alone", calls),
    )
    for name, runs in measured:
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
