"""JSON Schemas (draft 2020-12) of the open-data files, published under api/schema/.

A schema describes exactly one schema version: a reader of version 1.x should
ignore fields it does not know (docs/open-data.md, "Versioning").
"""

from __future__ import annotations

from toolkit_builder.analysis.types import CHART_TYPES, DIRECTIONS
from toolkit_builder.content.schema import LESSON_CATEGORIES, TOOLKIT_STATUSES
from toolkit_builder.content.schema.measure import SCORINGS

JsonObject = dict[str, object]

SCHEMA_VERSION = "1.0"
"""Bump the minor version for added fields, the major one for removed or renamed fields."""

API_NAMES = ("toolkits", "case-studies", "measures", "lessons")
"""The open-data files, as named under api/."""

_TITLES = {
    "toolkits": "Toolkits",
    "case-studies": "Case studies",
    "measures": "Measures",
    "lessons": "Lessons learned",
}


def _string(description: str, **extra: object) -> JsonObject:
    return {"type": "string", "description": description, **extra}


def _maybe(description: str, kind: str = "string", **extra: object) -> JsonObject:
    return {"type": [kind, "null"], "description": description, **extra}


def _url(description: str) -> JsonObject:
    return _string(description, pattern="^https?://")


def _date(description: str) -> JsonObject:
    return _string(description, format="date", pattern=r"^\d{4}-\d{2}-\d{2}$")


def _ids(description: str) -> JsonObject:
    return {"type": "array", "description": description, "items": {"type": "string"}}


def _record(description: str, properties: dict[str, JsonObject]) -> JsonObject:
    return {
        "type": "object",
        "description": description,
        "required": sorted(properties),
        "additionalProperties": False,
        "properties": properties,
    }


def _list(description: str, item: JsonObject) -> JsonObject:
    return {"type": "array", "description": description, "items": item}


def _licence() -> JsonObject:
    return _record(
        "A licence.",
        {"name": _string("Name of the licence."), "url": _maybe("Where to read it.")},
    )


def _toolkit() -> JsonObject:
    return _record(
        "A toolkit: a change package written up for other services to copy.",
        {
            "id": _string("Toolkit id."),
            "title": _string("Title."),
            "summary": _string("Plain-language summary."),
            "url": _url("Address of the toolkit's page."),
            "status": _string("Publication status.", enum=list(TOOLKIT_STATUSES)),
            "superseded_by": _maybe("Id of the toolkit that replaces this one."),
            "version": _string("Semantic version of the toolkit."),
            "last_reviewed": _date("Date of the last review."),
            "topics": _ids("Topic ids."),
            "settings": _ids("Care setting ids."),
            "measures": _ids("Ids of the measures the toolkit uses (see measures.json)."),
            "aim": _maybe("The change package's aim statement (Markdown)."),
            "change_ideas": _list(
                "Change ideas of the toolkit's change package.",
                _record(
                    "A change idea.",
                    {
                        "id": _string("Change idea id (unique within the toolkit)."),
                        "title": _string("Title."),
                        "url": _url("Address of the change idea's page."),
                    },
                ),
            ),
            "driver_diagram": _url("Address of the driver diagram (SVG)."),
            "licence": _licence(),
            "resources": _list(
                "Downloads and links.",
                _record(
                    "A resource.",
                    {
                        "title": _string("Title."),
                        "url": _string("Address of the file or the external link."),
                        "bundled": {
                            "type": "boolean",
                            "description": "True for a file published with the site.",
                        },
                        "licence": _maybe("Licence of the resource, as written."),
                    },
                ),
            ),
            "changelog": _list(
                "Versions, oldest first as written.",
                _record(
                    "A version.",
                    {
                        "version": _string("Version."),
                        "date": _date("Date of the version."),
                        "note": _string("What changed."),
                    },
                ),
            ),
        },
    )


def _series() -> JsonObject:
    return _record(
        "One measure's data in the case study: one chart.",
        {
            "id": _string("Series id: `<case study id>-<measure id>`."),
            "measure": _string("Measure id (see measures.json)."),
            "chart": _string("Chart type.", enum=list(CHART_TYPES)),
            "csv": _url("Address of the data as CSV."),
            "json": _url("Address of the chart's analysis as JSON."),
            "svg": _url("Address of the chart (SVG)."),
        },
    )


def _case_study() -> JsonObject:
    return _record(
        "A case study: how a service tested changes from a toolkit.",
        {
            "id": _string("Case study id."),
            "title": _string("Title."),
            "url": _url("Address of the case study's page."),
            "toolkit": _string("Id of the toolkit tested."),
            "organisations": _ids("Organisation ids."),
            "settings": _ids("Care setting ids."),
            "period": _record(
                "When the work ran (inclusive).",
                {"start": _date("First day."), "end": _date("Last day.")},
            ),
            "aim": _string("The service's aim (Markdown)."),
            "results": _string("Results in plain language (Markdown)."),
            "changes_tested": _list(
                "Change ideas tested.",
                _record(
                    "A change tested.",
                    {
                        "change_idea": _string("Change idea id in the toolkit."),
                        "adaptation": _maybe("How the service adapted it (Markdown)."),
                    },
                ),
            ),
            "series": _list("Measure data, one chart each.", _series()),
            "lessons": _ids("Ids of the case study's lessons (see lessons.json)."),
            "contact": _string("A role mailbox."),
        },
    )


def _measure() -> JsonObject:
    return _record(
        "An operational definition of a measure.",
        {
            "id": _string("Measure id."),
            "title": _string("Title."),
            "url": _url("Address of the measure's page."),
            "type": _string("Kind of measure.", enum=["outcome", "process", "balancing"]),
            "definition": _string("Operational definition."),
            "scoring": _string("How it is scored.", enum=list(SCORINGS)),
            "numerator": _maybe("What is counted (proportion and rate)."),
            "denominator": _maybe("What it is counted out of (proportion and rate)."),
            "multiplier": {"type": "number", "description": "100 for %, 1000 for per 1,000."},
            "unit": _maybe("Unit shown after values."),
            "direction": _string("Which way is better.", enum=list(DIRECTIONS)),
            "chart": _string("Default chart type.", enum=list(CHART_TYPES)),
            "data_source": _string("Where the data come from."),
            "sampling": _maybe("How cases are sampled."),
            "frequency": _string(
                "How often it is measured.", enum=["daily", "weekly", "monthly", "quarterly"]
            ),
            "exclusions": _ids("What is left out."),
            "goal": {
                "description": "The goal, in display units, or null.",
                "oneOf": [
                    {"type": "null"},
                    _record(
                        "A goal.",
                        {
                            "value": {"type": "number", "description": "Target value."},
                            "by": _maybe("Date to reach it.", format="date"),
                        },
                    ),
                ],
            },
        },
    )


def _lesson() -> JsonObject:
    return _record(
        "A lesson learned by a service.",
        {
            "id": _string("Lesson id: `<case study id>/<number>`."),
            "url": _url("Address of the lesson's page."),
            "category": _string("Category.", enum=list(LESSON_CATEGORIES)),
            "statement": _string("The lesson."),
            "try_this": _maybe("What to try."),
            "case_study": _string("Id of the case study it comes from."),
            "case_study_url": _url("Address of that case study's page."),
        },
    )


def schema_for(name: str) -> JsonObject:
    """Return the JSON Schema of one open-data file (`toolkits`, `case-studies`, …)."""
    item = {"toolkits": _toolkit, "case-studies": _case_study, "measures": _measure}.get(
        name, _lesson
    )()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{_TITLES[name]} (open data, schema version {SCHEMA_VERSION})",
        "type": "object",
        "required": ["generated_from", "items", "licence", "schema_version"],
        "additionalProperties": False,
        "properties": {
            "schema_version": _string("Version of this schema.", const=SCHEMA_VERSION),
            "generated_from": _string("Title of the site the file comes from."),
            "licence": _licence(),
            "items": _list("Every published record, in id order.", item),
        },
    }
