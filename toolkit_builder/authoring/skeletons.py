"""Texts of new content files (`toolkit-builder new`): valid placeholders with comments.

Every function here is pure: it returns file texts by path, and `scaffold.py` writes
them. Each field's comment is its documentation in `content/schema/`, so the two agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from toolkit_builder.content.load import CONTENT_FOLDERS
from toolkit_builder.content.schema import CHANGE_PACKAGE, EVENT, MEASURE, PAGE, TOOLKIT, Field

NEW_KINDS: dict[str, str] = {
    "toolkit": "toolkits",
    "change-package": "change-packages",
    "measure": "measures",
    "case-study": "case-studies",
    "event": "events",
    "page": "pages",
}
"""Kinds `toolkit-builder new` makes, and the content folder of each."""

FIRST_PRIMARY_DRIVER = "first-primary-driver"
FIRST_SECONDARY_DRIVER = "first-secondary-driver"
FIRST_CHANGE_IDEA = "first-change-idea"
DRAFT_NOTE = (
    "# Drafts show only in the preview (toolkit-builder serve), never in a build:\n"
    "# delete this line when the placeholders are replaced.\n"
)


@dataclass(frozen=True, slots=True)
class MeasureRef:
    """What a case study's data file needs to know about a measure."""

    id: str
    chart: str
    counts: bool
    """The data are a numerator and denominator (else one value per period)."""
    frequency: str


NEW_MEASURE = MeasureRef("replace-me", "p", True, "monthly")
"""The measure skeleton's own chart, data and frequency (its id is given when made)."""


@dataclass(frozen=True, slots=True)
class SiteRefs:
    """Ids of existing items a new file names, so that it builds as written."""

    toolkit: str = ""
    change_package: str = ""
    change_idea: str = ""
    toolkit_measures: tuple[str, ...] = ()
    series: MeasureRef | None = None
    organisation: str = ""
    topic: str = ""
    setting: str = ""


@dataclass(frozen=True, slots=True)
class Skeleton:
    """Texts of the files to create, and what the author must still fill in."""

    files: dict[PurePosixPath, str]
    todo: tuple[str, ...] = field(default=())
    draft: bool = False
    """The new item is a draft: the preview shows it, a build leaves it out."""


def item_path(kind: str, item_id: str) -> PurePosixPath:
    """Return where a new item of a `new` kind lives, e.g. content/case-studies/ID.yaml."""
    folder = NEW_KINDS[kind]
    return PurePosixPath("content", folder, item_id + CONTENT_FOLDERS[folder])


def quoted(text: str) -> str:
    """Return text as a double-quoted YAML scalar."""
    return json.dumps(text, ensure_ascii=False)


def comment(fields: tuple[Field, ...], name: str, indent: str = "") -> str:
    """Return a field's documentation from the schema as a YAML comment line."""
    spec = next(f for f in fields if f.name == name)
    choices = f" One of: {', '.join(spec.choices)}." if spec.choices else ""
    optional = "" if spec.required or "required" in spec.doc else " (optional)"
    return f"{indent}# {spec.doc}{choices}{optional}\n"


def lines(fields: tuple[Field, ...], values: list[tuple[str, str]], indent: str = "") -> str:
    """Return `name: value` lines, each under the field's documentation as a comment."""
    return "".join(
        comment(fields, name, indent) + f"{indent}{name}: {value}\n" for name, value in values
    )


def ref(value: str, placeholder: str, todo: list[str], what: str) -> str:
    """Return an id from the site, or a placeholder id after noting what to fill in."""
    if value:
        return value
    todo.append(what)
    return placeholder


def header(title: str, draft: bool) -> str:
    """Return the comment lines that open a new file, and `status: draft` for a draft."""
    head = (
        f"# {title}\n# Replace each text that starts with 'Replace:'. Every field is described\n"
        "# in the authoring guide of toolkit-builder (docs/authoring.md).\n"
    )
    return head + (DRAFT_NOTE + "status: draft\n" if draft else "")


def toolkit(item_id: str, refs: SiteRefs, today: date, draft: bool = True) -> Skeleton:
    """Return a toolkit file: front matter naming the site's ids, then a Markdown outline."""
    todo: list[str] = []
    package = ref(
        refs.change_package,
        "replace-with-a-change-package-id",
        todo,
        "change_package: no change package yet (toolkit-builder new change-package ID)",
    )
    measures = refs.toolkit_measures or (
        ref("", "replace-with-a-measure-id", todo, "measures: no measure yet (new measure ID)"),
    )
    topic = ref(refs.topic, "replace-with-a-topic-id", todo, "topics: add one to topics.yaml")
    setting = ref(
        refs.setting, "replace-with-a-setting", todo, "settings: add to 'settings' in site.yaml"
    )
    front = header("A toolkit: what to change, how to measure it, how to start.", draft)
    front += lines(
        TOOLKIT.fields,
        [
            ("title", quoted("Replace: name of the toolkit")),
            ("summary", quoted("Replace: what the toolkit helps services do, in a sentence.")),
            ("change_package", package),
            ("measures", f"[{', '.join(measures)}]"),
            ("topics", f"[{topic}]"),
            ("settings", f"[{setting}]"),
            ("version", "0.1.0"),
            ("last_reviewed", today.isoformat()),
        ],
    )
    front += (
        "# Downloads (optional): a file under content/resources/ or a link-only url.\n"
        "# resources:\n#   - {title: PDSA worksheet, file: resources/pdsa-worksheet.md}\n"
    )
    body = (
        "## The problem\n\nReplace: what goes wrong, for whom, and how often.\n\n"
        "## Evidence\n\nReplace: what is known to work, with references.\n\n"
        "## How to start\n\n1. Replace: the first small test of change.\n\n"
        "## Measuring\n\nReplace: which measures to plot, and how often.\n"
    )
    text = f"---\n{front}---\n{body}"
    return Skeleton({item_path("toolkit", item_id): text}, tuple(todo), draft)


def change_package(item_id: str, today: date) -> Skeleton:
    """Return a change package: an aim, one driver of each level and one change idea."""
    by_when = date(today.year + 1, 12, 31)
    aim_fields = CHANGE_PACKAGE.fields[1].fields
    drivers = CHANGE_PACKAGE.fields[2].fields
    ideas = CHANGE_PACKAGE.fields[3].fields
    aim = quoted(f"Replace: by December {by_when.year}, reduce [what] on [where] by 30%.")
    text = header("A change package: the aim, the driver diagram and the change ideas.", False)
    text += lines(CHANGE_PACKAGE.fields, [("title", quoted("Replace: name of the package"))])
    text += comment(CHANGE_PACKAGE.fields, "aim") + "aim:\n"
    text += lines(aim_fields, [("statement", aim), ("by_when", by_when.isoformat())], "  ")
    text += comment(CHANGE_PACKAGE.fields, "primary_drivers") + "primary_drivers:\n"
    text += f"  - id: {FIRST_PRIMARY_DRIVER}\n"
    text += lines(drivers, [("title", quoted("Replace: what must be in place"))], "    ")
    text += comment(drivers, "secondary_drivers", "    ") + "    secondary_drivers:\n"
    text += f"      - id: {FIRST_SECONDARY_DRIVER}\n"
    text += f"        title: {quoted('Replace: one part of the primary driver')}\n"
    text += comment(CHANGE_PACKAGE.fields, "change_ideas") + "change_ideas:\n"
    text += f"  - id: {FIRST_CHANGE_IDEA}\n"
    text += lines(
        ideas,
        [
            ("title", quoted("Replace: name of a change to test")),
            ("description", quoted("Replace: what the change is and how to test it.")),
            ("drivers", f"[{FIRST_SECONDARY_DRIVER}]"),
        ],
        "    ",
    )
    text += "    # measures: [a-measure-id]   (optional: measures that show whether it works)\n"
    return Skeleton({item_path("change-package", item_id): text})


def measure(item_id: str, draft: bool = True) -> Skeleton:
    """Return a measure: a proportion on a p chart, plotted monthly."""
    text = header("A measure: its operational definition.", draft)
    text += lines(
        MEASURE.fields,
        [
            ("title", quoted("Replace: what is measured")),
            ("type", "process"),
            ("definition", quoted("Replace: exactly what is counted, where, and when.")),
            ("scoring", "proportion"),
            ("numerator", quoted("Replace: what is counted on top")),
            ("denominator", quoted("Replace: what it is counted out of")),
            ("multiplier", "100"),
            ("unit", quoted("%")),
            ("direction", "increase"),
            ("chart", NEW_MEASURE.chart),
            ("data_source", quoted("Replace: where the data come from")),
            ("frequency", NEW_MEASURE.frequency),
        ],
    )
    return Skeleton({item_path("measure", item_id): text}, draft=draft)


def event(item_id: str, today: date, draft: bool = True) -> Skeleton:
    """Return an event: a virtual learning session on the given day, 10:00 to 16:00 UTC."""
    day = today.isoformat()
    text = header("An event: a learning session, webinar or other meeting.", draft)
    text += lines(
        EVENT.fields,
        [
            ("title", quoted("Replace: name of the event")),
            ("type", "learning-session"),
            ("start", f"{day}T10:00:00+00:00"),
            ("end", f"{day}T16:00:00+00:00"),
            ("format", "virtual"),
            ("summary", quoted("Replace: what the event is about.")),
        ],
    )
    return Skeleton({item_path("event", item_id): text}, draft=draft)


def page(item_id: str, draft: bool = True) -> Skeleton:
    """Return a free page (content/pages/ID.md): title, summary, then a Markdown body."""
    front = header("A free page, such as About or How to join.", draft)
    front += lines(
        PAGE.fields,
        [
            ("title", quoted("Replace: title of the page")),
            ("summary", quoted("Replace: what the page is about, in a sentence.")),
        ],
    )
    body = "Replace: the text of the page, in Markdown. Start sections with '## Heading'.\n"
    return Skeleton({item_path("page", item_id): f"---\n{front}---\n{body}"}, draft=draft)
