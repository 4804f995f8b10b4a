"""Every language has its own feeds, calendars, open data and bundles, and its site texts translated."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest

from tests.linkcheck import link_targets
from tests.support import run_cli

WELSH_TITLE = "Cydweithrediad Gofal Diogel (enghraifft)"
BASE = "https://example.org/safe-care/"
ATOM = "http://www.w3.org/2005/Atom"


@pytest.fixture(scope="module")
def output(example_output: dict[str, bytes]) -> dict[str, bytes]:
    return example_output  # the session's one build of the example (tests/conftest.py)


def text(output: dict[str, bytes], path: str) -> str:
    return output[path].decode("utf-8")


def test_welsh_feeds_are_in_welsh_and_link_welsh_pages(output: dict[str, bytes]) -> None:
    feed = text(output, "cy/feed.xml")
    assert 'xml:lang="cy"' in feed
    assert f"<title>{WELSH_TITLE}</title>" in feed
    links = re.findall(r'<link rel="alternate" type="text/html" href="([^"]+)"', feed)
    assert links and all(link.startswith(BASE + "cy/") for link in links)
    assert "cy/topics/falls/feed.xml" in output
    assert "<title>Cwympiadau – " in text(output, "cy/topics/falls/feed.xml")
    english = text(output, "feed.xml")
    assert (
        'xml:lang="en"' in english and "<title>Safe Care Collaborative (example)</title>" in english
    )


def test_welsh_calendars_and_open_data_exist_beside_the_english(output: dict[str, bytes]) -> None:
    english_calendars = sorted(p for p in output if p.endswith(".ics") and not p.startswith("cy/"))
    assert english_calendars
    for path in english_calendars:
        welsh = text(output, f"cy/{path}")
        assert f"URL:{BASE}cy/events/" in welsh.replace("\r\n ", "")
    for name in ("toolkits", "case-studies", "measures", "lessons"):
        data = json.loads(output[f"cy/api/{name}.json"])
        assert data["generated_from"] == WELSH_TITLE
        assert all(item["url"].startswith(BASE + "cy/") for item in data["items"]), name
    toolkits = json.loads(output["cy/api/toolkits.json"])["items"]
    bundled = [r["url"] for t in toolkits for r in t["resources"] if r["bundled"]]
    assert bundled and all(url.startswith(BASE + "resources/") for url in bundled)
    cases = json.loads(output["cy/api/case-studies.json"])["items"]
    assert all(s["csv"].startswith(BASE + "cy/charts/") for c in cases for s in c["series"])


def test_welsh_pages_show_the_translated_site_title_topics_and_organisations(
    output: dict[str, bytes],
) -> None:
    home = text(output, "cy/index.html")
    assert WELSH_TITLE in home
    assert "cy/feed.xml" in link_targets("cy/index.html", home)  # the Welsh feed
    topic = text(output, "cy/topics/falls/index.html")
    assert "<h1>Cwympiadau</h1>" in topic
    case = text(output, "cy/case-studies/northvale-pressure-injuries/index.html")
    assert "Bwrdd Iechyd Northvale (ffug)" in case
    assert "Northvale Health Board (fictional)" not in case
    assert "Safe Care Collaborative (example)" in text(output, "index.html")


def test_a_list_translation_must_name_an_item_and_only_texts(site_copy: Path) -> None:
    (site_copy / "content" / "topics.cy.yaml").write_text("- id: no-such-topic\n  title: Dim\n")
    (site_copy / "site.cy.yaml").write_text("title: Teitl\nbase_url: https://example.org/cy/\n")
    result = run_cli("check", str(site_copy), "-q")
    assert result.code == 1
    assert "content/topics.cy.yaml:1:7: no topic 'no-such-topic' to translate" in result.err
    assert (
        "site.cy.yaml:2:1: " in result.err
        and "a translation repeats only text fields" in result.err
    )


def test_welsh_feeds_and_calendars_have_welsh_fixed_labels(output: dict[str, bytes]) -> None:
    feed = ET.fromstring(output["cy/feed.xml"])
    labels = {c.get("label") for c in feed.iter(f"{{{ATOM}}}category")}
    assert labels == {"Pecyn cymorth", "Astudiaeth achos", "Digwyddiad"}
    english = ET.fromstring(output["feed.xml"])
    assert {c.get("label") for c in english.iter(f"{{{ATOM}}}category")} == {
        "Toolkit",
        "Case study",
        "Event",
    }
    upcoming = icalendar.Calendar.from_ical(output["cy/events/upcoming.ics"])
    assert str(upcoming["X-WR-CALNAME"]) == f"{WELSH_TITLE}: digwyddiadau"
    for path in (p for p in output if p.startswith("cy/") and p.endswith((".ics", ".xml"))):
        unfolded = text(output, path).replace("\r\n ", "")
        for english_label in ('label="Toolkit"', 'label="Case study"', 'label="Event"', ": events"):
            assert english_label not in unfolded, (path, english_label)
        if path.endswith(".ics"):
            assert "//CY\r\n" in unfolded, path
    assert "//EN\r\n" in text(output, "events/upcoming.ics").replace("\r\n ", "")
