"""Toolkit bundles built from small in-memory models: contents, manifest, safety, determinism."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import PurePosixPath

import pytest
import yaml

from toolkit_builder.content.fields import FieldChecker
from toolkit_builder.content.measuredata import parse_measure_csv
from toolkit_builder.content.model import (
    Aim,
    ChangeIdea,
    ChangelogEntry,
    ChangePackage,
    Goal,
    Licence,
    Measure,
    PrimaryDriver,
    Resource,
    SecondaryDriver,
    Site,
    SiteConfig,
    Toolkit,
    Topic,
)
from toolkit_builder.content.schema import FILE_TYPES
from toolkit_builder.content.yamlmarks import parse_yaml
from toolkit_builder.errors import ContentError, Location
from toolkit_builder.language.i18n import Languages
from toolkit_builder.language.localise import localise_site
from toolkit_builder.pages.markdown import make_markdown
from toolkit_builder.pages.render import PageLanguage, page_language
from toolkit_builder.pages.theme import PACKAGE_THEME, make_environment
from toolkit_builder.reuse.bundle import (
    bundle_date,
    bundle_path,
    safe_entry,
    site_bundles,
    toolkit_bundle,
)
from toolkit_builder.reuse.bundlefiles import (
    collection_columns,
    measures_csv,
    offline_html,
    pdsa_markdown,
)
from toolkit_builder.reuse.made import MadeFiles

HERE = Location(PurePosixPath("content/toolkits/falls.md"), 1, 1)
ROWS = {
    "period,numerator,denominator,exclude,note": "2026-01-05,3,10,,first week",
    "period,value,exclude,note": "2026-01-05,4,,first week",
}


def measure(mid: str, chart: str, scoring: str, **more: object) -> Measure:
    counted = scoring in ("proportion", "rate")
    fields: dict[str, object] = {"numerator": "Done", "denominator": "All"} if counted else {}
    fields.update(more)
    return Measure(
        mid,
        f"Measure {mid}",
        "process",
        f"What {mid} counts.",
        scoring,
        "increase",
        chart,  # type: ignore[arg-type]
        "Audit",
        "weekly",
        Location(PurePosixPath(f"content/measures/{mid}.yaml"), 1, 1),
        **fields,  # type: ignore[arg-type]
    )


MEASURES = (
    measure("assessed", "p", "proportion", multiplier=100.0, unit="%"),
    measure("falls", "u", "rate", multiplier=1000.0),
    measure("checked", "run", "proportion"),
    measure("wait", "run", "value"),
    measure("restraint", "c", "count"),
    measure("minutes", "i", "value", goal=Goal(-3.5)),
)


def small_site(**toolkit_changes: object) -> Site:
    package = ChangePackage(
        "falls",
        "Falls package",
        Aim("Cut falls by half", date(2027, 1, 1)),
        (PrimaryDriver("p1", "Risk known", (SecondaryDriver("s1", "Assessed"),)),),
        (
            ChangeIdea("huddle", "Safety huddle", "Talk at **handover**.", ("s1",), ("falls",)),
            ChangeIdea("rounds", "Comfort rounds", "See [the guide](../../about/).", ("s1",)),
        ),
        Location(PurePosixPath("content/change-packages/falls.yaml"), 1, 1),
    )
    toolkit = Toolkit(
        "falls",
        "Preventing falls",
        "How wards cut falls.",
        "falls",
        tuple(m.id for m in MEASURES),
        ("falls",),
        ("acute",),
        "1.2.0",
        date(2026, 6, 1),
        "## Why\n\nFalls hurt. See [measures](../../measures/index.html) and ![map](map.png).",
        HERE,
        resources=(
            Resource("Huddle prompt", file="resources/huddle.md", licence="OGL"),
            Resource("NICE guideline", url="https://www.nice.org.uk/guidance/ng249"),
        ),
        changelog=(ChangelogEntry("1.2.0", date(2026, 5, 1), "Second"),),
    )
    toolkit = replace(toolkit, **toolkit_changes)
    return Site(
        SiteConfig("Fixture Collaborative", "https://example.org/fixture/", Licence("OGL", "")),
        toolkits=(toolkit,),
        change_packages=(package,),
        measures=MEASURES,
        topics=(Topic("falls", "Falls"),),
        resource_files={"resources/huddle.md": b"# Huddle\n", "resources/other.md": b"other"},
    )


def in_language(site: Site, lang: str = "en") -> PageLanguage:
    """Return what a bundle in `lang` is made from: the site in that language and its words."""
    local = localise_site(site, lang)[0]
    return page_language(local, lang, Languages(site.config.languages), {})


def bundle_of(site: Site, lang: str = "en") -> dict[str, bytes]:
    md = make_markdown(False)
    page_lang = in_language(site, lang)
    bundle = toolkit_bundle(
        page_lang.site.toolkits[0], page_lang, make_environment([PACKAGE_THEME]), md
    )
    with zipfile.ZipFile(io.BytesIO(bundle.data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_bundle_holds_every_part_under_one_top_folder() -> None:
    files = bundle_of(small_site())
    top = "falls-v1.2.0/"
    assert all(name.startswith(top) for name in files)
    names = {name.removeprefix(top) for name in files}
    sheets = {f"data-collection/{m.id}.{ending}" for m in MEASURES for ending in ("csv", "xlsx")}
    fixed = {"index.html", "toolkit.css", "measures.html", "measures.csv", "manifest.json"}
    fixed |= {"change-package.yaml", "driver-diagram.svg", "pdsa-worksheet.html"}
    fixed |= {"pdsa-worksheet.md", "pdsa-worksheet.docx", "pdsa-worksheet.odt"}
    fixed |= {"toolkit.docx", "toolkit.odt", "resources/huddle.md"}
    assert names == fixed | sheets
    assert files[top + "resources/huddle.md"] == b"# Huddle\n"
    assert list(files) == sorted(files)


def test_manifest_lists_every_other_file_with_its_checksum() -> None:
    files = bundle_of(small_site())
    manifest = json.loads(files["falls-v1.2.0/manifest.json"])
    listed = {f["path"]: f for f in manifest["files"]}
    others = {n.removeprefix("falls-v1.2.0/"): d for n, d in files.items()}
    del others["manifest.json"]
    assert set(listed) == set(others)
    for name, data in others.items():
        assert listed[name]["size"] == len(data)
        assert listed[name]["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["date"] == "2026-06-01"
    assert manifest["language"] == "en"
    assert manifest["licence"] == {"name": "OGL", "url": ""}
    assert manifest["attribution"] == (
        "Adapted from Preventing falls v1.2.0, Fixture Collaborative, "
        "https://example.org/fixture/toolkits/falls/, licensed under OGL"
    )
    assert manifest["links"] == [
        {"title": "NICE guideline", "url": "https://www.nice.org.uk/guidance/ng249", "licence": ""}
    ]
    assert manifest["changelog"] == [{"version": "1.2.0", "date": "2026-05-01", "note": "Second"}]


def test_link_only_resources_are_listed_but_never_copied() -> None:
    files = bundle_of(small_site())
    resources = [n for n in files if "/resources/" in n]
    assert resources == ["falls-v1.2.0/resources/huddle.md"]
    page = files["falls-v1.2.0/index.html"].decode()
    assert 'class="url" href="https://www.nice.org.uk/guidance/ng249"' in page
    assert "link only, not in this download: https://www.nice.org.uk/guidance/ng249" in page


def test_two_bundles_of_the_same_model_are_identical_with_fixed_times_and_modes() -> None:
    site = small_site()
    md, env = make_markdown(False), make_environment([PACKAGE_THEME])
    first = toolkit_bundle(site.toolkits[0], in_language(site), env, md)
    second = toolkit_bundle(
        site.toolkits[0], in_language(site), make_environment([PACKAGE_THEME]), md
    )
    assert first.data == second.data and first.path == "toolkits/falls/falls-v1.2.0.zip"
    with zipfile.ZipFile(io.BytesIO(first.data)) as archive:
        for info in archive.infolist():
            assert info.date_time == (2026, 6, 1, 0, 0, 0)
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr >> 16 == 0o100644


def test_bundle_date_is_the_newest_content_date_and_zip_times_follow_it() -> None:
    newer = (ChangelogEntry("1.2.0", date(2026, 7, 9), "Later than the review"),)
    site = small_site(changelog=newer)
    assert bundle_date(site.toolkits[0]) == date(2026, 7, 9)
    md = make_markdown(False)
    data = toolkit_bundle(
        site.toolkits[0], in_language(site), make_environment([PACKAGE_THEME]), md
    )
    with zipfile.ZipFile(io.BytesIO(data.data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 7, 9, 0, 0, 0)}
    old = small_site(last_reviewed=date(1975, 1, 1), changelog=())
    old_bundle = bundle_of(old)
    assert json.loads(old_bundle["falls-v1.2.0/manifest.json"])["date"] == "1975-01-01"


@pytest.mark.parametrize("path", ["../secret", "/etc/passwd", "resources/../../x"])
def test_a_resource_path_that_would_leave_the_bundle_is_a_located_error(path: str) -> None:
    site = small_site(resources=(Resource("Bad", file=path),))
    site = replace(site, resource_files={path: b"secret"})
    with pytest.raises(ContentError) as raised:
        bundle_of(site)
    problems = [str(p) for p in raised.value.problems]
    assert len(problems) == 1
    assert problems[0].startswith("content/toolkits/falls.md:1:1: the bundle of toolkit 'falls'")
    assert "unsafe path" in problems[0]


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("index.html", True),
        ("resources/a b.pdf", True),
        ("/abs", False),
        ("a/../b", False),
        ("./a", False),
        ("a//b", False),
        ("a\\b", False),
        ("c:/x", False),
    ],
)
def test_safe_entry(name: str, safe: bool) -> None:
    assert safe_entry(name) is safe


def test_no_zip_entry_is_absolute_or_climbs() -> None:
    site = small_site()
    md = make_markdown(False)
    for bundle in site_bundles(in_language(site), make_environment([PACKAGE_THEME]), md).values():
        with zipfile.ZipFile(io.BytesIO(bundle.data)) as archive:
            for name in archive.namelist():
                assert not name.startswith("/") and ".." not in name.split("/"), name


def test_blank_data_sheets_have_the_loader_header_for_their_chart() -> None:
    files = bundle_of(small_site())
    p_u = "period,numerator,denominator,exclude,note"
    value = "period,value,exclude,note"
    expected = {
        "assessed": p_u,
        "falls": p_u,
        "checked": p_u,  # a run chart of a proportion: the loader divides the counts
        "wait": value,
        "restraint": value,
        "minutes": value,
    }
    for m in MEASURES:
        sheet = files[f"falls-v1.2.0/data-collection/{m.id}.csv"].decode()
        assert sheet == expected[m.id] + "\r\n", m.id
        assert ",".join(collection_columns(m)) == expected[m.id]


def test_a_blank_sheet_with_one_filled_row_loads_for_its_measure() -> None:
    files = bundle_of(small_site())
    for m in MEASURES:
        sheet = files[f"falls-v1.2.0/data-collection/{m.id}.csv"].decode()
        filled = sheet + ROWS[sheet.strip()] + "\r\n"
        rows, problems = parse_measure_csv(filled, PurePosixPath("sheet.csv"), m.chart)
        assert problems == [], m.id
        assert len(rows) == 1 and rows[0].note == "first week"
        assert rows[0].observation.period == date(2026, 1, 5)


def test_measures_csv_neutralises_formulas_but_keeps_negative_numbers() -> None:
    evil = replace(MEASURES[0], definition='=HYPERLINK("http://x","y")', unit="@SUM(A1)")
    data = measures_csv([evil, MEASURES[-1]]).decode()
    rows = list(csv.DictReader(io.StringIO(data)))
    assert rows[0]["definition"] == '\'=HYPERLINK("http://x","y")'
    assert rows[0]["unit"] == "'@SUM(A1)"
    assert rows[0]["multiplier"] == "100"
    assert rows[1]["goal"] == "-3.5"
    assert list(rows[0]) == [
        "id",
        "title",
        "type",
        "definition",
        "scoring",
        "numerator",
        "denominator",
        "multiplier",
        "unit",
        "direction",
        "chart",
        "data_source",
        "sampling",
        "frequency",
        "exclusions",
        "goal",
    ]


def test_change_package_yaml_is_valid_content_with_the_model_values() -> None:
    site = small_site()
    text = bundle_of(site)["falls-v1.2.0/change-package.yaml"].decode()
    assert text.startswith("# Change package 'falls' of Preventing falls v1.2.0")
    data, marks, problems = parse_yaml(text, PurePosixPath("falls.yaml"))
    assert problems == []
    checker = FieldChecker(marks)
    values = checker.check_mapping(data, FILE_TYPES["change-packages"].fields)
    assert checker.problems == []
    package = site.change_packages[0]
    assert values["aim"]["statement"] == package.aim.statement  # type: ignore[index]
    assert [i["id"] for i in yaml.safe_load(text)["change_ideas"]] == ["huddle", "rounds"]
    assert yaml.safe_load(text)["change_ideas"][0]["measures"] == ["falls"]


def test_offline_pages_link_to_the_public_site_not_to_relative_site_paths() -> None:
    page = bundle_of(small_site())["falls-v1.2.0/index.html"].decode()
    assert 'href="https://example.org/fixture/measures/index.html"' in page
    assert 'href="https://example.org/fixture/about/"' in page
    assert '<img src="map.png"' not in page
    assert '<a href="https://example.org/fixture/toolkits/falls/map.png">map (image' in page
    assert '<link rel="stylesheet" href="toolkit.css">' in page


def test_offline_html_keeps_fragments_schemes_and_escapes() -> None:
    page = "https://example.org/s/toolkits/t/"
    html = '<a href="#fn1">1</a> <a href="mailto:a@b.c">m</a> <a href="x.html?a=1&amp;b=2">x</a>'
    assert offline_html(html, page) == (
        '<a href="#fn1">1</a> <a href="mailto:a@b.c">m</a> '
        '<a href="https://example.org/s/toolkits/t/x.html?a=1&amp;b=2">x</a>'
    )


def test_pdsa_worksheet_lists_the_change_ideas_questions_and_stages() -> None:
    site = small_site()
    text = pdsa_markdown("Falls *care*", "1.2.0", site.change_packages[0]).decode()
    assert text.startswith("# PDSA worksheet: Falls \\*care\\*\n")
    assert "- [ ] Safety huddle\n- [ ] Comfort rounds\n" in text
    for heading in ("## Plan", "## Do", "## Study", "## Act", "## Model for Improvement"):
        assert f"\n{heading}\n" in text
    assert "**What are we trying to accomplish?**" in text
    html = bundle_of(site)["falls-v1.2.0/pdsa-worksheet.html"].decode()
    assert html.count('href="index.html#idea-') == 2
    assert "How will we know that a change is an improvement?" in html


def test_site_bundles_cover_every_toolkit_at_its_path() -> None:
    site = small_site()
    second = replace(site.toolkits[0], id="other", version="2.0.0-rc.1")
    site = replace(site, toolkits=(site.toolkits[0], second))
    md = make_markdown(False)
    bundles = site_bundles(in_language(site), make_environment([PACKAGE_THEME]), md)
    assert {t: b.path for t, b in bundles.items()} == {
        "falls": "toolkits/falls/falls-v1.2.0.zip",
        "other": "toolkits/other/other-v2.0.0-rc.1.zip",
    }
    assert bundle_path(second) == bundles["other"].path
    assert all(b.size == len(b.data) > 1000 for b in bundles.values())


def test_a_superseded_toolkit_says_so_and_links_its_successor_online() -> None:
    site = small_site(status="superseded", superseded_by="falls-2")
    successor = replace(site.toolkits[0], id="falls-2", title="Falls, second edition")
    site = replace(site, toolkits=(*site.toolkits, successor))
    page = bundle_of(site)["falls-v1.2.0/index.html"].decode()
    assert (
        'replaced by <a href="https://example.org/fixture/toolkits/falls-2/">'
        "Falls, second edition</a>"
    ) in page


def test_a_change_idea_measure_outside_the_toolkit_links_to_the_site() -> None:
    site = small_site(measures=("assessed",))
    page = bundle_of(site)["falls-v1.2.0/index.html"].decode()
    assert 'Measured by: <a href="https://example.org/fixture/measures/falls/">' in page
    assert 'href="measures.html#measure-falls"' not in page
    measures = bundle_of(site)["falls-v1.2.0/measures.html"].decode()
    assert 'id="measure-assessed"' in measures and 'id="measure-falls"' not in measures


WELSH_TOOLKIT = {
    "title": "Atal cwympiadau",
    "summary": "Sut mae wardiau'n lleihau cwympiadau.",
    "body": "## Y broblem\n\nMae cwympiadau'n brifo. Gweler [y mesurau](../../measures/).",
}
ENGLISH_LABELS = (
    "On this page",
    "Driver diagram",
    "Change ideas",
    "Family of measures",
    "In this download",
    "Versions and licence",
    "Skip to main content",
    "offline copy from",
    "PDSA worksheet",
)


def bilingual_site() -> Site:
    site = small_site(translations={"cy": WELSH_TOOLKIT})
    assessed = replace(
        site.measures[0],
        translations={"cy": {"title": "Asesu risg", "definition": "Beth mae'n ei gyfrif."}},
    )
    config = replace(site.config, languages=("en", "cy"))
    return replace(site, config=config, measures=(assessed, *site.measures[1:]))


def test_a_welsh_bundle_is_in_welsh_with_the_texts_translated_and_marks_the_rest() -> None:
    files = bundle_of(bilingual_site(), "cy")
    top = "falls-v1.2.0-cy/"
    assert all(name.startswith(top) for name in files)
    index = files[top + "index.html"].decode()
    assert '<html lang="cy">' in index and "<h1>Atal cwympiadau</h1>" in index
    assert '<h2 id="aim">Nod</h2>' in index and "Mae cwympiadau'n brifo" in index
    assert 'href="https://example.org/fixture/cy/measures/"' in index  # the Welsh site
    for page in ("index.html", "measures.html", "pdsa-worksheet.html"):
        html = files[top + page].decode()
        assert not [label for label in ENGLISH_LABELS if label in html], page
    measures = files[top + "measures.html"].decode()
    assert '<h2 id="measure-assessed">Asesu risg</h2>' in measures
    # an untranslated measure is shown in English, marked, and the page says so
    assert '<span lang="en" data-fallback>Measure falls</span>' in measures
    assert "Nid yw'r dudalen hon wedi'i chyfieithu'n llawn" in measures
    manifest = json.loads(files[top + "manifest.json"])
    assert manifest["language"] == "cy"
    assert manifest["url"] == "https://example.org/fixture/cy/toolkits/falls/"
    assert manifest["attribution"].startswith("Wedi'i addasu o Atal cwympiadau v1.2.0")
    worksheet = files[top + "pdsa-worksheet.md"].decode()
    assert worksheet.startswith("# Taflen waith PDSA: Atal cwympiadau\n")
    assert "\n## Cynllunio\n" in worksheet and "[ ] Mabwysiadu" in worksheet


def test_a_welsh_bundle_keeps_machine_columns_that_load_back() -> None:
    welsh = bundle_of(bilingual_site(), "cy")
    english = bundle_of(bilingual_site(), "en")
    rows = list(csv.DictReader(io.StringIO(welsh["falls-v1.2.0-cy/measures.csv"].decode())))
    english_rows = list(csv.DictReader(io.StringIO(english["falls-v1.2.0/measures.csv"].decode())))
    assert list(rows[0]) == list(english_rows[0])  # the same column names
    assert rows[0]["title"] == "Asesu risg" and rows[0]["multiplier"] == "100"
    assert [r["type"] for r in rows] == [r["type"] for r in english_rows]  # ids stay ids
    assert rows[-1]["goal"] == "-3.5"
    for m in MEASURES:
        sheet = welsh[f"falls-v1.2.0-cy/data-collection/{m.id}.csv"]
        assert sheet == english[f"falls-v1.2.0/data-collection/{m.id}.csv"]
        filled = sheet.decode() + ROWS[sheet.decode().strip()] + "\r\n"
        loaded, problems = parse_measure_csv(filled, PurePosixPath("sheet.csv"), m.chart)
        assert problems == [] and len(loaded) == 1, m.id
    text = welsh["falls-v1.2.0-cy/change-package.yaml"].decode()
    assert text.startswith("# Pecyn newid 'falls' o Atal cwympiadau v1.2.0")
    data, marks, problems = parse_yaml(text, PurePosixPath("falls.yaml"))
    checker = FieldChecker(marks)
    checker.check_mapping(data, FILE_TYPES["change-packages"].fields)
    assert problems == [] and checker.problems == []


def test_bundles_of_two_languages_share_what_is_the_same() -> None:
    site = bilingual_site()
    md, env = make_markdown(False), make_environment([PACKAGE_THEME])
    made = MadeFiles()
    english = site_bundles(in_language(site, "en"), env, md, made)
    sheets = {collection_columns(m) for m in MEASURES}
    assert made.made == len(sheets) + len(MEASURES) + 4 + 1 + 1  # + documents, PNG, ZIP
    before = made.made
    welsh = site_bundles(in_language(site, "cy"), env, md, made)
    assert made.made - before == len(MEASURES) + 4 + 1 + 1  # the data sheets are shared
    assert english["falls"].path == "toolkits/falls/falls-v1.2.0.zip"
    assert welsh["falls"].path == "cy/toolkits/falls/falls-v1.2.0-cy.zip"
    again = site_bundles(in_language(site, "cy"), make_environment([PACKAGE_THEME]), md)
    assert again["falls"].data == welsh["falls"].data


def test_a_rebuild_reuses_the_files_whose_inputs_did_not_change() -> None:
    site = bilingual_site()
    md, env = make_markdown(False), make_environment([PACKAGE_THEME])
    first = MadeFiles()
    built = site_bundles(in_language(site, "en"), env, md, first)
    second = MadeFiles(first.current)
    assert site_bundles(in_language(site, "en"), env, md, second) == built
    assert second.made == 0 and second.current == first.current
    # A measure's new title changes its workbook, the toolkit .docx and .odt, and the ZIP.
    edited = replace(
        site, measures=(replace(site.measures[0], title="Renamed"), *site.measures[1:])
    )
    third = MadeFiles(second.current)
    rebuilt = site_bundles(in_language(edited, "en"), env, md, third)
    assert third.made == 4  # the diagram and the PDSA worksheet do not name measures
    fresh = site_bundles(in_language(edited, "en"), env, md, MadeFiles())
    assert rebuilt == fresh
