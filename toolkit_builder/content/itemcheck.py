"""Check one item file (a toolkit, change package, measure, case study, event or page)
against its schema and make its model item.

What a file gives depends on that file alone: cross-references are checked later
(content/references.py), and a case study's series wait for every measure
(content/validate.py). So the preview keeps each file's result and checks again only
the files whose text changed (memoised_item_check).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from toolkit_builder.content import items
from toolkit_builder.content.fields import ID_HINT, ID_PATTERN, FieldChecker
from toolkit_builder.content.load import RawDoc
from toolkit_builder.content.measuredata import chart_article
from toolkit_builder.content.model import Measure
from toolkit_builder.content.schema import CHARTS_FOR_SCORING, FILE_TYPES
from toolkit_builder.content.schema.measure import unsuited_chart_hint
from toolkit_builder.content.yamlmarks import Marks
from toolkit_builder.errors import Location, Problem

RESERVED_PAGE_IDS = frozenset(
    {
        "toolkits",
        "case-studies",
        "measures",
        "lessons",
        "topics",
        "organisations",
        "settings",
        "events",
        "pages",
        "charts",
        "static",
        "search",
        "api",
        "404",
        "index",
        "sitemap",
        "pagefind",
    }
)
"""First URL segments used by generated pages: a free page may not take them."""

MAX_SUMMARY_WORDS = 80


def item_source(doc: RawDoc) -> Location:
    """Return where a problem with a whole item file points: its first line."""
    return Location(doc.path, 1, 1)


def _check_stem(doc: RawDoc, problems: list[Problem]) -> bool:
    if ID_PATTERN.fullmatch(doc.stem):
        return True
    problems.append(
        Problem(
            Location(doc.path, 1, 1),
            f"file name '{doc.stem}' is not a valid id",
            "rename the file: " + ID_HINT,
        )
    )
    return False


ItemMaker = Callable[[RawDoc, dict[str, Any], Location, list[Problem]], Any]
"""Makes one model item from a checked document, adding problems only it can see."""


def _make_toolkit(
    doc: RawDoc, values: dict[str, Any], source: Location, problems: list[Problem]
) -> Any:
    toolkit = items.toolkit(doc.stem, values, doc.body, doc.body_line, source)
    words = len(toolkit.summary.split())
    if words > MAX_SUMMARY_WORDS:
        problems.append(
            Problem(
                doc.marks.value(("summary",)),
                f"summary has {words} words; at most {MAX_SUMMARY_WORDS} are allowed",
                "keep the summary short; put detail in the body",
            )
        )
    return toolkit


def _make_measure(
    doc: RawDoc, values: dict[str, Any], source: Location, problems: list[Problem]
) -> Any:
    measure = items.measure(doc.stem, values, source)
    _check_measure(measure, values, doc.marks, problems)
    return measure


def _make_event(
    doc: RawDoc, values: dict[str, Any], source: Location, problems: list[Problem]
) -> Any:
    values.setdefault("start", datetime(1970, 1, 1, tzinfo=UTC))
    return items.event(doc.stem, values, source)


def _make_page(
    doc: RawDoc, values: dict[str, Any], source: Location, problems: list[Problem]
) -> Any:
    if doc.stem in RESERVED_PAGE_IDS:
        problems.append(
            Problem(
                source,
                f"page id '{doc.stem}' would take the URL of the generated '{doc.stem}/' section",
                "rename the page file",
            )
        )
    return items.page(doc.stem, values, doc.body, doc.body_line, source)


ITEM_MAKERS: Mapping[str, ItemMaker] = {
    "toolkits": _make_toolkit,
    "change-packages": lambda doc, values, source, _: items.change_package(
        doc.stem, values, source
    ),
    "measures": _make_measure,
    "events": _make_event,
    "pages": _make_page,
}
"""How each folder's documents become model items (case studies wait for every measure)."""


def _check_measure(
    measure: Measure, values: dict[str, Any], marks: Marks, problems: list[Problem]
) -> None:
    if "scoring" in values and "chart" in values:
        suited = CHARTS_FOR_SCORING[measure.scoring]
        if measure.chart not in suited:
            problems.append(
                Problem(
                    marks.value(("chart",)),
                    f"{chart_article(measure.chart)} chart does not suit scoring '{measure.scoring}'",
                    unsuited_chart_hint(measure.chart, measure.scoring),
                )
            )
    if measure.scoring in ("proportion", "rate"):
        for name in ("numerator", "denominator"):
            if name not in values:
                problems.append(
                    Problem(
                        marks.value(()),
                        f"missing field '{name}' (required when scoring is {measure.scoring})",
                        f"add '{name}: …' describing what is counted",
                    )
                )
    lowered = measure.title.lower()
    for word in ("increase", "reduce", "reduction", "improve", "decrease"):
        if word in lowered.split():
            problems.append(
                Problem(
                    marks.value(("title",)),
                    f"measure title contains '{word}'",
                    "name what is measured, not the hoped-for change; 'direction' says which way is better",
                )
            )
            break


@dataclass(frozen=True, slots=True)
class CheckedItem:
    """What checking one item file gave: its problems, and its item or (for a case study,
    whose series need every measure) its checked values."""

    problems: tuple[Problem, ...]
    item: Any = None
    values: dict[str, Any] | None = None


ItemCheck = Callable[[RawDoc], CheckedItem]
"""check_item, or a memoised version of it (the preview server keeps one between builds)."""

ItemMemory = dict[PurePosixPath, tuple[RawDoc, CheckedItem]]
"""Each item file's document and what checking it gave, by path."""


def check_item(doc: RawDoc) -> CheckedItem:
    """Return what checking one item file (one that parsed) against its schema gives."""
    problems: list[Problem] = []
    if not _check_stem(doc, problems):
        return CheckedItem(tuple(problems))
    checker = FieldChecker(doc.marks)
    data = doc.data if doc.data is not None else {}
    values = checker.check_mapping(data, FILE_TYPES[doc.kind].fields)
    problems.extend(checker.problems)
    if doc.kind == "case-studies":
        return CheckedItem(tuple(problems), values=values)
    item = ITEM_MAKERS[doc.kind](doc, values, item_source(doc), problems)
    return CheckedItem(tuple(problems), item=item)


def memoised_item_check(previous: ItemMemory, current: ItemMemory) -> ItemCheck:
    """Return check_item reusing results from `previous`; every result used goes to `current`.

    A result is reused only for the same document: the same parsed data and marks (the
    memoised parser gives the same objects for the same text, content/load.py) and the
    same name, language and Markdown body.
    """

    def check(doc: RawDoc) -> CheckedItem:
        found = previous.get(doc.path)
        if found is not None and _same_document(found[0], doc):
            result = found[1]
        else:
            result = check_item(doc)
        current[doc.path] = (doc, result)
        return result

    return check


def _same_document(before: RawDoc, now: RawDoc) -> bool:
    return (
        before.data is now.data
        and before.marks is now.marks
        and (before.kind, before.stem, before.lang, before.body, before.body_line)
        == (now.kind, now.stem, now.lang, now.body, now.body_line)
    )
