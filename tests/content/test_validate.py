"""The content model built from the fixture site: ids resolved, translations kept, series parsed."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from tests.support import FIXTURE_SITE
from toolkit_builder.content.load import load_site
from toolkit_builder.content.siteindex import index_site
from toolkit_builder.content.validate import validate_site


def test_fixture_model() -> None:
    site, problems = validate_site(load_site(FIXTURE_SITE), today=date(2026, 7, 1))
    assert problems == []
    assert [t.id for t in site.toolkits] == ["falls"]
    falls = site.toolkits[0]
    assert falls.translations["cy"]["title"] == "Atal cwympiadau"
    assert "Mae cwympiadau" in str(falls.translations["cy"]["body"])
    case = next(c for c in site.case_studies if c.id == "ward-3")
    assert [s.id for s in case.series] == ["ward-3-falls-rate", "ward-3-risk-assessed"]
    rate = case.series[0]
    assert rate.chart == "u" and rate.rules == "anhoej" and len(rate.rows) == 24
    assert rate.phases[0].name == "Huddles in use"
    assert case.series[1].baseline_points == 6
    assert [lesson.number for lesson in case.lessons] == [1, 2]
    assert site.today == date(2026, 6, 1)  # newest content date: the toolkit review


def test_index_resolves_back_links() -> None:
    site, _ = validate_site(load_site(FIXTURE_SITE))
    ix = index_site(site)
    assert [c.id for c in ix.testers[("falls", "huddle")]] == ["ward-3"]
    assert [r.case_study.id for r in ix.series_by_measure["risk-assessed"]] == ["ward-3"]
    assert list(ix.lessons_by_category) == ["data", "workforce", "clinical"]
    assert [e.id for e in ix.upcoming_events] == ["ls1"]


def test_drafts_are_kept_for_preview_only() -> None:
    site, _ = validate_site(load_site(FIXTURE_SITE), include_drafts=True)
    assert len(site.case_studies) == 2


def test_source_date_epoch_sets_the_reference_date() -> None:
    site, _ = validate_site(load_site(FIXTURE_SITE), epoch=1_800_000_000)
    assert site.today == date(2027, 1, 15)
    assert index_site(site).upcoming_events == ()


def test_a_free_page_may_not_take_the_address_of_the_list_of_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, site)
    (site / "content" / "pages" / "pages.md").write_text("---\ntitle: Pages\n---\nText.\n")
    _, problems = validate_site(load_site(site))
    assert [str(p) for p in problems] == [
        "content/pages/pages.md:1:1: page id 'pages' would take the URL of the generated"
        " 'pages/' section (rename the page file)"
    ]
