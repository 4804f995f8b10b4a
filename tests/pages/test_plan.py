"""Planning pages: two pages for one path are refused, located even when neither has a file."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from toolkit_builder.errors import ContentError, Location
from toolkit_builder.pages.plan import PageJob, refuse_duplicate_paths

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
