"""content/pages/*.md: free pages such as About."""

from __future__ import annotations

from toolkit_builder.content.schema.common import STATUSES
from toolkit_builder.content.schema.field import Field, FileType

PAGE = FileType(
    "pages",
    "Free page",
    "content/pages/<id>.md (front matter; the Markdown body is the page)",
    (
        Field(
            "title", "text", "Page title.", "About the programme", required=True, translatable=True
        ),
        Field(
            "summary",
            "text",
            "One-sentence summary.",
            "Who we are and how the collaborative works.",
            translatable=True,
        ),
        Field("status", "choice", "Publication status.", "published", choices=STATUSES),
    ),
)
