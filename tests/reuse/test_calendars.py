"""Event calendars are valid iCalendar: UTC times, stable UIDs, escaped text, folded CRLF lines."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import icalendar
import pytest

from tests.support import FIXTURE_SITE, REPO
from toolkit_builder.content.load import load_site
from toolkit_builder.content.model import SITE_YAML, Event, Site
from toolkit_builder.content.siteindex import index_site
from toolkit_builder.content.validate import validate_site
from toolkit_builder.reuse.calendars import calendar, calendar_files, escape_text, event_uid, fold


@pytest.fixture(scope="module")
def site() -> Site:
    found, problems = validate_site(load_site(FIXTURE_SITE))
    assert [p for p in problems if p.is_error] == []
    return found


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_event_calendar_has_summary_utc_start_and_stable_uid(site: Site) -> None:
    files = calendar_files(site.config, site.events, index_site(site).upcoming_events, site.today)
    assert sorted(files) == ["events/ls1/ls1.ics", "events/upcoming.ics"]
    (event,) = _events(files["events/ls1/ls1.ics"])
    assert str(event["SUMMARY"]) == "Learning session 1"
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 10, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 12, 1, 16, tzinfo=UTC)
    assert str(event["UID"]) == "ls1@example.org"
    assert str(event["LOCATION"]) == "Cardiff"
    assert str(event["URL"]) == "https://example.org/fixture/events/ls1/"
    assert str(event["DESCRIPTION"]).startswith("Teams share their first cycles.")
    assert event.decoded("DTSTAMP") == datetime.combine(site.today, datetime.min.time(), UTC)


def test_times_with_an_offset_are_written_in_utc(site: Site) -> None:
    summer = timezone(timedelta(hours=1))
    event = replace(
        site.events[0],
        start=datetime(2026, 5, 14, 9, 30, tzinfo=summer),
        end=datetime(2026, 5, 14, 16, tzinfo=summer),
    )
    data = calendar([event], site.config, "x", date(2026, 1, 1))
    assert b"DTSTART:20260514T083000Z\r\n" in data
    assert b"DTEND:20260514T150000Z\r\n" in data


def test_upcoming_calendar_holds_only_events_from_today_on(site: Site) -> None:
    later = replace(site.events[0], id="ls2", start=site.events[0].start + timedelta(days=90))
    past = replace(site.events[0], id="ls0", start=datetime(2020, 1, 1, 9, tzinfo=UTC))
    events = tuple(sorted((past, *site.events, later), key=lambda e: e.start))
    wider = replace(site, events=events)
    files = calendar_files(wider.config, events, index_site(wider).upcoming_events, wider.today)
    uids = [str(e["UID"]) for e in _events(files["events/upcoming.ics"])]
    assert uids == ["ls1@example.org", "ls2@example.org"]
    assert "events/ls0/ls0.ics" in files


def test_commas_semicolons_and_newlines_survive_a_round_trip(site: Site) -> None:
    title = "Session 2, part 1; bring charts\nand lessons \\ notes"
    event = replace(site.events[0], title=title, location="Room 3, Cardiff; Wales")
    data = calendar([event], site.config, "x", site.today)
    assert b"SUMMARY:Session 2\\, part 1\\; bring charts\\nand lessons \\\\ notes" in data
    (parsed,) = _events(data)
    assert str(parsed["SUMMARY"]) == title
    assert str(parsed["LOCATION"]) == "Room 3, Cardiff; Wales"


def test_escape_text_drops_control_characters() -> None:
    assert escape_text("a\r\nb\x07c") == "a\\nbc"


def test_long_lines_fold_at_75_octets_without_splitting_characters(site: Site) -> None:
    title = "Ysgol " + "ŵ" * 100 + " end"  # two octets per ŵ
    event = replace(site.events[0], title=title, summary="word " * 60)
    data = calendar([event], site.config, "x", site.today)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert all(line.decode("utf-8") for line in lines)  # no character cut in two
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert any(line.startswith(b" ") for line in lines)
    (parsed,) = _events(data)
    assert str(parsed["SUMMARY"]) == title
    assert str(parsed["DESCRIPTION"]).startswith("word word")


def test_fold_keeps_short_lines_whole() -> None:
    assert fold("A" * 75) == b"A" * 75 + b"\r\n"
    assert fold("A" * 76) == b"A" * 75 + b"\r\n A\r\n"


def test_uid_uses_the_host_of_base_url() -> None:
    event = Event("ls9", "x", datetime(2026, 1, 1, tzinfo=UTC), SITE_YAML)
    assert event_uid(event, "https://Qi.Example.org:8443/sub/") == "ls9@qi.example.org"


def test_every_example_event_round_trips() -> None:
    example, _ = validate_site(load_site(REPO))
    ix = index_site(example)
    files = calendar_files(example.config, example.events, ix.upcoming_events, example.today)
    for event in example.events:
        (parsed,) = _events(files[f"events/{event.id}/{event.id}.ics"])
        assert str(parsed["SUMMARY"]) == event.title
        assert parsed.decoded("DTSTART") == event.start.astimezone(UTC)
        assert str(parsed["UID"]) == f"{event.id}@example.org"
    upcoming = [str(e["UID"]) for e in _events(files["events/upcoming.ics"])]
    assert upcoming == [f"{e.id}@example.org" for e in ix.upcoming_events]
    assert 0 < len(upcoming) < len(example.events)
