"""Atom feeds are valid Atom 1.0, dated from the content, newest first; robots.txt points at the sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date, datetime

import feedparser
import pytest

from tests.support import FIXTURE_SITE, REPO
from toolkit_builder.content.load import load_site
from toolkit_builder.content.model import ChangelogEntry, Site
from toolkit_builder.content.siteindex import index_site
from toolkit_builder.content.validate import validate_site
from toolkit_builder.reuse.feeds import (
    FEED_ENTRIES,
    FeedEntry,
    atom_feed,
    feed_files,
    newest_first,
    plain_text,
    robots_txt,
    toolkit_updated,
)

A = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/fixture/"


@pytest.fixture(scope="module")
def site() -> Site:
    found, problems = validate_site(load_site(FIXTURE_SITE))
    assert [p for p in problems if p.is_error] == []
    return found


def _files(site: Site) -> dict[str, bytes]:
    return feed_files(site.config, index_site(site), site.events, site.today)


def test_plain_text_drops_markup_and_keeps_paragraphs() -> None:
    text = "Teams *shared* `run charts`\nand [lessons](x.html).\n\n- one & <two>"
    assert plain_text(text) == "Teams shared run charts and lessons.\n\none & <two>"


def test_toolkit_is_updated_at_its_newest_review_or_changelog_date(site: Site) -> None:
    toolkit = site.toolkits[0]
    later = ChangelogEntry("1.1.0", date(2026, 9, 1), "More")
    assert toolkit_updated(replace(toolkit, changelog=(*toolkit.changelog, later))) == date(
        2026, 9, 1
    )
    assert toolkit_updated(replace(toolkit, changelog=())) == toolkit.last_reviewed


def test_site_feed_is_valid_atom_with_every_item_newest_first(site: Site) -> None:
    feed = feedparser.parse(_files(site)["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id == BASE + "feed.xml"
    assert feed.feed.title == "Fixture Collaborative"
    assert feed.feed.author_detail.name == "Fixture Collaborative"
    assert feed.feed.author_detail.email == "improvement@example.org"
    assert [e.id for e in feed.entries] == [
        BASE + "events/ls1/",  # 2026-12-01 10:00
        BASE + "toolkits/falls/",  # reviewed 2026-06-01
        BASE + "case-studies/ward-3/",  # ends 2025-12-31
        BASE + "case-studies/eastbay-falls/",  # ends 2025-06-30
    ]
    assert [e.updated for e in feed.entries] == [
        "2026-12-01T10:00:00Z",
        "2026-06-01T00:00:00Z",
        "2025-12-31T00:00:00Z",
        "2025-06-30T00:00:00Z",
    ]
    assert feed.feed.updated == "2026-12-01T10:00:00Z"
    assert [e.link for e in feed.entries] == [e.id for e in feed.entries]
    assert feed.entries[1].summary == "How wards cut falls with simple changes."
    assert feed.entries[2].summary == "By December 2025, cut falls on Ward 3 by 25%."
    assert [e.tags[0].term for e in feed.entries] == [
        "event",
        "toolkit",
        "case-study",
        "case-study",
    ]


def test_feed_has_every_element_atom_requires(site: Site) -> None:
    for path, data in _files(site).items():
        root = ET.fromstring(data)
        assert root.tag == A + "feed", path
        for tag in ("id", "title", "updated", "author/" + A + "name"):
            assert (root.findtext(A + tag) or "").strip(), (path, tag)
        assert root.find(A + "link[@rel='self']").get("href") == BASE + path
        for entry in root.findall(A + "entry"):
            for tag in ("id", "title", "updated"):
                assert (entry.findtext(A + tag) or "").strip(), (path, tag)
            assert entry.find(A + "link[@rel='alternate']").get("href").startswith(BASE)


def test_topic_feed_lists_the_topic_toolkits_and_their_case_studies(site: Site) -> None:
    files = _files(site)
    assert sorted(files) == ["feed.xml", "topics/falls/feed.xml"]
    feed = feedparser.parse(files["topics/falls/feed.xml"])
    assert not feed.bozo
    assert feed.feed.title == "Falls – Fixture Collaborative"
    assert feed.feed.link == BASE + "topics/falls/"
    assert [e.id for e in feed.entries] == [
        BASE + "toolkits/falls/",
        BASE + "case-studies/ward-3/",
        BASE + "case-studies/eastbay-falls/",
    ]


def test_titles_with_markup_characters_are_escaped_and_survive(site: Site) -> None:
    toolkit = replace(site.toolkits[0], title="Falls & <b>harm</b> ]]> \x0b")
    data = _files(replace(site, toolkits=(toolkit,)))["feed.xml"]
    assert b"<b>" not in data
    feed = feedparser.parse(data)
    assert not feed.bozo
    titles = {e.id: e.title for e in feed.entries}
    assert titles[BASE + "toolkits/falls/"] == "Falls & <b>harm</b> ]]>"
    case = titles[BASE + "case-studies/ward-3/"]
    assert case == 'Ward 3 cuts falls at night <script>alert("x")</script>'


def _entry(item_id: str, day: int) -> FeedEntry:
    return FeedEntry(BASE + item_id, item_id, datetime(2026, 1, day, tzinfo=UTC), "", "toolkit")


def test_entries_are_newest_first_ties_by_id_and_capped() -> None:
    entries = [_entry("b", 2), _entry("c", 1), _entry("a", 2), _entry("d", 3)]
    assert [e.title for e in newest_first(entries)] == ["d", "a", "b", "c"]
    many = [_entry(f"t{n:03}", 1 + n % 28) for n in range(FEED_ENTRIES + 10)]
    kept = newest_first(many)
    assert len(kept) == FEED_ENTRIES
    assert min(e.updated for e in kept) >= max(e.updated for e in many if e not in kept)


def test_empty_feed_is_dated_by_the_fallback_not_the_clock(site: Site) -> None:
    data = atom_feed(site.config, "Empty", "feed.xml", "index.html", [], date(2025, 3, 4))
    feed = feedparser.parse(data)
    assert not feed.bozo and feed.entries == []
    assert feed.feed.updated == "2025-03-04T00:00:00Z"


def test_feeds_do_not_depend_on_the_reference_date(site: Site) -> None:
    other = replace(site, today=date(2031, 1, 1))
    assert _files(other) == _files(site)


def test_robots_txt_allows_all_and_names_the_sitemap() -> None:
    text = robots_txt("https://example.org/safe-care").decode()
    assert text.splitlines() == [
        "User-agent: *",
        "Allow: /",
        "",
        "Sitemap: https://example.org/safe-care/sitemap.xml",
    ]


def test_example_site_feeds_are_valid_and_complete() -> None:
    example, _ = validate_site(load_site(REPO))
    files = _files(example)
    assert sorted(files) == sorted(
        ["feed.xml"] + [f"topics/{t.id}/feed.xml" for t in example.topics]
    )
    for path, data in files.items():
        assert not feedparser.parse(data).bozo, path
    ids = {e.id for e in feedparser.parse(files["feed.xml"]).entries}
    base = example.config.base_url
    expected = {f"{base}toolkits/{t.id}/" for t in example.toolkits}
    expected |= {f"{base}case-studies/{c.id}/" for c in example.case_studies}
    expected |= {f"{base}events/{e.id}/" for e in example.events}
    assert ids == expected


def test_a_tested_toolkit_and_an_event_with_a_pack_link_their_views(site: Site) -> None:
    feed = feedparser.parse(_files(site)["feed.xml"])
    related = {e.id: [link.href for link in e.links if link.rel == "related"] for e in feed.entries}
    assert related[BASE + "toolkits/falls/"] == [BASE + "toolkits/falls/what-works/"]
    assert related[BASE + "events/ls1/"] == [BASE + "events/ls1/pack/"]
    assert related[BASE + "case-studies/ward-3/"] == []
    untested = replace(
        site, case_studies=(), events=tuple(replace(e, toolkits=()) for e in site.events)
    )
    plain = feedparser.parse(_files(untested)["feed.xml"])
    assert all(link.rel == "alternate" for e in plain.entries for link in e.links)
