"""Vocabularies and field groups that several file types share."""

from __future__ import annotations

from toolkit_builder.content.schema.field import Field

LESSON_CATEGORIES = (
    "leadership",
    "data",
    "consumers",
    "workforce",
    "digital",
    "clinical",
    "spread",
)
STATUSES = ("draft", "published")
TOOLKIT_STATUSES = ("draft", "published", "superseded", "retired")

LICENCE = (
    Field("name", "text", "Name of the licence.", "Open Government Licence v3.0", required=True),
    Field(
        "url",
        "url",
        "Where the licence text is.",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
)

RESOURCE = (
    Field(
        "title", "text", "Name of the resource.", "PDSA worksheet", required=True, translatable=True
    ),
    Field(
        "file",
        "path",
        "File under content/resources/, bundled for download.",
        "resources/pdsa-worksheet.md",
    ),
    Field(
        "url", "url", "Link to a resource we may not copy (link only).", "https://www.rcp.ac.uk/…"
    ),
    Field("licence", "text", "Licence or copyright of this resource.", '"© RCP, link only"'),
)
