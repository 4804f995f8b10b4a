"""Reading the site folder: size limits, empty files, and every problem in one run."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.support import run_cli
from toolkit_builder.content import load


def test_a_csv_over_the_limit_is_one_located_error(
    site_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "MAX_DATA_BYTES", 2_000_000)
    data = site_copy / "content" / "data" / "ward3-falls.csv"
    data.write_text(data.read_text() + "\n" * 2_500_000)
    result = run_cli("check", str(site_copy), "-q")
    assert result.code == 1
    assert result.err.splitlines()[:-1] == [
        "content/data/ward3-falls.csv:1:1: file is 2.5 MB; a data file may be at most 2 MB "
        "(aggregate the data to longer periods, or split it into several series)"
    ]


def test_a_content_file_over_the_limit_is_located(site_copy: Path) -> None:
    page = site_copy / "content" / "pages" / "about.md"
    page.write_text(page.read_text() + "x" * (load.MAX_TEXT_BYTES + 1))
    result = run_cli("check", str(site_copy), "-q")
    assert result.code == 1
    assert "content/pages/about.md:1:1: file is 2.0 MB; a content file may be at most 2 MB" in (
        result.err
    )


def test_an_empty_measure_file_is_reported_at_the_file(site_copy: Path) -> None:
    (site_copy / "content" / "measures" / "risk-assessed.yaml").write_text("")
    result = run_cli("check", str(site_copy), "-q")
    assert (
        "content/measures/risk-assessed.yaml:1:1: the file is empty "
        "(give the item's fields, or delete the file)"
    ) in result.err.splitlines()


def test_an_unknown_measure_still_has_its_csv_checked(site_copy: Path) -> None:
    case = site_copy / "content" / "case-studies" / "ward-3.yaml"
    case.write_text(case.read_text().replace("measure: falls-rate", "measure: falls-rat"))
    data = site_copy / "content" / "data" / "ward3-falls.csv"
    data.write_text(data.read_text().replace("2025-02-01", "2025-02-31"))
    result = run_cli("check", str(site_copy), "-q")
    assert result.code == 1
    assert result.err.splitlines()[:-1] == [
        "content/case-studies/ward-3.yaml:14:14: unknown measure 'falls-rat' (did you mean 'falls-rate'?)",
        "content/data/ward3-falls.csv:3:1: '2025-02-31' is not a valid date in column 'period' "
        "(write dates as YYYY-MM-DD, the first day of the period)",
    ]


def test_a_python_tag_in_site_yaml_is_one_located_error(site_copy: Path) -> None:
    config = site_copy / "site.yaml"
    config.write_text(config.read_text().replace("title: ", "title: !!python/name:os.system ", 1))
    result = run_cli("check", str(site_copy), "-q")
    assert result.code == 1
    errors = result.err.splitlines()[:-1]
    assert errors[0].startswith("site.yaml:")
    assert "unsupported YAML tag 'tag:yaml.org,2002:python/name:os.system'" in errors[0]
    assert len(errors) <= 2  # the tag, and at most the field it left empty


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("site.yaml", "x: &a [1, *a]\n", "alias '*a' refers to the list or mapping it is in"),
        ("content/topics.yaml", "- id: a\x00b\n", "control character U+0000 is not allowed"),
    ],
)
def test_a_file_that_does_not_parse_is_the_only_error(
    site_copy: Path, name: str, text: str, expected: str
) -> None:
    path = site_copy / name
    path.write_text(path.read_text() + text)
    result = run_cli("check", str(site_copy), "-q")
    errors = result.err.splitlines()[:-1]
    assert len(errors) == 1 and errors[0].startswith(f"{name}:") and expected in errors[0]


def test_the_site_digest_changes_with_whatever_a_build_reads(site_copy: Path) -> None:
    first = load.site_digest(site_copy)
    (site_copy / "output").mkdir()
    (site_copy / "output" / "index.html").write_text("built")
    (site_copy / ".cache").mkdir()
    (site_copy / "README.md").write_text("notes")
    assert load.site_digest(site_copy) == first  # outside what a build reads
    edits = [
        lambda: (site_copy / "content/data/ward3-falls.csv").write_text("period,value\n"),
        lambda: (site_copy / "content/pages/extra").mkdir(),
        lambda: (site_copy / "content/pages/about.md").rename(site_copy / "content/pages/a.md"),
        lambda: (site_copy / "site.cy.yaml").write_text("title: Safle\n"),
        lambda: (site_copy / "templates").mkdir(),
        lambda: (site_copy / "templates/.hidden.html").write_text("x"),
        lambda: (site_copy / "content/resources/link.md").symlink_to("/etc/hostname"),
    ]
    seen = {first}
    for edit in edits:
        edit()
        now = load.site_digest(site_copy)
        assert now not in seen
        seen.add(now)


def test_template_digests_name_each_file_of_the_site_templates(site_copy: Path) -> None:
    assert load.template_digests(site_copy) == {}
    (site_copy / "templates/static").mkdir(parents=True)
    (site_copy / "templates/page.html").write_text("{{ page.title }}")
    (site_copy / "templates/static/x.css").write_text("p {}")
    (site_copy / "templates/linked.html").symlink_to(site_copy / "templates/page.html")
    found = load.template_digests(site_copy)
    assert sorted(found) == ["page.html", "static/x.css"]
    assert found["page.html"] == hashlib.sha256(b"{{ page.title }}").hexdigest()
