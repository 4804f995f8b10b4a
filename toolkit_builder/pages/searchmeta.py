"""How each page appears in the site search: its type, filters and metadata.

The templates write these into the page head as Pagefind `data-pagefind-filter`
and `data-pagefind-meta` tags; the search page offers one filter group per name
in FILTER_NAMES, with a count per value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from toolkit_builder.content.collaborative import ToolkitAcross
from toolkit_builder.content.model import (
    CaseStudy,
    ChangeIdea,
    Event,
    Lesson,
    Measure,
    Page,
    Toolkit,
)
from toolkit_builder.content.siteindex import SiteIndex
from toolkit_builder.language.pageformat import N_, PageFormat

FILTER_NAMES: dict[str, str] = {
    "type": N_("Type"),
    "topic": N_("Topic"),
    "setting": N_("Care setting"),
    "organisation": N_("Organisation"),
    "measure": N_("Measure type"),
    "year": N_("Year"),
}
"""Filter name -> the heading of its group on the search page (in English), in display order."""


def filter_names(words: PageFormat) -> dict[str, str]:
    """Return each filter's heading in the page's language, in display order."""
    return {name: words.gettext(heading) for name, heading in FILTER_NAMES.items()}


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
    pairs = [("type", str.__str__(kind))]
    # Plain strings: these go into attributes, where untranslated text cannot be marked.
    pairs += [("topic", str.__str__(t)) for t in sorted(set(topics))]
    pairs += [("setting", str.__str__(s)) for s in sorted(set(settings))]
    pairs += [("organisation", str.__str__(o)) for o in sorted(set(organisations))]
    if measure:
        pairs.append(("measure", measure))
    if year is not None:
        pairs.append(("year", str(year)))
    return tuple(pairs)


def _topic_titles(toolkits: Iterable[Toolkit], ix: SiteIndex) -> list[str]:
    return [ix.topics[t].title for toolkit in toolkits for t in toolkit.topics if t in ix.topics]


def toolkit_entry(toolkit: Toolkit, ix: SiteIndex, words: PageFormat) -> SearchEntry:
    """Return the search record of a toolkit page."""
    _ = words.gettext
    kind = _("Toolkit")
    filters = _filters(
        kind,
        _topic_titles([toolkit], ix),
        map(words.setting_name, toolkit.settings),
        year=toolkit.last_reviewed.year,
    )
    reviewed = _("Reviewed %(date)s") % {"date": words.long_date(toolkit.last_reviewed)}
    return SearchEntry(kind, filters, str.__str__(toolkit.summary), reviewed)


def change_idea_entry(
    idea: ChangeIdea, toolkit: Toolkit, ix: SiteIndex, words: PageFormat
) -> SearchEntry:
    """Return the search record of a change idea's own page."""
    _ = words.gettext
    kind = _("Change idea")
    testers = ix.testers.get((toolkit.change_package, idea.id), ())
    settings = {*toolkit.settings, *(s for c in testers for s in c.settings)}
    filters = _filters(kind, _topic_titles([toolkit], ix), map(words.setting_name, settings))
    summary = _("A change idea from the toolkit “%(toolkit)s”.") % {"toolkit": toolkit.title}
    return SearchEntry(kind, filters, summary)


def _organisation_names(case: CaseStudy, ix: SiteIndex) -> list[str]:
    return [ix.organisations[o].name for o in case.organisations if o in ix.organisations]


def case_study_entry(case: CaseStudy, ix: SiteIndex, words: PageFormat) -> SearchEntry:
    """Return the search record of a case study."""
    _ = words.gettext
    kind = _("Case study")
    toolkit = ix.toolkits.get(case.toolkit)
    filters = _filters(
        kind,
        _topic_titles([toolkit] if toolkit else [], ix),
        map(words.setting_name, case.settings),
        _organisation_names(case, ix),
        year=case.period.end.year,
    )
    period = _("%(start)s to %(end)s") % {
        "start": words.month_year(case.period.start),
        "end": words.month_year(case.period.end),
    }
    return SearchEntry(kind, filters, str.__str__(case.aim), period)


def lesson_entry(lesson: Lesson, case: CaseStudy, ix: SiteIndex, words: PageFormat) -> SearchEntry:
    """Return the search record of a lesson's own page."""
    _ = words.gettext
    kind = _("Lesson")
    toolkit = ix.toolkits.get(case.toolkit)
    filters = _filters(
        kind,
        _topic_titles([toolkit] if toolkit else [], ix),
        map(words.setting_name, case.settings),
        _organisation_names(case, ix),
        year=case.period.end.year,
    )
    summary = _("%(category)s lesson from “%(case)s”.") % {
        "category": words.label(lesson.category),
        "case": case.title,
    }
    return SearchEntry(kind, filters, summary)


def measure_entry(measure: Measure, ix: SiteIndex, words: PageFormat) -> SearchEntry:
    """Return the search record of a measure."""
    kind = words.gettext("Measure")
    toolkits = ix.toolkits_by_measure.get(measure.id, ())
    settings = {s for t in toolkits for s in t.settings}
    filters = _filters(
        kind,
        _topic_titles(toolkits, ix),
        map(words.setting_name, settings),
        measure=words.label(measure.type),
    )
    return SearchEntry(kind, filters, words.measure_type(measure.type) + ".")


def event_entry(event: Event, words: PageFormat) -> SearchEntry:
    """Return the search record of an event."""
    kind = words.gettext("Event")
    filters = _filters(kind, year=event.start.year)
    return SearchEntry(kind, filters, str.__str__(event.summary), words.long_date(event.start))


def page_entry(page: Page, words: PageFormat) -> SearchEntry:
    """Return the search record of a free page."""
    kind = words.gettext("Page")
    return SearchEntry(kind, _filters(kind), str.__str__(page.summary))


def what_works_entry(
    views: Sequence[ToolkitAcross], ix: SiteIndex, words: PageFormat
) -> SearchEntry:
    """Return the search record of the programme's view of what works where."""
    _ = words.gettext
    kind = _("What works where")
    cases = [c for view in views for c in view.services]
    filters = _filters(
        kind,
        _topic_titles([view.toolkit for view in views], ix),
        (words.setting_name(s) for c in cases for s in c.settings),
    )
    summary = _("Every toolkit's change ideas, and what the services that tested them decided.")
    return SearchEntry(kind, filters, summary)


def toolkit_what_works_entry(view: ToolkitAcross, ix: SiteIndex, words: PageFormat) -> SearchEntry:
    """Return the search record of a toolkit's change ideas across services."""
    _ = words.gettext
    kind = _("What works where")
    filters = _filters(
        kind,
        _topic_titles([view.toolkit], ix),
        (words.setting_name(s) for c in view.services for s in c.settings),
        (name for c in view.services for name in _organisation_names(c, ix)),
    )
    summary = _(
        "The change ideas of “%(toolkit)s”, and what each service that tested them decided."
    )
    return SearchEntry(kind, filters, summary % {"toolkit": view.toolkit.title})


def measure_services_entry(
    measure: Measure, cases: Sequence[CaseStudy], ix: SiteIndex, words: PageFormat
) -> SearchEntry:
    """Return the search record of a measure across the services that report it."""
    _ = words.gettext
    kind = _("Measure across services")
    filters = _filters(
        kind,
        _topic_titles(ix.toolkits_by_measure.get(measure.id, ()), ix),
        (words.setting_name(s) for c in cases for s in c.settings),
        (name for c in cases for name in _organisation_names(c, ix)),
        measure=words.label(measure.type),
    )
    summary = _("The latest state of “%(measure)s” at every service that reports it.")
    return SearchEntry(kind, filters, summary % {"measure": measure.title})
