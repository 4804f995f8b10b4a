"""No broken internal link in a built site."""

from __future__ import annotations

from pathlib import Path

from tests.linkcheck import broken_links, parse_page
from tests.support import run_cli


def test_fixture_site_has_no_broken_links(site_copy: Path) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert broken_links(site_copy / "output", "/fixture/") == []


def test_crawler_finds_a_broken_link_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/index.html#here">x</a><a href="b.html">y</a><p id="top">'
    )
    (tmp_path / "a" / "index.html").write_text('<a href="../index.html#top">back</a>')
    assert broken_links(tmp_path) == [
        "index.html -> a/index.html#here (no id 'here')",
        "index.html -> b.html",
    ]


def test_links_are_relative_so_the_site_works_under_any_subpath(site_copy: Path) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    out = site_copy / "output"
    for page in out.rglob("*.html"):
        if page.name == "404.html":
            continue
        links, _ = parse_page(page.read_text())
        internal = [link for link in links if not link.startswith(("http:", "https:", "mailto:"))]
        assert all(not link.startswith("/") for link in internal), page
