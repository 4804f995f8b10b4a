"""The spreadsheet per measure: a data sheet that checks input, a run chart, the definition."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path, PurePosixPath

import pytest
from openpyxl import load_workbook

from tests.linkcheck import download_targets
from tests.support import REPO
from toolkit_builder.content.load import load_site
from toolkit_builder.content.measuredata import parse_measure_csv
from toolkit_builder.content.model import Measure, Site
from toolkit_builder.content.validate import validate_site
from toolkit_builder.language.i18n import load_translations
from toolkit_builder.language.localise import localise_site
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.reuse.bundlefiles import collection_columns
from toolkit_builder.reuse.workbook import MAX_ROWS, measure_workbook

DAY = date(2026, 9, 15)


@pytest.fixture(scope="module")
def example() -> Site:
    site, _ = validate_site(load_site(REPO), today=date(2026, 11, 1))
    return site


def measure(site: Site, measure_id: str) -> Measure:
    return next(m for m in site.measures if m.id == measure_id)


def test_every_measure_gets_a_data_sheet_a_run_chart_and_its_definition(example: Site) -> None:
    for m in example.measures:
        book = load_workbook(io.BytesIO(measure_workbook(m, DAY)))
        assert book.sheetnames == ["Data", "Run chart", "Instructions"], m.id
        data = book["Data"]
        header = tuple(c.value for c in data[1])
        assert header == collection_columns(m), m.id
        checked = {str(v.sqref): v.type for v in data.data_validations.dataValidation}
        assert checked["A2:A157"] == "date"
        numbers = [
            i for i, name in enumerate(header) if name in ("numerator", "denominator", "value")
        ]
        for index in numbers:
            letter = "ABCDE"[index]
            assert checked[f"{letter}2:{letter}{MAX_ROWS + 1}"] == "decimal", (m.id, letter)
        charts = book["Run chart"]._charts
        assert len(charts) == 1 and len(charts[0].series) == 2, m.id
        instructions = {row[0]: row[1] for row in book["Instructions"].iter_rows(values_only=True)}
        assert instructions["Operational definition"] == m.definition
        assert instructions["Measure"] == m.title


def test_the_chart_plots_each_rows_rate_and_the_median_of_all(example: Site) -> None:
    rate = measure(example, "hapi-rate")
    assert rate.chart == "u" and rate.multiplier == 1000
    sheet = load_workbook(io.BytesIO(measure_workbook(rate, DAY)))["Run chart"]
    assert "Data!B7/Data!C7*1000" in sheet["D7"].value
    assert sheet["C7"].value == f"=IF(ISNUMBER(B7),MEDIAN(D$2:D${MAX_ROWS + 1}),NA())"
    assert 'Data!D7="yes"' in sheet["D7"].value  # excluded rows stay out of the median
    assert "NA()" in sheet["B7"].value  # empty rows are gaps, never zeros


def test_the_workbook_is_the_same_bytes_every_time(example: Site) -> None:
    m = measure(example, "hapi-rate")
    first = measure_workbook(m, DAY)
    assert measure_workbook(m, DAY) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in archive.infolist()} == {(2026, 9, 15, 0, 0, 0)}
        assert b"2026-09-15T00:00:00Z" in archive.read("docProps/core.xml")


def test_a_welsh_workbook_is_in_welsh_but_keeps_what_the_loader_reads(example: Site) -> None:
    welsh = PageFormat("cy", load_translations("cy"))
    local = {m.id: m for m in localise_site(example, "cy")[0].measures}
    m = local["news2-complete"]  # translated in content/measures/news2-complete.cy.yaml
    book = load_workbook(io.BytesIO(measure_workbook(m, DAY, welsh)))
    assert book.sheetnames == ["Data", "Siart rhediad", "Cyfarwyddiadau"]
    assert tuple(c.value for c in book["Data"][1]) == collection_columns(m)
    rules = {str(v.sqref): v for v in book["Data"].data_validations.dataValidation}
    assert rules["A2:A157"].error.startswith("Rhowch ddiwrnod cyntaf y cyfnod")
    assert rules["A2:A157"].prompt.startswith("Diwrnod cyntaf y cyfnod")
    assert [c.value for c in book["Siart rhediad"][1]] == [
        "cyfnod",
        "gwerth",
        "canolrif",
        "gwerth ar gyfer y canolrif",
    ]
    instructions = {r[0]: r[1] for r in book["Cyfarwyddiadau"].iter_rows(values_only=True)}
    assert instructions["Mesur"] == m.title != measure(example, "news2-complete").title
    assert instructions["Diffiniad gweithredol"] == m.definition
    assert instructions["Math"] == "Mesur proses"
    assert instructions["period"].startswith("Diwrnod cyntaf")  # each column explained
    assert book.properties.language == "cy"
    english = load_workbook(io.BytesIO(measure_workbook(measure(example, "news2-complete"), DAY)))
    assert english.properties.language == "en" and english.sheetnames[1:] == [
        "Run chart",
        "Instructions",
    ]


def test_bundles_and_measure_pages_offer_the_workbook_in_their_language(
    example: Site, example_output: dict[str, bytes]
) -> None:
    output = example_output
    for toolkit in example.toolkits:
        top = f"{toolkit.id}-v{toolkit.version}"
        for prefix, tag in (("", ""), ("cy/", "-cy")):
            zip_path = f"{prefix}toolkits/{toolkit.id}/{top}{tag}.zip"
            with zipfile.ZipFile(io.BytesIO(output[zip_path])) as archive:
                for m in toolkit.measures:
                    inside = archive.read(f"{top}{tag}/data-collection/{m}.xlsx")
                    # the measure page offers the same workbook as its newest bundle
                    newest = max(
                        (t for t in example.toolkits if m in t.measures),
                        key=lambda t: max([t.last_reviewed, *(c.date for c in t.changelog)]),
                    )
                    if newest.id == toolkit.id:
                        assert inside == output[f"{prefix}measures/{m}/{m}.xlsx"]
    for m in example.measures:
        english = load_workbook(io.BytesIO(output[f"measures/{m.id}/{m.id}.xlsx"]))
        welsh = load_workbook(io.BytesIO(output[f"cy/measures/{m.id}/{m.id}.xlsx"]))
        assert english.sheetnames[0] == welsh.sheetnames[0] == "Data"
        assert welsh.sheetnames[2] == "Cyfarwyddiadau"
        for prefix in ("", "cy/"):
            page_path = f"{prefix}measures/{m.id}/index.html"
            downloads = download_targets(page_path, output[page_path].decode())
            assert f"{prefix}measures/{m.id}/{m.id}.xlsx" in downloads


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (libreoffice-calc)")
def test_libreoffice_exports_the_data_sheet_as_csv_the_loader_reads(
    example: Site, tmp_path: Path
) -> None:
    m = measure(example, "hapi-rate")
    book = load_workbook(io.BytesIO(measure_workbook(m, DAY)))
    book["Data"].cell(2, 1, date(2026, 1, 1))
    book["Data"].cell(2, 2, 3)
    book["Data"].cell(2, 3, 2444)
    book.save(tmp_path / "filled.xlsx")
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "filled.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = (tmp_path / "filled.csv").read_text()
    rows, problems = parse_measure_csv(text, PurePosixPath("filled.csv"), "u")
    assert problems == []
    assert [(r.observation.value, r.observation.denominator) for r in rows] == [(3, 2444)]
