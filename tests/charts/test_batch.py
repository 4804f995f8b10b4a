"""Charts are cached by what they show, and parallel drawing gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis.helpers import values
from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec
from toolkit_builder.charts import batch
from toolkit_builder.charts.batch import ChartJob, cache_key, render_charts
from toolkit_builder.charts.labels import ChartLabels


def jobs(count: int, shift: int = 0) -> list[ChartJob]:
    made = []
    for i in range(count):
        analysis = analyse(values([i, i + 1, i + 3 + shift, i + 2] * 4), ChartSpec("i"))
        labels = ChartLabels(f"chart-s{i}", f"Series {i}")
        made.append(ChartJob(f"s{i}", analysis, labels, cache_key(analysis, labels)))
    return made


def test_second_run_draws_nothing_and_a_change_redraws_only_its_chart(tmp_path: Path) -> None:
    first, drawn = render_charts(jobs(3), tmp_path, workers=1)
    assert drawn == 3 and len(list(tmp_path.glob("*.svg"))) == 3
    again, drawn = render_charts(jobs(3), tmp_path, workers=1)
    assert drawn == 0 and again == first
    changed = jobs(3)
    changed[1] = jobs(3, shift=5)[1]
    _, drawn = render_charts(changed, tmp_path, workers=1)
    assert drawn == 1


def test_parallel_and_serial_drawing_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    serial, _ = render_charts(jobs(4), None, workers=1)
    parallel, drawn = render_charts(jobs(4), None, workers=2)
    assert drawn == 4 and parallel == serial
