"""Atom feeds (RFC 4287) of new and updated toolkits, case studies and events, and robots.txt.

Every date comes from the content (a toolkit's review or changelog date, a case
study's period end, an event's start), never from the clock, so two builds of
the same content give the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from markdown_it import MarkdownIt

from toolkit_builder.content.model import CaseStudy, Event, SiteConfig, Toolkit
from toolkit_builder.content.siteindex import SiteIndex
from toolkit_builder.content.urls import (
    FEED_PATH,
    item_path,
    public_url,
    target_path,
    topic_feed_path,
)
from toolkit_builder.language.pageformat import N_, Gettext, same_text

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_ENTRIES = 50
"""Entries in one feed: the newest ones (a feed says what is new, not everything)."""

KIND_LABELS = {"toolkit": N_("Toolkit"), "case-study": N_("Case study"), "event": N_("Event")}
"""Entry kind -> the label of its Atom category (in the feed's language)."""

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: what it is, where it lives and when it last changed."""

    id: str
    """The item page's absolute URL: stable for as long as the item keeps its id."""
    title: str
    updated: datetime
    """When the item last changed, in UTC, as the content says."""
    summary: str
    kind: str
    """`toolkit`, `case-study` or `event`: the entry's Atom category."""
    markdown: bool = False
    """The summary is Markdown (made plain text only for the entries a feed keeps)."""
    related: tuple[str, ...] = ()
    """Absolute URLs of pages about the item: a toolkit's what works where, an event's pack."""


def text_parser() -> MarkdownIt:
    """Return a Markdown parser for plain_text (make one per build: it takes milliseconds)."""
    return MarkdownIt("commonmark", {"html": False})


def plain_text(markdown: str, md: MarkdownIt | None = None) -> str:
    """Return the words of a Markdown text without its markup (paragraphs kept apart)."""
    tokens = (md or text_parser()).parse(markdown)
    blocks: list[str] = []
    for token in tokens:
        if token.type != "inline":
            continue
        words = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        blocks.append("".join(words).strip())
    return "\n\n".join(b for b in blocks if b)


def toolkit_updated(toolkit: Toolkit) -> date:
    """Return the newest of a toolkit's review date and changelog dates."""
    return max([toolkit.last_reviewed, *(entry.date for entry in toolkit.changelog)])


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def toolkit_entry(toolkit: Toolkit, config: SiteConfig, tested: bool = False) -> FeedEntry:
    """Return a toolkit's feed entry, updated at its newest review or changelog date; with
    `tested` (a service has tested it), related to its what-works-where page."""
    url = public_url(config.base_url, item_path("toolkit", toolkit.id))
    related = (
        (public_url(config.base_url, item_path("toolkit-what-works", toolkit.id)),)
        if tested
        else ()
    )
    return FeedEntry(
        url,
        toolkit.title,
        _midnight(toolkit_updated(toolkit)),
        toolkit.summary,
        "toolkit",
        related=related,
    )


def case_study_entry(case: CaseStudy, config: SiteConfig) -> FeedEntry:
    """Return a case study's feed entry, updated at the end of its period, summed up by its aim."""
    url = public_url(config.base_url, item_path("case-study", case.id))
    return FeedEntry(url, case.title, _midnight(case.period.end), case.aim, "case-study", True)


def event_entry(event: Event, config: SiteConfig) -> FeedEntry:
    """Return an event's feed entry, dated at its start, related to its pack if it has one."""
    url = public_url(config.base_url, item_path("event", event.id))
    start = event.start.astimezone(UTC)
    pack = (public_url(config.base_url, item_path("event-pack", event.id)),)
    return FeedEntry(
        url, event.title, start, event.summary, "event", True, pack if event.has_pack else ()
    )


def newest_first(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """Return entries newest first, entries of the same time by id, at most FEED_ENTRIES."""
    ordered = sorted(entries, key=lambda e: e.id)
    return sorted(ordered, key=lambda e: e.updated, reverse=True)[:FEED_ENTRIES]


def site_entries(ix: SiteIndex, events: Iterable[Event], config: SiteConfig) -> list[FeedEntry]:
    """Return the site feed's newest entries among every toolkit, case study and event."""
    entries = [
        toolkit_entry(t, config, t.id in ix.case_studies_by_toolkit) for t in ix.toolkits.values()
    ]
    entries += [case_study_entry(c, config) for c in ix.case_studies.values()]
    entries += [event_entry(e, config) for e in events]
    return newest_first(entries)


def topic_entries(ix: SiteIndex, topic_id: str, config: SiteConfig) -> list[FeedEntry]:
    """Return a topic feed's entries: its toolkits and their case studies."""
    toolkits = ix.toolkits_by_topic.get(topic_id, ())
    entries = [toolkit_entry(t, config, t.id in ix.case_studies_by_toolkit) for t in toolkits]
    for toolkit in toolkits:
        cases = ix.case_studies_by_toolkit.get(toolkit.id, ())
        entries += [case_study_entry(c, config) for c in cases]
    return newest_first(entries)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = _NOT_IN_XML.sub("", text)
    return element


def atom_feed(
    config: SiteConfig,
    title: str,
    feed_path: str,
    page_path: str,
    entries: list[FeedEntry],
    fallback: date,
    md: MarkdownIt | None = None,
    lang: str = "",
    gettext: Gettext = same_text,
) -> bytes:
    """Return an Atom feed document in `lang` (default: the site's first language).

    `updated` is its newest entry's (or `fallback`'s) date; `gettext` translates
    the category labels into `lang`.
    """
    md = md or text_parser()
    feed_url = public_url(config.base_url, feed_path)
    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: lang or config.languages[0]})
    _text(feed, "id", feed_url)
    _text(feed, "title", title)
    if config.description:
        _text(feed, "subtitle", config.description)
    updated = max((e.updated for e in entries), default=_midnight(fallback))
    _text(feed, "updated", _stamp(updated))
    author = ET.SubElement(feed, "author")
    _text(author, "name", config.title)
    _text(author, "uri", public_url(config.base_url, ""))
    if config.contact_email:
        _text(author, "email", config.contact_email)
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": feed_url})
    page_url = public_url(config.base_url, page_path)
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": page_url})
    _text(feed, "rights", config.licence.name)
    for entry in entries:
        item = ET.SubElement(feed, "entry")
        _text(item, "id", entry.id)
        _text(item, "title", entry.title)
        _text(item, "updated", _stamp(entry.updated))
        ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": entry.id})
        for address in entry.related:
            ET.SubElement(item, "link", {"rel": "related", "type": "text/html", "href": address})
        ET.SubElement(
            item, "category", {"term": entry.kind, "label": gettext(KIND_LABELS[entry.kind])}
        )
        summary = plain_text(entry.summary, md) if entry.markdown else entry.summary
        if summary:
            _text(item, "summary", summary, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_files(
    config: SiteConfig,
    ix: SiteIndex,
    events: Iterable[Event],
    today: date,
    lang: str = "",
    gettext: Gettext = same_text,
) -> dict[str, bytes]:
    """Return the site feed and one feed per topic, by output path, in `lang` (words by `gettext`)."""
    md = text_parser()
    files = {
        FEED_PATH: atom_feed(
            config,
            config.title,
            FEED_PATH,
            target_path("home"),
            site_entries(ix, events, config),
            today,
            md,
            lang,
            gettext,
        )
    }
    for topic in ix.topics.values():
        files[topic_feed_path(topic.id)] = atom_feed(
            config,
            f"{topic.title} – {config.title}",
            topic_feed_path(topic.id),
            item_path("topic", topic.id),
            topic_entries(ix, topic.id, config),
            today,
            md,
            lang,
            gettext,
        )
    return files


def robots_txt(base_url: str) -> bytes:
    """Return robots.txt: every crawler may read every page; the sitemap is at base_url."""
    lines = ["User-agent: *", "Allow: /", "", f"Sitemap: {public_url(base_url, 'sitemap.xml')}"]
    return ("\n".join(lines) + "\n").encode("utf-8")
