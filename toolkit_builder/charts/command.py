"""The `chart` command: analyse one CSV file and print JSON or write an SVG (its options: cli.py)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path, PurePosixPath
from typing import TextIO

from toolkit_builder.analysis import analyse, analysis_to_json
from toolkit_builder.analysis.types import EVENT_CHARTS, ChartSpec
from toolkit_builder.charts.draw import draw_chart
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.rare import EVENT_FREQUENCY
from toolkit_builder.charts.reading import read_chart
from toolkit_builder.content.load import too_large
from toolkit_builder.content.measuredata import parse_measure_csv
from toolkit_builder.content.series import rules_suit
from toolkit_builder.errors import Location, Problem


def run_chart(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the chart command; return its exit code (1 for located data problems)."""
    path: Path = args.data
    shown = PurePosixPath(path.as_posix())
    try:
        size_problem = too_large(shown, path.stat().st_size)
        if size_problem is not None:
            err.write(f"{size_problem}\n")
            return 1
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        err.write(f"toolkit-builder: error: cannot read {path}: {error.strerror}\n")
        return 2
    except UnicodeDecodeError:
        err.write(
            f"{Problem(Location(shown, 1, 1), 'file is not UTF-8 text', 'save it as UTF-8')}\n"
        )
        return 1
    problems: list[Problem] = []
    if not rules_suit(args.rules, args.chart):
        err.write(
            f"toolkit-builder: error: the {args.rules} rules do not apply to a {args.chart} chart\n"
        )
        return 2
    rows, problems = parse_measure_csv(text.replace("\r\n", "\n"), shown, args.chart)
    if problems:
        for problem in problems:
            err.write(f"{problem}\n")
        return 1
    spec = ChartSpec(
        chart=args.chart,
        rules=args.rules,
        multiplier=args.multiplier,
        baseline_points=args.baseline_points,
        baseline_end=args.baseline_end,
        phase_starts=tuple(args.phase_start),
        direction="neutral" if args.chart == "mr" else args.direction,
        target=args.target,
        mr_screening=not args.no_mr_screening,
    )
    analysis = analyse([row.observation for row in rows], spec)
    try:
        result = json.dumps(analysis_to_json(analysis), indent=1, allow_nan=False)
    except ValueError:
        hint = "check the --multiplier and the sizes of the numbers"
        err.write(f"{Problem(Location(shown, 1, 1), 'the results are too large to chart', hint)}\n")
        return 1
    labels = ChartLabels(
        chart_id="chart",
        title=args.title or path.stem,
        percent=args.multiplier == 100,
        direction=spec.direction,
        frequency=EVENT_FREQUENCY if args.chart in EVENT_CHARTS else "weekly",
    )
    if args.svg:
        reading = read_chart(analysis, labels)
        labels = ChartLabels(
            chart_id="chart",
            title=labels.title,
            percent=labels.percent,
            direction=spec.direction,
            frequency=labels.frequency,
            description=reading,
        )
        args.svg.write_bytes(draw_chart(analysis, labels))
        return 0
    out.write(result + "\n")
    return 0
