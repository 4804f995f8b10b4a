"""Hostile content: links out of the site, output folders holding other work, odd names."""

from __future__ import annotations

import gzip
import os
import subprocess
from pathlib import Path, PurePosixPath

import pytest

from tests.support import run_cli
from toolkit_builder.charts.csvout import safe_cell
from toolkit_builder.errors import Location, Problem
from toolkit_builder.write import MARKER, foreign_entries, write_site

SECRET = "root:x:0:0:secret-marker"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """Return a file outside the site, standing in for /etc/passwd or a deploy key."""
    path = tmp_path / "outside" / "passwd"
    path.parent.mkdir()
    path.write_text(SECRET + "\n")
    return path


def test_linked_resource_is_refused_and_not_published(site_copy: Path, secret: Path) -> None:
    resource = site_copy / "content" / "resources" / "huddle.md"
    resource.unlink()
    resource.symlink_to(secret)
    result = run_cli("build", str(site_copy), "-j", "1", "--no-cache")
    assert result.code == 1
    assert (
        "content/resources/huddle.md:1:1: 'content/resources/huddle.md' leads outside the "
        "site folder: links are not read (copy the file into the site folder instead of "
        "linking to it)"
    ) in result.err.splitlines()
    assert not (site_copy / "output").exists()


def test_linked_csv_is_refused(site_copy: Path, secret: Path) -> None:
    data = site_copy / "content" / "data" / "ward3-falls.csv"
    secret.write_text(data.read_text())
    data.unlink()
    data.symlink_to(secret)
    result = run_cli("check", str(site_copy))
    assert result.code == 1
    assert "content/data/ward3-falls.csv:1:1: 'content/data/ward3-falls.csv' leads outside" in (
        result.err
    )


def test_link_inside_the_site_and_linked_folder_are_refused_too(site_copy: Path) -> None:
    pages = site_copy / "content" / "pages"
    (pages / "copy.md").symlink_to(pages / "about.md")
    (site_copy / "content" / "resources" / "more").symlink_to(site_copy / "content" / "pages")
    result = run_cli("check", str(site_copy))
    assert result.code == 1
    assert "content/pages/copy.md:1:1: 'content/pages/copy.md' is a symbolic link" in result.err
    assert "content/resources/more:1:1: 'content/resources/more' is a symbolic link" in result.err


def test_linked_site_yaml_and_template_are_refused(site_copy: Path, secret: Path) -> None:
    (site_copy / "templates").mkdir()
    (site_copy / "templates" / "base.html").symlink_to(secret)
    result = run_cli("check", str(site_copy))
    assert result.code == 1
    assert "templates/base.html:1:1: 'templates/base.html' leads outside" in result.err


def test_rebuild_keeps_git_and_cname_it_did_not_write(site_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "gh"
    assert run_cli("build", str(site_copy), "--out", str(out), "-j", "1").code == 0
    subprocess.run(["git", "init", "-q", str(out)], check=True)
    (out / "CNAME").write_text("qi.example.org\n")
    (out / "about" / "notes.txt").write_text("mine")
    assert run_cli("build", str(site_copy), "--out", str(out), "-j", "1").code == 0
    assert (out / ".git" / "HEAD").is_file()
    assert (out / "CNAME").read_text() == "qi.example.org\n"
    assert (out / "about" / "notes.txt").read_text() == "mine"
    assert foreign_entries(out) == [".git", "CNAME", "about/notes.txt"]


def test_stale_pages_are_still_removed_while_foreign_files_stay(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_site({"index.html": b"1", "old/index.html": b"2"}, out)
    (out / "CNAME").write_text("x")
    write_site({"index.html": b"3"}, out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        MARKER,
        "CNAME",
        "index.html",
    ]


def test_build_refuses_to_overwrite_a_file_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_site({"index.html": b"1"}, out)
    (out / "robots.txt").write_text("mine")
    with pytest.raises(Exception, match="did not write it last time"):
        write_site({"index.html": b"2", "robots.txt": b"ours"}, out)
    assert (out / "robots.txt").read_text() == "mine"
    assert (out / "index.html").read_text() == "1"


def test_id_ending_in_a_newline_is_refused(site_copy: Path) -> None:
    pages = site_copy / "content" / "pages"
    (pages / "evil\n.md").write_text((pages / "about.md").read_text())
    result = run_cli("check", str(site_copy))
    assert result.code == 1
    assert "content/pages/evil\\n.md:1:1: file name 'evil\\n' is not a valid id" in result.err


def test_new_refuses_an_id_ending_in_a_newline(site_copy: Path) -> None:
    result = run_cli("new", "toolkit", "nlx\n", str(site_copy))
    assert result.code == 2
    assert "error: 'nlx\\n' is not a valid id" in result.err
    assert not any("nlx" in name for name in os.listdir(site_copy / "content" / "toolkits"))


@pytest.mark.parametrize("cell", ["=1+1", "\uff1d1+1", " =1", "\uff20SUM(A1)", "\uff0b1"])
def test_formula_signs_are_neutralised_in_any_width(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-3.5", "12", "1e5", "text"])
def test_numbers_and_text_stay_as_they_are(cell: str) -> None:
    assert safe_cell(cell) == cell


@pytest.mark.parametrize("char", ["\n", "\r", "\x00", "\x1b", "\x85", "\u2028", "\u2029"])
def test_a_problem_prints_as_one_line_whatever_the_content_holds(char: str) -> None:
    problem = Problem(Location(PurePosixPath(f"content/a{char}.md"), 2, 3), f"'x{char}y' bad")
    assert len(str(problem).splitlines()) == 1
    assert str(problem).startswith("content/a") and ":2:3: 'x" in str(problem)


@pytest.mark.parametrize("copied", [True, False], ids=["synonyms", "no-synonyms"])
def test_links_left_among_the_search_copies_are_not_indexed_or_written_through(
    site_copy: Path, tmp_path: Path, copied: bool
) -> None:
    """The cache's copies of the pages (the ones Pagefind reads) could arrive with a
    restored CI cache or a pull request: a copy that is a link to a page-shaped file
    elsewhere, a linked folder, and Pagefind's output folder linked elsewhere."""
    outside = tmp_path / "outside-pages"
    outside.mkdir()
    (outside / "index.html").write_text(
        '<html lang="en"><body><main data-pagefind-body><p>Xylophonesecret</p></main></body></html>'
    )
    if copied:  # a page gains synonyms: Pagefind reads copies (else the pages as written)
        with (site_copy / "site.yaml").open("a", encoding="utf-8") as stream:
            stream.write("search:\n  synonyms:\n    - [falls, slips and trips]\n")
    copies = site_copy / ".cache/toolkit-builder/search-copies"
    (copies / "site/about").mkdir(parents=True)
    (copies / "site/about/index.html").symlink_to(outside / "index.html")
    (copies / "site/stolen").symlink_to(outside)
    (copies / "bundle").symlink_to(outside)
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert sorted(p.name for p in outside.iterdir()) == ["index.html"]  # nothing written there
    index = [
        gzip.decompress(p.read_bytes()) for p in (site_copy / "output/pagefind").rglob("*.pf_*")
    ]
    assert index and not any(b"xylophonesecret" in part.lower() for part in index)
    assert any(b"about" in part.lower() for part in index)  # the real page is indexed
    assert not any(p.is_symlink() for p in copies.rglob("*"))
    assert not copied or "About" in (copies / "site/about/index.html").read_text()
