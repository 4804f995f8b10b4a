"""The plain files of a toolkit bundle: measure CSVs, change package YAML, PDSA Markdown (pure)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import urljoin

import yaml

from toolkit_builder.charts.csvout import csv_bytes
from toolkit_builder.content.measuredata import OPTIONAL_COLUMNS, required_columns
from toolkit_builder.content.model import ChangePackage, Measure
from toolkit_builder.language.formatting import plain

MEASURE_COLUMNS = (
    "id",
    "title",
    "type",
    "definition",
    "scoring",
    "numerator",
    "denominator",
    "multiplier",
    "unit",
    "direction",
    "chart",
    "data_source",
    "sampling",
    "frequency",
    "exclusions",
    "goal",
)
"""Columns of measures.csv, one row per measure."""

MODEL_FOR_IMPROVEMENT = (
    "What are we trying to accomplish?",
    "How will we know that a change is an improvement?",
    "What change can we make that will result in improvement?",
)
"""The three questions of the Model for Improvement, asked before any PDSA cycle."""


PDSA_STAGES = (
    (
        "Plan",
        (
            "Objective of this cycle",
            "Questions and predictions: what do we expect to happen, and why?",
            "Plan: who, what, where and when",
            "Data to collect, and who collects it",
        ),
    ),
    ("Do", ("What happened? Problems and unexpected observations", "Data collected")),
    ("Study", ("Compare the data with the predictions", "What did we learn?")),
    ("Act", ("Adapt, adopt or abandon? Why?", "Next cycle")),
)
"""The four stages of a PDSA cycle with the prompts of each, for both worksheets."""


def goal_text(measure: Measure) -> str:
    """Return a measure's goal as '5 by 2027-06-30', or '' when it has none."""
    if measure.goal is None:
        return ""
    value = plain(measure.goal.value)
    return f"{value} by {measure.goal.by.isoformat()}" if measure.goal.by else value


def measures_csv(measures: Sequence[Measure]) -> bytes:
    """Return measures.csv: every operational definition, one row per measure, formula-safe."""
    rows = [
        [
            m.id,
            m.title,
            m.type,
            m.definition,
            m.scoring,
            m.numerator,
            m.denominator,
            plain(m.multiplier),
            m.unit,
            m.direction,
            m.chart,
            m.data_source,
            m.sampling,
            m.frequency,
            "; ".join(m.exclusions),
            goal_text(m),
        ]
        for m in measures
    ]
    return csv_bytes(MEASURE_COLUMNS, rows)


def collection_columns(measure: Measure) -> tuple[str, ...]:
    """Return the header of a measure's blank data sheet, as the CSV loader expects it.

    p and u charts count a numerator and a denominator; a run chart of a proportion
    or rate does too (the loader divides them); other run, i and c charts take a value.
    """
    counted = measure.chart == "run" and measure.scoring in ("proportion", "rate")
    header = ("numerator",) if counted else ()
    return ("period", *required_columns(measure.chart, header), *OPTIONAL_COLUMNS)


def data_collection_csv(measure: Measure) -> bytes:
    """Return a blank data-collection sheet for a measure: its header row only."""
    return csv_bytes(collection_columns(measure), [])


def change_package_yaml(package: ChangePackage, comment: str) -> bytes:
    """Return the change package as YAML in the content format, with a comment line on top."""
    ideas = []
    for idea in package.change_ideas:
        entry: dict[str, object] = {
            "id": idea.id,
            "title": idea.title,
            "description": idea.description,
            "drivers": list(idea.drivers),
        }
        if idea.measures:
            entry["measures"] = list(idea.measures)
        ideas.append(entry)
    data = {
        "title": package.title,
        "aim": {"statement": package.aim.statement, "by_when": package.aim.by_when},
        "primary_drivers": [
            {
                "id": p.id,
                "title": p.title,
                "secondary_drivers": [{"id": s.id, "title": s.title} for s in p.secondary_drivers],
            }
            for p in package.primary_drivers
        ],
        "change_ideas": ideas,
    }
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return (f"# {comment}\n" + text).encode("utf-8")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def markdown_text(text: str) -> str:
    """Return plain text with Markdown's special characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def pdsa_markdown(title: str, version: str, package: ChangePackage) -> bytes:
    """Return the PDSA worksheet as Markdown: the questions, change ideas and four stages."""
    lines = [
        f"# PDSA worksheet: {markdown_text(title)}",
        "",
        f"Toolkit version {markdown_text(version)}. Aim: {markdown_text(package.aim.statement)}",
        "",
        "Team: ____________________  Cycle number: ____  Start date: ____________",
        "",
        "## Model for Improvement",
        "",
    ]
    for question in MODEL_FOR_IMPROVEMENT:
        lines += [f"**{question}**", "", "_" * 60, "", "_" * 60, ""]
    lines += ["## The change idea we are testing", "", "Tick one."]
    lines += [""] + [f"- [ ] {markdown_text(i.title)}" for i in package.change_ideas]
    lines += ["- [ ] Our own idea: ____________________", ""]
    for stage, prompts in PDSA_STAGES:
        lines += [f"## {stage}", ""]
        for prompt in prompts:
            lines += [f"**{prompt}**", "", "_" * 60, "", "_" * 60, ""]
    lines += ["Decision: [ ] Adapt  [ ] Adopt  [ ] Abandon", ""]
    return "\n".join(lines).encode("utf-8")


_IMAGE = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'\b(href|src|alt)="([^"]*)"')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _absolute(url: str, page_url: str) -> str:
    raw = html.unescape(url)
    if raw.startswith("#") or raw.startswith("//") or _SCHEME.match(raw):
        return url
    return html.escape(urljoin(page_url, raw))


def offline_html(fragment: str, page_url: str) -> str:
    """Return rendered Markdown with relative links made absolute to the public page.

    Text written for a page of the site links relative to that page; in a bundle
    such links would break. Local images become links, as the bundle loads nothing
    from the site.
    """

    def image(match: re.Match[str]) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        target = _absolute(attributes.get("src", ""), page_url)
        alt = attributes.get("alt") or "image"
        if target.startswith(("http:", "https:")):
            return f'<a href="{target}">{alt} (image on the website)</a>'
        return match.group(0)

    def link(match: re.Match[str]) -> str:
        name, value = match.groups()
        return f'{name}="{_absolute(value, page_url)}"' if name == "href" else match.group(0)

    return _ATTRIBUTE.sub(link, _IMAGE.sub(image, fragment))
