"""The example site's toolkit bundles and print views, as a user downloads and opens them."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest

from tests.linkcheck import parse_page, resolved
from tests.support import REPO, CliResult
from toolkit_builder.content.load import load_site
from toolkit_builder.content.measuredata import parse_measure_csv
from toolkit_builder.content.model import Site, Toolkit
from toolkit_builder.content.validate import validate_site
from toolkit_builder.language.i18n import load_translations
from toolkit_builder.language.pageformat import PageFormat

FILLED = {
    "period,numerator,denominator,exclude,note": "2026-01-05,3,10,,our first week",
    "period,value,exclude,note": "2026-01-05,4,,our first week",
}


@pytest.fixture(scope="module")
def example() -> Site:
    site, _ = validate_site(load_site(REPO), today=date(2026, 11, 1))
    return site


@pytest.fixture(scope="module")
def built(example_build: tuple[Path, CliResult]) -> Path:
    return example_build[0]  # the session's one build of the example (tests/conftest.py)


LANGUAGES = (("", ""), ("cy/", "-cy"))
"""Where each language's bundles sit, and what their names end with."""


def unzipped(built: Path, toolkit: Toolkit, prefix: str = "", tag: str = "") -> dict[str, bytes]:
    """Return the files of a toolkit's bundle (in a language) by path inside its top folder."""
    stem = f"{toolkit.id}-v{toolkit.version}{tag}"
    zip_path = built / f"{prefix}toolkits" / toolkit.id / f"{stem}.zip"
    top = f"{stem}/"
    with zipfile.ZipFile(zip_path) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert all(name.startswith(top) for name in names)
        return {name.removeprefix(top): archive.read(name) for name in names}


def test_every_toolkit_has_a_bundle_linked_from_its_page_with_its_size(
    built: Path, example: Site
) -> None:
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*.zip")) == sorted(
        f"{prefix}toolkits/{t.id}/{t.id}-v{t.version}{tag}.zip"
        for t in example.toolkits
        for prefix, tag in LANGUAGES
    )
    labels = {"": "Download this toolkit", "cy/": "Lawrlwytho'r pecyn cymorth hwn"}
    for t in example.toolkits:
        for prefix, tag in LANGUAGES:
            name = f"{t.id}-v{t.version}{tag}.zip"
            size = (built / f"{prefix}toolkits" / t.id / name).stat().st_size
            words = PageFormat(prefix[:2] or "en", load_translations(prefix[:2] or "en"))
            text = f"{labels[prefix]} (ZIP, {words.file_size(size)})"
            for page in ("index.html", "print/index.html"):
                page_path = f"{prefix}toolkits/{t.id}/{page}"
                html = (built / page_path).read_text()
                hrefs = re.findall(rf'<a href="([^"]+)" download>{re.escape(text)}</a>', html)
                assert [resolved(page_path, h) for h in hrefs] == [
                    f"{prefix}toolkits/{t.id}/{name}"
                ]
                assert "hreflang" not in html[html.index('id="downloads"') :].split("</section>")[0]
        page = (built / "toolkits" / t.id / "index.html").read_text()
        prints = re.findall(r'<a href="([^"]+)">Print this toolkit</a>', page)
        assert [resolved(f"toolkits/{t.id}/index.html", h) for h in prints] == [
            f"toolkits/{t.id}/print/index.html"
        ]


@pytest.mark.parametrize(("prefix", "tag"), LANGUAGES)
def test_manifest_checksums_and_sizes_match_every_file(
    built: Path, example: Site, prefix: str, tag: str
) -> None:
    for t in example.toolkits:
        files = unzipped(built, t, prefix, tag)
        manifest = json.loads(files.pop("manifest.json"))
        assert manifest["id"] == t.id and manifest["version"] == t.version
        assert manifest["language"] == (prefix[:2] or "en")
        assert {f["path"] for f in manifest["files"]} == set(files)
        for entry in manifest["files"]:
            data = files[entry["path"]]
            assert entry["size"] == len(data), entry["path"]
            assert entry["sha256"] == hashlib.sha256(data).hexdigest(), entry["path"]
        assert (
            manifest["date"] == max([t.last_reviewed, *(c.date for c in t.changelog)]).isoformat()
        )


@pytest.mark.parametrize(("prefix", "tag"), LANGUAGES)
def test_blank_sheets_have_the_header_of_their_chart_and_load_when_filled(
    built: Path, example: Site, prefix: str, tag: str
) -> None:
    measures = {m.id: m for m in example.measures}
    for t in example.toolkits:
        files = unzipped(built, t, prefix, tag)
        sheets = sorted(n for n in files if n.startswith("data-collection/") and n.endswith(".csv"))
        assert sheets == sorted(f"data-collection/{m}.csv" for m in t.measures)
        workbooks = sorted(n for n in files if n.endswith(".xlsx"))
        assert workbooks == sorted(f"data-collection/{m}.xlsx" for m in t.measures)
        for name in sheets:
            m = measures[PurePosixPath(name).stem]
            header = files[name].decode().strip()
            counted = m.chart in ("p", "u") or (
                m.chart == "run" and m.scoring in ("proportion", "rate")
            )
            assert header == (
                "period,numerator,denominator,exclude,note"
                if counted
                else "period,value,exclude,note"
            ), name
            filled = files[name].decode() + FILLED[header] + "\r\n"
            rows, problems = parse_measure_csv(filled, PurePosixPath(name), m.chart)
            assert problems == [] and len(rows) == 1, name


@pytest.mark.parametrize(("prefix", "tag"), LANGUAGES)
def test_offline_pages_never_leave_the_bundle_but_for_the_site_and_link_only_resources(
    built: Path, example: Site, prefix: str, tag: str
) -> None:
    base = example.config.base_url
    for t in example.toolkits:
        files = unzipped(built, t, prefix, tag)
        allowed = {r.url for r in t.resources if r.url}
        allowed |= {(t.licence or example.config.licence).url}
        pages = {n: parse_page(d.decode()) for n, d in files.items() if n.endswith(".html")}
        assert set(pages) == {"index.html", "measures.html", "pdsa-worksheet.html"}
        for name, data in files.items():
            if name.endswith(".html"):
                html = data.decode()
                srcs = re.findall(r'\ssrc="([^"]*)"', html)
                assert all(not urlsplit(s).scheme and not s.startswith("/") for s in srcs), name
        for name, (links, _) in pages.items():
            for link in links:
                parts = urlsplit(link)
                if parts.scheme:
                    assert parts.scheme == "data" or link.startswith(base) or link in allowed, (
                        name,
                        link,
                    )
                    assert parts.scheme in ("https", "data"), (name, link)
                    continue
                assert not link.startswith("/"), (name, link)
                target = resolved(name, parts.path) if parts.path else name
                assert target in files, (name, link)
                if parts.fragment:
                    assert parts.fragment in pages[target][1], (name, link)
        assert (
            b'href="toolkit.css"' in files["index.html"]
            and b"@page { size: A4" in files["toolkit.css"]
        )


def test_link_only_resources_are_not_in_the_bundle(built: Path, example: Site) -> None:
    for t in example.toolkits:
        files = unzipped(built, t)
        bundled = sorted(n for n in files if n.startswith("resources/"))
        assert bundled == sorted(r.file for r in t.resources if r.file)
        manifest = json.loads(files["manifest.json"])
        assert [link["url"] for link in manifest["links"]] == [r.url for r in t.resources if r.url]
        for r in t.resources:
            if r.url:
                assert r.url in files["index.html"].decode()


def test_print_view_has_the_whole_toolkit_on_one_page(built: Path, example: Site) -> None:
    packages = {p.id: p for p in example.change_packages}
    measures = {m.id: m for m in example.measures}
    for t in example.toolkits:
        html = (built / "toolkits" / t.id / "print" / "index.html").read_text()
        assert len(re.findall(r"<h1[ >]", html)) == 1
        srcs = re.findall(r'<img[^>]* src="([^"]+driver-diagram\.svg)"', html)
        assert resolved(f"toolkits/{t.id}/print/index.html", srcs[0]) == (
            f"toolkits/{t.id}/driver-diagram.svg"
        )
        package = packages[t.change_package]
        assert package.aim.statement in html
        for idea in package.change_ideas:
            assert f'id="idea-{idea.id}"' in html
        for mid in t.measures:
            assert f'id="measure-{mid}"' in html and measures[mid].data_source in html


VISITOR_ORDER = (
    "problem",
    "aim",
    "how-to-start",
    "driver-diagram",
    "change-ideas",
    "measures",
    "evidence",
    "tested",
    "downloads",
)


def section_order(html: str) -> list[str]:
    """Return the visitor-order sections a page has, in the order it shows them."""
    found = [m for m in re.findall(r'\sid="([^"]+)"', html) if m in VISITOR_ORDER]
    return list(dict.fromkeys(found))


def test_page_print_view_and_bundle_follow_one_order(built: Path, example: Site) -> None:
    for t in example.toolkits:
        page = (built / "toolkits" / t.id / "index.html").read_text()
        printed = (built / "toolkits" / t.id / "print" / "index.html").read_text()
        offline = unzipped(built, t)["index.html"].decode()
        for html in (page, printed, offline):
            assert section_order(html) == list(VISITOR_ORDER), t.id
        cases = [c for c in example.case_studies if c.toolkit == t.id]
        for html in (printed, offline):
            tested = html[html.index('id="tested"') : html.index('id="downloads"')]
            assert tested.count('class="tested-service"') == len(cases)
            assert "<caption>Decisions of " in tested
    welsh = unzipped(built, example.toolkits[0], "cy/", "-cy")["index.html"].decode()
    assert section_order(welsh)[:3] == ["problem", "aim", "how-to-start"]
