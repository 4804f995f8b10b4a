"""content/measures/*.yaml: a measure's definition, and the charts that suit its scoring."""

from __future__ import annotations

from toolkit_builder.analysis.types import CHART_TYPES
from toolkit_builder.content.schema.common import STATUSES
from toolkit_builder.content.schema.field import Field, FileType

SCORINGS = ("proportion", "rate", "count", "value", "days-between", "cases-between")
"""What kind of number a measure is; days-between and cases-between are for rare events."""

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
            choices=SCORINGS,
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
            "Chart type; must suit scoring (proportion: p, pp or run; rate: u, up or run; count: c or run; value: i, mr or run; days-between: g, t or run; cases-between: g or run).",
            "p",
            required=True,
            choices=CHART_TYPES,
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
    "proportion": ("p", "pp", "run"),
    "rate": ("u", "up", "run"),
    "count": ("c", "run"),
    "value": ("i", "mr", "run"),
    "days-between": ("g", "t", "run"),
    "cases-between": ("g", "run"),
}
"""Which chart types suit each scoring."""

SCORING_CHARTS_HINTS: dict[str, str] = {
    "proportion": "for a proportion use p, pp (Laney p', for very large denominators) or run",
    "rate": "for a rate use u, up (Laney u', for very large denominators) or run",
    "count": "for a count of events per period use c or run",
    "value": "for a measured value use i, mr (its moving ranges) or run",
    "days-between": "for days between events use g, t or run",
    "cases-between": "for cases between events use g or run",
}
"""How to choose a chart that suits each scoring, for error hints."""

CHART_SCORINGS_HINTS: dict[str, str] = {
    "g": "g charts are for days or cases between rare events (scoring: days-between or cases-between)",
    "t": "t charts are for the time between rare events (scoring: days-between)",
    "pp": "pp is Laney's p' chart, for proportions (scoring: proportion)",
    "up": "up is Laney's u' chart, for rates (scoring: rate)",
    "mr": "mr charts plot the moving ranges of a measured value (scoring: value)",
}
"""What a chart type is for, added to the hint when it is used for the wrong scoring."""


def unsuited_chart_hint(chart: str, scoring: str) -> str:
    """Return the hint for a chart type that does not suit a scoring: the charts that do."""
    suits = SCORING_CHARTS_HINTS.get(scoring, "use " + " or ".join(CHARTS_FOR_SCORING[scoring]))
    extra = CHART_SCORINGS_HINTS.get(chart)
    return f"{suits}; {extra}" if extra else suits
