"""The views across services in the built example: what works where (checked against a
derivation of its own, straight from the case studies' YAML), a measure across services,
the lessons by kind and setting, and the learning-session pack."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from lxml import html

from tests.support import REPO
from toolkit_builder.build import BuildOptions, build_in_memory
from toolkit_builder.pages.whatworks import PROGRAMME_MATRIX_SERVICES

CONTENT = REPO / "content"
DECISION_WORDS = {
    "Adopted": "adopt",
    "Adapted": "adapt",
    "Abandoned": "abandon",
    "Tested, no decision yet": None,
}
WELSH_DECISIONS = {"Wedi'i fabwysiadu", "Wedi'i addasu", "Wedi rhoi'r gorau iddo"}


@pytest.fixture(scope="module")
def output() -> dict[str, bytes]:
    return build_in_memory(BuildOptions(REPO, REPO / "unused"), index_search=False).output


def page(output: dict[str, bytes], path: str) -> html.HtmlElement:
    return html.fromstring(output[path].decode("utf-8"))


def has_class(name: str) -> str:
    """Return an XPath test that an element has a class."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def published(folder: str) -> dict[str, dict]:
    """Return the content files of a folder (translations and drafts left out), by id."""
    found = {}
    for path in sorted((CONTENT / folder).glob("*.yaml")):
        if path.name.count(".") > 1:
            continue  # a translation: <id>.cy.yaml
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("status", "published") != "draft":
            found[path.stem] = data
    return found


def derived_decisions(toolkit: str) -> dict[str, dict[str, tuple[str | None, int]]]:
    """Return, per change idea, each testing case study's (latest act, cycles), from the YAML."""
    cases = {k: v for k, v in published("case-studies").items() if v["toolkit"] == toolkit}
    found: dict[str, dict[str, tuple[str | None, int]]] = {}
    for case_id, case in cases.items():
        cycles = case.get("pdsa_cycles", [])
        ideas = {c["change_idea"] for c in case["changes_tested"]}
        ideas |= {c["change_idea"] for c in cycles}
        for idea in ideas:
            own = [c for c in cycles if c["change_idea"] == idea]
            latest = max(own, key=lambda c: (str(c["start"]), c["cycle"]))["act"] if own else None
            found.setdefault(idea, {})[case_id] = (latest, len(own))
    return found


def _link_id(link: str, folder: str) -> str:
    found = re.search(rf"{folder}/([a-z0-9-]+)/", link)
    assert found, link
    return found.group(1)


def built_decisions(tree: html.HtmlElement) -> dict[str, dict[str, tuple[str | None, int]]]:
    """Return what the built table of a toolkit's view says, per change idea and service."""
    (table,) = tree.xpath(f"//table[{has_class('matrix')}]")
    services = [
        _link_id(th.xpath(".//a")[0].get("href"), "case-studies")
        for th in table.xpath("thead//th")[1:]
    ]
    found: dict[str, dict[str, tuple[str | None, int]]] = {}
    for row in table.xpath("tbody/tr"):
        idea = _link_id(row.xpath("th//a")[0].get("href"), "change-ideas")
        for service, cell in zip(services, row.xpath("td"), strict=True):
            words = text(cell)
            if words == "Not tested":
                continue
            decision = next(w for w in DECISION_WORDS if w in words)
            cycles = int(re.search(r"(\d+) PDSA cycles?", words).group(1))
            found.setdefault(idea, {})[service] = (DECISION_WORDS[decision], cycles)
    return found


@pytest.mark.parametrize("toolkit", ["deterioration", "falls", "pressure-injuries"])
def test_each_toolkits_view_agrees_with_the_case_studies_pdsa_cycles(
    output: dict[str, bytes], toolkit: str
) -> None:
    expected = derived_decisions(toolkit)
    tree = page(output, f"toolkits/{toolkit}/what-works/index.html")
    assert built_decisions(tree) == expected
    package = yaml.safe_load((CONTENT / "change-packages" / f"{toolkit}.yaml").read_text())
    rows = tree.xpath(f"//table[{has_class('matrix')}]/tbody/tr")
    assert [_link_id(r.xpath("th//a")[0].get("href"), "change-ideas") for r in rows] == [
        idea["id"] for idea in package["change_ideas"]
    ]
    for row in rows:
        idea = _link_id(row.xpath("th//a")[0].get("href"), "change-ideas")
        decisions = [act for act, _ in expected.get(idea, {}).values()]
        sentence = text(row.xpath("th//*[@data-for-setting='']")[0])
        if decisions:
            tested, adopted = len(decisions), decisions.count("adopt")
            noun = "service" if tested == 1 else "services"
            assert sentence.startswith(f"Adopted by {adopted} of {tested} {noun} that tested it")
        else:
            assert sentence == "No service has tested it yet."
    if toolkit == "deterioration":  # the acceptance example: every decision is there
        assert expected["escalation-aid"] == {
            "ward-7-escalation": ("adopt", 2),
            "eastbay-community-news2": ("adapt", 1),
        }


def test_the_open_data_counts_agree_with_the_case_studies(output: dict[str, bytes]) -> None:
    records = json.loads(output["api/what-works.json"])["items"]
    assert [r["id"] for r in records] == ["deterioration", "falls", "pressure-injuries"]
    for record in records:
        expected = derived_decisions(record["id"])
        for idea in record["change_ideas"]:
            decisions = expected.get(idea["id"], {})
            acts = [act for act, _ in decisions.values()]
            assert idea["counts"] == {
                "tested": len(acts),
                "adopted": acts.count("adopt"),
                "adapted": acts.count("adapt"),
                "abandoned": acts.count("abandon"),
                "undecided": acts.count(None),
            }
            assert {d["case_study"]: (d["decision"], d["cycles"]) for d in idea["decisions"]} == (
                decisions
            )


def test_the_programme_view_has_every_toolkit_and_the_welsh_one_is_in_welsh(
    output: dict[str, bytes],
) -> None:
    tree = page(output, "what-works/index.html")
    assert len(tree.xpath(f"//table[{has_class('matrix')}]")) == 3
    glance = tree.xpath(f"//table[{has_class('glance')}]")[0]
    tested = [r for r in glance.xpath("tbody/tr") if not r.xpath(f"th[{has_class('group')}]")]
    ideas = {idea for toolkit in ("deterioration", "falls", "pressure-injuries")
             for idea in derived_decisions(toolkit)}  # fmt: skip
    assert len(tested) == len(ideas)
    welsh = page(output, "cy/toolkits/deterioration/what-works/index.html")
    assert welsh.xpath("//h1")[0].text_content().startswith("Beth sy'n gweithio ble: ")
    cells = {text(c) for c in welsh.xpath(f"//table[{has_class('matrix')}]//td")}
    assert any(word in cell for cell in cells for word in WELSH_DECISIONS)
    assert not any(word in cell for cell in cells for word in DECISION_WORDS)


def test_a_measure_used_by_three_services_shows_three_rows_with_status_in_words(
    output: dict[str, bytes],
) -> None:
    users = [c for c in published("case-studies").values()
             if any(s["measure"] == "news2-complete" for s in c["series"])]  # fmt: skip
    assert len(users) == 3
    for prefix, words in (("", "Improving"), ("cy/", "Yn gwella")):
        tree = page(output, f"{prefix}measures/news2-complete/services/index.html")
        rows = tree.xpath(f"//table[{has_class('states')}]/tbody/tr")
        assert len(rows) == 3
        titles = [text(r.xpath("th/a")[0]) for r in rows]
        assert titles == sorted(titles, key=str.casefold)  # by name: no ranking
        for row in rows:
            variation, assurance = row.xpath("td")[2:4]
            assert words in text(variation), text(variation)
            assert re.search(r"[a-z]{4}", text(assurance)), text(assurance)
            assert variation.xpath(".//svg[@aria-hidden='true']")  # the icon repeats the words
        charts = f"//*[{has_class('small-multiples')}]//figure[{has_class('chart')}]"
        assert len(tree.xpath(charts)) == 3
        statement = text(tree.xpath(f"//*[{has_class('learning-not-ranking')}]")[0])
        assert ("not for ranking services" in statement) != bool(prefix)
    english = text(page(output, "measures/news2-complete/services/index.html"))
    assert "This view is for learning, not for ranking services." in english
    assert links_to(
        output, "measures/news2-complete/index.html", "measures/news2-complete/services/index.html"
    )


def test_the_lessons_view_groups_every_lesson_by_kind_and_by_setting(
    output: dict[str, bytes],
) -> None:
    tree = page(output, "lessons/index.html")
    cases = published("case-studies")
    lessons = [(case_id, n, lesson) for case_id, case in cases.items()
               for n, lesson in enumerate(case["lessons"], 1)]  # fmt: skip
    assert len(lessons) >= 10
    for case_id, number, lesson in lessons:
        anchor = f"lesson-{case_id}-{number}"
        (article,) = tree.xpath(f"//article[@id='{anchor}']")
        group = article.getparent()
        assert group.get("aria-labelledby") == f"category-{lesson['category']}"
        for setting in cases[case_id]["settings"]:
            links = tree.xpath(f"//section[@aria-labelledby='setting-{setting}']//a")
            assert f"#{anchor}" in [a.get("href") for a in links], (anchor, setting)
    for setting in {s for case in cases.values() for s in case["settings"]}:
        heading = tree.xpath(f"//h3[@id='setting-{setting}']//*[@data-count]")[0]
        expected = sum(len(c["lessons"]) for c in cases.values() if setting in c["settings"])
        assert int(heading.text) == expected
    category_counts = {
        row.xpath("th/a")[0].get("href"): int(row.xpath("td")[-1].text)
        for row in tree.xpath(f"//table[{has_class('lesson-counts')}]/tbody/tr")
    }
    for category in {lesson["category"] for _, _, lesson in lessons}:
        total = sum(1 for _, _, lesson in lessons if lesson["category"] == category)
        assert category_counts[f"#category-{category}"] == total


def test_the_learning_session_pack_lists_the_services_of_its_toolkits(
    output: dict[str, bytes],
) -> None:
    event = yaml.safe_load((CONTENT / "events" / "learning-session-3.yaml").read_text())
    assert event["toolkits"] == ["deterioration", "falls"]
    cases = published("case-studies")
    expected = {k for k, v in cases.items() if v["toolkit"] in event["toolkits"]}
    left_out = set(cases) - expected
    assert expected and left_out
    tree = page(output, "events/learning-session-3/pack/index.html")
    services = tree.xpath(f"//section[{has_class('pack-service')}]")
    listed = {s.get("id").removeprefix("service-") for s in services}
    assert listed == expected
    for case_id in expected:
        (section,) = tree.xpath(f"//section[@id='service-{case_id}']")
        series = cases[case_id]["series"]
        assert len(section.xpath(f".//figure[{has_class('chart')}]")) == len(series)
        lessons = section.xpath(f".//ul[{has_class('pack-lessons')}]/li")
        assert len(lessons) == len(cases[case_id]["lessons"])
    assert links_to(
        output, "events/learning-session-3/index.html", "events/learning-session-3/pack/index.html"
    )
    assert "events/deterioration-webinar/pack/index.html" not in output


def test_the_views_are_in_the_sitemap_search_and_feeds(output: dict[str, bytes]) -> None:
    sitemap = output["sitemap.xml"].decode()
    for path in (
        "what-works/",
        "toolkits/falls/what-works/",
        "measures/news2-complete/services/",
        "events/learning-session-3/pack/",
        "cy/what-works/",
    ):
        assert f"<loc>https://example.org/safe-care/{path}</loc>" in sitemap, path
    view = output["toolkits/falls/what-works/index.html"].decode()
    assert '<meta data-pagefind-meta="type[content]" content="What works where">' in view
    across = output["cy/measures/news2-complete/services/index.html"].decode()
    assert "data-pagefind-body" in across
    feed = output["feed.xml"].decode()
    assert (
        '<link rel="related" type="text/html" '
        'href="https://example.org/safe-care/events/learning-session-3/pack/" />'
    ) in feed
    assert 'href="https://example.org/safe-care/toolkits/falls/what-works/"' in feed


def test_a_toolkit_page_links_its_view(output: dict[str, bytes]) -> None:
    assert links_to(
        output, "toolkits/deterioration/index.html", "toolkits/deterioration/what-works/index.html"
    )


def links_to(output: dict[str, bytes], page_path: str, target: str) -> bool:
    """Return whether the page at `page_path` has a link that resolves to `target`."""
    folder = posixpath.dirname(page_path)
    hrefs = re.findall(r'href="([^"#?]+)', output[page_path].decode())
    return any(posixpath.normpath(posixpath.join(folder, href)) == target for href in hrefs)


def test_a_toolkit_with_many_services_has_its_decisions_on_its_own_page_only(
    site_copy: Path,
) -> None:
    # The fixture's falls toolkit, tested by one service more than the programme's page
    # shows a table for: the programme's page keeps its counts and links its own page.
    case = (site_copy / "content/case-studies/eastbay-falls.yaml").read_text()
    for n in range(PROGRAMME_MATRIX_SERVICES):
        (site_copy / f"content/case-studies/copy-{n:02}.yaml").write_text(
            case.replace("Eastbay community falls", f"Copy {n:02} falls")
        )
    output = build_in_memory(BuildOptions(site_copy, site_copy / "out"), index_search=False).output
    services = [
        path
        for path in (site_copy / "content/case-studies").glob("*.yaml")
        if path.name.count(".") == 1 and "toolkit: falls\n" in path.read_text()
    ]
    assert len(services) > PROGRAMME_MATRIX_SERVICES
    for lang in ("", "cy/"):
        tree = page(output, f"{lang}what-works/index.html")
        assert tree.xpath(f"//table[{has_class('matrix')}]") == []
        glance = tree.xpath(f"//table[{has_class('glance')}]")[0]
        counts = [text(cell) for cell in glance.xpath("tbody/tr/td[1]")]
        assert str(PROGRAMME_MATRIX_SERVICES + 1) in " ".join(counts)
        assert links_to(
            output, f"{lang}what-works/index.html", f"{lang}toolkits/falls/what-works/index.html"
        )
        own = page(output, f"{lang}toolkits/falls/what-works/index.html")
        columns = own.xpath(f"//table[{has_class('matrix')}]/thead/tr/th[@scope='col']")
        assert len(columns) == 1 + len(services)  # the idea, then each service
    welsh = text(page(output, "cy/what-works/index.html"))
    assert "Mae penderfyniadau pob gwasanaeth ar dudalen y pecyn cymorth hwn ei hun" in welsh
