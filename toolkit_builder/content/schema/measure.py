"""content/measures/*.yaml: a measure's definition, and the charts that suit its scoring."""

from __future__ import annotations

from toolkit_builder.content.schema.common import STATUSES
from toolkit_builder.content.schema.field import Field, FileType

MEASURE = FileType(
    "measures",
    "Measure",
    "content/measures/<id>.yaml",
    (
        Field(
            "title",
            "text",
            'What is measured, without "increase" or "reduce".',
            "Observation sets complete and correctly scored",
            required=True,
            translatable=True,
        ),
        Field(
            "type",
            "choice",
            "Role in the family of measures.",
            "process",
            required=True,
            choices=("outcome", "process", "balancing"),
        ),
        Field(
            "definition",
            "markdown",
            "Operational definition.",
            "Share of sampled observation sets …",
            required=True,
            translatable=True,
        ),
        Field(
            "scoring",
            "choice",
            "What kind of number it is.",
            "proportion",
            required=True,
            choices=("proportion", "rate", "count", "value"),
        ),
        Field(
            "numerator",
            "text",
            "What is counted on top (required for proportion and rate).",
            "Sampled sets complete and correctly scored",
            translatable=True,
        ),
        Field(
            "denominator",
            "text",
            "What it is counted out of (required for proportion and rate).",
            "Sampled observation sets",
            translatable=True,
        ),
        Field(
            "multiplier",
            "number",
            "Scale for display: 100 for %, 1000 for per 1,000 bed days.",
            "100",
        ),
        Field("unit", "text", "Unit shown after values.", '"%"', translatable=True),
        Field(
            "direction",
            "choice",
            "Which way is better.",
            "increase",
            required=True,
            choices=("increase", "decrease", "neutral"),
        ),
        Field(
            "chart",
            "choice",
            "Chart type; must suit scoring (proportion: p or run; rate: u or run; count: c or run; value: i or run).",
            "p",
            required=True,
            choices=("run", "i", "p", "u", "c"),
        ),
        Field(
            "data_source",
            "text",
            "Where the data come from.",
            "e-observations audit",
            required=True,
            translatable=True,
        ),
        Field(
            "sampling",
            "text",
            "How data are sampled.",
            "10 random sets per ward per week",
            translatable=True,
        ),
        Field(
            "frequency",
            "choice",
            "How often a point is plotted.",
            "weekly",
            required=True,
            choices=("daily", "weekly", "monthly", "quarterly"),
        ),
        Field(
            "exclusions",
            "strings",
            "What is left out of the measure.",
            "[critical care]",
            translatable=True,
        ),
        Field(
            "goal",
            "object",
            "Goal in display units and its date.",
            "{value: 95, by: 2027-03-31}",
            fields=(
                Field(
                    "value",
                    "number",
                    "Goal value, in display units (95 for 95%).",
                    "95",
                    required=True,
                ),
                Field("by", "date", "Date by when.", "2027-03-31"),
            ),
        ),
        Field("status", "choice", "Publication status.", "published", choices=STATUSES),
    ),
)

CHARTS_FOR_SCORING: dict[str, tuple[str, ...]] = {
    "proportion": ("p", "run"),
    "rate": ("u", "run"),
    "count": ("c", "run"),
    "value": ("i", "run"),
}
"""Which chart types suit each scoring."""
