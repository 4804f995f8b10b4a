"""Resolve ids once: lookups and back-links that pages need (pure, built from the model)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from toolkit_builder.content.collaborative import lessons_by_setting
from toolkit_builder.content.model import (
    CaseStudy,
    ChangeIdea,
    ChangePackage,
    Event,
    Lesson,
    Measure,
    Organisation,
    Series,
    Site,
    Toolkit,
    Topic,
)
from toolkit_builder.content.schema import LESSON_CATEGORIES

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class SeriesRef:
    """A series with the case study and measure it belongs to."""

    series: Series
    case_study: CaseStudy
    measure: Measure


@dataclass(frozen=True, slots=True)
class SiteIndex:
    """Every cross-reference of the site, resolved."""

    toolkits: Mapping[str, Toolkit]
    packages: Mapping[str, ChangePackage]
    measures: Mapping[str, Measure]
    case_studies: Mapping[str, CaseStudy]
    organisations: Mapping[str, Organisation]
    topics: Mapping[str, Topic]
    case_studies_by_toolkit: Mapping[str, tuple[CaseStudy, ...]]
    case_studies_by_organisation: Mapping[str, tuple[CaseStudy, ...]]
    case_studies_by_setting: Mapping[str, tuple[CaseStudy, ...]]
    toolkits_by_topic: Mapping[str, tuple[Toolkit, ...]]
    toolkits_by_setting: Mapping[str, tuple[Toolkit, ...]]
    toolkits_by_measure: Mapping[str, tuple[Toolkit, ...]]
    testers: Mapping[tuple[str, str], tuple[CaseStudy, ...]]
    """(change package id, change idea id) -> case studies that tested it."""
    series_by_measure: Mapping[str, tuple[SeriesRef, ...]]
    lessons_by_category: Mapping[str, tuple[Lesson, ...]]
    lessons_by_setting: Mapping[str, tuple[Lesson, ...]]
    """Care setting -> the lessons of its case studies, settings in site.yaml's order."""
    upcoming_events: tuple[Event, ...]
    past_events: tuple[Event, ...]

    def package_of(self, toolkit: Toolkit) -> ChangePackage:
        """Return the change package of a toolkit."""
        return self.packages[toolkit.change_package]

    def idea(self, package_id: str, idea_id: str) -> ChangeIdea:
        """Return a change idea of a change package."""
        return next(i for i in self.packages[package_id].change_ideas if i.id == idea_id)


def _group(pairs: list[tuple[K, V]]) -> dict[K, tuple[V, ...]]:
    grouped: defaultdict[K, list[V]] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return {key: tuple(values) for key, values in grouped.items()}


def index_site(site: Site) -> SiteIndex:
    """Return the resolved cross-references of a validated site."""
    toolkits = {t.id: t for t in site.toolkits}
    measures = {m.id: m for m in site.measures}
    newest_first = sorted(site.case_studies, key=lambda c: (c.period.end, c.id), reverse=True)
    testers: list[tuple[tuple[str, str], CaseStudy]] = []
    for case in newest_first:
        toolkit = toolkits.get(case.toolkit)
        if toolkit is not None:
            for change in case.changes_tested:
                testers.append(((toolkit.change_package, change.change_idea), case))
    lessons = [(lesson.category, lesson) for case in site.case_studies for lesson in case.lessons]
    lessons_by_category = _group(lessons)
    return SiteIndex(
        toolkits=toolkits,
        packages={p.id: p for p in site.change_packages},
        measures=measures,
        case_studies={c.id: c for c in site.case_studies},
        organisations={o.id: o for o in site.organisations},
        topics={t.id: t for t in site.topics},
        case_studies_by_toolkit=_group([(c.toolkit, c) for c in newest_first]),
        case_studies_by_organisation=_group(
            [(o, c) for c in newest_first for o in c.organisations]
        ),
        case_studies_by_setting=_group([(s, c) for c in newest_first for s in c.settings]),
        toolkits_by_topic=_group([(topic, t) for t in site.toolkits for topic in t.topics]),
        toolkits_by_setting=_group([(s, t) for t in site.toolkits for s in t.settings]),
        toolkits_by_measure=_group([(m, t) for t in site.toolkits for m in t.measures]),
        testers=_group(testers),
        series_by_measure=_group(
            [
                (s.measure, SeriesRef(s, c, measures[s.measure]))
                for c in site.case_studies
                for s in c.series
                if s.measure in measures
            ]
        ),
        lessons_by_category={
            c: lessons_by_category[c] for c in LESSON_CATEGORIES if c in lessons_by_category
        },
        lessons_by_setting=lessons_by_setting(site.case_studies, site.config.settings),
        upcoming_events=tuple(e for e in site.events if e.start.date() >= site.today),
        past_events=tuple(reversed([e for e in site.events if e.start.date() < site.today])),
    )
