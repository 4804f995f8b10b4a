"""A built site publishes feeds, calendars, robots.txt and open data that point at its real pages."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

from tests.linkcheck import link_targets
from tests.support import FIXTURE_SITE, run_cli

BASE = "https://example.org/fixture/"
A = "{http://www.w3.org/2005/Atom}"
REUSE_FILES = [
    "feed.xml",
    "topics/falls/feed.xml",
    "events/ls1/ls1.ics",
    "events/upcoming.ics",
    "robots.txt",
    *(f"api/{n}.json" for n in ("toolkits", "case-studies", "measures", "lessons")),
    *(f"api/schema/{n}.schema.json" for n in ("toolkits", "case-studies", "measures", "lessons")),
]


def _resolve(out: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    path = url.removeprefix(BASE)
    return out / (path + "index.html" if path == "" or path.endswith("/") else path)


def _urls(value: object) -> Iterator[str]:
    if isinstance(value, str) and value.startswith(BASE):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _urls(item)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reuse") / "out"
    assert run_cli("build", str(FIXTURE_SITE), "--out", str(out), "--no-cache", "-q").code == 0
    return out


def test_every_reuse_file_is_published(built: Path) -> None:
    for name in REUSE_FILES:
        assert (built / name).is_file(), name


def test_every_address_in_feeds_calendars_and_open_data_is_a_built_file(built: Path) -> None:
    urls: list[str] = []
    for feed in ("feed.xml", "topics/falls/feed.xml"):
        root = ET.parse(built / feed).getroot()
        urls += [link.get("href", "") for link in root.iter(A + "link")]
        urls += [e.text or "" for e in root.iter(A + "id")]
    for ics in ("events/ls1/ls1.ics", "events/upcoming.ics"):
        urls += [
            str(e["URL"])
            for e in icalendar.Calendar.from_ical((built / ics).read_bytes()).walk("VEVENT")
        ]
    for api in sorted((built / "api").glob("*.json")):
        urls += list(_urls(json.loads(api.read_text(encoding="utf-8"))))
    assert len(urls) > 40
    missing = sorted({u for u in urls if not _resolve(built, u).is_file()})
    assert missing == []


def test_pages_link_their_feeds_and_calendars(built: Path) -> None:
    def links(page: str) -> set[str]:
        return link_targets(page, (built / page).read_text(encoding="utf-8"))

    assert "feed.xml" in links("index.html")
    head = (built / "topics/falls/index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert head.count('rel="alternate" type="application/atom+xml"') == 2
    assert {"feed.xml", "topics/falls/feed.xml"} <= links("topics/falls/index.html")
    assert "events/ls1/ls1.ics" in links("events/ls1/index.html")
    assert "Add to calendar" in (built / "events/ls1/index.html").read_text(encoding="utf-8")
    assert "events/upcoming.ics" in links("events/index.html")
    assert "feed.xml" in links("toolkits/falls/index.html")


def test_robots_txt_names_the_sitemap_at_base_url(built: Path) -> None:
    text = (built / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in text.splitlines()
    assert (built / "sitemap.xml").is_file()


def test_drafts_stay_out_of_feeds_calendars_and_open_data(site_copy: Path) -> None:
    event = site_copy / "content" / "events" / "ls1.yaml"
    event.write_text(event.read_text() + "status: draft\n")
    case = site_copy / "content" / "case-studies" / "eastbay-falls.yaml"
    case.write_text(case.read_text() + "status: draft\n")
    assert run_cli("build", str(site_copy), "-q").code == 0
    out = site_copy / "output"
    assert not (out / "events" / "ls1").exists()
    for name in REUSE_FILES:
        path = out / name
        if path.is_file():
            data = path.read_bytes()
            assert b"eastbay-falls" not in data and b"events/ls1" not in data, name
    assert b"VEVENT" not in (out / "events" / "upcoming.ics").read_bytes()


def test_two_builds_give_the_same_reuse_files(site_copy: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert run_cli("build", str(site_copy), "--out", str(tmp_path / name), "-q").code == 0
    for name in REUSE_FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
