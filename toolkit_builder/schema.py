"""Every content file type declared once: fields, types, rules and a documented example.

The declarations drive validation (`validate.py`), the field reference in
`docs/authoring.md` (`toolkit-builder docs-fields`), and translation rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal[
    "text",
    "markdown",
    "id",
    "ids",
    "date",
    "datetime",
    "int",
    "number",
    "bool",
    "semver",
    "email",
    "url",
    "choice",
    "choices",
    "strings",
    "path",
    "object",
    "objects",
    "groups",
]

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


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a content file."""

    name: str
    kind: FieldKind
    doc: str
    """What the field means, for authors."""
    example: str = ""
    """A YAML example of the value (without the key)."""
    required: bool = False
    choices: tuple[str, ...] = ()
    """Allowed values for `choice` and `choices` fields."""
    fields: tuple[Field, ...] = ()
    """Sub-fields of an `object` or of each item of `objects`."""
    translatable: bool = False
    """A translation file may give this field in another language."""
    min_items: int = 0
    max_items: int | None = None


@dataclass(frozen=True, slots=True)
class FileType:
    """One kind of content file: where it lives and which fields it has."""

    kind: str
    """Folder name, or `site`, `organisations`, `topics`."""
    title: str
    where: str
    fields: tuple[Field, ...]


def _f(name: str, kind: FieldKind, doc: str, example: str = "", **options: object) -> Field:
    return Field(name, kind, doc, example, **options)  # type: ignore[arg-type]


LICENCE = (
    _f("name", "text", "Name of the licence.", "Open Government Licence v3.0", required=True),
    _f(
        "url",
        "url",
        "Where the licence text is.",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
)

ACCESSIBILITY_STATUSES = ("fully-compliant", "partially-compliant", "non-compliant")
ACCESSIBILITY = (
    _f(
        "status",
        "choice",
        "How far the site meets the standard (the statement's compliance status).",
        "partially-compliant",
        required=True,
        choices=ACCESSIBILITY_STATUSES,
    ),
    _f(
        "standard",
        "text",
        "The standard the site is measured against; default WCAG 2.2 AA.",
        "WCAG 2.2 AA",
    ),
    _f(
        "known_issues",
        "strings",
        "Content that does not meet the standard, one sentence each (non-accessible content).",
        "[Some PDF worksheets from partner organisations are not tagged for screen readers.]",
        translatable=True,
    ),
    _f(
        "how_tested",
        "markdown",
        "How the site was tested; a default names the theme's own checks.",
        "We tested every page type with axe-core and by hand with a keyboard and NVDA.",
        translatable=True,
    ),
    _f(
        "contact",
        "email",
        "Where to report a problem or ask for another format; default contact_email.",
        "accessibility@example.org",
    ),
    _f(
        "response_days",
        "int",
        "Working days within which you reply to feedback.",
        "5",
    ),
    _f(
        "enforcement",
        "markdown",
        "Who enforces the accessibility regulations where you are (the enforcement procedure).",
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing …",
        translatable=True,
    ),
    _f("prepared", "date", "When the statement was first prepared.", "2026-10-01", required=True),
    _f("last_reviewed", "date", "When the statement was last reviewed.", "2026-10-01"),
)

SITE = FileType(
    "site",
    "Site settings",
    "site.yaml",
    (
        _f(
            "title",
            "text",
            "Name of the programme, shown in every page header.",
            "Safe Care Collaborative",
            required=True,
            translatable=True,
        ),
        _f(
            "base_url",
            "url",
            "Public address of the site, used in sitemap.xml and feeds; may include a subpath.",
            "https://example.org/safe-care/",
            required=True,
        ),
        _f(
            "languages",
            "strings",
            "Language codes; the first is the default.",
            "[en, cy]",
            min_items=1,
        ),
        _f(
            "licence",
            "object",
            "Default licence of all content.",
            "{name: Open Government Licence v3.0, url: https://…}",
            required=True,
            fields=LICENCE,
        ),
        _f(
            "contact_email",
            "email",
            "Programme mailbox shown in the footer.",
            "improvement@example.org",
        ),
        _f(
            "settings",
            "strings",
            "Controlled list of care settings that toolkits and case studies use.",
            "[acute, community, primary-care]",
        ),
        _f(
            "chart_rules",
            "choice",
            "Default rule set for charts.",
            "anhoej",
            choices=("anhoej", "ihi", "mdc"),
        ),
        _f(
            "allow_raw_html",
            "bool",
            "Let raw HTML in Markdown through; escaped when false.",
            "false",
        ),
        _f(
            "description",
            "text",
            "One-sentence description of the programme for the home page and search engines.",
            "A collaborative of health services testing changes to …",
            translatable=True,
        ),
        _f(
            "accessibility",
            "object",
            "The accessibility statement, published at accessibility/ in the standard UK "
            "public-sector structure. A free page `pages/accessibility.md` adds its text "
            "to the statement instead of being a page of its own.",
            "{status: partially-compliant, prepared: 2026-10-01, known_issues: [...]}",
            fields=ACCESSIBILITY,
        ),
        _f(
            "search",
            "object",
            "Settings of the site search.",
            "{synonyms: [[NEWS2, early warning score]]}",
            fields=(
                _f(
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

RESOURCE = (
    _f(
        "title", "text", "Name of the resource.", "PDSA worksheet", required=True, translatable=True
    ),
    _f(
        "file",
        "path",
        "File under content/resources/, bundled for download.",
        "resources/pdsa-worksheet.md",
    ),
    _f("url", "url", "Link to a resource we may not copy (link only).", "https://www.rcp.ac.uk/…"),
    _f("licence", "text", "Licence or copyright of this resource.", '"© RCP, link only"'),
)

CHANGELOG = (
    _f("version", "semver", "Version this entry describes.", "1.2.0", required=True),
    _f("date", "date", "Date of the change.", "2026-03-01", required=True),
    _f(
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
        _f(
            "title",
            "text",
            "Name of the toolkit.",
            "Recognising and responding to deterioration",
            required=True,
            translatable=True,
        ),
        _f(
            "summary",
            "text",
            "Plain-language summary, at most 80 words.",
            "How wards can spot …",
            required=True,
            translatable=True,
        ),
        _f(
            "change_package",
            "id",
            "Id of the change package (content/change-packages/<id>.yaml).",
            "deterioration",
            required=True,
        ),
        _f(
            "measures",
            "ids",
            "Ids of the family of measures: outcome, process and balancing.",
            "[news2-complete, timely-review]",
            required=True,
            min_items=1,
        ),
        _f("topics", "ids", "Ids from topics.yaml.", "[deterioration]", required=True, min_items=1),
        _f(
            "settings",
            "strings",
            "Care settings from site.yaml `settings`.",
            "[acute, community]",
            required=True,
            min_items=1,
        ),
        _f("version", "semver", "Semantic version of the toolkit.", "1.2.0", required=True),
        _f(
            "last_reviewed",
            "date",
            "Date the content was last reviewed (ISO date).",
            "2026-03-01",
            required=True,
        ),
        _f("status", "choice", "Publication status.", "published", choices=TOOLKIT_STATUSES),
        _f(
            "superseded_by",
            "id",
            "Id of the toolkit that replaces this one (only with status superseded).",
            "deterioration-v2",
        ),
        _f(
            "licence",
            "object",
            "Licence of this toolkit if not the site's.",
            "{name: CC BY 4.0, url: https://…}",
            fields=LICENCE,
        ),
        _f(
            "resources",
            "objects",
            "Downloads: a bundled `file` or a link-only `url`.",
            "[{title: PDSA worksheet, file: resources/pdsa-worksheet.md}]",
            fields=RESOURCE,
        ),
        _f(
            "changelog",
            "objects",
            "Versions and what changed in each.",
            "[{version: 1.2.0, date: 2026-03-01, note: Added a balancing measure}]",
            fields=CHANGELOG,
        ),
    ),
)

DRIVER_ITEM = (
    _f("id", "id", "Id, unique in the change package.", "e-obs", required=True),
    _f(
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
        _f(
            "title",
            "text",
            "Name of the change package.",
            "Deterioration change package",
            required=True,
            translatable=True,
        ),
        _f(
            "aim",
            "object",
            "The aim: how much, by when.",
            "{statement: By March 2027, reduce … by 30%., by_when: 2027-03-31}",
            required=True,
            fields=(
                _f(
                    "statement",
                    "text",
                    "The aim, with a number and a date.",
                    "By March 2027, reduce cardiac arrest calls by 30%.",
                    required=True,
                    translatable=True,
                ),
                _f("by_when", "date", "Date the aim should be met.", "2027-03-31", required=True),
            ),
        ),
        _f(
            "primary_drivers",
            "objects",
            "1 to 8 primary drivers, each with its secondary drivers.",
            "[{id: reliable-observations, title: …, secondary_drivers: [{id: e-obs, title: …}]}]",
            required=True,
            min_items=1,
            max_items=8,
            fields=(
                *DRIVER_ITEM,
                _f(
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
        _f(
            "change_ideas",
            "objects",
            "Changes to test, each linked to secondary drivers.",
            "[{id: escalation-aid, title: …, description: …, drivers: [e-obs]}]",
            required=True,
            min_items=1,
            fields=(
                _f(
                    "id", "id", "Id, unique in the change package.", "escalation-aid", required=True
                ),
                _f(
                    "title",
                    "text",
                    "Name of the change idea.",
                    "Escalation aid at the bedside",
                    required=True,
                    translatable=True,
                ),
                _f(
                    "description",
                    "markdown",
                    "What the change is and how to test it (Markdown).",
                    "A laminated card …",
                    translatable=True,
                ),
                _f(
                    "drivers",
                    "ids",
                    "Ids of the secondary drivers it acts on.",
                    "[e-obs]",
                    required=True,
                    min_items=1,
                ),
                _f(
                    "measures",
                    "ids",
                    "Ids of measures that show whether it works.",
                    "[timely-review]",
                ),
            ),
        ),
    ),
)

MEASURE = FileType(
    "measures",
    "Measure",
    "content/measures/<id>.yaml",
    (
        _f(
            "title",
            "text",
            'What is measured, without "increase" or "reduce".',
            "Observation sets complete and correctly scored",
            required=True,
            translatable=True,
        ),
        _f(
            "type",
            "choice",
            "Role in the family of measures.",
            "process",
            required=True,
            choices=("outcome", "process", "balancing"),
        ),
        _f(
            "definition",
            "markdown",
            "Operational definition.",
            "Share of sampled observation sets …",
            required=True,
            translatable=True,
        ),
        _f(
            "scoring",
            "choice",
            "What kind of number it is.",
            "proportion",
            required=True,
            choices=("proportion", "rate", "count", "value"),
        ),
        _f(
            "numerator",
            "text",
            "What is counted on top (required for proportion and rate).",
            "Sampled sets complete and correctly scored",
            translatable=True,
        ),
        _f(
            "denominator",
            "text",
            "What it is counted out of (required for proportion and rate).",
            "Sampled observation sets",
            translatable=True,
        ),
        _f(
            "multiplier",
            "number",
            "Scale for display: 100 for %, 1000 for per 1,000 bed days.",
            "100",
        ),
        _f("unit", "text", "Unit shown after values.", '"%"', translatable=True),
        _f(
            "direction",
            "choice",
            "Which way is better.",
            "increase",
            required=True,
            choices=("increase", "decrease", "neutral"),
        ),
        _f(
            "chart",
            "choice",
            "Chart type; must suit scoring (proportion: p or run; rate: u or run; count: c or run; value: i or run).",
            "p",
            required=True,
            choices=("run", "i", "p", "u", "c"),
        ),
        _f(
            "data_source",
            "text",
            "Where the data come from.",
            "e-observations audit",
            required=True,
            translatable=True,
        ),
        _f(
            "sampling",
            "text",
            "How data are sampled.",
            "10 random sets per ward per week",
            translatable=True,
        ),
        _f(
            "frequency",
            "choice",
            "How often a point is plotted.",
            "weekly",
            required=True,
            choices=("daily", "weekly", "monthly", "quarterly"),
        ),
        _f(
            "exclusions",
            "strings",
            "What is left out of the measure.",
            "[critical care]",
            translatable=True,
        ),
        _f(
            "goal",
            "object",
            "Goal in display units and its date.",
            "{value: 95, by: 2027-03-31}",
            fields=(
                _f(
                    "value",
                    "number",
                    "Goal value, in display units (95 for 95%).",
                    "95",
                    required=True,
                ),
                _f("by", "date", "Date by when.", "2027-03-31"),
            ),
        ),
        _f("status", "choice", "Publication status.", "published", choices=STATUSES),
    ),
)

CASE_STUDY = FileType(
    "case-studies",
    "Case study",
    "content/case-studies/<id>.yaml",
    (
        _f(
            "title",
            "text",
            "Headline of the story.",
            "Ward 7 halves time to review",
            required=True,
            translatable=True,
        ),
        _f(
            "organisations",
            "ids",
            "Ids from organisations.yaml.",
            "[northvale]",
            required=True,
            min_items=1,
        ),
        _f(
            "settings",
            "strings",
            "Care settings from site.yaml.",
            "[acute]",
            required=True,
            min_items=1,
        ),
        _f("toolkit", "id", "Id of the toolkit the service used.", "deterioration", required=True),
        _f(
            "period",
            "object",
            "When the work ran.",
            "{start: 2025-01-01, end: 2025-12-31}",
            required=True,
            fields=(
                _f("start", "date", "First day.", "2025-01-01", required=True),
                _f("end", "date", "Last day.", "2025-12-31", required=True),
            ),
        ),
        _f(
            "aim",
            "markdown",
            "The team's own aim (Markdown).",
            "By December 2025, 95% of …",
            required=True,
            translatable=True,
        ),
        _f(
            "context",
            "markdown",
            "The service and why it started (Markdown).",
            "Ward 7 is a 28-bed …",
            required=True,
            translatable=True,
        ),
        _f(
            "changes_tested",
            "objects",
            "Change ideas tested and how they were adapted.",
            "[{change_idea: escalation-aid, adaptation: …}]",
            required=True,
            min_items=1,
            fields=(
                _f(
                    "change_idea",
                    "id",
                    "Id of a change idea in the toolkit's change package.",
                    "escalation-aid",
                    required=True,
                ),
                _f(
                    "adaptation",
                    "markdown",
                    "What was changed locally (Markdown).",
                    "Cards printed for each bay",
                    translatable=True,
                ),
            ),
        ),
        _f(
            "pdsa_cycles",
            "objects",
            "Plan-Do-Study-Act cycles.",
            "[{change_idea: escalation-aid, cycle: 1, start: 2025-02-03, …, act: adopt}]",
            fields=(
                _f(
                    "change_idea",
                    "id",
                    "Id of the change idea tested.",
                    "escalation-aid",
                    required=True,
                ),
                _f("cycle", "int", "Cycle number.", "1", required=True),
                _f("start", "date", "First day of the cycle.", "2025-02-03", required=True),
                _f(
                    "objective",
                    "text",
                    "What the cycle set out to learn.",
                    "Will night staff use the card?",
                    translatable=True,
                ),
                _f(
                    "prediction",
                    "text",
                    "What the team expected.",
                    "Most will, after one briefing",
                    translatable=True,
                ),
                _f(
                    "plan",
                    "text",
                    "Who, what, where, when.",
                    "One bay, one week",
                    translatable=True,
                ),
                _f("do", "text", "What happened.", "Used on 19 of 24 shifts", translatable=True),
                _f(
                    "study",
                    "text",
                    "What the data showed against the prediction.",
                    "Fewer delays than predicted",
                    translatable=True,
                ),
                _f(
                    "act",
                    "choice",
                    "Decision.",
                    "adopt",
                    required=True,
                    choices=("adopt", "adapt", "abandon"),
                ),
            ),
        ),
        _f(
            "series",
            "objects",
            "Measure data shown as charts.",
            "[{measure: timely-review, data: data/ward7-timely-review.csv}]",
            fields=(
                _f("measure", "id", "Id of the measure.", "timely-review", required=True),
                _f(
                    "data",
                    "path",
                    "CSV file under content/.",
                    "data/ward7-timely-review.csv",
                    required=True,
                ),
                _f(
                    "chart",
                    "choice",
                    "Override of the measure's chart type.",
                    "p",
                    choices=("run", "i", "p", "u", "c"),
                ),
                _f(
                    "rules",
                    "choice",
                    "Override of site.yaml chart_rules.",
                    "ihi",
                    choices=("anhoej", "ihi", "mdc"),
                ),
                _f(
                    "baseline",
                    "object",
                    "Freeze centre and limits on the first points or up to a date.",
                    "{points: 12}",
                    fields=(
                        _f("points", "int", "Number of baseline points.", "12"),
                        _f("end", "date", "Last date of the baseline.", "2025-03-31"),
                    ),
                ),
                _f(
                    "phases",
                    "objects",
                    "Periods with their own centre and limits.",
                    "[{start: 2025-06-02, name: Escalation aid in use}]",
                    fields=(
                        _f(
                            "start",
                            "date",
                            "First period of the phase.",
                            "2025-06-02",
                            required=True,
                        ),
                        _f(
                            "name",
                            "text",
                            "Label of the phase.",
                            "Escalation aid in use",
                            translatable=True,
                        ),
                    ),
                ),
                _f(
                    "annotations",
                    "objects",
                    "Changes tested, marked on the chart.",
                    "[{date: 2025-02-03, label: PDSA 1 escalation aid}]",
                    fields=(
                        _f("date", "date", "Where to mark.", "2025-02-03", required=True),
                        _f(
                            "label",
                            "text",
                            "Short label.",
                            "PDSA 1 escalation aid",
                            required=True,
                            translatable=True,
                        ),
                    ),
                ),
            ),
        ),
        _f(
            "results",
            "markdown",
            "What happened, in plain language (Markdown).",
            "Median time to review fell from …",
            required=True,
            translatable=True,
        ),
        _f(
            "lessons",
            "objects",
            "Lessons learned, at least one.",
            "[{statement: Start with one ward, category: leadership, try_this: …}]",
            required=True,
            min_items=1,
            fields=(
                _f(
                    "statement",
                    "text",
                    "The lesson.",
                    "Start with one ward and one shift",
                    required=True,
                    translatable=True,
                ),
                _f(
                    "category",
                    "choice",
                    "Kind of lesson.",
                    "leadership",
                    required=True,
                    choices=LESSON_CATEGORIES,
                ),
                _f(
                    "try_this",
                    "text",
                    "What another service could do.",
                    "Ask the night team to pick the first bay",
                    translatable=True,
                ),
            ),
        ),
        _f(
            "contact",
            "email",
            "A role mailbox, not a person's address.",
            "improvement@northvale.example",
            required=True,
        ),
        _f("status", "choice", "Publication status.", "published", choices=STATUSES),
    ),
)

EVENT = FileType(
    "events",
    "Event",
    "content/events/<id>.yaml",
    (
        _f(
            "title",
            "text",
            "Name of the event.",
            "Learning session 1",
            required=True,
            translatable=True,
        ),
        _f(
            "type",
            "choice",
            "Kind of event.",
            "learning-session",
            choices=("learning-session", "webinar", "community-of-practice", "celebration"),
        ),
        _f(
            "start",
            "datetime",
            "Start, ISO date and time with UTC offset.",
            "2026-11-29T10:00:00+00:00",
            required=True,
        ),
        _f(
            "end",
            "datetime",
            "End, ISO date and time with UTC offset.",
            "2026-11-29T16:00:00+00:00",
        ),
        _f(
            "format",
            "choice",
            "How people take part.",
            "in-person",
            choices=("in-person", "virtual", "hybrid"),
        ),
        _f("location", "text", "Where.", "Cardiff", translatable=True),
        _f(
            "summary",
            "markdown",
            "What it is about (Markdown).",
            "Teams share their first PDSA cycles.",
            translatable=True,
        ),
        _f(
            "resources",
            "objects",
            "Slides and other files.",
            "[{title: Slides, file: resources/ls1-slides.pdf}]",
            fields=RESOURCE,
        ),
        _f("status", "choice", "Publication status.", "published", choices=STATUSES),
    ),
)

PAGE = FileType(
    "pages",
    "Free page",
    "content/pages/<id>.md (front matter; the Markdown body is the page)",
    (
        _f("title", "text", "Page title.", "About the programme", required=True, translatable=True),
        _f(
            "summary",
            "text",
            "One-sentence summary.",
            "Who we are and how the collaborative works.",
            translatable=True,
        ),
        _f("status", "choice", "Publication status.", "published", choices=STATUSES),
    ),
)

ORGANISATION = FileType(
    "organisations",
    "Organisation",
    "content/organisations.yaml (a list of these)",
    (
        _f("id", "id", "Id used by case studies.", "northvale", required=True),
        _f(
            "name",
            "text",
            "Name of the organisation.",
            "Northvale Health (fictional)",
            required=True,
            translatable=True,
        ),
        _f(
            "type",
            "text",
            "Kind of organisation.",
            "Health board",
            required=True,
            translatable=True,
        ),
        _f("region", "text", "Region.", "North", translatable=True),
        _f("url", "url", "Website.", "https://northvale.example"),
    ),
)

TOPIC = FileType(
    "topics",
    "Topic",
    "content/topics.yaml (a list of these)",
    (
        _f("id", "id", "Id used by toolkits.", "deterioration", required=True),
        _f(
            "title", "text", "Name of the topic.", "Deterioration", required=True, translatable=True
        ),
        _f(
            "summary",
            "text",
            "One sentence.",
            "Spotting and acting on a patient getting worse.",
            translatable=True,
        ),
    ),
)

FILE_TYPES: dict[str, FileType] = {
    t.kind: t
    for t in (SITE, TOOLKIT, CHANGE_PACKAGE, MEASURE, CASE_STUDY, EVENT, PAGE, ORGANISATION, TOPIC)
}
"""Every file type by kind."""

CHARTS_FOR_SCORING: dict[str, tuple[str, ...]] = {
    "proportion": ("p", "run"),
    "rate": ("u", "run"),
    "count": ("c", "run"),
    "value": ("i", "run"),
}
"""Which chart types suit each scoring."""
