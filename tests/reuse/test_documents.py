"""The toolkit and the PDSA worksheet as .docx: real headings, header rows, alt text."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from tests.support import REPO
from toolkit_builder.content.load import load_site
from toolkit_builder.content.model import Site
from toolkit_builder.content.validate import validate_site
from toolkit_builder.reuse.documents import pdsa_docx, toolkit_docx

DAY = date(2026, 9, 15)


@pytest.fixture(scope="module")
def example() -> Site:
    site, _ = validate_site(load_site(REPO), today=date(2026, 11, 1))
    return site


def documents(site: Site) -> list[tuple[str, bytes]]:
    packages = {p.id: p for p in site.change_packages}
    measures = {m.id: m for m in site.measures}
    found = []
    for t in site.toolkits:
        package = packages[t.change_package]
        found.append((t.id, toolkit_docx(t, package, [measures[m] for m in t.measures], DAY)))
        found.append((f"{t.id}-pdsa", pdsa_docx(t.title, t.version, package, DAY)))
    return found


def headings(data: bytes) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in Document(io.BytesIO(data)).paragraphs
        if p.style.name.startswith("Heading") or p.style.name == "Title"
    ]


def test_the_toolkit_document_has_its_structure_measures_table_and_diagram(example: Site) -> None:
    packages = {p.id: p for p in example.change_packages}
    measures = {m.id: m for m in example.measures}
    for t in example.toolkits:
        package = packages[t.change_package]
        data = toolkit_docx(t, package, [measures[m] for m in t.measures], DAY)
        found = headings(data)
        assert found[0] == ("Title", t.title)
        level1 = [text for style, text in found if style == "Heading 1"]
        assert level1[:4] == ["Aim", "Driver diagram", "Change ideas", "Family of measures"]
        ideas = [text for style, text in found if style == "Heading 2"]
        assert ideas == [i.title for i in package.change_ideas]
        document = Document(io.BytesIO(data))
        (table,) = document.tables
        assert [c.text for c in table.rows[0].cells] == [
            "Measure",
            "Type",
            "Operational definition",
            "Chart",
        ]
        assert 'w:tblHeader w:val="true"' in table.rows[0]._tr.xml
        assert [r.cells[0].text for r in table.rows[1:]] == [measures[m].title for m in t.measures]
        (picture,) = document.inline_shapes
        assert picture._inline.docPr.get("descr").startswith(f"Driver diagram of {package.title}")


def test_the_pdsa_worksheet_asks_the_questions_and_lists_the_ideas(example: Site) -> None:
    t = example.toolkits[0]
    package = next(p for p in example.change_packages if p.id == t.change_package)
    data = pdsa_docx(t.title, t.version, package, DAY)
    level1 = [text for style, text in headings(data) if style == "Heading 1"]
    assert level1 == [
        "Model for Improvement",
        "The change idea we are testing",
        "Plan",
        "Do",
        "Study",
        "Act",
    ]
    (table,) = Document(io.BytesIO(data)).tables
    assert [c.text for c in table.rows[0].cells] == ["Tick one", "Change idea"]
    assert 'w:tblHeader w:val="true"' in table.rows[0]._tr.xml
    assert [r.cells[1].text for r in table.rows[1:-1]] == [i.title for i in package.change_ideas]


def test_documents_are_the_same_bytes_every_time(example: Site) -> None:
    assert documents(example) == documents(example)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (libreoffice-writer)")
def test_libreoffice_opens_the_documents(example: Site, tmp_path: Path) -> None:
    for name, data in documents(example)[:2]:
        (tmp_path / f"{name}.docx").write_bytes(data)
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, sorted(tmp_path.glob("*.docx"))),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert len(list(tmp_path.glob("*.pdf"))) == 2
