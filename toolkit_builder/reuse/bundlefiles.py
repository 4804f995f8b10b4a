"""The plain files of a toolkit bundle: measure CSVs, change package YAML, PDSA Markdown (pure).

Text people read is in the bundle's language (`gettext`); column names, ids, dates
and numbers stay machine-readable in every language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from urllib.parse import urljoin

import yaml

from toolkit_builder.charts.csvout import csv_bytes
from toolkit_builder.content.measuredata import OPTIONAL_COLUMNS, required_columns
from toolkit_builder.content.model import ChangePackage, Measure, Resource
from toolkit_builder.language.formatting import plain
from toolkit_builder.language.pageformat import N_, Gettext, same_text

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
    N_("What are we trying to accomplish?"),
    N_("How will we know that a change is an improvement?"),
    N_("What change can we make that will result in improvement?"),
)
"""The three questions of the Model for Improvement, asked before any PDSA cycle."""


PDSA_STAGES = (
    (
        N_("Plan"),
        (
            N_("Objective of this cycle"),
            N_("Questions and predictions: what do we expect to happen, and why?"),
            N_("Plan: who, what, where and when"),
            N_("Data to collect, and who collects it"),
        ),
    ),
    (N_("Do"), (N_("What happened? Problems and unexpected observations"), N_("Data collected"))),
    (N_("Study"), (N_("Compare the data with the predictions"), N_("What did we learn?"))),
    (N_("Act"), (N_("Adapt, adopt or abandon? Why?"), N_("Next cycle"))),
)
"""The four stages of a PDSA cycle with the prompts of each (in English: translate on use)."""

DECISIONS = ("adapt", "adopt", "abandon")
"""What a PDSA cycle's act decides (their words: PageFormat.label)."""


def public_url(base_url: str, path: str) -> str:
    """Return the public address of an output path (folder pages without 'index.html')."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + path.removesuffix("index.html")


def resource_entry(resource: Resource) -> str:
    """Return where a bundled resource goes in the bundle: under `resources/`."""
    return resource.file if resource.file.startswith("resources/") else f"resources/{resource.file}"


def goal_text(measure: Measure, gettext: Gettext = same_text) -> str:
    """Return a measure's goal as '5 by 2027-06-30' (in `gettext`'s language), or ''."""
    if measure.goal is None:
        return ""
    value = plain(measure.goal.value)
    if not measure.goal.by:
        return value
    return gettext("%(value)s by %(date)s") % {"value": value, "date": measure.goal.by.isoformat()}


def measures_csv(measures: Sequence[Measure], gettext: Gettext = same_text) -> bytes:
    """Return measures.csv: every operational definition, one row per measure, formula-safe.

    Column names and the values that are ids (type, scoring, chart…) are as in the
    content format in every language; texts are the measures' own, in their language.
    """
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
            goal_text(m, gettext),
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
            "title": str(idea.title),
            "description": str(idea.description),
            "drivers": list(idea.drivers),
        }
        if idea.measures:
            entry["measures"] = list(idea.measures)
        ideas.append(entry)
    # str(): a text shown for want of a translation is a str subclass, which YAML refuses.
    data = {
        "title": str(package.title),
        "aim": {"statement": str(package.aim.statement), "by_when": package.aim.by_when},
        "primary_drivers": [
            {
                "id": p.id,
                "title": str(p.title),
                "secondary_drivers": [
                    {"id": s.id, "title": str(s.title)} for s in p.secondary_drivers
                ],
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


def pdsa_markdown(
    title: str,
    version: str,
    package: ChangePackage,
    gettext: Gettext = same_text,
    decision: Callable[[str], str] = str.capitalize,
) -> bytes:
    """Return the PDSA worksheet as Markdown: the questions, change ideas and four stages.

    Its words are in `gettext`'s language; `decision` names adapt, adopt and abandon.
    """
    _ = gettext
    blank = "_" * 60
    lines = [
        "# " + _("PDSA worksheet: %(toolkit)s") % {"toolkit": markdown_text(title)},
        "",
        _("Toolkit version %(version)s. Aim: %(aim)s")
        % {"version": markdown_text(version), "aim": markdown_text(package.aim.statement)},
        "",
        _("Team: %(blank)s  Cycle number: %(short)s  Start date: %(date)s")
        % {"blank": "_" * 20, "short": "_" * 4, "date": "_" * 12},
        "",
        "## " + _("Model for Improvement"),
        "",
    ]
    for question in MODEL_FOR_IMPROVEMENT:
        lines += [f"**{_(question)}**", "", blank, "", blank, ""]
    lines += ["## " + _("The change idea we are testing"), "", _("Tick one.")]
    lines += [""] + [f"- [ ] {markdown_text(i.title)}" for i in package.change_ideas]
    lines += ["- [ ] " + _("Our own idea:") + " " + "_" * 20, ""]
    for stage, prompts in PDSA_STAGES:
        lines += [f"## {_(stage)}", ""]
        for prompt in prompts:
            lines += [f"**{_(prompt)}**", "", blank, "", blank, ""]
    choices = "  ".join(f"[ ] {decision(d)}" for d in DECISIONS)
    lines += [_("Decision:") + " " + choices, ""]
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
