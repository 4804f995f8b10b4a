"""Turn checked field values (see `fields.py`) into model objects; ids are not resolved here."""

from __future__ import annotations

from datetime import date
from typing import Any

from toolkit_builder.content.model import (
    AccessibilityStatement,
    Aim,
    Annotation,
    CaseStudy,
    ChangeIdea,
    ChangelogEntry,
    ChangePackage,
    ChangeTested,
    Event,
    Goal,
    Lesson,
    Licence,
    Measure,
    Organisation,
    Page,
    PdsaCycle,
    Period,
    Phase,
    PrimaryDriver,
    Resource,
    SecondaryDriver,
    Series,
    SiteConfig,
    Toolkit,
    Topic,
)
from toolkit_builder.errors import Location

Values = dict[str, Any]
"""Checked values of one mapping; a field that failed its check is absent."""

UNKNOWN_DATE = date(1970, 1, 1)


def _texts(values: Values, name: str) -> tuple[str, ...]:
    return tuple(values.get(name, ()))


def _licence(values: Values | None) -> Licence | None:
    if not values:
        return None
    return Licence(values.get("name", ""), values.get("url", ""))


def _resources(values: Values) -> tuple[Resource, ...]:
    return tuple(
        Resource(r.get("title", ""), r.get("file", ""), r.get("url", ""), r.get("licence", ""))
        for r in values.get("resources", ())
    )


def site_config(values: Values) -> SiteConfig:
    """Return the site settings."""
    return SiteConfig(
        title=values.get("title", ""),
        base_url=values.get("base_url", "https://example.org/"),
        licence=_licence(values.get("licence")) or Licence(""),
        languages=_texts(values, "languages") or ("en",),
        contact_email=values.get("contact_email", ""),
        settings=_texts(values, "settings"),
        chart_rules=values.get("chart_rules", "anhoej"),
        allow_raw_html=values.get("allow_raw_html", False),
        description=values.get("description", ""),
        synonyms=tuple(tuple(g) for g in values.get("search", {}).get("synonyms", ())),
        accessibility=accessibility_statement(values),
    )


def accessibility_statement(values: Values) -> AccessibilityStatement | None:
    """Return the accessibility statement of site.yaml, or None when it has none."""
    given = values.get("accessibility")
    if not given:
        return None
    return AccessibilityStatement(
        status=given.get("status", "partially-compliant"),
        prepared=given.get("prepared", UNKNOWN_DATE),
        standard=given.get("standard", "WCAG 2.2 AA"),
        known_issues=_texts(given, "known_issues"),
        how_tested=given.get("how_tested", ""),
        contact=given.get("contact", "") or values.get("contact_email", ""),
        response_days=given.get("response_days"),
        enforcement=given.get("enforcement", ""),
        last_reviewed=given.get("last_reviewed"),
    )


def toolkit(item_id: str, values: Values, body: str, body_line: int, source: Location) -> Toolkit:
    """Return a toolkit."""
    return Toolkit(
        id=item_id,
        title=values.get("title", item_id),
        summary=values.get("summary", ""),
        change_package=values.get("change_package", ""),
        measures=_texts(values, "measures"),
        topics=_texts(values, "topics"),
        settings=_texts(values, "settings"),
        version=values.get("version", "0.0.0"),
        last_reviewed=values.get("last_reviewed", UNKNOWN_DATE),
        body=body,
        body_line=body_line,
        source=source,
        status=values.get("status", "published"),
        superseded_by=values.get("superseded_by", ""),
        licence=_licence(values.get("licence")),
        resources=_resources(values),
        changelog=tuple(
            ChangelogEntry(c.get("version", ""), c.get("date", UNKNOWN_DATE), c.get("note", ""))
            for c in values.get("changelog", ())
        ),
    )


def change_package(item_id: str, values: Values, source: Location) -> ChangePackage:
    """Return a change package."""
    aim = values.get("aim", {})
    return ChangePackage(
        id=item_id,
        title=values.get("title", item_id),
        aim=Aim(aim.get("statement", ""), aim.get("by_when", UNKNOWN_DATE)),
        primary_drivers=tuple(
            PrimaryDriver(
                p.get("id", ""),
                p.get("title", ""),
                tuple(
                    SecondaryDriver(s.get("id", ""), s.get("title", ""))
                    for s in p.get("secondary_drivers", ())
                ),
            )
            for p in values.get("primary_drivers", ())
        ),
        change_ideas=tuple(
            ChangeIdea(
                c.get("id", ""),
                c.get("title", ""),
                c.get("description", ""),
                _texts(c, "drivers"),
                _texts(c, "measures"),
            )
            for c in values.get("change_ideas", ())
        ),
        source=source,
    )


def measure(item_id: str, values: Values, source: Location) -> Measure:
    """Return a measure."""
    goal = values.get("goal")
    return Measure(
        id=item_id,
        title=values.get("title", item_id),
        type=values.get("type", "process"),
        definition=values.get("definition", ""),
        scoring=values.get("scoring", "value"),
        direction=values.get("direction", "neutral"),
        chart=values.get("chart", "run"),
        data_source=values.get("data_source", ""),
        frequency=values.get("frequency", "monthly"),
        source=source,
        numerator=values.get("numerator", ""),
        denominator=values.get("denominator", ""),
        multiplier=values.get("multiplier", 1.0),
        unit=values.get("unit", ""),
        sampling=values.get("sampling", ""),
        exclusions=_texts(values, "exclusions"),
        goal=Goal(goal["value"], goal.get("by")) if goal and "value" in goal else None,
        status=values.get("status", "published"),
    )


def case_study(
    item_id: str, values: Values, series: tuple[Series, ...], source: Location
) -> CaseStudy:
    """Return a case study with its already-parsed series."""
    period = values.get("period", {})
    return CaseStudy(
        id=item_id,
        title=values.get("title", item_id),
        organisations=_texts(values, "organisations"),
        settings=_texts(values, "settings"),
        toolkit=values.get("toolkit", ""),
        period=Period(period.get("start", UNKNOWN_DATE), period.get("end", UNKNOWN_DATE)),
        aim=values.get("aim", ""),
        context=values.get("context", ""),
        changes_tested=tuple(
            ChangeTested(c.get("change_idea", ""), c.get("adaptation", ""))
            for c in values.get("changes_tested", ())
        ),
        results=values.get("results", ""),
        lessons=tuple(
            Lesson(item_id, n, v.get("statement", ""), v.get("category", ""), v.get("try_this", ""))
            for n, v in enumerate(values.get("lessons", ()), start=1)
        ),
        contact=values.get("contact", ""),
        source=source,
        pdsa_cycles=tuple(
            PdsaCycle(
                p.get("change_idea", ""),
                p.get("cycle", 0),
                p.get("start", UNKNOWN_DATE),
                p.get("act", ""),
                p.get("objective", ""),
                p.get("prediction", ""),
                p.get("plan", ""),
                p.get("do", ""),
                p.get("study", ""),
            )
            for p in values.get("pdsa_cycles", ())
        ),
        series=series,
        status=values.get("status", "published"),
    )


def phases(values: Values) -> tuple[Phase, ...]:
    """Return a series' phases in date order."""
    found = (Phase(p["start"], p.get("name", "")) for p in values.get("phases", ()) if "start" in p)
    return tuple(sorted(found, key=lambda p: p.start))


def annotations(values: Values) -> tuple[Annotation, ...]:
    """Return a series' annotations in date order."""
    found = (
        Annotation(a["date"], a.get("label", ""))
        for a in values.get("annotations", ())
        if "date" in a
    )
    return tuple(sorted(found, key=lambda a: a.date))


def event(item_id: str, values: Values, source: Location) -> Event:
    """Return an event."""
    return Event(
        id=item_id,
        title=values.get("title", item_id),
        start=values["start"],
        source=source,
        end=values.get("end"),
        type=values.get("type", ""),
        format=values.get("format", ""),
        location=values.get("location", ""),
        summary=values.get("summary", ""),
        toolkits=_texts(values, "toolkits"),
        organisations=_texts(values, "organisations"),
        resources=_resources(values),
        status=values.get("status", "published"),
    )


def page(item_id: str, values: Values, body: str, body_line: int, source: Location) -> Page:
    """Return a free page."""
    return Page(
        id=item_id,
        title=values.get("title", item_id),
        body=body,
        source=source,
        summary=values.get("summary", ""),
        body_line=body_line,
        status=values.get("status", "published"),
    )


def organisation(values: Values) -> Organisation:
    """Return an organisation."""
    return Organisation(
        values.get("id", ""),
        values.get("name", ""),
        values.get("type", ""),
        values.get("region", ""),
        values.get("url", ""),
    )


def topic(values: Values) -> Topic:
    """Return a topic."""
    return Topic(values.get("id", ""), values.get("title", ""), values.get("summary", ""))
