"""A site's charts in Welsh: views, tables and files under cy/charts/, apart from English."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.support import FIXTURE_SITE
from toolkit_builder.build import BuildOptions, build_in_memory
from toolkit_builder.charts.batch import cache_key
from toolkit_builder.charts.files import language_chart_files, language_chart_path
from toolkit_builder.charts.stage import ViewMemory, analyse_site, services_status
from toolkit_builder.content.load import load_site
from toolkit_builder.content.model import Site
from toolkit_builder.content.validate import validate_site

WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf",
                "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr")  # fmt: skip


@pytest.fixture(scope="module")
def site() -> Site:
    found, problems = validate_site(load_site(FIXTURE_SITE), today=date(2026, 11, 1))
    assert not [p for p in problems if p.is_error]
    return found


def test_english_views_are_unchanged_by_the_language_parameter(site: Site) -> None:
    assert analyse_site(site) == analyse_site(site, lang="en")


def test_welsh_views_have_welsh_readings_tables_and_their_own_cache_keys(site: Site) -> None:
    english, welsh = analyse_site(site), analyse_site(site, lang="cy")
    assert english.keys() == welsh.keys() and english
    for series_id, view in welsh.items():
        assert view.labels.lang == "cy"
        assert view.key != english[series_id].key
        assert view.analysis == english[series_id].analysis  # only the words change
        assert view.reading.startswith(("Y gwerth diweddaraf", "Does dim data", "Mae pob"))
        assert json.loads(view.json)["reading"] == view.reading
        periods = [row.period_text for row in view.rows]
        assert periods and all(any(m in p for m in WELSH_MONTHS) for p in periods)
        assert all("missing" not in row.value for row in view.rows)
    first = sorted(welsh)[0]
    assert services_status(welsh, [first]) == welsh[first].status
    assert services_status(welsh, [], "cy") == "Dim data eto"


def test_each_view_carries_the_cache_keys_of_both_its_drawings(site: Site) -> None:
    # the build asks for the narrow drawing by this key: a stale one would publish a
    # narrow chart of other data or words
    for lang in ("en", "cy"):
        for view in analyse_site(site, lang=lang).values():
            assert view.key == cache_key(view.analysis, view.labels)
            assert view.narrow_key == cache_key(view.analysis, replace(view.labels, narrow=True))
            assert view.narrow_key != view.key


def test_the_status_of_a_measure_counts_every_service(site: Site) -> None:
    view = next(iter(analyse_site(site).values()))
    statuses = ["No signal", "Improving", "Improving", "Improving"]
    views = {f"s{i}": replace(view, status=status) for i, status in enumerate(statuses)}
    assert services_status(views, list(views)) == (
        "Improving at 3 of 4 services; No signal at 1 of 4 services"
    )
    welsh = {k: replace(v, status="Yn gwella") for k, v in views.items()}
    assert services_status(welsh, list(welsh), "cy") == "Yn gwella mewn 4 o 4 gwasanaeth"


def test_welsh_table_signal_words(site: Site) -> None:
    welsh = analyse_site(site, lang="cy")
    signals = {row.signal for view in welsh.values() for row in view.rows if row.signal}
    english = {row.signal for view in analyse_site(site).values() for row in view.rows}
    assert len(signals) == len(english - {""})
    assert all("outside" not in s and "signal" not in s for s in signals)


def test_a_view_is_not_reused_across_languages(site: Site) -> None:
    memory: ViewMemory = {}
    english = analyse_site(site, current=memory)
    welsh = analyse_site(site, previous=memory, lang="cy")
    assert all(welsh[s].reading != english[s].reading for s in english)


def test_welsh_chart_files_sit_under_cy(site: Site) -> None:
    views = analyse_site(site, lang="cy")
    svgs = {series_id: b"<svg/>" for series_id in views}
    files = language_chart_files(views, svgs, "cy")
    expected = {language_chart_path(s, e, "cy") for s in views for e in ("svg", "csv", "json")}
    assert set(files) == expected
    assert all(name.startswith("cy/charts/") for name in files)
    assert language_chart_path("x", "svg", "en") == "charts/x.svg"
    some = next(iter(views))
    assert files[f"cy/charts/{some}.json"] == views[some].json


def test_a_bilingual_build_draws_each_language_s_charts(site_copy: Path) -> None:
    both = build_in_memory(BuildOptions(site_copy, site_copy / "out"), index_search=False)
    config = site_copy / "site.yaml"
    config.write_text(config.read_text().replace("languages: [en, cy]", "languages: [en]"))
    for translation in (site_copy / "content").rglob("*.cy.*"):
        translation.unlink()
    plain = build_in_memory(BuildOptions(site_copy, site_copy / "out"), index_search=False)
    assert not any(name.startswith("cy/") for name in plain.output)
    english = {name for name in plain.output if name.startswith("charts/")}
    welsh = {name for name in both.output if name.startswith("cy/charts/")}
    assert english and welsh == {f"cy/{name}" for name in english}
    assert {n: both.output[n] for n in english} == {n: plain.output[n] for n in english}
    svg = sorted(n for n in welsh if n.endswith(".svg"))[-1]
    assert b"Y gwerth diweddaraf" in both.output[svg]
    charted = [
        n
        for n in plain.output
        if n.startswith("case-studies/") and b"The latest value" in plain.output[n]
    ]
    welsh_page = both.output["cy/" + charted[0]].decode("utf-8")
    assert "Y gwerth diweddaraf" in welsh_page  # the Welsh reading under the chart
    assert "The latest value" not in welsh_page
