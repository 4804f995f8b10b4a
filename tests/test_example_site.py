"""The bundled example programme meets its brief, builds cleanly, and has no broken links."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest

from tests.linkcheck import broken_links
from tests.support import REPO, CliResult, run_cli
from toolkit_builder.content.load import load_site
from toolkit_builder.content.model import Site
from toolkit_builder.content.validate import validate_site


@pytest.fixture(scope="module")
def example() -> Site:
    site, problems = validate_site(load_site(REPO), today=date(2026, 11, 1))
    assert problems == []
    return site


@pytest.fixture(scope="module")
def built(example_build: tuple[Path, CliResult]) -> Path:
    out, result = example_build  # the session's one build of the example (tests/conftest.py)
    # The example is translated into Welsh only in part, on purpose: the only
    # warnings are the missing translations, one per item.
    warnings = result.err.splitlines()
    assert warnings and all(": warning: no Welsh (cy) translation: " in w for w in warnings)
    assert len(warnings) == len(set(warnings))
    return out


def test_the_welsh_example_items_are_completely_translated(built: Path) -> None:
    result = run_cli("check", str(REPO), "-q")
    for stem in ("deterioration", "news2-complete", "ward-7-escalation", "timely-review"):
        assert f"/{stem}." not in result.err


def test_example_programme_meets_the_brief(example: Site) -> None:
    assert len(example.toolkits) >= 3
    packages = {p.id: p for p in example.change_packages}
    types = {m.id: m.type for m in example.measures}
    for toolkit in example.toolkits:
        package = packages[toolkit.change_package]
        assert len(package.primary_drivers) >= 3, toolkit.id
        assert len(package.change_ideas) >= 6, toolkit.id
        assert len(toolkit.measures) >= 4, toolkit.id
        assert {types[m] for m in toolkit.measures} == {"outcome", "process", "balancing"}
    assert len(example.case_studies) >= 6
    assert len({o for c in example.case_studies for o in c.organisations}) >= 4
    assert len({s for c in example.case_studies for s in c.settings}) >= 3
    for case in example.case_studies:
        assert len(case.series) >= 2, case.id
        assert all(24 <= len(s.rows) <= 52 for s in case.series), case.id
        assert case.pdsa_cycles, case.id
    assert len(example.events) >= 2
    assert {"about", "accessibility"} <= {p.id for p in example.pages}
    assert any("cy" in t.translations for t in example.toolkits)


def test_every_series_has_a_real_change(example: Site) -> None:
    # Plausible data: the mean after the first phase or annotation differs from before.
    for case in example.case_studies:
        for series in case.series:
            values = [r.observation for r in series.rows if r.observation.value is not None]
            ratios = [o.value / o.denominator if o.denominator else o.value for o in values]
            half = len(ratios) // 2
            before, after = sum(ratios[:half]) / half, sum(ratios[half:]) / (len(ratios) - half)
            assert abs(after - before) > 0.05 * abs(before), series.id


def test_home_links_to_every_toolkit_and_every_page_type_exists(built: Path, example: Site) -> None:
    home = (built / "index.html").read_text()
    for toolkit in example.toolkits:
        assert f'href="toolkits/{toolkit.id}/index.html"' in home
    for page in [
        "toolkits/deterioration/index.html",
        "case-studies/ward-7-escalation/index.html",
        "measures/news2-complete/index.html",
        "lessons/index.html",
        "topics/falls/index.html",
        "organisations/riverside/index.html",
        "settings/community/index.html",
        "events/learning-session-3/index.html",
        "about/index.html",
        "accessibility/index.html",
        "404.html",
        "sitemap.xml",
    ]:
        assert (built / page).is_file(), page


def test_example_site_has_no_broken_links(built: Path) -> None:
    assert broken_links(built, "/safe-care/") == []


def test_example_build_is_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run_cli("build", str(REPO), "--out", str(again), "-q").code == 0

    def digest(folder: Path) -> dict[str, str]:
        return {
            p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*")
            if p.is_file()
        }

    assert digest(again) == digest(built)


def test_no_example_reading_contradicts_itself_or_says_random(built: Path) -> None:
    # A reading that says the centre moved says in the same sentence whether the move is
    # a signal (the earlier baseline frozen and carried over), never "no signal" beside it.
    readings = sorted((built / "charts").glob("*.json")) + sorted(
        (built / "cy/charts").glob("*.json")
    )
    assert len(readings) >= 30
    phased = 0
    for path in readings:
        data = json.loads(path.read_text(encoding="utf-8"))
        reading: str = data["reading"]
        assert "random" not in reading and "ar hap" not in reading, path.name
        if "/cy/" in path.as_posix():
            continue  # the Welsh words are checked by the golden readings
        changes = data.get("phase_changes", [])
        sentences = re.split(r"(?<=\.)\s+(?=[A-Z“])", reading)
        moved = [
            s
            for s in sentences
            if re.search(r"has (?:risen|fallen) from|has been (?:higher|lower) since", s)
        ]
        assert len(moved) == len(changes[-1:]), path.name
        for sentence, change in zip(moved, changes[-1:], strict=True):
            phased += 1
            if change["supported"]:
                assert re.search(r": a signal of (improvement|deterioration|a change)", sentence), (
                    sentence
                )
            else:
                assert "but this is not yet a signal that it is more than chance" in sentence
        if moved:
            assert "There is no signal of change" not in reading, path.name
    assert phased >= 6


def test_days_between_injuries_is_a_g_chart_read_and_tabled_per_event(
    built: Path, example: Site
) -> None:
    # The rare-event series: one row per injury on a g chart; the page names the chart,
    # its median centre line and the event dates, and reads longer gaps as improvement.
    series = next(
        s for c in example.case_studies for s in c.series if s.measure == "days-between-injuries"
    )
    assert series.chart == "g"
    page = (built / "case-studies" / "northvale-pressure-injuries" / "index.html").read_text()
    section = page[page.index('id="series-northvale-pressure-injuries-days-between-injuries"') :]
    section = section[: section.index("</table>")]
    assert "G chart (between rare events)" in section
    assert "<caption>Days between pressure injuries (days), one row per event</caption>" in section
    assert '<th scope="col">Date of event</th>' in section
    assert '<th scope="col">Median</th>' in section
    assert "The gaps between events are getting longer" in section
    assert "a signal of improvement" in section


def test_toolkit_pages_and_print_views_read_in_a_visitors_order(built: Path, example: Site) -> None:
    order = (
        'id="problem"',
        'id="aim"',
        'id="how-to-start"',
        'id="driver-diagram"',
        'id="change-ideas"',
        'id="measures"',
        'id="evidence"',
        'id="tested"',
        'id="downloads"',
        'id="versions"',
    )
    for toolkit in example.toolkits:
        printed = (built / "toolkits" / toolkit.id / "print" / "index.html").read_text()
        assert [printed.index(mark) for mark in order] == sorted(printed.index(m) for m in order)
        html = (built / "toolkits" / toolkit.id / "index.html").read_text()
        assert [html.index(mark) for mark in order] == sorted(html.index(m) for m in order)
        assert printed.count('class="tested-service"') == html.count('class="tested-service"')
        tested = html[html.index('id="tested"') : html.index('id="downloads"')]
        decisions = re.findall(r"<td>(Adopt|Adapt|Abandon|Not recorded)</td>", tested)
        cases = [c for c in example.case_studies if c.toolkit == toolkit.id]
        expected = []
        for case in sorted(cases, key=lambda c: (c.period.end, c.id), reverse=True):
            for change in case.changes_tested:
                cycles = [p for p in case.pdsa_cycles if p.change_idea == change.change_idea]
                last = max(cycles, key=lambda p: (p.start, p.cycle)) if cycles else None
                expected.append(last.act.capitalize() if last else "Not recorded")
        assert decisions == expected, toolkit.id
        assert {"Adopt", "Adapt"} & set(decisions), toolkit.id
        assert tested.count('class="tested-service"') == len(cases)
    welsh = (built / "cy" / "toolkits" / "deterioration" / "index.html").read_text()
    assert welsh.index('id="problem"') < welsh.index('id="aim"') < welsh.index('id="how-to-start"')
