"""A case study's measure series: its CSV parsed and checked against its measure and rules."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from toolkit_builder.analysis.types import CHART_TYPES, ChartType, RuleSet
from toolkit_builder.content import items
from toolkit_builder.content.advice import AdviceMemory
from toolkit_builder.content.dispersion import DispersionCheck, dispersion_warning
from toolkit_builder.content.load import RawDoc
from toolkit_builder.content.measuredata import CsvParser, chart_article, parse_measure_csv
from toolkit_builder.content.model import CaseStudy, Measure, Series, SiteConfig
from toolkit_builder.content.schema import CHARTS_FOR_SCORING
from toolkit_builder.content.schema.measure import unsuited_chart_hint
from toolkit_builder.content.seriescheck import series_problems
from toolkit_builder.content.yamlmarks import Marks
from toolkit_builder.errors import Problem


def build_series(
    case_id: str,
    values: dict[str, Any],
    marks: Marks,
    measures: Mapping[str, Measure],
    config: SiteConfig,
    data_files: Mapping[PurePosixPath, str],
    problems: list[Problem],
    parse_csv: CsvParser = parse_measure_csv,
    check_dispersion: DispersionCheck = dispersion_warning,
) -> tuple[Series, ...]:
    """Return the parsed series of one case study, recording data problems."""
    result: list[Series] = []
    used: set[str] = set()
    for index, entry in enumerate(values.get("series", ())):
        where = ("series", index)
        measure = measures.get(entry.get("measure", ""))
        data_path = entry.get("data")
        if measure is None and "measure" in entry:
            close = difflib.get_close_matches(entry["measure"], list(measures), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "add it under content/measures/"
            problems.append(
                Problem(
                    marks.value((*where, "measure")), f"unknown measure '{entry['measure']}'", hint
                )
            )
        if measure is None and isinstance(data_path, str):
            # Still check the data, so its problems show in this run, not the next one.
            text = data_files.get(PurePosixPath(data_path))
            chart = entry.get("chart") if entry.get("chart") in CHART_TYPES else "run"
            if text is not None:
                problems.extend(parse_csv(text, PurePosixPath("content", data_path), chart)[1])
        if measure is None or data_path is None:
            continue
        chart = entry.get("chart", measure.chart)
        if "chart" in entry and chart not in CHARTS_FOR_SCORING[measure.scoring]:
            problems.append(
                Problem(
                    marks.value((*where, "chart")),
                    f"{chart_article(chart)} chart does not suit measure '{measure.id}' (scoring '{measure.scoring}')",
                    unsuited_chart_hint(chart, measure.scoring),
                )
            )
            continue
        rules = entry.get("rules")
        if rules and not rules_suit(rules, chart):
            problems.append(
                Problem(
                    marks.value((*where, "rules")),
                    f"the {rules} rules do not apply to a {chart} chart",
                    RULES_HINT[rules],
                )
            )
            continue
        text = data_files.get(PurePosixPath(data_path))
        if text is None and _reported(PurePosixPath("content", data_path), problems):
            continue  # found but refused (too large, a link, not UTF-8): said already
        if text is None:
            close = difflib.get_close_matches(data_path, [str(p) for p in data_files], n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else "put the CSV under content/data/ and give its path from content/"
            )
            problems.append(
                Problem(
                    marks.value((*where, "data")),
                    f"data file 'content/{data_path}' does not exist",
                    hint,
                )
            )
            continue
        rows, found = parse_csv(text, PurePosixPath("content", data_path), chart)
        problems.extend(found)
        series_id = f"{case_id}-{measure.id}"
        while series_id in used:
            series_id += "-2"
        used.add(series_id)
        baseline = entry.get("baseline", {})
        points = baseline.get("points")
        if points is not None and not found and not 1 <= points <= len(rows):
            problems.append(
                Problem(
                    marks.value((*where, "baseline", "points")),
                    f"baseline of {points} points, but the data has {len(rows)} rows",
                    "use a number from 1 to the number of rows",
                )
            )
        if "points" in baseline and "end" in baseline:
            problems.append(
                Problem(
                    marks.value((*where, "baseline")),
                    "baseline gives both 'points' and 'end'",
                    "use one of them",
                )
            )
        if not found:
            warning = check_dispersion(
                chart,
                rows,
                points,
                baseline.get("end"),
                tuple(phase.start for phase in items.phases(entry)),
                marks.value((*where, "chart")) if "chart" in entry else marks.value(where),
            )
            problems.extend([warning] if warning else [])
        result.append(
            Series(
                id=series_id,
                case_study=case_id,
                measure=measure.id,
                data=data_path,
                chart=chart,
                rules=entry.get("rules") or default_rules(config.chart_rules, chart),
                rows=rows,
                source=marks.value(where),
                baseline_points=baseline.get("points"),
                baseline_end=baseline.get("end"),
                phases=items.phases(entry),
                annotations=items.annotations(entry),
            )
        )
        if not found:
            problems.extend(series_problems(result[-1], measure, entry, marks, where))
    return tuple(result)


RULES_HINT = {
    "ihi": "the IHI run-chart rules need 'chart: run'",
    "mdc": "Making Data Count rules are for XmR charts: use 'chart: i'",
}


def _reported(path: PurePosixPath, problems: list[Problem]) -> bool:
    return any(problem.location.path == path for problem in problems)


def rules_suit(rules: str, chart: str) -> bool:
    """Return True if a rule set applies to a chart type (ihi: run charts; mdc: i charts)."""
    return {"ihi": chart == "run", "mdc": chart == "i"}.get(rules, True)


def default_rules(site_rules: RuleSet, chart: ChartType) -> RuleSet:
    """Return the site's rule set where it applies to the chart, else anhoej."""
    return site_rules if rules_suit(site_rules, chart) else "anhoej"


CaseMemory = dict[str, tuple[tuple[object, ...], CaseStudy, tuple[Problem, ...]]]
"""Each case study's model and the problems making it found, by its file's stem, with the
inputs they were made from (case_inputs)."""


@dataclass(slots=True)
class CaseMemories:
    """What the preview keeps of case studies from one build to the next."""

    cases: CaseMemory = field(default_factory=dict)
    advice: AdviceMemory = field(default_factory=dict)
    """The warnings about each case study (content/advice.py)."""


def case_inputs(
    doc: RawDoc,
    values: dict[str, Any],
    measures: Mapping[str, Measure],
    config: SiteConfig,
    data_text: Callable[[str], str | None],
) -> tuple[object, ...] | None:
    """Return everything a case study's model and problems are made from, or None when
    they read more of the site (an unknown measure or a missing data file: the hint
    names the closest of them all). `data_text` returns a data file's text by its path
    from content/ as written.

    `values` and the document's marks come from the memoised parser and item check: the
    same objects while the file's text is the same, so they are compared by identity
    (same_case_inputs); the rest by equality.
    """
    entries = values.get("series", ())
    used = tuple(measures.get(entry.get("measure", "")) for entry in entries)
    paths = [entry.get("data") for entry in entries]
    texts = tuple(data_text(p) if isinstance(p, str) else None for p in paths)
    if None in used or any(text is None for text, p in zip(texts, paths, strict=True) if p):
        return None
    return (values, doc.marks, doc.path, used, texts, config.chart_rules)


def same_case_inputs(before: tuple[object, ...], now: tuple[object, ...]) -> bool:
    """Return whether two case_inputs are of the same case study's same text and inputs."""
    return before[0] is now[0] and before[1] is now[1] and before[2:] == now[2:]
