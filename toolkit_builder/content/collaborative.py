"""The collaborative's view: which change ideas worked where, and who an event covers.

Pure, from the validated model. A *service* is one case study: the organisations and
settings that tested a toolkit's change ideas. A service tested a change idea if its
case study lists the idea under `changes_tested` or has a PDSA cycle of it; its
decision is the `act` of its latest cycle of that idea (latest `start`, then highest
`cycle`), and a change tested without a cycle has no decision yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from toolkit_builder.content.model import (
    CaseStudy,
    ChangeIdea,
    ChangePackage,
    Event,
    Lesson,
    PdsaCycle,
    Site,
    Toolkit,
)

DECISIONS = ("adopt", "adapt", "abandon")
"""What a PDSA cycle's `act` may decide, in the order the views count them."""


def _cycles_of(case: CaseStudy, idea_id: str) -> list[PdsaCycle]:
    return [c for c in case.pdsa_cycles if c.change_idea == idea_id]


def latest_decision(case: CaseStudy, idea_id: str) -> str:
    """Return the `act` of a case study's latest PDSA cycle of a change idea, '' if none."""
    cycles = _cycles_of(case, idea_id)
    if not cycles:
        return ""
    return max(cycles, key=lambda c: (c.start, c.cycle)).act


def ideas_tested(case: CaseStudy) -> tuple[str, ...]:
    """Return the change ideas a case study tested: listed as tested or cycled, first seen first."""
    found = [c.change_idea for c in case.changes_tested]
    found += [c.change_idea for c in case.pdsa_cycles]
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class ServiceDecision:
    """What one service decided about one change idea."""

    case_study: str
    """Id of the service's case study."""
    decision: str
    """'adopt', 'adapt' or 'abandon' from its latest cycle; '' when tested without a decision."""
    cycles: int
    """How many PDSA cycles of the idea the service ran."""
    latest_start: date | None
    """When its latest cycle of the idea started; None without a cycle."""
    settings: tuple[str, ...]
    """The service's care settings."""


@dataclass(frozen=True, slots=True)
class DecisionCounts:
    """How many services tested a change idea, and what they decided."""

    tested: int
    adopted: int
    adapted: int
    abandoned: int

    @property
    def undecided(self) -> int:
        """Return how many tested it without a recorded decision."""
        return self.tested - self.adopted - self.adapted - self.abandoned


def count_decisions(decisions: Iterable[ServiceDecision]) -> DecisionCounts:
    """Return the number of services and of each decision among them."""
    found = [d.decision for d in decisions]
    return DecisionCounts(
        len(found), found.count("adopt"), found.count("adapt"), found.count("abandon")
    )


@dataclass(frozen=True, slots=True)
class IdeaAcross:
    """A change idea with every service that tested it."""

    idea: ChangeIdea
    services: tuple[ServiceDecision, ...]
    """One per service that tested it, in the order of the view's services."""

    def counts(self, setting: str = "") -> DecisionCounts:
        """Return the counts over every service, or those in one care setting."""
        return count_decisions(s for s in self.services if not setting or setting in s.settings)

    def decision_of(self, case_id: str) -> ServiceDecision | None:
        """Return what one service decided, or None if it did not test the idea."""
        return next((s for s in self.services if s.case_study == case_id), None)


@dataclass(frozen=True, slots=True)
class ToolkitAcross:
    """A toolkit's change ideas by the services that tested them."""

    toolkit: Toolkit
    services: tuple[CaseStudy, ...]
    """Every published case study of the toolkit, by title."""
    ideas: tuple[IdeaAcross, ...]
    """Every change idea of the toolkit's change package, in the package's order."""

    def settings(self, order: Sequence[str] = ()) -> tuple[str, ...]:
        """Return the care settings of the services, in `order` (site.yaml's) then by name."""
        return settings_of(self.services, order)

    def tested_ideas(self) -> tuple[IdeaAcross, ...]:
        """Return the change ideas at least one service tested."""
        return tuple(i for i in self.ideas if i.services)


def settings_of(cases: Iterable[CaseStudy], order: Sequence[str] = ()) -> tuple[str, ...]:
    """Return the care settings of some case studies, in `order` (site.yaml's) then by name."""
    found = {s for case in cases for s in case.settings}
    rank = {setting: index for index, setting in enumerate(order)}
    return tuple(sorted(found, key=lambda s: (rank.get(s, len(rank)), s)))


def _by_title(cases: Iterable[CaseStudy]) -> tuple[CaseStudy, ...]:
    return tuple(sorted(cases, key=lambda c: (str.__str__(c.title).casefold(), c.id)))


def toolkit_across(
    toolkit: Toolkit, package: ChangePackage, cases: Iterable[CaseStudy]
) -> ToolkitAcross:
    """Return each change idea of a toolkit with the decision of every service that tested it."""
    services = _by_title(c for c in cases if c.toolkit == toolkit.id)
    ideas = []
    for idea in package.change_ideas:
        decisions = []
        for case in services:
            if idea.id not in ideas_tested(case):
                continue
            cycles = _cycles_of(case, idea.id)
            decisions.append(
                ServiceDecision(
                    case.id,
                    latest_decision(case, idea.id),
                    len(cycles),
                    max((c.start for c in cycles), default=None),
                    case.settings,
                )
            )
        ideas.append(IdeaAcross(idea, tuple(decisions)))
    return ToolkitAcross(toolkit, services, tuple(ideas))


def programme_across(site: Site) -> tuple[ToolkitAcross, ...]:
    """Return the view of every toolkit of the site, in the site's toolkit order."""
    packages = {p.id: p for p in site.change_packages}
    return tuple(
        toolkit_across(t, packages[t.change_package], site.case_studies)
        for t in site.toolkits
        if t.change_package in packages
    )


def lessons_by_setting(
    cases: Iterable[CaseStudy], order: Sequence[str]
) -> dict[str, tuple[Lesson, ...]]:
    """Return every lesson under each care setting of its case study, settings in `order`.

    A lesson of a case study in two settings is under both; settings no case study
    names are left out, and any not in `order` follow it by name.
    """
    found: dict[str, list[Lesson]] = {}
    for case in cases:
        for setting in case.settings:
            found.setdefault(setting, []).extend(case.lessons)
    rank = {setting: index for index, setting in enumerate(order)}
    return {s: tuple(found[s]) for s in sorted(found, key=lambda s: (rank.get(s, len(rank)), s))}


def lesson_counts(
    cases: Iterable[CaseStudy],
) -> Mapping[tuple[str, str], int]:
    """Return how many lessons each (category, care setting) pair has."""
    counts: dict[tuple[str, str], int] = {}
    for case in cases:
        for lesson in case.lessons:
            for setting in case.settings:
                key = (lesson.category, setting)
                counts[key] = counts.get(key, 0) + 1
    return counts


def event_services(event: Event, site: Site) -> tuple[tuple[Toolkit, tuple[CaseStudy, ...]], ...]:
    """Return the services an event covers, by toolkit: its toolkits' case studies, and of
    those only its organisations' when it names organisations too.

    Toolkits come in the event's order (the site's when it names only organisations),
    their services by title; a toolkit no covered service tested is still listed.
    """
    if not event.has_pack:
        return ()
    chosen = [
        c
        for c in site.case_studies
        if (not event.toolkits or c.toolkit in event.toolkits)
        and (not event.organisations or set(c.organisations) & set(event.organisations))
    ]
    toolkits = {t.id: t for t in site.toolkits}
    if event.toolkits:
        order = [toolkits[t] for t in event.toolkits if t in toolkits]
    else:
        order = [t for t in site.toolkits if any(c.toolkit == t.id for c in chosen)]
    return tuple((t, _by_title(c for c in chosen if c.toolkit == t.id)) for t in order)
