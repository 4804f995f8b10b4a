"""End-to-end builds of the fixture site: output safety, determinism, escaping, structure."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from tests.support import INVALID_CASES, overlay, run_cli, tree_digest
from toolkit_builder.pages.search import SearchIndexer, SearchIndexError
from toolkit_builder.write import MARKER


def test_build_writes_every_page_type(site_copy: Path) -> None:
    result = run_cli("build", str(site_copy), "--quiet")
    assert result.code == 0, result.err
    out = site_copy / "output"
    for page in [
        "index.html",
        "toolkits/index.html",
        "toolkits/falls/index.html",
        "toolkits/falls/driver-diagram.svg",
        "case-studies/ward-3/index.html",
        "measures/falls-rate/index.html",
        "lessons/index.html",
        "topics/falls/index.html",
        "organisations/northvale/index.html",
        "settings/community/index.html",
        "events/ls1/index.html",
        "about/index.html",
        "404.html",
        "sitemap.xml",
        "charts/ward-3-falls-rate.csv",
        "resources/huddle.md",
        "static/style.css",
        MARKER,
    ]:
        assert (out / page).is_file(), page


def test_failed_build_leaves_previous_output_byte_for_byte(site_copy: Path) -> None:
    assert run_cli("build", str(site_copy), "--quiet").code == 0
    before = tree_digest(site_copy / "output")
    overlay(site_copy, INVALID_CASES / "ten-mistakes")
    result = run_cli("build", str(site_copy), "--quiet")
    assert result.code == 1
    assert "10 errors" in result.err
    assert tree_digest(site_copy / "output") == before
    leftovers = [p.name for p in site_copy.iterdir() if p.name.startswith(".output")]
    assert leftovers == []


def test_a_build_failing_after_writing_its_pages_leaves_the_output_as_it_was(
    site_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages are written while the search index is made; if the index then fails, the
    folder they went to goes, and the output stays."""
    assert run_cli("build", str(site_copy), "--quiet").code == 0
    before = tree_digest(site_copy / "output")
    staged: list[Path] = []

    def failing_index(*_: object) -> dict[str, bytes]:
        for _attempt in range(200):  # the pages are being written meanwhile
            staged[:] = site_copy.glob(".output.new-*/case-studies/ward-3/index.html")
            if staged:
                break
            time.sleep(0.05)
        raise SearchIndexError("Pagefind failed to index the site: broken for the test")

    monkeypatch.setattr(SearchIndexer, "_run", failing_index)
    (site_copy / "content/pages/about.md").write_text(
        (site_copy / "content/pages/about.md").read_text() + "\nMore.\n"
    )
    result = run_cli("build", str(site_copy), "--quiet")
    assert result.code != 0 and "broken for the test" in result.err
    assert staged != []  # the failure came after the pages were written
    assert tree_digest(site_copy / "output") == before
    assert [p.name for p in site_copy.iterdir() if p.name.startswith(".output")] == []


def test_two_builds_are_byte_identical(site_copy: Path, tmp_path: Path) -> None:
    assert run_cli("build", str(site_copy), "--out", str(tmp_path / "a"), "-q").code == 0
    assert run_cli("build", str(site_copy), "--out", str(tmp_path / "b"), "-q").code == 0
    first, second = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert first == second
    assert len(first) > 20


@pytest.mark.parametrize("target", [".", "content", ".."])
def test_refuses_output_that_is_or_contains_the_site(site_copy: Path, target: str) -> None:
    result = run_cli("build", str(site_copy), "--out", str(site_copy / target), "-q")
    assert result.code == 2
    assert "refusing" in result.err
    assert (site_copy / "content" / "toolkits" / "falls.md").is_file()


def test_refuses_to_replace_a_folder_it_did_not_make(site_copy: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    result = run_cli("build", str(site_copy), "--out", str(precious), "-q")
    assert result.code == 2
    assert (precious / "thesis.docx").read_text() == "years of work"


def test_rebuild_replaces_stale_files(site_copy: Path) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    (site_copy / "content" / "events" / "ls1.yaml").unlink()
    (site_copy / "content" / "events" / "ls1.cy.yaml").unlink()
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert not (site_copy / "output" / "events" / "ls1").exists()
    assert not (site_copy / "output" / "cy" / "events" / "ls1").exists()


def test_content_is_escaped(site_copy: Path) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    html = (site_copy / "output" / "case-studies" / "ward-3" / "index.html").read_text()
    toolkit = (site_copy / "output" / "toolkits" / "falls" / "index.html").read_text()
    assert "<script>" not in html and "<script>" not in toolkit
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&quot;context&quot;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;" in toolkit


def test_raw_html_allowed_only_when_site_says_so(site_copy: Path) -> None:
    config = site_copy / "site.yaml"
    config.write_text(config.read_text().replace("allow_raw_html: false", "allow_raw_html: true"))
    assert run_cli("build", str(site_copy), "-q").code == 0
    toolkit = (site_copy / "output" / "toolkits" / "falls" / "index.html").read_text()
    assert '<script>alert("body")</script>' in toolkit


def test_every_page_has_one_h1_lang_landmarks_and_skip_link(site_copy: Path) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    pages = sorted((site_copy / "output").rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        html = page.read_text()
        name = page.relative_to(site_copy / "output")
        assert len(re.findall(r"<h1[ >]", html)) == 1, name
        assert re.search(r'<html lang="[a-z]{2}"', html), name
        for landmark in ("<header", "<main", "<footer", "<nav"):
            assert landmark in html, (name, landmark)
        assert 'class="skip-link" href="#main"' in html and 'id="main"' in html, name


def test_drafts_are_left_out_of_a_build(site_copy: Path) -> None:
    case = site_copy / "content" / "case-studies" / "eastbay-falls.yaml"
    case.write_text(case.read_text() + "status: draft\n")
    assert run_cli("build", str(site_copy), "-q").code == 0
    out = site_copy / "output"
    assert not (out / "case-studies" / "eastbay-falls").exists()
    assert "eastbay-falls" not in (out / "case-studies" / "index.html").read_text()


def test_published_item_naming_a_draft_is_an_error(site_copy: Path) -> None:
    measure = site_copy / "content" / "measures" / "restraint-days.yaml"
    measure.write_text(measure.read_text() + "status: draft\n")
    result = run_cli("check", str(site_copy), "-q")
    assert result.code == 1
    assert "content/toolkits/falls.md:5:39: measure 'restraint-days' is a draft" in result.err


def test_sitemap_uses_base_url(site_copy: Path) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    sitemap = (site_copy / "output" / "sitemap.xml").read_text()
    assert "<loc>https://example.org/fixture/toolkits/falls/</loc>" in sitemap
    assert "404" not in sitemap


def test_site_template_overrides_default_and_can_extend_it(site_copy: Path) -> None:
    templates = site_copy / "templates"
    templates.mkdir()
    (templates / "page.html").write_text(
        '{% extends "default/page.html" %}{% block breadcrumbs %}<p id="custom">Ours</p>{% endblock %}'
    )
    assert run_cli("build", str(site_copy), "-q").code == 0
    about = (site_copy / "output" / "about" / "index.html").read_text()
    assert '<p id="custom">Ours</p>' in about and "All data here are made up." in about


def test_broken_site_template_is_a_located_error(site_copy: Path) -> None:
    templates = site_copy / "templates"
    templates.mkdir()
    (templates / "page.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n{{ page.nope }}\n{% endblock %}\n'
    )
    result = run_cli("build", str(site_copy), "-q")
    assert result.code == 1
    assert re.search(r"templates/page\.html:3:1: template error: .*nope", result.err), result.err
    assert "Traceback" not in result.err


def test_output_can_live_outside_the_site(site_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "public"
    assert run_cli("build", str(site_copy), "--out", str(out), "-q").code == 0
    assert (out / "index.html").is_file()
    shutil.rmtree(out)
