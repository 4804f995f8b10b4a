"""Calendar files (iCalendar, RFC 5545) for events: one per event and one of every upcoming event.

UIDs are `<event id>@<host of base_url>`, so a calendar that imported an event
recognises it again; DTSTAMP is the site's reference date (Site.today), never
the clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from toolkit_builder.content.model import Event, SiteConfig
from toolkit_builder.content.urls import (
    UPCOMING_CALENDAR_PATH,
    event_calendar_path,
    item_path,
    public_url,
)
from toolkit_builder.language.pageformat import Gettext, same_text
from toolkit_builder.reuse.feeds import plain_text, text_parser

LINE_OCTETS = 75
"""Longest content line, line break excluded (RFC 5545 section 3.1)."""

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(text: str) -> str:
    r"""Return a TEXT value with backslashes, semicolons, commas and line breaks escaped.

    Line breaks become the two characters `\n`; other control characters are dropped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    for char, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(char, escaped)
    return text


def fold(line: str) -> bytes:
    """Return a content line as UTF-8, folded so no line exceeds 75 octets, CRLF-ended.

    A continuation starts with a space; a character is never split between lines.
    """
    lines: list[bytes] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = LINE_OCTETS if not lines else LINE_OCTETS - 1
        if len(current) + len(encoded) > limit:
            lines.append(current)
            current = b""
        current += encoded
    lines.append(current)
    return b"\r\n ".join(lines) + b"\r\n"


def utc_stamp(moment: datetime) -> str:
    """Return a DATE-TIME in UTC form, e.g. `20261201T100000Z`."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_uid(event: Event, base_url: str) -> str:
    """Return an event's stable UID: `<event id>@<host of base_url>`."""
    return f"{event.id}@{urlsplit(base_url).hostname or 'localhost'}"


def _event_lines(event: Event, config: SiteConfig, stamp: str, md: MarkdownIt) -> list[str]:
    url = public_url(config.base_url, item_path("event", event.id))
    description = "\n\n".join(part for part in (plain_text(event.summary, md), url) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event_uid(event, config.base_url)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{utc_stamp(event.start)}",
    ]
    if event.end is not None:
        lines.append(f"DTEND:{utc_stamp(event.end)}")
    lines.append(f"SUMMARY:{escape_text(event.title)}")
    lines.append(f"DESCRIPTION:{escape_text(description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    lines += [f"URL:{url}", "END:VEVENT"]
    return lines


def calendar(
    events: Iterable[Event],
    config: SiteConfig,
    name: str,
    today: date,
    md: MarkdownIt | None = None,
    lang: str = "",
) -> bytes:
    """Return an iCalendar object holding the events, with CRLF line ends and folded lines.

    `lang` (default: the site's first language) is the language of its texts, named
    at the end of PRODID as a formal public identifier names its language.
    """
    md = md or text_parser()
    stamp = utc_stamp(datetime.combine(today, time(), UTC))
    language = (lang or config.languages[0]).upper()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//toolkit_builder//{escape_text(config.title)}//{language}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in sorted(events, key=lambda e: (e.start, e.id)):
        lines += _event_lines(event, config, stamp, md)
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)


def calendar_files(
    config: SiteConfig,
    events: Iterable[Event],
    upcoming: Iterable[Event],
    today: date,
    lang: str = "",
    gettext: Gettext = same_text,
) -> dict[str, bytes]:
    """Return one calendar per event and one of the upcoming events, by output path.

    They are in `lang` (default: the site's first language), their fixed words by `gettext`.
    """
    md = text_parser()
    files = {
        event_calendar_path(e.id): calendar(
            [e], config, f"{e.title} – {config.title}", today, md, lang
        )
        for e in events
    }
    name = gettext("%(site)s: events") % {"site": config.title}
    files[UPCOMING_CALENDAR_PATH] = calendar(upcoming, config, name, today, md, lang)
    return files
