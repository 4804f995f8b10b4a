"""content/change-packages/*.yaml: aim, driver diagram and change ideas."""

from __future__ import annotations

from toolkit_builder.content.schema.field import Field, FileType

DRIVER_ITEM = (
    Field("id", "id", "Id, unique in the change package.", "e-obs", required=True),
    Field(
        "title",
        "text",
        "What must be in place.",
        "Observations scored automatically",
        required=True,
        translatable=True,
    ),
)

CHANGE_PACKAGE = FileType(
    "change-packages",
    "Change package",
    "content/change-packages/<id>.yaml",
    (
        Field(
            "title",
            "text",
            "Name of the change package.",
            "Deterioration change package",
            required=True,
            translatable=True,
        ),
        Field(
            "aim",
            "object",
            "The aim: how much, by when.",
            "{statement: By March 2027, reduce … by 30%., by_when: 2027-03-31}",
            required=True,
            fields=(
                Field(
                    "statement",
                    "text",
                    "The aim, with a number and a date.",
                    "By March 2027, reduce cardiac arrest calls by 30%.",
                    required=True,
                    translatable=True,
                ),
                Field(
                    "by_when", "date", "Date the aim should be met.", "2027-03-31", required=True
                ),
            ),
        ),
        Field(
            "primary_drivers",
            "objects",
            "1 to 8 primary drivers, each with its secondary drivers.",
            "[{id: reliable-observations, title: …, secondary_drivers: [{id: e-obs, title: …}]}]",
            required=True,
            min_items=1,
            max_items=8,
            fields=(
                *DRIVER_ITEM,
                Field(
                    "secondary_drivers",
                    "objects",
                    "Secondary drivers of this primary driver.",
                    "[{id: e-obs, title: Observations scored automatically}]",
                    required=True,
                    min_items=1,
                    fields=DRIVER_ITEM,
                ),
            ),
        ),
        Field(
            "change_ideas",
            "objects",
            "Changes to test, each linked to secondary drivers.",
            "[{id: escalation-aid, title: …, description: …, drivers: [e-obs]}]",
            required=True,
            min_items=1,
            fields=(
                Field(
                    "id", "id", "Id, unique in the change package.", "escalation-aid", required=True
                ),
                Field(
                    "title",
                    "text",
                    "Name of the change idea.",
                    "Escalation aid at the bedside",
                    required=True,
                    translatable=True,
                ),
                Field(
                    "description",
                    "markdown",
                    "What the change is and how to test it (Markdown).",
                    "A laminated card …",
                    translatable=True,
                ),
                Field(
                    "drivers",
                    "ids",
                    "Ids of the secondary drivers it acts on.",
                    "[e-obs]",
                    required=True,
                    min_items=1,
                ),
                Field(
                    "measures",
                    "ids",
                    "Ids of measures that show whether it works.",
                    "[timely-review]",
                ),
            ),
        ),
    ),
)
