"""`make bench-drawing`'s floor: a drawing's renderer calls, made again alone, make the
same SVG (else the benchmark would time something other than the drawing's calls)."""

from __future__ import annotations

from collections import Counter

from bench.drawing import RECORDED, recorded_drawings, replayed
from tests.charts.varied import varied_charts
from toolkit_builder.charts.batch import ChartJob
from toolkit_builder.charts.draw import draw_many


def test_the_recorded_renderer_calls_make_each_drawing_again() -> None:
    charts = varied_charts()  # wide and narrow; no data, phases, changes, goals, signals
    jobs = [ChartJob(f"c{n}", analysis, labels) for n, (analysis, labels) in enumerate(charts)]
    recordings = recorded_drawings(jobs)  # one canvas: each chart moves what the last one drew

    assert replayed(recordings) == [svg for *_, svg in recordings]
    made = Counter(name for *_, calls, _ in recordings for name, _, _ in calls)
    assert set(made) == set(RECORDED)
    assert made["open_group"] == made["close_group"]


def test_the_recorded_drawing_is_the_sites() -> None:
    """The recording draws as the site's own drawing does, less the title and
    description the site adds after (charts/svgdoc.py finish_svg)."""
    charts = varied_charts()[:6]
    jobs = [ChartJob(f"c{n}", analysis, labels) for n, (analysis, labels) in enumerate(charts)]
    recordings = recorded_drawings(jobs)
    for (*_, svg), site in zip(recordings, draw_many(charts), strict=True):
        texts = [line for line in svg.splitlines() if "<text " in line]
        assert texts and all(line.encode() in site for line in texts)
