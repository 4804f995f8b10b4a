"""The site in one language: translated fields merged in, field by field, with gaps reported."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date
from pathlib import PurePosixPath
from types import MappingProxyType

from toolkit_builder.content.model import (
    Aim,
    CaseStudy,
    ChangeIdea,
    ChangePackage,
    Lesson,
    Licence,
    Period,
    PrimaryDriver,
    SecondaryDriver,
    Site,
    SiteConfig,
)
from toolkit_builder.errors import Location
from toolkit_builder.language.localise import (
    Fallback,
    localise_item,
    localise_site,
    translation_warnings,
)

WHERE = Location(PurePosixPath("content/change-packages/falls.yaml"), 1, 1)


def _package(**translations: object) -> ChangePackage:
    return ChangePackage(
        id="falls",
        title="Falls change package",
        aim=Aim("Cut falls by 20%.", date(2027, 3, 31)),
        primary_drivers=(
            PrimaryDriver("safe", "A safe environment", (SecondaryDriver("bell", "Call bell"),)),
        ),
        change_ideas=(
            ChangeIdea("huddle", "Safety huddle", "A short huddle.", ("bell",)),
            ChangeIdea("check", "Bell check", "Check the bell.", ("bell",)),
        ),
        source=WHERE,
        translations=MappingProxyType(translations),
    )


def test_translated_fields_replace_and_missing_ones_fall_back() -> None:
    package = _package(
        cy={
            "title": "Pecyn newid cwympiadau",
            "change_ideas": [{"id": "check", "title": "Gwirio'r gloch"}],
        }
    )
    welsh, gap = localise_item(package, "change-packages", "cy", "en")
    assert welsh.title == "Pecyn newid cwympiadau" and not isinstance(welsh.title, Fallback)
    huddle, check = welsh.change_ideas
    assert check.title == "Gwirio'r gloch"  # matched by id, not position
    assert isinstance(huddle.title, Fallback) and huddle.title.lang == "en"
    assert isinstance(check.description, Fallback)
    assert isinstance(welsh.aim.statement, Fallback)
    assert welsh.aim.by_when == date(2027, 3, 31) and check.drivers == ("bell",)
    assert gap is not None and gap.has_file
    assert gap.missing == (
        "aim.statement",
        "primary_drivers[1].title",
        "primary_drivers[1].secondary_drivers[1].title",
        "change_ideas[1].title",
        "change_ideas[1].description",
        "change_ideas[2].description",
    )
    assert welsh.translations == {}


def test_the_default_language_is_the_original_without_translations() -> None:
    package = _package(cy={"title": "Pecyn"})
    english, gap = localise_item(package, "change-packages", "en", "en")
    assert gap is None and english.title == "Falls change package" and english.translations == {}
    assert not isinstance(english.title, Fallback)


def test_no_translation_file_is_a_gap_without_fields() -> None:
    _, gap = localise_item(_package(), "change-packages", "cy", "en")
    assert gap is not None and not gap.has_file and gap.missing == ()


def _site(*packages: ChangePackage, languages: tuple[str, ...] = ("en", "cy")) -> Site:
    config = SiteConfig("Fixture", "https://example.org/", Licence("OGL"), languages)
    return Site(config, change_packages=packages)


def test_warnings_name_the_file_once_per_item_and_language() -> None:
    complete = {
        "title": "Pecyn",
        "aim": {"statement": "Lleihau cwympiadau 20%."},
        "primary_drivers": [
            {
                "id": "safe",
                "title": "Diogel",
                "secondary_drivers": [{"id": "bell", "title": "Cloch"}],
            }
        ],
        "change_ideas": [
            {"id": "huddle", "title": "Cyfarfod", "description": "Cyfarfod byr."},
            {"id": "check", "title": "Gwirio", "description": "Gwiriwch."},
        ],
    }
    done = _package(cy=complete)
    missing = replace(
        _package(), id="other", source=replace(WHERE, path=WHERE.path.with_name("other.yaml"))
    )
    warnings = [str(p) for p in translation_warnings(_site(done, missing))]
    assert warnings == [
        "content/change-packages/other.yaml:1:1: warning: no Welsh (cy) translation: other.cy.yaml "
        "is missing; English is shown (add content/change-packages/other.cy.yaml)"
    ]
    assert translation_warnings(_site(done, missing, languages=("en",))) == []


def test_a_language_without_a_catalogue_is_reported_at_site_yaml() -> None:
    warnings = [str(p) for p in translation_warnings(_site(languages=("en", "xx")))]
    assert warnings == [
        "site.yaml:1:1: warning: no interface translation for 'xx': its pages show menus and labels "
        "in English (add toolkit_builder/locales/xx/LC_MESSAGES/messages.po (make messages))"
    ]


def test_lists_without_ids_are_matched_in_order_and_text_without_letters_needs_none() -> None:
    case = CaseStudy(
        id="ward-3",
        title="Ward 3",
        organisations=("northvale",),
        settings=("acute",),
        toolkit="falls",
        period=Period(date(2025, 1, 1), date(2025, 12, 31)),
        aim="Cut falls.",
        context="A ward.",
        changes_tested=(),
        results="08:00",
        lessons=(
            Lesson("ward-3", 1, "Start at night", "workforce"),
            Lesson("ward-3", 2, "Show data", "data"),
        ),
        contact="a@b.example",
        source=Location(PurePosixPath("content/case-studies/ward-3.yaml"), 1, 1),
        translations=MappingProxyType(
            {
                "cy": {
                    "title": "Ward 3",
                    "aim": "Lleihau",
                    "context": "Ward.",
                    "lessons": [{}, {"statement": "Dangos data"}],
                }
            }
        ),
    )
    site = replace(_site(), case_studies=(case,))
    welsh, gaps = localise_site(site, "cy")
    first, second = welsh.case_studies[0].lessons
    assert isinstance(first.statement, Fallback) and second.statement == "Dangos data"
    assert welsh.case_studies[0].results == "08:00" and not isinstance(
        welsh.case_studies[0].results, Fallback
    )
    assert [g.missing for g in gaps] == [("lessons[1].statement",)]
    assert isinstance(welsh.config.title, Fallback) and not welsh.config.title.notice


def test_fallback_text_survives_pickling_with_its_language() -> None:
    # Chart labels holding fallback text are sent to the processes that draw charts.
    text = Fallback("Falls rate", "en", notice=False)
    back = pickle.loads(pickle.dumps(text))
    assert isinstance(back, Fallback) and back == "Falls rate"
    assert (back.lang, back.notice) == ("en", False)
