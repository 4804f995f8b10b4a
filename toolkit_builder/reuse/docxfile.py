"""An `OfficeDocument` as .docx (python-docx), byte-identical for the same document and date.

Headings use Word's Title and Heading styles (the navigation pane and screen
readers see the structure), lists its List Bullet styles, tables have a header row
repeated on every page, and pictures carry their title and alt text. The document's
language is set for spelling and speech; a passage in another language says so.
"""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from toolkit_builder.reuse.documentblocks import (
    Heading,
    OfficeDocument,
    Paragraph,
    Picture,
    Table,
    language_of,
)
from toolkit_builder.reuse.officezip import fixed_zip, moment

_STYLES = {
    "title": "Title",
    "heading": "Heading {level}",
    "list": ("List Bullet", "List Bullet 2"),
    "table": "Table Grid",
}


def _set_language(properties: BaseOxmlElement, lang: str) -> None:
    """Set the language of run properties (<w:rPr>), for spelling and speech."""
    element = properties.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        properties.append(element)
    element.set(qn("w:val"), lang)


def _text(paragraph: DocxParagraph, text: str, lang: str = "") -> None:
    run = paragraph.add_run(str(text))
    if lang:
        _set_language(run._r.get_or_add_rPr(), lang)


def _header_row(table: DocxTable, names: tuple[str, ...]) -> None:
    """Fill the first row with `names` and mark it as the header, repeated on every page."""
    row = table.rows[0]
    for cell, name in zip(row.cells, names, strict=True):
        cell.text = str(name)
        cell.paragraphs[0].runs[0].bold = True
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


class _Writer:
    """Adds blocks to a python-docx document, its style ids looked up once."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        styles = document.styles
        self.title = styles[_STYLES["title"]].style_id
        self.headings = [styles[f"Heading {level}"].style_id for level in range(1, 5)]
        self.lists = [styles[name].style_id for name in _STYLES["list"]]
        self.grid = styles[_STYLES["table"]].style_id

    def paragraph(self, text: str, style_id: str | None, lang: str) -> None:
        paragraph = self.document.add_paragraph()
        if style_id:
            paragraph._p.style = style_id  # the id: looking a style up by name is slow
        _text(paragraph, text, lang)

    def table(self, block: Table) -> None:
        table = self.document.add_table(rows=1, cols=len(block.header))
        table._tbl.tblStyle_val = self.grid  # the id: looking a style up costs as much as the rows
        _header_row(table, block.header)
        for values in block.rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                _text(cell.paragraphs[0], value, language_of(value))

    def picture(self, block: Picture) -> None:
        self.document.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
        properties = self.document.inline_shapes[-1]._inline.docPr
        properties.set("descr", str(block.description))
        properties.set("title", str(block.title))

    def add(self, document: OfficeDocument) -> None:
        for block in document.blocks:
            if isinstance(block, Heading):
                style = self.title if block.level == 0 else self.headings[min(block.level, 4) - 1]
                self.paragraph(block.text, style, block.lang)
            elif isinstance(block, Paragraph):
                style = self.lists[block.list_level - 1] if block.list_level else None
                self.paragraph(block.text, style, block.lang)
            elif isinstance(block, Table):
                self.table(block)
            else:
                self.picture(block)


def docx_bytes(document: OfficeDocument, when: date) -> bytes:
    """Return the document as .docx, dated `when` (the same bytes every time)."""
    docx = Document()
    made = moment(when)
    properties = docx.core_properties
    properties.title = str(document.title)
    properties.language = document.lang
    properties.author = properties.last_modified_by = "toolkit_builder"
    properties.created = properties.modified = made
    properties.revision = 1
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None and (run := run_defaults.find(qn("w:rPr"))) is not None:
            _set_language(run, document.lang)
    _Writer(docx).add(document)
    out = io.BytesIO()
    docx.save(out)
    return fixed_zip(out.getvalue(), made)
