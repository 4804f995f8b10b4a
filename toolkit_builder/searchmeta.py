"""How each page appears in the site search: its type, filters and metadata.

The templates write these into the page head as Pagefind `data-pagefind-filter`
and `data-pagefind-meta` tags; the search page offers one filter group per name
in FILTER_NAMES, with a count per value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from toolkit_builder.formatting import label, long_date, month_year, setting_name
from toolkit_builder.model import CaseStudy, ChangeIdea, Event, Lesson, Measure, Page, Toolkit
from toolkit_builder.siteindex import SiteIndex

FILTER_NAMES: dict[str, str] = {
    "type": "Type",
    "topic": "Topic",
    "setting": "Care setting",
    "organisation": "Organisation",
    "measure": "Measure type",
    "year": "Year",
}
"""Filter name -> the heading of its group on the search page, in display order."""


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """One page's record in the search index."""

    type: str
    """Content type as readers say it: 'Toolkit', 'Change idea', 'Case study', …"""
    filters: tuple[tuple[str, str], ...] = ()
    """(filter name, value) pairs; a name may repeat (a toolkit in two settings)."""
    summary: str = ""
    date: str = ""
    """When, shown beside the result: last reviewed, period end, event start."""


def _filters(
    kind: str,
    topics: Iterable[str] = (),
    settings: Iterable[str] = (),
    organisations: Iterable[str] = (),
    measure: str = "",
    year: int | None = None,
) -> tuple[tuple[str, str], ...]:
    pairs = [("type", kind)]
    pairs += [("topic", t) for t in sorted(set(topics))]
    pairs += [("setting", s) for s in sorted(set(settings))]
    pairs += [("organisation", o) for o in sorted(set(organisations))]
    if measure:
        pairs.append(("measure", measure))
    if year is not None:
        pairs.append(("year", str(year)))
    return tuple(pairs)


def _topic_titles(toolkits: Iterable[Toolkit], ix: SiteIndex) -> list[str]:
    return [ix.topics[t].title for toolkit in toolkits for t in toolkit.topics if t in ix.topics]


def toolkit_entry(toolkit: Toolkit, ix: SiteIndex) -> SearchEntry:
    """Return the search record of a toolkit page."""
    kind = "Toolkit"
    filters = _filters(
        kind,
        _topic_titles([toolkit], ix),
        map(setting_name, toolkit.settings),
        year=toolkit.last_reviewed.year,
    )
    return SearchEntry(
        kind, filters, toolkit.summary, f"Reviewed {long_date(toolkit.last_reviewed)}"
    )


def change_idea_entry(idea: ChangeIdea, toolkit: Toolkit, ix: SiteIndex) -> SearchEntry:
    """Return the search record of a change idea's own page."""
    kind = "Change idea"
    testers = ix.testers.get((toolkit.change_package, idea.id), ())
    settings = {*toolkit.settings, *(s for c in testers for s in c.settings)}
    filters = _filters(kind, _topic_titles([toolkit], ix), map(setting_name, settings))
    return SearchEntry(kind, filters, f"A change idea from the toolkit “{toolkit.title}”.")


def _organisation_names(case: CaseStudy, ix: SiteIndex) -> list[str]:
    return [ix.organisations[o].name for o in case.organisations if o in ix.organisations]


def case_study_entry(case: CaseStudy, ix: SiteIndex) -> SearchEntry:
    """Return the search record of a case study."""
    kind = "Case study"
    toolkit = ix.toolkits.get(case.toolkit)
    filters = _filters(
        kind,
        _topic_titles([toolkit] if toolkit else [], ix),
        map(setting_name, case.settings),
        _organisation_names(case, ix),
        year=case.period.end.year,
    )
    return SearchEntry(
        kind, filters, case.aim, f"{month_year(case.period.start)} to {month_year(case.period.end)}"
    )


def lesson_entry(lesson: Lesson, case: CaseStudy, ix: SiteIndex) -> SearchEntry:
    """Return the search record of a lesson's own page."""
    kind = "Lesson"
    toolkit = ix.toolkits.get(case.toolkit)
    filters = _filters(
        kind,
        _topic_titles([toolkit] if toolkit else [], ix),
        map(setting_name, case.settings),
        _organisation_names(case, ix),
        year=case.period.end.year,
    )
    return SearchEntry(kind, filters, f"{label(lesson.category)} lesson from “{case.title}”.")


def measure_entry(measure: Measure, ix: SiteIndex) -> SearchEntry:
    """Return the search record of a measure."""
    kind = "Measure"
    toolkits = ix.toolkits_by_measure.get(measure.id, ())
    settings = {s for t in toolkits for s in t.settings}
    filters = _filters(
        kind,
        _topic_titles(toolkits, ix),
        map(setting_name, settings),
        measure=label(measure.type),
    )
    return SearchEntry(kind, filters, f"{label(measure.type)} measure.")


def event_entry(event: Event) -> SearchEntry:
    """Return the search record of an event."""
    kind = "Event"
    filters = _filters(kind, year=event.start.year)
    return SearchEntry(kind, filters, event.summary, long_date(event.start))


def page_entry(page: Page) -> SearchEntry:
    """Return the search record of a free page."""
    return SearchEntry("Page", _filters("Page"), page.summary)
