"""Texts of new content files (`toolkit-builder new`): valid placeholders with comments.

Every function here is pure: it returns file texts by path, and `scaffold.py` writes
them. Each field's comment is its documentation in `schema.py`, so the two agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePosixPath

from toolkit_builder.load import CONTENT_FOLDERS
from toolkit_builder.schema import CASE_STUDY, CHANGE_PACKAGE, EVENT, MEASURE, TOOLKIT, Field

NEW_KINDS: dict[str, str] = {
    "toolkit": "toolkits",
    "change-package": "change-packages",
    "measure": "measures",
    "case-study": "case-studies",
    "event": "events",
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


def item_path(kind: str, item_id: str) -> PurePosixPath:
    """Return where a new item of a `new` kind lives, e.g. content/case-studies/ID.yaml."""
    folder = NEW_KINDS[kind]
    return PurePosixPath("content", folder, item_id + CONTENT_FOLDERS[folder])


def quoted(text: str) -> str:
    """Return text as a double-quoted YAML scalar."""
    return json.dumps(text, ensure_ascii=False)


def _comment(fields: tuple[Field, ...], name: str, indent: str = "") -> str:
    spec = next(f for f in fields if f.name == name)
    choices = f" One of: {', '.join(spec.choices)}." if spec.choices else ""
    optional = "" if spec.required else " (optional)"
    return f"{indent}# {spec.doc}{choices}{optional}\n"


def _lines(fields: tuple[Field, ...], values: list[tuple[str, str]], indent: str = "") -> str:
    """Return `name: value` lines, each under the field's documentation as a comment."""
    return "".join(
        _comment(fields, name, indent) + f"{indent}{name}: {value}\n" for name, value in values
    )


def _ref(value: str, placeholder: str, todo: list[str], what: str) -> str:
    if value:
        return value
    todo.append(what)
    return placeholder


def _header(title: str, draft: bool) -> str:
    head = (
        f"# {title}\n# Replace each text that starts with 'Replace:'. Fields: docs/authoring.md\n"
    )
    return head + (DRAFT_NOTE + "status: draft\n" if draft else "")


def toolkit(item_id: str, refs: SiteRefs, today: date, draft: bool = True) -> Skeleton:
    """Return a toolkit file: front matter naming the site's ids, then a Markdown outline."""
    todo: list[str] = []
    package = _ref(
        refs.change_package,
        "replace-with-a-change-package-id",
        todo,
        "change_package: no change package yet (toolkit-builder new change-package ID)",
    )
    measures = refs.toolkit_measures or (
        _ref("", "replace-with-a-measure-id", todo, "measures: no measure yet (new measure ID)"),
    )
    topic = _ref(refs.topic, "replace-with-a-topic-id", todo, "topics: add one to topics.yaml")
    setting = _ref(
        refs.setting, "replace-with-a-setting", todo, "settings: add to 'settings' in site.yaml"
    )
    front = _header("A toolkit: what to change, how to measure it, how to start.", draft)
    front += _lines(
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
    return Skeleton({item_path("toolkit", item_id): text}, tuple(todo))


def change_package(item_id: str, today: date) -> Skeleton:
    """Return a change package: an aim, one driver of each level and one change idea."""
    by_when = date(today.year + 1, 12, 31)
    aim_fields = CHANGE_PACKAGE.fields[1].fields
    drivers = CHANGE_PACKAGE.fields[2].fields
    ideas = CHANGE_PACKAGE.fields[3].fields
    aim = quoted(f"Replace: by December {by_when.year}, reduce [what] on [where] by 30%.")
    text = _header("A change package: the aim, the driver diagram and the change ideas.", False)
    text += _lines(CHANGE_PACKAGE.fields, [("title", quoted("Replace: name of the package"))])
    text += _comment(CHANGE_PACKAGE.fields, "aim") + "aim:\n"
    text += _lines(aim_fields, [("statement", aim), ("by_when", by_when.isoformat())], "  ")
    text += _comment(CHANGE_PACKAGE.fields, "primary_drivers") + "primary_drivers:\n"
    text += f"  - id: {FIRST_PRIMARY_DRIVER}\n"
    text += _lines(drivers, [("title", quoted("Replace: what must be in place"))], "    ")
    text += _comment(drivers, "secondary_drivers", "    ") + "    secondary_drivers:\n"
    text += f"      - id: {FIRST_SECONDARY_DRIVER}\n"
    text += f"        title: {quoted('Replace: one part of the primary driver')}\n"
    text += _comment(CHANGE_PACKAGE.fields, "change_ideas") + "change_ideas:\n"
    text += f"  - id: {FIRST_CHANGE_IDEA}\n"
    text += _lines(
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
    text = _header("A measure: its operational definition.", draft)
    text += _lines(
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
    return Skeleton({item_path("measure", item_id): text})


def _periods(start: date, frequency: str) -> tuple[date, date]:
    if frequency in ("daily", "weekly"):
        return start, start + timedelta(days=1 if frequency == "daily" else 7)
    months = 1 if frequency == "monthly" else 3
    month = start.month - 1 + months
    return start, date(start.year + month // 12, month % 12 + 1, 1)


def data_csv(series: MeasureRef, start: date) -> str:
    """Return a small CSV for a measure: its header and two example rows to replace."""
    columns = "numerator,denominator" if series.counts else "value"
    values = ("5,20", "7,20") if series.counts else ("5", "7")
    note = "example row: replace with your data"
    rows = [
        f"{day.isoformat()},{value},,{note}"
        for day, value in zip(_periods(start, series.frequency), values, strict=True)
    ]
    return "\n".join([f"period,{columns},exclude,note", *rows]) + "\n"


def case_study(item_id: str, refs: SiteRefs, today: date, draft: bool = True) -> Skeleton:
    """Return a case study naming the site's toolkit, change idea and measure, with its CSV."""
    todo: list[str] = []
    toolkit_id = _ref(refs.toolkit, "replace-with-a-toolkit-id", todo, "toolkit: no toolkit yet")
    idea = _ref(
        refs.change_idea,
        "replace-with-a-change-idea-id",
        todo,
        "change_idea: no change idea in the toolkit's change package",
    )
    organisation = _ref(
        refs.organisation,
        "replace-with-an-organisation-id",
        todo,
        "organisations: add one to content/organisations.yaml",
    )
    setting = _ref(
        refs.setting, "replace-with-a-setting", todo, "settings: add to 'settings' in site.yaml"
    )
    start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    fields = CASE_STUDY.fields
    sub = {f.name: f.fields for f in fields}
    text = _header("A case study: how one service tested changes, with data and lessons.", draft)
    text += _lines(
        fields,
        [
            ("title", quoted("Replace: headline of the story")),
            ("organisations", f"[{organisation}]"),
            ("settings", f"[{setting}]"),
            ("toolkit", toolkit_id),
            ("period", f"{{start: {start.isoformat()}, end: {end.isoformat()}}}"),
            ("aim", quoted(f"Replace: by December {today.year}, 95% of [what] will [what].")),
            ("context", quoted("Replace: the service, and why the team started.")),
        ],
    )
    text += _comment(fields, "changes_tested") + "changes_tested:\n"
    text += f"  - change_idea: {idea}\n"
    text += _lines(
        sub["changes_tested"],
        [("adaptation", quoted("Replace: what was changed locally."))],
        "    ",
    )
    text += _comment(fields, "pdsa_cycles") + "pdsa_cycles:\n"
    text += f"  - change_idea: {idea}\n"
    text += _lines(
        sub["pdsa_cycles"],
        [
            ("cycle", "1"),
            ("start", start.isoformat()),
            ("objective", quoted("Replace: what the cycle set out to learn")),
            ("prediction", quoted("Replace: what the team expected")),
            ("act", "adapt"),
        ],
        "    ",
    )
    files: dict[PurePosixPath, str] = {}
    if refs.series is not None:
        data = PurePosixPath("data", f"{item_id}-{refs.series.id}.csv")
        files[PurePosixPath("content") / data] = data_csv(refs.series, start)
        text += _comment(fields, "series") + "series:\n"
        text += f"  - measure: {refs.series.id}\n"
        text += _lines(sub["series"], [("data", data.as_posix())], "    ")
    else:
        todo.append("series: no measure yet, so no chart (optional; add one later)")
        text += "# series: [{measure: a-measure-id, data: data/a-file.csv}]   (optional)\n"
    text += _lines(fields, [("results", quoted("Replace: what happened, in plain language."))])
    text += _comment(fields, "lessons") + "lessons:\n"
    text += f"  - statement: {quoted('Replace: the lesson')}\n"
    text += _lines(
        sub["lessons"],
        [
            ("category", "leadership"),
            ("try_this", quoted("Replace: what another service could do")),
        ],
        "    ",
    )
    text += _lines(fields, [("contact", "replace-with-a-team-mailbox@example.org")])
    files[item_path("case-study", item_id)] = text
    return Skeleton(dict(sorted(files.items())), tuple(todo))


def event(item_id: str, today: date, draft: bool = True) -> Skeleton:
    """Return an event: a virtual learning session on the given day, 10:00 to 16:00 UTC."""
    day = today.isoformat()
    text = _header("An event: a learning session, webinar or other meeting.", draft)
    text += _lines(
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
    return Skeleton({item_path("event", item_id): text})
