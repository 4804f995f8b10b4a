"""The site in every language: pages under /cy/, language links, fallbacks and their notice."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.linkcheck import broken_links, parse_page
from tests.support import run_cli

PAGE_TYPES = [
    "index.html",
    "toolkits/index.html",
    "toolkits/falls/index.html",
    "toolkits/falls/change-ideas/huddle/index.html",
    "case-studies/index.html",
    "case-studies/ward-3/index.html",
    "measures/index.html",
    "measures/risk-assessed/index.html",
    "lessons/index.html",
    "lessons/ward-3/1/index.html",
    "topics/index.html",
    "topics/falls/index.html",
    "organisations/index.html",
    "organisations/northvale/index.html",
    "settings/index.html",
    "settings/acute/index.html",
    "events/index.html",
    "events/ls1/index.html",
    "about/index.html",
    "search/index.html",
    "404.html",
]

ENGLISH_INTERFACE = [
    "Skip to main content",
    "Toolkits",
    "Toolkit",
    "Case studies",
    "Case study",
    "Measures",
    "Lessons",
    "Events",
    "Search",
    "Home",
    "Breadcrumb",
    "Page not found",
    "Version",
    "Reviewed",
    "Last reviewed",
    "Download",
    "Show the data",
    "Results",
    "Aim",
    "Context",
    "Contact",
    "Operational definition",
    "Numerator",
    "Denominator",
    "Try this",
    "Upcoming",
    "Past events",
    "Filter results",
    "Browse instead",
    "Content is available",
    "unless stated otherwise",
    "Care settings",
    "Organisations",
    "Topics",
    "Period starting",
    "Lower limit",
    "Median",
    "Mean",
    "January",
    "March",
    "December",
    "Acute",
    "Community",
    "Weekly",
    "Monthly",
    "Learning session",
    "In person",
    "Adopt",
    "Workforce",
    "Outcome",
    "Process",
    "Balancing",
    "Run chart",
    "U chart",
    "rules",
    "No case",
    "yet",
    "Type a word",
    "result",
    "Print",
    "Back to the toolkit",
    "Driver diagram",
    "Change ideas",
    "Acts on",
    "Measured by",
    "Scoring",
    "Data source",
    "Frequency",
    "Licence:",
    "is better",
    "new and updated",
    "Atom feed",
    "ics file",
    "Add to calendar",
    "Accessibility statement",
    "compliant",
    "Compliance status",
    "Non-accessible content",
    "How we tested",
    "Feedback",
    "Enforcement procedure",
    "working days",
    "prepared on",
    "last reviewed",
]
"""English interface words that must not appear on a Welsh page outside `lang="en"` passages."""


class WelshText(HTMLParser):
    """Collects the text and the human-read attributes of a page outside other-language passages."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []
        self.in_script = False

    def _foreign(self) -> bool:
        return any(foreign for _, foreign in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        foreign = values.get("lang") not in (None, "cy")
        if tag not in ("meta", "link", "input", "img", "br", "hr"):
            self.stack.append((tag, foreign and tag != "html"))
        self.in_script = tag in ("script", "style")
        if not self._foreign() and not foreign:
            for name in ("aria-label", "placeholder", "alt", "title"):
                if values.get(name):
                    self.parts.append(values[name] or "")
            if tag == "meta" and values.get("name") == "description":
                self.parts.append(values.get("content") or "")
            if values.get("data-messages"):
                self.parts.append(values["data-messages"] or "")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, _ = self.stack.pop()
            if name == tag:
                break
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if not self._foreign() and not self.in_script:
            self.parts.append(data)


def welsh_text(html: str) -> str:
    """Return what a Welsh page says in Welsh (or should): everything not marked as another language."""
    parser = WelshText()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture
def built(site_copy: Path) -> Path:
    result = run_cli("build", str(site_copy), "--strict", "-q")
    assert result.code == 0, result.err
    return site_copy / "output"


def test_every_page_type_exists_in_both_languages(built: Path) -> None:
    for page in PAGE_TYPES:
        assert (built / page).is_file(), page
        assert (built / "cy" / page).is_file(), page
    english = {p.relative_to(built).as_posix() for p in built.rglob("*.html")}
    welsh = {p.removeprefix("cy/") for p in english if p.startswith("cy/")}
    assert welsh == {p for p in english if not p.startswith(("cy/", "pagefind/"))}
    assert (built / "cy/toolkits/falls/driver-diagram.svg").is_file()
    assert not (built / "cy" / "static").exists()  # assets are shared


def test_both_languages_have_no_broken_links(built: Path) -> None:
    assert broken_links(built, "/fixture/") == []


def test_every_page_has_its_language_and_links_to_its_twin(built: Path) -> None:
    for page in built.rglob("*.html"):
        name = page.relative_to(built).as_posix()
        if name.startswith("pagefind/"):
            continue
        html = page.read_text()
        welsh = name.startswith("cy/")
        lang, other = ("cy", "en") if welsh else ("en", "cy")
        assert f'<html lang="{lang}">' in html, name
        alternates = dict(
            re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)
        )
        assert set(alternates) == {"en", "cy", "x-default"}, name
        assert alternates["x-default"] == alternates["en"], name
        switch = re.search(rf'<a href="([^"]+)" lang="{other}" hreflang="{other}">', html)
        assert switch, name
        if name.endswith("404.html"):
            continue  # links from the site root (served at any depth)
        target = (page.parent / switch.group(1)).resolve()
        twin = name.removeprefix("cy/") if welsh else f"cy/{name}"
        assert target == (built / twin).resolve(), name
        assert (page.parent / alternates[lang]).resolve() == page.resolve(), name


def test_links_on_a_welsh_page_go_to_welsh_pages(built: Path) -> None:
    page = built / "cy/toolkits/falls/index.html"
    links, _ = parse_page(page.read_text())
    inside = [
        (page.parent / link.split("#")[0]).resolve().relative_to(built.resolve()).as_posix()
        for link in links
        if not link.startswith(("http:", "https:", "mailto:", "#", "data:"))
    ]
    # The feed and the toolkit's ZIP are made once, in the default language.
    shared = ("static/", "charts/", "resources/", "sitemap.xml", "feed.xml")
    inside = [p for p in inside if not re.fullmatch(r"toolkits/falls/falls-v[\d.]+\.zip", p)]
    english = [p for p in inside if not p.startswith(("cy/", *shared))]
    # The language switch and the alternates in the head, and only they.
    assert set(english) == {"toolkits/falls/index.html"}
    action = re.search(
        r'<form class="site-search" role="search" action="([^"]+)"', page.read_text()
    )
    assert action and (page.parent / action.group(1)).resolve() == (built / "cy/search/index.html")


def test_welsh_pages_show_the_translation(built: Path) -> None:
    toolkit = (built / "cy/toolkits/falls/index.html").read_text()
    assert "<h1" in toolkit and "Atal cwympiadau</h1>" in toolkit
    assert "Pecynnau cymorth" in toolkit and "Neidio i'r prif gynnwys" in toolkit
    assert "1 Mehefin 2026" in toolkit
    assert "translation-notice" not in toolkit  # everything on it is translated
    case = (built / "cy/case-studies/ward-3/index.html").read_text()
    assert "Dechreuwch gyda&#39;r shifft nos" in case
    assert '<span lang="en">Northvale Health</span>' in case  # no translation files: marked only


def test_no_english_interface_text_on_welsh_pages(built: Path) -> None:
    pages = [
        "index.html",
        "toolkits/falls/index.html",
        "case-studies/ward-3/index.html",
        "measures/risk-assessed/index.html",
        "lessons/index.html",
        "events/index.html",
        "search/index.html",
        "404.html",
        "settings/index.html",
        "measures/index.html",
        "toolkits/falls/print/index.html",
        "events/ls1/index.html",
        "topics/falls/index.html",
    ]
    for page in pages:
        text = welsh_text((built / "cy" / page).read_text())
        found = [w for w in ENGLISH_INTERFACE if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
        assert found == [], page


STATEMENT = """accessibility:
  status: partially-compliant
  known_issues: [Older PDF worksheets are not tagged for screen readers.]
  how_tested: We test every page by **keyboard** alone.
  contact: access@example.org
  response_days: 7
  prepared: 2026-09-01
  last_reviewed: 2026-10-15
"""


def test_the_welsh_accessibility_statement_is_in_welsh_with_its_own_words_marked(
    site_copy: Path,
) -> None:
    config = site_copy / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + STATEMENT, encoding="utf-8")
    result = run_cli("build", str(site_copy), "--strict", "-q")
    assert result.code == 0, result.err
    welsh = (site_copy / "output/cy/accessibility/index.html").read_text()
    text = welsh_text(welsh)
    found = [w for w in ENGLISH_INTERFACE if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    assert found == []
    assert "<h1>Datganiad hygyrchedd</h1>" in welsh and "<h2" in welsh
    assert 'cydymffurfio\'n rhannol â safon <span lang="en">WCAG 2.2 AA</span>' in welsh
    assert '<li lang="en">Older PDF worksheets are not tagged for screen readers.</li>' in welsh
    assert (
        '<div lang="en">\n<p>We test every page by <strong>keyboard</strong> alone.</p>\n</div>'
        in welsh
    )
    assert "o fewn 7 diwrnod gwaith" in welsh and '<a href="mailto:access@example.org">' in welsh
    assert "gorfodi'r rheoliadau hygyrchedd" in welsh  # the theme's words, translated
    assert 'Paratowyd y datganiad hwn ar <time datetime="2026-09-01">1 Medi 2026</time>.' in welsh
    english = (site_copy / "output/accessibility/index.html").read_text()
    assert 'lang="en"' not in english.split("<body>", 1)[1]  # English pages are not marked
    assert "<li>Older PDF worksheets are not tagged for screen readers.</li>" in english
    assert "We will reply within 7 working days." in english


def test_attributes_on_welsh_pages_hold_no_markup(built: Path) -> None:
    for page in ("index.html", "toolkits/falls/print/index.html", "topics/falls/index.html"):
        html = (built / "cy" / page).read_text()
        assert not re.search(r'="[^"]*<span', html), page
        assert 'title="Fixture Collaborative: newydd ac wedi&#39;u diweddaru"' in html or (
            'title="Fixture Collaborative: newydd ac wedi\'u diweddaru"' in html
        ), page


def test_the_welsh_print_view_shows_the_welsh_driver_diagram(built: Path) -> None:
    for folder in ("", "cy/"):
        page = built / folder / "toolkits/falls/print/index.html"
        src = re.search(r'<figure class="driver-diagram">\s*<img src="([^"]+)"', page.read_text())
        assert src, folder
        target = (page.parent / src.group(1)).resolve()
        assert target == (built / folder / "toolkits/falls/driver-diagram.svg").resolve(), folder


def test_the_checker_sees_english_left_on_a_welsh_page() -> None:
    html = '<html lang="cy"><body><p>Toolkits</p><p lang="en">Measures</p><nav aria-label="Home"></nav></body></html>'
    text = welsh_text(html)
    assert "Toolkits" in text and "Home" in text and "Measures" not in text


def test_a_missing_translation_falls_back_with_a_notice_and_a_warning(site_copy: Path) -> None:
    (site_copy / "content/measures/risk-assessed.cy.yaml").unlink()
    result = run_cli("build", str(site_copy), "-q")
    assert result.code == 0
    assert result.err.splitlines() == [
        "content/measures/risk-assessed.yaml:1:1: warning: no Welsh (cy) translation: "
        "risk-assessed.cy.yaml is missing; English is shown "
        "(add content/measures/risk-assessed.cy.yaml)"
    ]
    out = site_copy / "output"
    welsh = (out / "cy/measures/risk-assessed/index.html").read_text()
    assert "Nid yw'r dudalen hon wedi'i chyfieithu'n llawn eto" in welsh
    assert (
        '<h1><span lang="en" data-fallback>Patients with a falls risk assessment within 6 hours</span></h1>'
        in welsh
    )
    assert (
        '<div lang="en" data-fallback>\n<p>Share of admissions with a completed assessment.</p>\n</div>'
        in welsh
    )
    assert (
        "<title>Patients with a falls risk assessment within 6 hours –" in welsh
    )  # no markup in <title>
    english = (out / "measures/risk-assessed/index.html").read_text()
    assert "translation-notice" not in english and "data-fallback" not in english
    untouched = (out / "cy/events/ls1/index.html").read_text()
    assert "translation-notice" not in untouched


def test_a_partial_translation_falls_back_field_by_field(site_copy: Path) -> None:
    path = site_copy / "content/toolkits/falls.cy.md"
    path.write_text(
        path.read_text().replace(
            "summary: Sut y gwnaeth wardiau leihau cwympiadau gyda newidiadau syml.\n", ""
        )
    )
    result = run_cli("build", str(site_copy), "-q")
    assert result.code == 0
    assert result.err.splitlines() == [
        "content/toolkits/falls.cy.md:1:1: warning: the Welsh (cy) translation lacks summary; "
        "English is shown there (translate these fields in falls.cy.md)"
    ]
    welsh = (site_copy / "output/cy/toolkits/falls/index.html").read_text()
    assert "Atal cwympiadau</h1>" in welsh
    assert '<span lang="en" data-fallback>How wards cut falls with simple changes.</span>' in welsh
    assert 'content="How wards cut falls with simple changes."' in welsh  # attributes stay plain
    assert "translation-notice" in welsh


def test_strict_fails_on_a_missing_translation_naming_the_file(site_copy: Path) -> None:
    (site_copy / "content/events/ls1.cy.yaml").unlink()
    result = run_cli("build", str(site_copy), "--strict", "-q")
    assert result.code == 1
    assert (
        "content/events/ls1.yaml:1:1: warning: no Welsh (cy) translation: ls1.cy.yaml" in result.err
    )
    assert not (site_copy / "output").exists()


def test_sitemap_lists_both_languages_with_alternates(built: Path) -> None:
    root = ET.fromstring((built / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [u.find("s:loc", ns).text for u in root.findall("s:url", ns)]  # type: ignore[union-attr]
    assert "https://example.org/fixture/toolkits/falls/" in locs
    assert "https://example.org/fixture/cy/toolkits/falls/" in locs
    assert not any(loc.endswith("404.html") for loc in locs if loc)
    for url in root.findall("s:url", ns):
        links = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        assert set(links) == {"en", "cy"}
        assert links["cy"] == links["en"].replace("/fixture/", "/fixture/cy/", 1)


def test_untranslated_titles_inside_translated_sentences_keep_their_mark(site_copy: Path) -> None:
    (site_copy / "content/case-studies/eastbay-falls.cy.yaml").unlink()
    assert run_cli("build", str(site_copy), "-q").code == 0
    lessons = (site_copy / "output/cy/lessons/index.html").read_text()
    assert re.search(
        r'O <a href="[^"]+"><span lang="en" data-fallback>Eastbay community falls</span></a>',
        lessons,
    )
    assert "translation-notice" in lessons
