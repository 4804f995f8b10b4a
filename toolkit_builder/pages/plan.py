"""Plan every page: its output path, template, context, and what it depends on.

Dependencies are keys such as `toolkit:falls`, `kind:events` or
`cases-of-measure:falls-rate` (see `pages/changes.py`); the preview server re-renders a
page only when one of its keys changed. Every page also depends on GLOBAL_KEYS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from toolkit_builder.content.model import CaseStudy, Measure, Site, Toolkit
from toolkit_builder.content.siteindex import SiteIndex
from toolkit_builder.content.urls import ITEM_FOLDERS, SECTION_PATHS, item_path
from toolkit_builder.errors import ContentError, Location, Problem
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.pages.job import PageJob
from toolkit_builder.pages.navigation import STATEMENT_PAGE
from toolkit_builder.pages.searchmeta import (
    SearchEntry,
    case_study_entry,
    change_idea_entry,
    event_entry,
    filter_names,
    lesson_entry,
    measure_entry,
    page_entry,
    toolkit_entry,
)
from toolkit_builder.pages.toolkitpage import services_that_tested
from toolkit_builder.pages.whatworks import collaborative_jobs, is_collaborative_path

GLOBAL_KEYS = frozenset({"config", "nav"})
"""Keys every page depends on: site settings and the pages named in navigation and footer
(a bounded set: pages/navigation.py)."""


def _section_jobs(site: Site, words: PageFormat) -> list[PageJob]:
    _ = words.gettext
    every = {"kind:toolkits", "kind:case-studies", "kind:organisations", "kind:topics"}
    by_title = sorted(site.pages, key=lambda p: (plain(p.title).casefold(), p.id))
    return [
        PageJob(
            "index.html", "home.html", site.config.title, deps=frozenset({*every, "kind:events"})
        ),
        PageJob(
            SECTION_PATHS["toolkits"],
            "toolkits.html",
            _("Toolkits"),
            deps=frozenset({"kind:toolkits"}),
        ),
        PageJob(
            SECTION_PATHS["case-studies"],
            "case_studies.html",
            _("Case studies"),
            deps=frozenset(every),
        ),
        PageJob(
            SECTION_PATHS["measures"],
            "measures.html",
            _("Measures"),
            deps=frozenset({"kind:measures"}),
        ),
        PageJob(
            SECTION_PATHS["topics"], "topics.html", _("Topics"), deps=frozenset({"kind:topics"})
        ),
        PageJob(
            SECTION_PATHS["organisations"],
            "organisations.html",
            _("Organisations"),
            deps=frozenset({"kind:organisations"}),
        ),
        PageJob(
            SECTION_PATHS["settings"], "settings.html", _("Care settings"), deps=frozenset(every)
        ),
        PageJob(
            SECTION_PATHS["events"], "events.html", _("Events"), deps=frozenset({"kind:events"})
        ),
        PageJob(
            SECTION_PATHS["pages"],
            "pages.html",
            _("Pages"),
            {"free_pages": tuple(by_title)},
            deps=frozenset({"kind:pages"}),
        ),
        PageJob(
            SECTION_PATHS["search"],
            "search.html",
            _("Search"),
            {"filter_names": filter_names(words)},
        ),
        PageJob("404.html", "404.html", _("Page not found")),
    ]


@dataclass(frozen=True, slots=True)
class _Part:
    """Some pages of the plan, planned on demand, and which output paths they may have."""

    covers: Callable[[str], bool]
    plan: Callable[[], list[PageJob]]


def _anywhere(path: str) -> bool:
    return True


def _below(*folders: str) -> Callable[[str], bool]:
    return lambda path: path.startswith(folders)


def plan_pages(
    site: Site, ix: SiteIndex, words: PageFormat, only: frozenset[str] | None = None
) -> list[PageJob]:
    """Return every HTML page of one language, in a stable order; refuse two pages on one path.

    With `only` (output paths in the default language's layout), return just the pages at
    those paths, planning only the items whose pages they may be (the preview's first
    pages): each is the job the whole plan has at that path. Two pages on one path are
    not looked for then; the whole plan refuses them.
    """
    parts = _parts(site, ix, words)
    if only is not None:
        wanted = [part for part in parts if any(map(part.covers, only))]
        return [job for part in wanted for job in part.plan() if job.path in only]
    jobs = [job for part in parts for job in part.plan()]
    refuse_duplicate_paths(jobs, site.config.source)
    return jobs


def _parts(site: Site, ix: SiteIndex, words: PageFormat) -> list[_Part]:
    """Return the plan's parts in the plan's order: one per toolkit, case study and measure
    (the costly ones to plan), one per section of other pages."""
    return [
        _Part(_anywhere, lambda: _section_jobs(site, words)),
        *(
            _Part(
                _below(f"{ITEM_FOLDERS['toolkit']}/{t.id}/"), partial(_toolkit_jobs, t, ix, words)
            )
            for t in site.toolkits
        ),
        *(
            _Part(
                _below(f"{ITEM_FOLDERS['case-study']}/{c.id}/", f"lessons/{c.id}/"),
                partial(_case_study_jobs, c, ix, words),
            )
            for c in site.case_studies
        ),
        *(
            _Part(
                _below(f"{ITEM_FOLDERS['measure']}/{m.id}/"), partial(_measure_jobs, m, ix, words)
            )
            for m in site.measures
        ),
        _Part(_anywhere, lambda: _other_jobs(site, ix, words)),
        _Part(is_collaborative_path, lambda: collaborative_jobs(site, ix, words)),
    ]


def _toolkit_jobs(t: Toolkit, ix: SiteIndex, words: PageFormat) -> list[PageJob]:
    """Return a toolkit's page, its print view and its change ideas' pages."""
    jobs = []
    package = ix.package_of(t)
    deps = {
        f"toolkit:{t.id}",
        f"package:{package.id}",
        f"cases-of-toolkit:{t.id}",
        f"cases-of-package:{package.id}",
        "kind:organisations",
        "kind:topics",
    }
    deps |= {f"measure:{m}" for m in t.measures} | {f"cases-of-measure:{m}" for m in t.measures}
    if t.superseded_by:
        deps.add(f"toolkit:{t.superseded_by}")
    context = {"toolkit": t, "package": package, "draft": t.status == "draft"}
    page_context = {
        **context,
        "services": services_that_tested(package, ix.case_studies_by_toolkit.get(t.id, ())),
    }
    jobs.append(
        PageJob(
            item_path("toolkit", t.id),
            "toolkit.html",
            plain(t.title),
            page_context,
            t.source,
            frozenset({*deps, f"bundle:{t.id}"}),
            toolkit_entry(t, ix, words),
        )
    )
    print_deps = {
        f"toolkit:{t.id}",
        f"package:{package.id}",
        f"cases-of-toolkit:{t.id}",
        f"bundle:{t.id}",
        "kind:organisations",
    } | {f"measure:{m}" for m in t.measures}
    jobs.append(
        PageJob(
            item_path("toolkit-print", t.id),
            "toolkit_print.html",
            words.gettext("%(title)s (print)") % {"title": plain(t.title)},
            page_context,
            t.source,
            frozenset(print_deps),
        )
    )
    idea_deps = frozenset(deps)
    for idea in package.change_ideas:
        jobs.append(
            PageJob(
                item_path("change-idea", f"{t.id}/{idea.id}"),
                "change_idea.html",
                plain(idea.title),
                {**context, "idea": idea},
                package.source,
                idea_deps,
                change_idea_entry(idea, t, ix, words),
            )
        )
    return jobs


def _case_study_jobs(c: CaseStudy, ix: SiteIndex, words: PageFormat) -> list[PageJob]:
    """Return a case study's page and its lessons' pages."""
    jobs = []
    toolkit = ix.toolkits[c.toolkit]
    deps = {
        f"case:{c.id}",
        f"toolkit:{toolkit.id}",
        f"package:{toolkit.change_package}",
        "kind:organisations",
        "kind:topics",  # the search filters name the toolkit's topics
    }
    deps |= {f"measure:{s.measure}" for s in c.series}
    context = {"case": c, "toolkit": toolkit, "draft": c.status == "draft"}
    jobs.append(
        PageJob(
            item_path("case-study", c.id),
            "case_study.html",
            plain(c.title),
            context,
            c.source,
            frozenset(deps),
            case_study_entry(c, ix, words),
        )
    )
    lesson_deps = frozenset(
        {f"case-summary:{c.id}", f"toolkit:{toolkit.id}", "kind:organisations", "kind:topics"}
    )
    for lesson in c.lessons:
        jobs.append(
            PageJob(
                item_path("lesson", f"{c.id}/{lesson.number}"),
                "lesson.html",
                plain(lesson.statement),
                {**context, "lesson": lesson},
                c.source,
                lesson_deps,
                lesson_entry(lesson, c, ix, words),
            )
        )
    return jobs


def _measure_jobs(m: Measure, ix: SiteIndex, words: PageFormat) -> list[PageJob]:
    """Return a measure's page."""
    deps = {f"measure:{m.id}", f"cases-of-measure:{m.id}", "kind:toolkits", "kind:topics"}
    context = {"measure": m, "draft": m.status == "draft"}
    return [
        PageJob(
            item_path("measure", m.id),
            "measure.html",
            plain(m.title),
            context,
            m.source,
            frozenset(deps),
            measure_entry(m, ix, words),
        )
    ]


def _other_jobs(site: Site, ix: SiteIndex, words: PageFormat) -> list[PageJob]:
    """Return the pages of topics, organisations, care settings, events and free pages."""
    jobs: list[PageJob] = []
    for topic in site.topics:
        toolkits = ix.toolkits_by_topic.get(topic.id, ())
        deps = {"kind:topics", "kind:toolkits", "kind:organisations"} | {
            f"cases-of-toolkit:{t.id}" for t in toolkits
        }
        jobs.append(
            PageJob(
                item_path("topic", topic.id),
                "topic.html",
                plain(topic.title),
                {"topic": topic},
                deps=frozenset(deps),
            )
        )
    for o in site.organisations:
        deps = {"kind:organisations", "kind:toolkits", f"cases-of-organisation:{o.id}"}
        jobs.append(
            PageJob(
                item_path("organisation", o.id),
                "organisation.html",
                plain(o.name),
                {"organisation": o},
                deps=frozenset(deps),
            )
        )
    for s in site.config.settings:
        deps = {"kind:toolkits", "kind:organisations", f"cases-of-setting:{s}"}
        jobs.append(
            PageJob(
                item_path("setting", s),
                "setting.html",
                words.setting_name(s),
                {"setting": s},
                deps=frozenset(deps),
            )
        )
    for e in site.events:
        context = {"event": e, "draft": e.status == "draft"}
        jobs.append(
            PageJob(
                item_path("event", e.id),
                "event.html",
                plain(e.title),
                context,
                e.source,
                frozenset({f"event:{e.id}"}),
                event_entry(e, words),
            )
        )
    statement = site.config.accessibility
    for p in site.pages:
        if statement is not None and p.id == STATEMENT_PAGE:
            continue  # its text goes into the generated statement (below)
        context = {"page": p, "draft": p.status == "draft"}
        jobs.append(
            PageJob(
                item_path("page", p.id),
                "page.html",
                plain(p.title),
                context,
                p.source,
                frozenset({f"page:{p.id}"}),
                page_entry(p, words),
            )
        )
    if statement is not None:
        jobs.append(_statement_job(site, words))
    return jobs


def _statement_job(site: Site, words: PageFormat) -> PageJob:
    """Return the accessibility statement's page, with the free page of its id if any."""
    page = next((p for p in site.pages if p.id == STATEMENT_PAGE), None)
    _ = words.gettext
    kind = str.__str__(_("Page"))
    title = plain(page.title) if page else _("Accessibility statement")
    summary = (
        page.summary if page else _("How accessible %(site)s is.") % {"site": site.config.title}
    )
    return PageJob(
        item_path("page", STATEMENT_PAGE),
        "accessibility.html",
        title,
        {"statement": site.config.accessibility, "page": page, "summary": summary},
        page.source if page else site.config.source,
        frozenset({f"page:{STATEMENT_PAGE}"}),
        page_entry(page, words) if page else SearchEntry(kind, (("type", kind),), summary),
    )


def plain(text: str) -> str:
    """Return text as a plain string (a page title is never marked as untranslated)."""
    return str.__str__(text)


def in_language(jobs: list[PageJob], lang: str, prefix: str) -> list[PageJob]:
    """Return one language's jobs under its folder, their keys named for that language.

    The default language (prefix '') keeps its paths and keys; another language's
    keys are `cy:toolkit:falls`, from the site in that language (changes.py).
    """
    if not prefix:
        return [replace(job, lang=lang) for job in jobs]
    return [
        replace(
            job,
            path=prefix + job.path,
            lang=lang,
            deps=frozenset(f"{lang}:{key}" for key in job.deps | GLOBAL_KEYS),
        )
        for job in jobs
    ]


def refuse_duplicate_paths(jobs: list[PageJob], fallback: Location) -> None:
    """Raise ContentError if two pages would be written to one path.

    The problem points at one of the two items' files, or at `fallback` (site.yaml)
    when both pages are generated sections with no file of their own.
    """
    seen: dict[str, PageJob] = {}
    problems = []
    for job in jobs:
        if job.path in seen:
            other = seen[job.path]
            problems.append(
                Problem(
                    job.source or other.source or fallback,
                    f"two items would be written to {job.path}: '{other.title}' and '{job.title}'",
                    "rename one of them",
                )
            )
        seen[job.path] = job
    if problems:
        raise ContentError(problems)
