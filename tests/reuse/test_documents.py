"""The toolkit and the PDSA worksheet as .docx and .odt: real headings, header rows, alt text."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree
from odf import teletype
from odf.draw import Frame
from odf.namespaces import FONS, SVGNS, TABLENS, TEXTNS
from odf.opendocument import load
from odf.style import DefaultStyle
from odf.table import Table, TableHeaderRows, TableRow
from odf.text import H, ListItem, Span

from tests.support import REPO
from toolkit_builder.content.load import load_site
from toolkit_builder.content.model import Site, Toolkit
from toolkit_builder.content.siteindex import index_site
from toolkit_builder.content.validate import validate_site
from toolkit_builder.language.i18n import load_translations
from toolkit_builder.language.localise import localise_site
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.pages.toolkitpage import services_that_tested
from toolkit_builder.reuse.documentblocks import OfficeDocument
from toolkit_builder.reuse.documents import driver_diagram_png, pdsa_document, toolkit_document
from toolkit_builder.reuse.docxfile import docx_bytes
from toolkit_builder.reuse.odtfile import odt_bytes

DAY = date(2026, 9, 15)
PAGE_ORDER = [
    "The problem",
    "Aim",
    "How to start",
    "Driver diagram",
    "Change ideas",
    "Family of measures",
    "Evidence",
    "Measuring",
    "Services that tested it",
    "Versions and licence",
]
"""The level-1 headings of the example's English toolkits, in a visitor's order."""


@pytest.fixture(scope="module")
def example() -> Site:
    site, _ = validate_site(load_site(REPO), today=date(2026, 11, 1))
    return site


def documents(site: Site, lang: str = "en") -> list[tuple[Toolkit, OfficeDocument, OfficeDocument]]:
    """Return each toolkit with its document and PDSA worksheet in `lang`."""
    local = localise_site(site, lang)[0]
    ix = index_site(local)
    words = PageFormat(lang, load_translations(lang))
    found = []
    for t in local.toolkits:
        package = ix.package_of(t)
        services = services_that_tested(package, ix.case_studies_by_toolkit.get(t.id, ()))
        png = driver_diagram_png(package, words.gettext)
        licence = t.licence or local.config.licence
        document = toolkit_document(t, ix, services, words, png, licence, "Credit")
        found.append((t, document, pdsa_document(t, package, words)))
    return found


def docx_headings(data: bytes) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in Document(io.BytesIO(data)).paragraphs
        if p.style.name.startswith("Heading") or p.style.name == "Title"
    ]


def odt_headings(data: bytes) -> list[tuple[int, str]]:
    doc = load(io.BytesIO(data))
    return [
        (int(h.getAttrNS(TEXTNS, "outline-level")), teletype.extractText(h))
        for h in doc.getElementsByType(H)
    ]


def test_the_toolkit_document_follows_the_page_order_with_tables_and_the_diagram(
    example: Site,
) -> None:
    for t, document, _ in documents(example):
        data = docx_bytes(document, DAY)
        found = docx_headings(data)
        assert found[0] == ("Title", t.title)
        assert [text for style, text in found if style == "Heading 1"] == PAGE_ORDER, t.id
        docx = Document(io.BytesIO(data))
        table = docx.tables[0]
        assert [c.text for c in table.rows[0].cells] == [
            "Measure",
            "Type",
            "Operational definition",
            "Chart",
        ]
        assert 'w:tblHeader w:val="true"' in table.rows[0]._tr.xml
        assert {tb.style.name for tb in docx.tables} == {"Table Grid"}  # ruled, as on the page
        titles = [r.cells[0].text for r in table.rows[1:]]
        assert titles == [m.title for mid in t.measures for m in example.measures if m.id == mid]
        decisions = [tb for tb in docx.tables[1:] if tb.rows[0].cells[1].text == "Decision"]
        cases = [c for c in example.case_studies if c.toolkit == t.id]
        assert len(decisions) == len(cases) > 0
        assert {r.cells[1].text for tb in decisions for r in tb.rows[1:]} <= {
            "Adopt",
            "Adapt",
            "Abandon",
            "Not recorded",
        }
        (picture,) = docx.inline_shapes
        assert picture._inline.docPr.get("descr").startswith("Driver diagram of ")
        assert docx.core_properties.language == "en"


def test_the_toolkit_odt_has_the_same_headings_header_rows_and_alt_text(example: Site) -> None:
    for t, document, _ in documents(example):
        data = odt_bytes(document, DAY)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            first = archive.infolist()[0]
            assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
            assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        found = odt_headings(data)
        assert [text for level, text in found if level == 1] == PAGE_ORDER, t.id
        assert [text for level, text in found if level == 1] == [
            text for style, text in docx_headings(docx_bytes(document, DAY)) if style == "Heading 1"
        ]
        doc = load(io.BytesIO(data))
        tables = doc.getElementsByType(Table)
        header = tables[0].getElementsByType(TableHeaderRows)[0].getElementsByType(TableRow)[0]
        assert teletype.extractText(header) == "MeasureTypeOperational definitionChart"
        assert all(table.getElementsByType(TableHeaderRows) for table in tables)
        (frame,) = doc.getElementsByType(Frame)
        texts = {child.qname[1]: teletype.extractText(child) for child in frame.childNodes}
        assert texts["desc"].startswith("Driver diagram of ") and texts["title"]
        assert frame.childNodes[-1].qname == (SVGNS, "desc")
        assert len(doc.getElementsByType(ListItem)) >= len(
            example.change_packages[0].primary_drivers
        )
        assert teletype.extractText(doc.meta).count(t.title) == 1


def test_the_pdsa_worksheets_ask_the_questions_and_list_the_ideas(example: Site) -> None:
    t, _, worksheet = documents(example)[0]
    package = next(p for p in example.change_packages if p.id == t.change_package)
    stages = ["Model for Improvement", "The change idea we are testing"]
    stages += ["Plan", "Do", "Study", "Act"]
    data = docx_bytes(worksheet, DAY)
    assert [text for style, text in docx_headings(data) if style == "Heading 1"] == stages
    (table,) = Document(io.BytesIO(data)).tables
    assert [c.text for c in table.rows[0].cells] == ["Tick one", "Change idea"]
    assert 'w:tblHeader w:val="true"' in table.rows[0]._tr.xml
    assert [r.cells[1].text for r in table.rows[1:-1]] == [i.title for i in package.change_ideas]
    odt = odt_bytes(worksheet, DAY)
    assert [text for level, text in odt_headings(odt) if level == 1] == stages
    (odt_table,) = load(io.BytesIO(odt)).getElementsByType(Table)
    assert teletype.extractText(odt_table.getElementsByType(TableHeaderRows)[0]) == (
        "Tick oneChange idea"
    )


def test_welsh_documents_are_in_welsh_and_mark_english_passages(example: Site) -> None:
    welsh = {t.id: (document, worksheet) for t, document, worksheet in documents(example, "cy")}
    document, worksheet = welsh["falls"]  # no Welsh translation: its texts stay in English
    data = docx_bytes(document, DAY)
    docx = Document(io.BytesIO(data))
    assert docx.core_properties.language == "cy"
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None and b'w:val="cy"' in etree.tostring(defaults)
    levels = [text for style, text in docx_headings(data) if style == "Heading 1"]
    assert levels[:4] == ["The problem", "Nod", "How to start", "Diagram sbarduno"]
    assert "Gwasanaethau a'i profodd" in levels
    title = docx.paragraphs[0]
    assert title.runs[0]._r.xml.count('w:lang w:val="en"') == 1  # the English title says so
    odt_data = odt_bytes(document, DAY)
    with zipfile.ZipFile(io.BytesIO(odt_data)) as archive:
        assert b"<dc:language>cy</dc:language>" in archive.read("meta.xml")
    odt = load(io.BytesIO(odt_data))
    default = odt.styles.getElementsByType(DefaultStyle)[0]
    assert default.childNodes[0].getAttrNS(FONS, "language") == "cy"
    spans = odt.getElementsByType(Span)
    assert spans and all(s.getAttribute("stylename") == "Language_en" for s in spans)
    pdsa = [text for style, text in docx_headings(docx_bytes(worksheet, DAY))]
    assert pdsa[:2] == [
        "Taflen waith PDSA: Preventing falls in hospital, day and night",
        "Model ar gyfer Gwella",
    ]
    assert "Cynllunio" in pdsa and "Gweithredu" in pdsa


def test_documents_are_the_same_bytes_whatever_was_made_before(example: Site) -> None:
    _, document, worksheet = documents(example)[0]
    first_worksheet = odt_bytes(worksheet, DAY)
    first_document = odt_bytes(document, DAY)  # uses namespaces the worksheet does not
    assert odt_bytes(worksheet, DAY) == first_worksheet
    assert odt_bytes(document, DAY) == first_document
    assert docx_bytes(document, DAY) == docx_bytes(documents(example)[0][1], DAY)
    with zipfile.ZipFile(io.BytesIO(first_document)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 9, 15, 0, 0, 0)}
        content = archive.read("content.xml")
        assert b"xmlns:draw=" in content and b"xmlns:manifest=" not in content
        assert f'xmlns:table="{TABLENS}"'.encode() in content


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (libreoffice-writer)")
def test_libreoffice_opens_the_documents(example: Site, tmp_path: Path) -> None:
    for lang in ("en", "cy"):
        _, document, worksheet = documents(example, lang)[0]
        for name, made in (("toolkit", document), ("pdsa", worksheet)):
            (tmp_path / f"{lang}-{name}-docx.docx").write_bytes(docx_bytes(made, DAY))
            (tmp_path / f"{lang}-{name}-odt.odt").write_bytes(odt_bytes(made, DAY))
    assert SOFFICE is not None
    out = tmp_path / "pdf"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, sorted(tmp_path.glob("*.*"))),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == sorted(
        f"{lang}-{name}-{kind}.pdf"
        for lang in ("cy", "en")
        for name in ("pdsa", "toolkit")
        for kind in ("docx", "odt")
    )
    assert all((out / name).stat().st_size > 5000 for name in pdfs)
