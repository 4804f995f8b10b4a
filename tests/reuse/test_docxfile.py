"""The .docx writer's copied elements: the same bytes as python-docx making each one."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from docx import Document

from tests.reuse.test_documents import documents
from tests.support import REPO
from toolkit_builder.content.load import load_site
from toolkit_builder.content.validate import validate_site
from toolkit_builder.language.localise import Fallback
from toolkit_builder.reuse import docxfile
from toolkit_builder.reuse.documentblocks import Heading, OfficeDocument, Paragraph, Table
from toolkit_builder.reuse.docxfile import docx_bytes

DAY = date(2026, 9, 15)

TRICKY = OfficeDocument(
    title="Texts python-docx writes in more than one way",
    lang="en",
    blocks=(
        Heading("Tricky texts", 0),
        Paragraph("plain"),
        Paragraph(" leading space"),
        Paragraph("trailing space "),
        Paragraph("plain again"),
        Paragraph("a\ttab"),
        Paragraph("two\nlines"),
        Paragraph("carriage\rreturn"),
        Paragraph(""),
        Paragraph("after the empty one"),
        Paragraph(Fallback("Saesneg", "en"), lang="cy"),
        Paragraph(Fallback("Eto", "en"), lang="cy"),
        Paragraph("Item", list_level=1),
        Paragraph("Sub-item", list_level=2),
        Paragraph("Item two", list_level=1),
        Heading("Section", 1),
        Heading("Section\ttwo", 1),
        Heading("Section three", 1),
        Table(("Change idea", "Decision"), (("One", "Adopt"),)),
        Table(("Change idea", "Decision"), (("Two", ""), ("", "Abandon"), ("Three", "Adapt"))),
        Table(
            ("Change idea", "Decision"),
            ((Fallback("Un", "en"), "Adopt"), ("Dau", Fallback("Adapt", "en")), ("Tri", "x")),
        ),
        Table(("Name", "Tab\tin header"), (("a\tb", "c"), ("d", " e"), ("f", "g"))),
        Table(("Name", "Other"), (("h", "i"), ("j", "k"))),
        Table(("Measure", "Type", "Definition", "Chart"), (("m", "Outcome", "d", "P chart"),)),
        Paragraph("the end"),
    ),
)


@pytest.fixture(scope="module")
def example_documents() -> list[OfficeDocument]:
    site, _ = validate_site(load_site(REPO), today=date(2026, 11, 1))
    return [
        made
        for lang in ("en", "cy")
        for _, document, worksheet in documents(site, lang)
        for made in (document, worksheet)
    ]


def _each_made_by_python_docx(monkeypatch: pytest.MonkeyPatch, document: OfficeDocument) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(docxfile._Writer, "_copied", lambda self, shape, texts: None)
        return docx_bytes(document, DAY)


def test_copied_elements_give_the_bytes_python_docx_gives(
    monkeypatch: pytest.MonkeyPatch, example_documents: list[OfficeDocument]
) -> None:
    for document in (TRICKY, *example_documents):
        assert docx_bytes(document, DAY) == _each_made_by_python_docx(monkeypatch, document), (
            document.title
        )


def test_copies_are_made_and_carry_their_own_text(monkeypatch: pytest.MonkeyPatch) -> None:
    copied: list[tuple[object, ...]] = []
    real = docxfile._Writer._copied

    def counting(self: docxfile._Writer, shape: tuple[object, ...], texts: list[str]) -> object:
        made = real(self, shape, texts)
        if made is not None:
            copied.append(shape)
        return made

    monkeypatch.setattr(docxfile._Writer, "_copied", counting)
    data = docx_bytes(TRICKY, DAY)
    assert ("p", None, "") in copied and any(shape[0] == "tr" for shape in copied)
    docx = Document(io.BytesIO(data))
    texts = [p.text for p in docx.paragraphs]
    for expected in ("plain again", "trailing space ", " leading space", "a\ttab", "two\nlines"):
        assert expected in texts
    rows = [[cell.text for cell in row.cells] for table in docx.tables for row in table.rows]
    assert ["", "Abandon"] in rows and ["Tri", "x"] in rows and ["d", " e"] in rows
    assert rows.count(["Change idea", "Decision"]) == 3
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert body.count('w:lang w:val="cy"') == 2  # the two paragraphs marked as Welsh
    assert body.count('w:lang w:val="en"') == 2  # the two table cells in English
    assert body.index("the end") > body.index("P chart")


def test_the_template_s_leftover_parts_are_left_out(
    example_documents: list[OfficeDocument],
) -> None:
    data = docx_bytes(example_documents[0], DAY)
    package = zipfile.ZipFile(io.BytesIO(data))
    names = package.namelist()
    assert "word/document.xml" in names and "word/styles.xml" in names
    for leftover in ("stylesWithEffects", "customXml", "thumbnail"):
        assert not [name for name in names if leftover in name], leftover
        for listing in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
            assert leftover not in package.read(listing).decode(), (leftover, listing)
    docx = Document(io.BytesIO(data))
    assert docx.core_properties.title == str(example_documents[0].title)
    assert docx.styles["Heading 1"].style_id and docx.inline_shapes  # styles and the picture
