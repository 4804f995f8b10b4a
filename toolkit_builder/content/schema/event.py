"""content/events/*.yaml: learning sessions, webinars and other events."""

from __future__ import annotations

from toolkit_builder.content.schema.common import RESOURCE, STATUSES
from toolkit_builder.content.schema.field import Field, FileType

EVENT = FileType(
    "events",
    "Event",
    "content/events/<id>.yaml",
    (
        Field(
            "title",
            "text",
            "Name of the event.",
            "Learning session 1",
            required=True,
            translatable=True,
        ),
        Field(
            "type",
            "choice",
            "Kind of event.",
            "learning-session",
            choices=("learning-session", "webinar", "community-of-practice", "celebration"),
        ),
        Field(
            "start",
            "datetime",
            "Start, ISO date and time with UTC offset.",
            "2026-11-29T10:00:00+00:00",
            required=True,
        ),
        Field(
            "end",
            "datetime",
            "End, ISO date and time with UTC offset.",
            "2026-11-29T16:00:00+00:00",
        ),
        Field(
            "format",
            "choice",
            "How people take part.",
            "in-person",
            choices=("in-person", "virtual", "hybrid"),
        ),
        Field("location", "text", "Where.", "Cardiff", translatable=True),
        Field(
            "summary",
            "markdown",
            "What it is about (Markdown).",
            "Teams share their first PDSA cycles.",
            translatable=True,
        ),
        Field(
            "toolkits",
            "ids",
            "Toolkits the event covers (toolkit ids). Its page then links a printable "
            "pack: each service that tested them, with its latest charts and status, its "
            "latest PDSA decisions and its lessons.",
            "[deterioration, falls]",
        ),
        Field(
            "organisations",
            "ids",
            "Organisations the event covers (ids from organisations.yaml). With "
            "`toolkits`, the pack shows only these organisations' services of those "
            "toolkits; alone, every service of these organisations.",
            "[northvale, riverside]",
        ),
        Field(
            "resources",
            "objects",
            "Slides and other files.",
            "[{title: Slides, file: resources/ls1-slides.pdf}]",
            fields=RESOURCE,
        ),
        Field("status", "choice", "Publication status.", "published", choices=STATUSES),
    ),
)
