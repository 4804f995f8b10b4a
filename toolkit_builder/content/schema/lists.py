"""content/organisations.yaml and content/topics.yaml: the site's lists."""

from __future__ import annotations

from toolkit_builder.content.schema.field import Field, FileType

ORGANISATION = FileType(
    "organisations",
    "Organisation",
    "content/organisations.yaml (a list of these)",
    (
        Field("id", "id", "Id used by case studies.", "northvale", required=True),
        Field(
            "name",
            "text",
            "Name of the organisation.",
            "Northvale Health (fictional)",
            required=True,
            translatable=True,
        ),
        Field(
            "type",
            "text",
            "Kind of organisation.",
            "Health board",
            required=True,
            translatable=True,
        ),
        Field("region", "text", "Region.", "North", translatable=True),
        Field("url", "url", "Website.", "https://northvale.example"),
    ),
)

TOPIC = FileType(
    "topics",
    "Topic",
    "content/topics.yaml (a list of these)",
    (
        Field("id", "id", "Id used by toolkits.", "deterioration", required=True),
        Field(
            "title", "text", "Name of the topic.", "Deterioration", required=True, translatable=True
        ),
        Field(
            "summary",
            "text",
            "One sentence.",
            "Spotting and acting on a patient getting worse.",
            translatable=True,
        ),
    ),
)
