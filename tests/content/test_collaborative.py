"""What works where: each service's decision from its latest PDSA cycle, counts, lessons
by setting and the services an event covers, from model objects built here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import PurePosixPath

from toolkit_builder.content.collaborative import (
    event_services,
    ideas_tested,
    latest_decision,
    lesson_counts,
    lessons_by_setting,
    programme_across,
    toolkit_across,
)
from toolkit_builder.content.model import (
    Aim,
    CaseStudy,
    ChangeIdea,
    ChangePackage,
    ChangeTested,
    Event,
    Lesson,
    Licence,
    PdsaCycle,
    Period,
    Site,
    SiteConfig,
    Toolkit,
)
from toolkit_builder.errors import Location

HERE = Location(PurePosixPath("content/x.yaml"), 1, 1)
PACKAGE = ChangePackage(
    "falls",
    "Falls",
    Aim("Fewer falls.", date(2027, 1, 1)),
    (),
    tuple(ChangeIdea(i, i.title(), "", ("d",)) for i in ("huddle", "baywatch", "bells")),
    HERE,
)
TOOLKIT = Toolkit(
    "falls", "Falls", "S", "falls", (), (), ("acute",), "1.0.0", date(2026, 1, 1), "", HERE
)


def cycle(idea: str, number: int, start: date, act: str) -> PdsaCycle:
    return PdsaCycle(idea, number, start, act)


def case(
    case_id: str,
    title: str,
    tested: tuple[str, ...],
    cycles: tuple[PdsaCycle, ...] = (),
    settings: tuple[str, ...] = ("acute",),
    organisations: tuple[str, ...] = ("north",),
    lessons: tuple[str, ...] = (),
    toolkit: str = "falls",
) -> CaseStudy:
    return CaseStudy(
        id=case_id,
        title=title,
        organisations=organisations,
        settings=settings,
        toolkit=toolkit,
        period=Period(date(2025, 1, 1), date(2025, 12, 31)),
        aim="",
        context="",
        changes_tested=tuple(ChangeTested(i) for i in tested),
        results="",
        lessons=tuple(
            Lesson(case_id, n, f"{case_id} lesson {n}", category)
            for n, category in enumerate(lessons, 1)
        ),
        contact="a@b.example",
        source=HERE,
        pdsa_cycles=cycles,
    )


WARD = case(
    "ward",
    "Ward 3",
    ("huddle", "baywatch"),
    (
        cycle("huddle", 2, date(2025, 3, 1), "adopt"),
        cycle("huddle", 1, date(2025, 2, 1), "abandon"),
        cycle("baywatch", 1, date(2025, 4, 1), "adapt"),
        cycle("baywatch", 2, date(2025, 4, 1), "abandon"),  # same day: the higher cycle
    ),
)
HOMES = case(
    "homes",
    "Care homes",
    ("huddle",),
    (cycle("bells", 1, date(2025, 5, 1), "adapt"),),  # cycled without being listed
    settings=("community", "primary-care"),
    organisations=("meadow", "east"),
)
CLINIC = case("clinic", "Another clinic", ("huddle",), settings=("ambulatory",))


def test_the_decision_is_the_act_of_the_latest_cycle_by_start_then_number() -> None:
    assert latest_decision(WARD, "huddle") == "adopt"
    assert latest_decision(WARD, "baywatch") == "abandon"
    assert latest_decision(HOMES, "huddle") == ""  # tested, no cycle yet
    assert ideas_tested(HOMES) == ("huddle", "bells")


def test_each_idea_lists_every_service_that_tested_it_with_counts() -> None:
    view = toolkit_across(TOOLKIT, PACKAGE, [WARD, HOMES, CLINIC])
    assert [c.id for c in view.services] == ["clinic", "homes", "ward"]  # by title
    assert [i.idea.id for i in view.ideas] == ["huddle", "baywatch", "bells"]
    huddle, baywatch, bells = view.ideas
    assert [(d.case_study, d.decision, d.cycles) for d in huddle.services] == [
        ("clinic", "", 0),
        ("homes", "", 0),
        ("ward", "adopt", 2),
    ]
    counts = huddle.counts()
    assert (counts.tested, counts.adopted, counts.adapted, counts.abandoned) == (3, 1, 0, 0)
    assert counts.undecided == 2
    assert baywatch.counts().abandoned == 1 and baywatch.counts().tested == 1
    assert bells.decision_of("homes") is not None and bells.decision_of("ward") is None
    assert bells.services[0].latest_start == date(2025, 5, 1)
    assert huddle.counts("community").tested == 1 and huddle.counts("acute").adopted == 1
    assert huddle.counts("maternity").tested == 0
    assert view.settings(("acute", "ambulatory", "community", "primary-care")) == (
        "acute",
        "ambulatory",
        "community",
        "primary-care",
    )


def test_an_untested_idea_has_no_services_and_another_toolkit_is_left_out() -> None:
    other = case("other", "Other", ("huddle",), toolkit="deterioration")
    view = toolkit_across(TOOLKIT, PACKAGE, [CLINIC, other])
    assert [c.id for c in view.services] == ["clinic"]
    assert [i.idea.id for i in view.tested_ideas()] == ["huddle"]
    assert view.ideas[1].counts().tested == 0


def test_lessons_by_setting_follow_the_site_order_and_count_in_each_setting() -> None:
    ward = replace(WARD, lessons=(Lesson("ward", 1, "Start small", "leadership"),))
    homes = replace(
        HOMES,
        lessons=(Lesson("homes", 1, "Teach", "workforce"), Lesson("homes", 2, "Data", "data")),
    )
    grouped = lessons_by_setting([ward, homes], ("primary-care", "acute", "community"))
    assert list(grouped) == ["primary-care", "acute", "community"]
    assert [lesson.statement for lesson in grouped["community"]] == ["Teach", "Data"]
    assert grouped["primary-care"] == grouped["community"]
    counts = lesson_counts([ward, homes])
    assert counts[("workforce", "community")] == 1 and counts[("workforce", "primary-care")] == 1
    assert counts[("leadership", "acute")] == 1 and ("leadership", "community") not in counts


def _site(*cases: CaseStudy) -> Site:
    config = SiteConfig("S", "https://x.example/", Licence("L"))
    other = replace(TOOLKIT, id="deterioration", title="Deterioration", change_package="det")
    return Site(config, toolkits=(TOOLKIT, other), change_packages=(PACKAGE,), case_studies=cases)


def _event(**fields: tuple[str, ...]) -> Event:
    return Event("ls", "Session", datetime(2026, 12, 3, 9, 30), HERE, **fields)


def test_an_event_covers_its_toolkits_services_and_only_its_organisations() -> None:
    other = case("other", "A deterioration ward", ("huddle",), toolkit="deterioration")
    site = _site(WARD, HOMES, CLINIC, other)
    groups = event_services(_event(toolkits=("deterioration", "falls")), site)
    assert [(t.id, [c.id for c in cases]) for t, cases in groups] == [
        ("deterioration", ["other"]),
        ("falls", ["clinic", "homes", "ward"]),
    ]
    narrowed = event_services(_event(toolkits=("falls",), organisations=("east",)), site)
    assert [(t.id, [c.id for c in cases]) for t, cases in narrowed] == [("falls", ["homes"])]
    by_organisation = event_services(_event(organisations=("north",)), site)
    assert [(t.id, [c.id for c in cases]) for t, cases in by_organisation] == [
        ("falls", ["clinic", "ward"]),
        ("deterioration", ["other"]),
    ]
    assert event_services(_event(), site) == ()
    assert not _event().has_pack and _event(organisations=("north",)).has_pack


def test_the_programme_view_has_every_toolkit_with_a_change_package() -> None:
    views = programme_across(_site(WARD))
    assert [v.toolkit.id for v in views] == ["falls"]  # deterioration's package is missing
