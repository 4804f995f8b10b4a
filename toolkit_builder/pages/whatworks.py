"""The collaborative's pages: what works where, measures across services, lessons, packs.

Plans the pages that look across services rather than at one item: the programme's
and each toolkit's change ideas by the services that tested them (content/collaborative.py
derives the decisions), each measure's latest state at every service that reports it,
the lessons by category and by care setting, and the learning-session pack of each
event that names the toolkits or organisations it covers.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit_builder.content.collaborative import (
    event_services,
    lesson_counts,
    programme_across,
    settings_of,
)
from toolkit_builder.content.model import Site
from toolkit_builder.content.siteindex import SeriesRef, SiteIndex
from toolkit_builder.content.urls import ITEM_VIEWS, SECTION_PATHS, item_path
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.pages.job import PageJob
from toolkit_builder.pages.searchmeta import (
    measure_services_entry,
    toolkit_what_works_entry,
    what_works_entry,
)


def services_of(refs: Sequence[SeriesRef]) -> tuple[SeriesRef, ...]:
    """Return a measure's series by service name: an order that ranks no one."""
    return tuple(
        sorted(refs, key=lambda r: (str.__str__(r.case_study.title).casefold(), r.series.id))
    )


PROGRAMME_MATRIX_SERVICES = 12
"""The most services a toolkit's table of decisions may have on the programme's page.

A toolkit tested by more has its table on its own page only (the programme's page
keeps its counts in the table at a glance): the page stays a size a phone can load,
and its cost does not grow with the number of services."""


def is_collaborative_path(path: str) -> bool:
    """Return whether `path` (in the default language's layout) may be a page of
    collaborative_jobs: the lessons' and what-works' sections, or a view of an item."""
    if path in (SECTION_PATHS["lessons"], SECTION_PATHS["what-works"]):
        return True
    parts = path.split("/")
    return len(parts) == 4 and (parts[0], parts[2]) in ITEM_VIEWS.values()


def collaborative_jobs(site: Site, ix: SiteIndex, words: PageFormat) -> list[PageJob]:
    """Return the pages that look across services, in a stable order."""
    _ = words.gettext
    order = site.config.settings
    views = programme_across(site)
    every = {"kind:toolkits", "kind:case-studies", "kind:organisations", "kind:topics"}
    jobs = [
        PageJob(
            SECTION_PATHS["lessons"],
            "lessons.html",
            _("Lessons learned"),
            {
                "counts": lesson_counts(site.case_studies),
                "settings": settings_of(site.case_studies, order),
            },
            deps=frozenset({"kind:case-studies"}),
        ),
        PageJob(
            SECTION_PATHS["what-works"],
            "what_works.html",
            _("What works where"),
            {
                "views": views,
                "settings": settings_of(site.case_studies, order),
                "matrix_limit": PROGRAMME_MATRIX_SERVICES,
            },
            deps=frozenset(
                {*every, "kind:measures", *(f"package:{p.id}" for p in site.change_packages)}
            ),
            search=what_works_entry(views, ix, words),
        ),
    ]
    for view in views:
        toolkit = view.toolkit
        jobs.append(
            PageJob(
                item_path("toolkit-what-works", toolkit.id),
                "toolkit_what_works.html",
                _("What works where: %(toolkit)s") % {"toolkit": toolkit.title},
                {
                    "view": view,
                    "toolkit": toolkit,
                    "settings": view.settings(order),
                    "draft": toolkit.status == "draft",
                },
                toolkit.source,
                frozenset(
                    {
                        f"toolkit:{toolkit.id}",
                        f"package:{toolkit.change_package}",
                        f"cases-of-toolkit:{toolkit.id}",
                        "kind:organisations",
                        "kind:topics",
                        *(f"measure:{m}" for m in toolkit.measures),
                        *(f"cases-of-measure:{m}" for m in toolkit.measures),
                    }
                ),
                toolkit_what_works_entry(view, ix, words),
            )
        )
    for measure in site.measures:
        refs = services_of(ix.series_by_measure.get(measure.id, ()))
        if not refs:
            continue
        cases = [r.case_study for r in refs]
        jobs.append(
            PageJob(
                item_path("measure-services", measure.id),
                "measure_services.html",
                _("%(measure)s: across services") % {"measure": measure.title},
                {
                    "measure": measure,
                    "refs": refs,
                    "settings": settings_of(cases, order),
                    "draft": measure.status == "draft",
                },
                measure.source,
                frozenset(
                    {
                        f"measure:{measure.id}",
                        f"cases-of-measure:{measure.id}",
                        "kind:organisations",
                        "kind:toolkits",
                        "kind:topics",
                    }
                ),
                measure_services_entry(measure, cases, ix, words),
            )
        )
    for event in site.events:
        if not event.has_pack:
            continue
        groups = event_services(event, site)
        deps = {f"event:{event.id}", "kind:organisations", "kind:toolkits", "kind:measures"}
        deps |= {f"cases-of-toolkit:{t.id}" for t, _cases in groups}
        deps |= {f"package:{t.change_package}" for t, _cases in groups}
        if event.organisations:
            deps.add("kind:case-studies")
        jobs.append(
            PageJob(
                item_path("event-pack", event.id),
                "event_pack.html",
                _("%(event)s: pack") % {"event": event.title},
                {
                    "event": event,
                    "groups": groups,
                    "views": {view.toolkit.id: view for view in views},
                    "draft": event.status == "draft",
                },
                event.source,
                frozenset(deps),
            )
        )
    return jobs
