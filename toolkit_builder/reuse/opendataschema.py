"""JSON Schemas (draft 2020-12) of the open-data files, published under api/schema/.

A schema describes exactly one schema version: a reader of version 1.x should
ignore fields it does not know (docs/open-data.md, "Versioning").
"""

from __future__ import annotations

from toolkit_builder.analysis.types import CHART_TYPES, DIRECTIONS
from toolkit_builder.charts.across import ASSURANCE_KINDS, VARIATION_KINDS
from toolkit_builder.content.collaborative import DECISIONS
from toolkit_builder.content.schema import LESSON_CATEGORIES, TOOLKIT_STATUSES
from toolkit_builder.content.schema.measure import SCORINGS

JsonObject = dict[str, object]

SCHEMA_VERSION = "1.1"
"""Bump the minor version for added fields, the major one for removed or renamed fields."""

API_NAMES = (
    "toolkits",
    "case-studies",
    "measures",
    "lessons",
    "what-works",
    "measures-across-services",
)
"""The open-data files, as named under api/."""

_TITLES = {
    "toolkits": "Toolkits",
    "case-studies": "Case studies",
    "measures": "Measures",
    "lessons": "Lessons learned",
    "what-works": "What works where",
    "measures-across-services": "Measures across services",
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
            "settings": _ids("Care setting ids of that case study."),
        },
    )


def _count(description: str) -> JsonObject:
    return {"type": "integer", "minimum": 0, "description": description}


def _what_works() -> JsonObject:
    return _record(
        "A toolkit's change ideas with the decision of every service that tested them.",
        {
            "id": _string("Toolkit id (see toolkits.json)."),
            "title": _string("Title of the toolkit."),
            "url": _url("Address of the toolkit's what-works-where page."),
            "toolkit_url": _url("Address of the toolkit's page."),
            "services": _list(
                "Every case study of the toolkit, in id order.",
                _record(
                    "A service: one case study.",
                    {
                        "case_study": _string("Case study id (see case-studies.json)."),
                        "title": _string("Title of the case study."),
                        "url": _url("Address of the case study's page."),
                        "organisations": _ids("Organisation ids."),
                        "settings": _ids("Care setting ids."),
                    },
                ),
            ),
            "change_ideas": _list(
                "Every change idea of the toolkit's change package, in its order.",
                _record(
                    "A change idea and what the services that tested it decided.",
                    {
                        "id": _string("Change idea id."),
                        "title": _string("Title."),
                        "url": _url("Address of the change idea's page."),
                        "counts": _record(
                            "How many services tested it, and decided what.",
                            {
                                "tested": _count("Services that tested it."),
                                "adopted": _count("Of those, services that adopted it."),
                                "adapted": _count("Of those, services that adapted it."),
                                "abandoned": _count("Of those, services that abandoned it."),
                                "undecided": _count("Of those, services with no decision yet."),
                            },
                        ),
                        "decisions": _list(
                            "One per service that tested it, in case study id order.",
                            _record(
                                "A service's decision: the act of its latest PDSA cycle.",
                                {
                                    "case_study": _string("Case study id."),
                                    "decision": _maybe(
                                        "adopt, adapt or abandon; null without a cycle.",
                                        enum=[*DECISIONS, None],
                                    ),
                                    "cycles": _count("PDSA cycles of the idea it ran."),
                                    "latest_cycle_start": _maybe(
                                        "Start of its latest cycle of the idea.", format="date"
                                    ),
                                },
                            ),
                        ),
                    },
                ),
            ),
        },
    )


def _measure_services() -> JsonObject:
    return _record(
        "A measure's latest state at every service that reports it.",
        {
            "id": _string("Measure id (see measures.json)."),
            "title": _string("Title of the measure."),
            "url": _url("Address of the measure's across-services page."),
            "measure_url": _url("Address of the measure's page."),
            "direction": _string("Which way is better.", enum=list(DIRECTIONS)),
            "goal": _maybe("The goal in display units.", "number"),
            "services": _list(
                "One per series of the measure, in series id order.",
                _record(
                    "A service's latest state on the measure.",
                    {
                        "case_study": _string("Case study id."),
                        "case_study_url": _url("Address of the case study's page."),
                        "series": _string("Series id (its chart's file name)."),
                        "organisations": _ids("Organisation ids."),
                        "settings": _ids("Care setting ids."),
                        "points": _count("Points the chart's rules counted."),
                        "latest_period": _maybe("Start of the latest period.", format="date"),
                        "latest_value": _maybe("The latest value, in display units.", "number"),
                        "variation": _string(
                            "What the latest phase shows.", enum=list(VARIATION_KINDS)
                        ),
                        "side": _maybe("Side of the signal.", enum=["high", "low", None]),
                        "assurance": _string(
                            "The goal against the latest limits.", enum=list(ASSURANCE_KINDS)
                        ),
                        "status": _string("The status in words, in the file's language."),
                        "csv": _url("Address of the data as CSV."),
                        "svg": _url("Address of the chart (SVG)."),
                    },
                ),
            ),
        },
    )


def schema_for(name: str) -> JsonObject:
    """Return the JSON Schema of one open-data file (`toolkits`, `case-studies`, …)."""
    makers = {
        "toolkits": _toolkit,
        "case-studies": _case_study,
        "measures": _measure,
        "lessons": _lesson,
        "what-works": _what_works,
        "measures-across-services": _measure_services,
    }
    item = makers[name]()
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
