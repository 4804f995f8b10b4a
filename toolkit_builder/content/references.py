"""Check that every id a content item names exists (and is published)."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from toolkit_builder.content.items import UNKNOWN_DATE
from toolkit_builder.content.model import CaseStudy, ChangePackage, Event, Resource, Site, Toolkit
from toolkit_builder.content.yamlmarks import KeyPath, Marks
from toolkit_builder.errors import Location, Problem

LIST_SOURCES = {"topic": "topics", "organisation": "organisations", "setting": "site"}
"""Kinds of value listed in one file, and that file's kind (a broken file lists nothing)."""


@dataclass(slots=True)
class ReferenceChecker:
    """Resolves ids against the published site and records broken references."""

    site: Site
    marks: Mapping[PurePosixPath, Marks]
    drafts: Mapping[str, Collection[str]] = field(default_factory=dict)
    """Ids of draft items left out of this build, by kind, for a clearer message."""
    broken: Mapping[str, Collection[str]] = field(default_factory=dict)
    """Ids of items whose file did not parse (already reported): references to them pass."""
    problems: list[Problem] = field(default_factory=list)

    def at(self, path: PurePosixPath, where: KeyPath) -> Location:
        """Return the location of the value at `where` in the file at `path`."""
        marks = self.marks.get(path)
        return marks.value(where) if marks else Location(path, 1, 1)

    def written(self, path: PurePosixPath, where: KeyPath) -> bool:
        """Return True if the file at `path` gives a key at `where` (even a rejected one)."""
        marks = self.marks.get(path)
        return marks is not None and where in marks.keys

    def expect(
        self,
        path: PurePosixPath,
        where: KeyPath,
        value: str,
        known: Collection[str],
        what: str,
        kind: str = "",
        hint: str = "",
        scope: str = "",
    ) -> bool:
        """Return True if `value` is among `known`; otherwise record a located problem."""
        if value in known or value in self.broken.get(kind, ()):
            return True
        if LIST_SOURCES.get(what) in self.broken:
            return True  # the file that lists them did not parse: said there already
        if kind and value in self.drafts.get(kind, ()):
            message = f"{what} '{value}' is a draft, so it is not published"
            hint = "publish it, or make this item a draft too"
        else:
            message = f"unknown {what} '{value}'{scope}"
            close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
            if close:
                hint = f"did you mean '{close[0]}'?"
            elif not hint:
                hint = (
                    f"known: {', '.join(sorted(set(known)))}"
                    if known
                    else f"no {what} is defined yet"
                )
        self.problems.append(Problem(self.at(path, where), message, hint))
        return False


def check_references(
    site: Site,
    marks: Mapping[PurePosixPath, Marks],
    drafts: Mapping[str, Collection[str]],
    broken: Mapping[str, Collection[str]],
) -> list[Problem]:
    """Return a problem for every broken cross-reference in the site."""
    checker = ReferenceChecker(site, marks, drafts, broken)
    packages = {p.id: p for p in site.change_packages}
    for toolkit in site.toolkits:
        _check_toolkit(checker, toolkit)
    for package in site.change_packages:
        _check_package(checker, package)
    toolkits = {t.id: t for t in site.toolkits}
    for case in site.case_studies:
        package = (
            packages.get(toolkits[case.toolkit].change_package)
            if case.toolkit in toolkits
            else None
        )
        _check_case_study(checker, case, package)
    for event in site.events:
        _check_event(checker, event)
    return checker.problems


def _check_resources(
    checker: ReferenceChecker, path: PurePosixPath, resources: tuple[Resource, ...]
) -> None:
    files = [str(p) for p in checker.site.resource_files]
    for index, resource in enumerate(resources):
        where = ("resources", index)
        given = [key for key in ("file", "url") if checker.written(path, (*where, key))]
        if bool(resource.file) == bool(resource.url) and len(given) != 1:
            # With exactly one of them written, its bad value was reported already.
            checker.problems.append(
                Problem(
                    checker.at(path, where),
                    "a resource needs either 'file' or 'url', not both or neither",
                    "'file' for something we may bundle, 'url' for a link-only resource",
                )
            )
        elif resource.file:
            checker.expect(
                path,
                (*where, "file"),
                resource.file,
                files,
                "resource file",
                hint="put the file under content/resources/ and give its path from content/",
            )


def _check_toolkit(checker: ReferenceChecker, toolkit: Toolkit) -> None:
    site, path = checker.site, toolkit.source.path
    checker.expect(
        path,
        ("change_package",),
        toolkit.change_package,
        [p.id for p in site.change_packages],
        "change package",
        "change-packages",
    )
    measure_ids = [m.id for m in site.measures]
    for index, measure in enumerate(toolkit.measures):
        checker.expect(path, ("measures", index), measure, measure_ids, "measure", "measures")
    for index, topic in enumerate(toolkit.topics):
        checker.expect(
            path,
            ("topics", index),
            topic,
            [t.id for t in site.topics],
            "topic",
            hint="add it to content/topics.yaml",
        )
    for index, setting in enumerate(toolkit.settings):
        checker.expect(
            path,
            ("settings", index),
            setting,
            site.config.settings,
            "setting",
            hint="add it to 'settings' in site.yaml",
        )
    if toolkit.status == "superseded":
        if not toolkit.superseded_by:
            checker.problems.append(
                Problem(
                    checker.at(path, ("status",)),
                    "a superseded toolkit needs 'superseded_by'",
                    "name the toolkit that replaces it",
                )
            )
        else:
            checker.expect(
                path,
                ("superseded_by",),
                toolkit.superseded_by,
                [t.id for t in site.toolkits if t.id != toolkit.id],
                "toolkit",
                "toolkits",
            )
    elif toolkit.superseded_by:
        checker.problems.append(
            Problem(
                checker.at(path, ("superseded_by",)),
                "'superseded_by' is only for status superseded",
                "set 'status: superseded' or remove 'superseded_by'",
            )
        )
    _check_resources(checker, path, toolkit.resources)


def _check_package(checker: ReferenceChecker, package: ChangePackage) -> None:
    path = package.source.path
    seen: dict[str, str] = {}
    secondary: dict[str, str] = {}
    primary_of: dict[str, list[str]] = {}

    def unique(item_id: str, where: KeyPath, what: str) -> None:
        if item_id in seen:
            checker.problems.append(
                Problem(
                    checker.at(path, where),
                    f"duplicate id '{item_id}' in change package",
                    f"already used by a {seen[item_id]}; ids inside a change package are unique",
                )
            )
        seen[item_id] = what

    for p_index, primary in enumerate(package.primary_drivers):
        unique(primary.id, ("primary_drivers", p_index, "id"), "primary driver")
        primary_of[primary.id] = [s.id for s in primary.secondary_drivers]
        for s_index, driver in enumerate(primary.secondary_drivers):
            unique(
                driver.id,
                ("primary_drivers", p_index, "secondary_drivers", s_index, "id"),
                "secondary driver",
            )
            secondary[driver.id] = primary.id
    measure_ids = [m.id for m in checker.site.measures]
    for c_index, idea in enumerate(package.change_ideas):
        unique(idea.id, ("change_ideas", c_index, "id"), "change idea")
        for d_index, driver in enumerate(idea.drivers):
            where = ("change_ideas", c_index, "drivers", d_index)
            if driver in primary_of:
                checker.problems.append(
                    Problem(
                        checker.at(path, where),
                        f"'{driver}' is a primary driver; change ideas link to secondary drivers",
                        "use one of: " + ", ".join(primary_of[driver]),
                    )
                )
                continue
            checker.expect(
                path,
                where,
                driver,
                secondary,
                "secondary driver",
                hint="secondary drivers are listed under each primary driver",
            )
        for m_index, measure in enumerate(idea.measures):
            checker.expect(
                path,
                ("change_ideas", c_index, "measures", m_index),
                measure,
                measure_ids,
                "measure",
                "measures",
            )


def _check_case_study(
    checker: ReferenceChecker, case: CaseStudy, package: ChangePackage | None
) -> None:
    site, path = checker.site, case.source.path
    for index, organisation in enumerate(case.organisations):
        checker.expect(
            path,
            ("organisations", index),
            organisation,
            [o.id for o in site.organisations],
            "organisation",
            hint="add it to content/organisations.yaml",
        )
    for index, setting in enumerate(case.settings):
        checker.expect(
            path,
            ("settings", index),
            setting,
            site.config.settings,
            "setting",
            hint="add it to 'settings' in site.yaml",
        )
    checker.expect(
        path, ("toolkit",), case.toolkit, [t.id for t in site.toolkits], "toolkit", "toolkits"
    )
    if UNKNOWN_DATE < case.period.end < case.period.start:
        checker.problems.append(
            Problem(
                checker.at(path, ("period", "end")),
                "the period ends before it starts",
                "check the start and end dates",
            )
        )
    if package is not None:
        ideas = [i.id for i in package.change_ideas]
        scope = f" in change package '{package.id}'"
        for index, change in enumerate(case.changes_tested):
            where = ("changes_tested", index, "change_idea")
            checker.expect(path, where, change.change_idea, ideas, "change idea", scope=scope)
        for index, cycle in enumerate(case.pdsa_cycles):
            where = ("pdsa_cycles", index, "change_idea")
            checker.expect(path, where, cycle.change_idea, ideas, "change idea", scope=scope)
    published_measures = {m.id for m in site.measures}
    for series in case.series:
        if series.measure not in published_measures:
            checker.problems.append(
                Problem(
                    series.source,
                    f"measure '{series.measure}' is a draft, so it is not published",
                    "publish it, or make this case study a draft too",
                )
            )


def _check_event(checker: ReferenceChecker, event: Event) -> None:
    path = event.source.path
    if event.end is not None and event.end < event.start:
        checker.problems.append(
            Problem(
                checker.at(path, ("end",)),
                "the event ends before it starts",
                "check 'start' and 'end'",
            )
        )
    site = checker.site
    for index, toolkit in enumerate(event.toolkits):
        checker.expect(
            path, ("toolkits", index), toolkit, [t.id for t in site.toolkits], "toolkit", "toolkits"
        )
    for index, organisation in enumerate(event.organisations):
        checker.expect(
            path,
            ("organisations", index),
            organisation,
            [o.id for o in site.organisations],
            "organisation",
            hint="add it to content/organisations.yaml",
        )
    _check_resources(checker, path, event.resources)
