"""site.yaml: the programme's settings and its accessibility statement."""

from __future__ import annotations

from toolkit_builder.content.schema.common import LICENCE
from toolkit_builder.content.schema.field import Field, FileType

ACCESSIBILITY_STATUSES = ("fully-compliant", "partially-compliant", "non-compliant")
ACCESSIBILITY = (
    Field(
        "status",
        "choice",
        "How far the site meets the standard (the statement's compliance status).",
        "partially-compliant",
        required=True,
        choices=ACCESSIBILITY_STATUSES,
    ),
    Field(
        "standard",
        "text",
        "The standard the site is measured against; default WCAG 2.2 AA.",
        "WCAG 2.2 AA",
    ),
    Field(
        "known_issues",
        "strings",
        "Content that does not meet the standard, one sentence each (non-accessible content).",
        "[Some PDF worksheets from partner organisations are not tagged for screen readers.]",
        translatable=True,
    ),
    Field(
        "how_tested",
        "markdown",
        "How the site was tested; a default names the theme's own checks.",
        "We tested every page type with axe-core and by hand with a keyboard and NVDA.",
        translatable=True,
    ),
    Field(
        "contact",
        "email",
        "Where to report a problem or ask for another format; default contact_email.",
        "accessibility@example.org",
    ),
    Field(
        "response_days",
        "int",
        "Working days within which you reply to feedback.",
        "5",
    ),
    Field(
        "enforcement",
        "markdown",
        "Who enforces the accessibility regulations where you are (the enforcement procedure).",
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing …",
        translatable=True,
    ),
    Field(
        "prepared", "date", "When the statement was first prepared.", "2026-10-01", required=True
    ),
    Field("last_reviewed", "date", "When the statement was last reviewed.", "2026-10-01"),
)

SITE = FileType(
    "site",
    "Site settings",
    "site.yaml",
    (
        Field(
            "title",
            "text",
            "Name of the programme, shown in every page header.",
            "Safe Care Collaborative",
            required=True,
            translatable=True,
        ),
        Field(
            "base_url",
            "url",
            "Public address of the site, used in sitemap.xml and feeds; may include a subpath.",
            "https://example.org/safe-care/",
            required=True,
        ),
        Field(
            "languages",
            "strings",
            "Language codes; the first is the default.",
            "[en, cy]",
            min_items=1,
        ),
        Field(
            "licence",
            "object",
            "Default licence of all content.",
            "{name: Open Government Licence v3.0, url: https://…}",
            required=True,
            fields=LICENCE,
        ),
        Field(
            "contact_email",
            "email",
            "Programme mailbox shown in the footer.",
            "improvement@example.org",
        ),
        Field(
            "settings",
            "strings",
            "Controlled list of care settings that toolkits and case studies use.",
            "[acute, community, primary-care]",
        ),
        Field(
            "chart_rules",
            "choice",
            "Default rule set for charts.",
            "anhoej",
            choices=("anhoej", "ihi", "mdc"),
        ),
        Field(
            "allow_raw_html",
            "bool",
            "Let raw HTML in Markdown through; escaped when false.",
            "false",
        ),
        Field(
            "description",
            "text",
            "One-sentence description of the programme for the home page and search engines.",
            "A collaborative of health services testing changes to …",
            translatable=True,
        ),
        Field(
            "accessibility",
            "object",
            "The accessibility statement, published at accessibility/ in the standard UK "
            "public-sector structure. A free page `pages/accessibility.md` adds its text "
            "to the statement instead of being a page of its own.",
            "{status: partially-compliant, prepared: 2026-10-01, known_issues: [...]}",
            fields=ACCESSIBILITY,
        ),
        Field(
            "search",
            "object",
            "Settings of the site search.",
            "{synonyms: [[NEWS2, early warning score]]}",
            fields=(
                Field(
                    "synonyms",
                    "groups",
                    "Groups of words and phrases that mean the same thing: a search for "
                    "any of them finds pages that use another. Plurals are matched too.",
                    "[[NEWS2, early warning score], [pressure injury, pressure ulcer, bedsore]]",
                    min_items=0,
                ),
            ),
        ),
    ),
)
