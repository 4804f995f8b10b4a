"""content/toolkits/*.md: a toolkit's front matter."""

from __future__ import annotations

from toolkit_builder.content.schema.common import LICENCE, RESOURCE, TOOLKIT_STATUSES
from toolkit_builder.content.schema.field import Field, FileType

CHANGELOG = (
    Field("version", "semver", "Version this entry describes.", "1.2.0", required=True),
    Field("date", "date", "Date of the change.", "2026-03-01", required=True),
    Field(
        "note",
        "text",
        "What changed.",
        "Added a balancing measure",
        required=True,
        translatable=True,
    ),
)

TOOLKIT = FileType(
    "toolkits",
    "Toolkit",
    "content/toolkits/<id>.md (front matter; the Markdown body is the toolkit text)",
    (
        Field(
            "title",
            "text",
            "Name of the toolkit.",
            "Recognising and responding to deterioration",
            required=True,
            translatable=True,
        ),
        Field(
            "summary",
            "text",
            "Plain-language summary, at most 80 words.",
            "How wards can spot …",
            required=True,
            translatable=True,
        ),
        Field(
            "change_package",
            "id",
            "Id of the change package (content/change-packages/<id>.yaml).",
            "deterioration",
            required=True,
        ),
        Field(
            "measures",
            "ids",
            "Ids of the family of measures: outcome, process and balancing.",
            "[news2-complete, timely-review]",
            required=True,
            min_items=1,
        ),
        Field(
            "topics", "ids", "Ids from topics.yaml.", "[deterioration]", required=True, min_items=1
        ),
        Field(
            "settings",
            "strings",
            "Care settings from site.yaml `settings`.",
            "[acute, community]",
            required=True,
            min_items=1,
        ),
        Field("version", "semver", "Semantic version of the toolkit.", "1.2.0", required=True),
        Field(
            "last_reviewed",
            "date",
            "Date the content was last reviewed (ISO date).",
            "2026-03-01",
            required=True,
        ),
        Field("status", "choice", "Publication status.", "published", choices=TOOLKIT_STATUSES),
        Field(
            "superseded_by",
            "id",
            "Id of the toolkit that replaces this one (only with status superseded).",
            "deterioration-v2",
        ),
        Field(
            "licence",
            "object",
            "Licence of this toolkit if not the site's.",
            "{name: CC BY 4.0, url: https://…}",
            fields=LICENCE,
        ),
        Field(
            "resources",
            "objects",
            "Downloads: a bundled `file` or a link-only `url`.",
            "[{title: PDSA worksheet, file: resources/pdsa-worksheet.md}]",
            fields=RESOURCE,
        ),
        Field(
            "changelog",
            "objects",
            "Versions and what changed in each.",
            "[{version: 1.2.0, date: 2026-03-01, note: Added a balancing measure}]",
            fields=CHANGELOG,
        ),
    ),
)
