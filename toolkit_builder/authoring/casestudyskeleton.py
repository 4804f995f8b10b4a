"""Texts of a new case study and its data file (`toolkit-builder new case-study`)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import PurePosixPath

from toolkit_builder.authoring.skeletons import (
    MeasureRef,
    SiteRefs,
    Skeleton,
    comment,
    header,
    item_path,
    lines,
    quoted,
    ref,
)
from toolkit_builder.content.schema import CASE_STUDY


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
    toolkit_id = ref(refs.toolkit, "replace-with-a-toolkit-id", todo, "toolkit: no toolkit yet")
    idea = ref(
        refs.change_idea,
        "replace-with-a-change-idea-id",
        todo,
        "change_idea: no change idea in the toolkit's change package",
    )
    organisation = ref(
        refs.organisation,
        "replace-with-an-organisation-id",
        todo,
        "organisations: add one to content/organisations.yaml",
    )
    setting = ref(
        refs.setting, "replace-with-a-setting", todo, "settings: add to 'settings' in site.yaml"
    )
    start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    fields = CASE_STUDY.fields
    sub = {f.name: f.fields for f in fields}
    text = header("A case study: how one service tested changes, with data and lessons.", draft)
    text += lines(
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
    text += comment(fields, "changes_tested") + "changes_tested:\n"
    text += f"  - change_idea: {idea}\n"
    text += lines(
        sub["changes_tested"],
        [("adaptation", quoted("Replace: what was changed locally."))],
        "    ",
    )
    text += comment(fields, "pdsa_cycles") + "pdsa_cycles:\n"
    text += f"  - change_idea: {idea}\n"
    text += lines(
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
        text += comment(fields, "series") + "series:\n"
        text += f"  - measure: {refs.series.id}\n"
        text += lines(sub["series"], [("data", data.as_posix())], "    ")
    else:
        todo.append("series: no measure yet, so no chart (optional; add one later)")
        text += "# series: [{measure: a-measure-id, data: data/a-file.csv}]   (optional)\n"
    text += lines(fields, [("results", quoted("Replace: what happened, in plain language."))])
    text += comment(fields, "lessons") + "lessons:\n"
    text += f"  - statement: {quoted('Replace: the lesson')}\n"
    text += lines(
        sub["lessons"],
        [
            ("category", "leadership"),
            ("try_this", quoted("Replace: what another service could do")),
        ],
        "    ",
    )
    text += lines(fields, [("contact", "replace-with-a-team-mailbox@example.org")])
    files[item_path("case-study", item_id)] = text
    return Skeleton(dict(sorted(files.items())), tuple(todo), draft)
