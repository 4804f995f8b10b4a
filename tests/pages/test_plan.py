"""Planning pages: two pages for one path are refused, located even when neither has a file;
the pages at some paths are planned alone, as the whole plan has them."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from tests.support import REPO
from toolkit_builder.build import BuildOptions
from toolkit_builder.build.pipeline import check_site, localised_sites
from toolkit_builder.errors import ContentError, Location
from toolkit_builder.language.i18n import Languages
from toolkit_builder.pages import plan
from toolkit_builder.pages.plan import PageJob, plan_pages, refuse_duplicate_paths
from toolkit_builder.pages.render import PageLanguage, page_language
from toolkit_builder.progress import SilentReporter

SITE_YAML = Location(PurePosixPath("site.yaml"), 1, 1)


def test_two_generated_pages_for_one_path_point_at_site_yaml() -> None:
    jobs = [
        PageJob("topics/index.html", "topics.html", "Topics"),
        PageJob("topics/index.html", "page.html", "Topics"),
    ]
    with pytest.raises(ContentError) as raised:
        refuse_duplicate_paths(jobs, SITE_YAML)
    [problem] = raised.value.problems
    assert str(problem) == (
        "site.yaml:1:1: two items would be written to topics/index.html: "
        "'Topics' and 'Topics' (rename one of them)"
    )


def test_a_duplicate_points_at_the_file_of_the_item_that_has_one() -> None:
    page = Location(PurePosixPath("content/pages/topics.md"), 2, 1)
    jobs = [
        PageJob("topics/index.html", "topics.html", "Topics"),
        PageJob("topics/index.html", "page.html", "Our topics", source=page),
    ]
    with pytest.raises(ContentError) as raised:
        refuse_duplicate_paths(jobs, SITE_YAML)
    assert str(raised.value.problems[0]).startswith("content/pages/topics.md:2:1: two items")


@pytest.fixture(scope="module")
def example_languages() -> list[PageLanguage]:
    """Return what the example site's pages need, in each of its languages."""
    site, _ = check_site(BuildOptions(REPO, REPO / "unused"), SilentReporter())
    languages = Languages(site.config.languages)
    sites = localised_sites(site)
    return [page_language(sites[lang], lang, languages, {}) for lang in languages.codes]


def test_planning_some_paths_gives_the_whole_plans_jobs_at_them(
    example_languages: list[PageLanguage],
) -> None:
    for lang in example_languages:
        jobs = plan_pages(lang.site, lang.ix, lang.words)
        assert {job.template for job in jobs} >= {"lesson.html", "toolkit_what_works.html"}
        for job in jobs:
            assert plan_pages(lang.site, lang.ix, lang.words, frozenset({job.path})) == [job]
        some = [jobs[0], jobs[len(jobs) // 2], jobs[-1]]
        only = frozenset({job.path for job in some} | {"no/such/page/index.html"})
        assert plan_pages(lang.site, lang.ix, lang.words, only) == [
            job for job in jobs if job in some
        ]


def test_a_case_study_page_is_planned_without_the_pages_across_services(
    example_languages: list[PageLanguage], monkeypatch: pytest.MonkeyPatch
) -> None:
    lang = example_languages[0]
    case = lang.site.case_studies[0]
    path = f"case-studies/{case.id}/index.html"
    whole = [job for job in plan_pages(lang.site, lang.ix, lang.words) if job.path == path]
    planned: list[str] = []
    monkeypatch.setattr(plan, "collaborative_jobs", lambda *_: planned.append("across") or [])
    monkeypatch.setattr(
        plan, "_toolkit_jobs", lambda t, *_: planned.append(f"toolkit {t.id}") or []
    )
    assert plan_pages(lang.site, lang.ix, lang.words, frozenset({path})) == whole != []
    assert planned == []
    assert plan_pages(lang.site, lang.ix, lang.words, frozenset({"what-works/index.html"})) == []
    assert planned == ["across"]
