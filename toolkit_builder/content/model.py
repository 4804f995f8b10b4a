"""The typed, frozen content model that every stage after validation works on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath
from types import MappingProxyType

from toolkit_builder.analysis.types import ChartType, Direction, Observation, RuleSet
from toolkit_builder.errors import Location

Translations = Mapping[str, Mapping[str, object]]
"""Language code -> the translated fields of one item, as written in its translation file."""


def no_translations() -> Translations:
    """Return an empty, read-only translations mapping."""
    return MappingProxyType({})


SITE_YAML = Location(PurePosixPath("site.yaml"), 1, 1)


@dataclass(frozen=True, slots=True)
class Licence:
    """A licence: its name and where to read it."""

    name: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class AccessibilityStatement:
    """The site's accessibility statement (site.yaml `accessibility`)."""

    status: str
    """fully-compliant | partially-compliant | non-compliant."""
    prepared: date
    standard: str = "WCAG 2.2 AA"
    known_issues: tuple[str, ...] = ()
    """Content that does not meet the standard."""
    how_tested: str = ""
    """Markdown; empty: the theme's default words."""
    contact: str = ""
    """Email for feedback (site.yaml's contact_email when not given)."""
    response_days: int | None = None
    enforcement: str = ""
    """Markdown; empty: the theme's default words."""
    last_reviewed: date | None = None


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Settings from site.yaml."""

    title: str
    base_url: str
    licence: Licence
    languages: tuple[str, ...] = ("en",)
    """Language codes; the first is the default."""
    contact_email: str = ""
    settings: tuple[str, ...] = ()
    """Controlled list of care settings."""
    chart_rules: RuleSet = "anhoej"
    allow_raw_html: bool = False
    description: str = ""
    synonyms: tuple[tuple[str, ...], ...] = ()
    """Groups of search terms that mean the same thing."""
    accessibility: AccessibilityStatement | None = None
    """The accessibility statement; None: the site publishes none of its own making."""
    source: Location = SITE_YAML


@dataclass(frozen=True, slots=True)
class Organisation:
    """A health service or other body named by case studies."""

    id: str
    name: str
    type: str
    region: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Topic:
    """A clinical or improvement topic that groups toolkits."""

    id: str
    title: str
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Resource:
    """A download: a bundled file under content/ or a link-only URL."""

    title: str
    file: str = ""
    """Path under content/ (bundled), or empty."""
    url: str = ""
    """External link (never bundled), or empty."""
    licence: str = ""


@dataclass(frozen=True, slots=True)
class ChangelogEntry:
    """One version of a toolkit and what changed."""

    version: str
    date: date
    note: str


@dataclass(frozen=True, slots=True)
class Toolkit:
    """A change package written up for other services to copy."""

    id: str
    title: str
    summary: str
    change_package: str
    measures: tuple[str, ...]
    topics: tuple[str, ...]
    settings: tuple[str, ...]
    version: str
    last_reviewed: date
    body: str
    """Markdown text below the front matter."""
    source: Location
    body_line: int = 1
    status: str = "published"
    superseded_by: str = ""
    licence: Licence | None = None
    resources: tuple[Resource, ...] = ()
    changelog: tuple[ChangelogEntry, ...] = ()
    translations: Translations = field(default_factory=no_translations)


@dataclass(frozen=True, slots=True)
class Aim:
    """What a change package sets out to achieve, how much and by when."""

    statement: str
    by_when: date


@dataclass(frozen=True, slots=True)
class SecondaryDriver:
    """Something that must be in place for a primary driver to work."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class PrimaryDriver:
    """A main area that drives the aim."""

    id: str
    title: str
    secondary_drivers: tuple[SecondaryDriver, ...]


@dataclass(frozen=True, slots=True)
class ChangeIdea:
    """A change to test, linked to the secondary drivers it acts on."""

    id: str
    title: str
    description: str
    drivers: tuple[str, ...]
    measures: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangePackage:
    """Aim, driver diagram and change ideas."""

    id: str
    title: str
    aim: Aim
    primary_drivers: tuple[PrimaryDriver, ...]
    change_ideas: tuple[ChangeIdea, ...]
    source: Location
    translations: Translations = field(default_factory=no_translations)

    def ideas_for(self, driver_id: str) -> tuple[ChangeIdea, ...]:
        """Return the change ideas that act on a secondary driver."""
        return tuple(i for i in self.change_ideas if driver_id in i.drivers)

    def driver_title(self, driver_id: str) -> str:
        """Return the title of a primary or secondary driver."""
        for primary in self.primary_drivers:
            if primary.id == driver_id:
                return primary.title
            for secondary in primary.secondary_drivers:
                if secondary.id == driver_id:
                    return secondary.title
        return driver_id


@dataclass(frozen=True, slots=True)
class Goal:
    """A measure's goal in display units."""

    value: float
    by: date | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    """An operational definition of a measure."""

    id: str
    title: str
    type: str
    """outcome | process | balancing"""
    definition: str
    scoring: str
    """proportion | rate | count | value"""
    direction: Direction
    chart: ChartType
    data_source: str
    frequency: str
    source: Location
    numerator: str = ""
    denominator: str = ""
    multiplier: float = 1.0
    unit: str = ""
    sampling: str = ""
    exclusions: tuple[str, ...] = ()
    goal: Goal | None = None
    status: str = "published"
    translations: Translations = field(default_factory=no_translations)


@dataclass(frozen=True, slots=True)
class DataRow:
    """One row of a measure's CSV, as read."""

    observation: Observation
    note: str
    line: int
    """Line of the CSV file (the header is line 1)."""
    numbers: tuple[tuple[str, float | None], ...] = ()
    """The number columns as written (e.g. numerator and denominator of a run chart)."""


@dataclass(frozen=True, slots=True)
class Phase:
    """A period of a chart with its own centre and limits."""

    start: date
    name: str = ""


@dataclass(frozen=True, slots=True)
class Annotation:
    """A change tested, marked on a chart at its date."""

    date: date
    label: str


@dataclass(frozen=True, slots=True)
class Series:
    """One measure's data in one case study: becomes one chart."""

    id: str
    """`<case-study-id>-<measure-id>`: the chart's file name."""
    case_study: str
    measure: str
    data: str
    """Path of the CSV under content/."""
    chart: ChartType
    rules: RuleSet
    rows: tuple[DataRow, ...]
    source: Location
    baseline_points: int | None = None
    baseline_end: date | None = None
    phases: tuple[Phase, ...] = ()
    annotations: tuple[Annotation, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeTested:
    """A change idea a service tested, and how it adapted it."""

    change_idea: str
    adaptation: str = ""


@dataclass(frozen=True, slots=True)
class PdsaCycle:
    """One Plan-Do-Study-Act cycle."""

    change_idea: str
    cycle: int
    start: date
    act: str
    objective: str = ""
    prediction: str = ""
    plan: str = ""
    do: str = ""
    study: str = ""


@dataclass(frozen=True, slots=True)
class Lesson:
    """A lesson learned by a service, for others."""

    case_study: str
    number: int
    """1-based position in its case study: the anchor `lesson-<number>`."""
    statement: str
    category: str
    try_this: str = ""


@dataclass(frozen=True, slots=True)
class Period:
    """A span of dates, inclusive."""

    start: date
    end: date


@dataclass(frozen=True, slots=True)
class CaseStudy:
    """How a service tested changes from a toolkit, with its data and lessons."""

    id: str
    title: str
    organisations: tuple[str, ...]
    settings: tuple[str, ...]
    toolkit: str
    period: Period
    aim: str
    context: str
    changes_tested: tuple[ChangeTested, ...]
    results: str
    lessons: tuple[Lesson, ...]
    contact: str
    source: Location
    pdsa_cycles: tuple[PdsaCycle, ...] = ()
    series: tuple[Series, ...] = ()
    status: str = "published"
    translations: Translations = field(default_factory=no_translations)


@dataclass(frozen=True, slots=True)
class Event:
    """A learning session, webinar or other event."""

    id: str
    title: str
    start: datetime
    source: Location
    end: datetime | None = None
    type: str = ""
    format: str = ""
    location: str = ""
    summary: str = ""
    toolkits: tuple[str, ...] = ()
    """Toolkit ids the event covers: its learning-session pack shows their services."""
    organisations: tuple[str, ...] = ()
    """Organisation ids the event covers: the pack shows only their services."""
    resources: tuple[Resource, ...] = ()
    status: str = "published"
    translations: Translations = field(default_factory=no_translations)

    @property
    def has_pack(self) -> bool:
        """Return True if the event names what it covers, so it has a learning-session pack."""
        return bool(self.toolkits or self.organisations)


@dataclass(frozen=True, slots=True)
class Page:
    """A free page such as About or the accessibility statement."""

    id: str
    title: str
    body: str
    source: Location
    summary: str = ""
    body_line: int = 1
    status: str = "published"
    translations: Translations = field(default_factory=no_translations)


@dataclass(frozen=True, slots=True)
class Site:
    """The whole validated site."""

    config: SiteConfig
    toolkits: tuple[Toolkit, ...] = ()
    change_packages: tuple[ChangePackage, ...] = ()
    measures: tuple[Measure, ...] = ()
    case_studies: tuple[CaseStudy, ...] = ()
    events: tuple[Event, ...] = ()
    pages: tuple[Page, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    topics: tuple[Topic, ...] = ()
    resource_files: Mapping[str, bytes] = field(default_factory=dict)
    """Bundled files by path under content/ (e.g. `resources/pdsa-worksheet.md`)."""
    today: date = date(1970, 1, 1)
    """Reference date for 'upcoming' events: SOURCE_DATE_EPOCH or the newest content date."""
    shared_translations: Mapping[str, Mapping[str, Mapping[str, object]]] = field(
        default_factory=dict
    )
    """Language -> key ('site', 'topics/falls', 'organisations/x') -> translated text fields."""
