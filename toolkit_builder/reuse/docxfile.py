"""An `OfficeDocument` as .docx (python-docx), byte-identical for the same document and date.

Headings use Word's Title and Heading styles (the navigation pane and screen
readers see the structure), lists its List Bullet styles, tables have a header row
repeated on every page, and pictures carry their title and alt text. The document's
language is set for spelling and speech; a passage in another language says so.
"""

from __future__ import annotations

import copy
import functools
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

_T = qn("w:t")
_SPACE = qn("xml:space")

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


Shape = tuple[object, ...]
"""What a copied element must share with its prototype: its kind, style, languages."""


def _plain(text: str) -> bool:
    """Return True if python-docx writes `text` as one `<w:t>` (no tabs or line breaks)."""
    return bool(text) and "\t" not in text and "\n" not in text and "\r" not in text


def _texts_set(element: BaseOxmlElement, texts: list[str]) -> BaseOxmlElement:
    """Return a copy of `element` with its `<w:t>` texts replaced by `texts`, in order, as
    python-docx writes a run's text (`CT_R.add_t`: space kept where it starts or ends it)."""
    copied = copy.deepcopy(element)
    for node, text in zip(copied.iter(_T), texts, strict=True):
        node.text = text
        if len(text.strip()) < len(text):
            node.set(_SPACE, "preserve")
        else:
            node.attrib.pop(_SPACE, None)
    return copied


class _Writer:
    """Adds blocks to a python-docx document, its style ids looked up once.

    The first paragraph, table and table row of each shape (style, languages, header)
    is made by python-docx; the rest are copies of it with their own texts, which
    python-docx would have made element for element alike (the blocks are added four times
    faster: python-docx finds each new element's place among its siblings' possible names).
    Texts python-docx writes as more than one element (tabs, line breaks) are made by
    python-docx each time.
    """

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        styles = document.styles
        self.title = styles[_STYLES["title"]].style_id
        self.headings = [styles[f"Heading {level}"].style_id for level in range(1, 5)]
        self.lists = [styles[name].style_id for name in _STYLES["list"]]
        self.grid = styles[_STYLES["table"]].style_id
        self.prototypes: dict[Shape, BaseOxmlElement] = {}
        self.body = document.element.body

    def _copied(self, shape: Shape, texts: list[str]) -> BaseOxmlElement | None:
        """Return a copy of the prototype of `shape` with `texts`, or None if there is none."""
        prototype = self.prototypes.get(shape)
        if prototype is None or not all(_plain(text) for text in texts):
            return None
        return _texts_set(prototype, texts)

    def _keep(self, shape: Shape, element: BaseOxmlElement, texts: list[str]) -> None:
        if all(_plain(text) for text in texts):
            self.prototypes[shape] = copy.deepcopy(element)

    def _append(self, element: BaseOxmlElement) -> None:
        """Add `element` at the body's end, before its section properties (python-docx's place)."""
        end = self.body.sectPr
        if end is None:
            self.body.append(element)
        else:
            end.addprevious(element)

    def paragraph(self, text: str, style_id: str | None, lang: str) -> None:
        shape, texts = ("p", style_id, lang), [str(text)]
        copied = self._copied(shape, texts)
        if copied is not None:
            self._append(copied)
            return
        paragraph = self.document.add_paragraph()
        if style_id:
            paragraph._p.style = style_id  # the id: looking a style up by name is slow
        _text(paragraph, texts[0], lang)
        self._keep(shape, paragraph._p, texts)

    def table(self, block: Table) -> None:
        header = tuple(str(name) for name in block.header)
        table = self._header_table(header)
        for values in block.rows:
            self._row(table, header, values)

    def _header_table(self, header: tuple[str, ...]) -> DocxTable:
        """Add a table of one header row: a copy of the first table with the same header."""
        shape: Shape = ("tbl", header)
        prototype = self.prototypes.get(shape)
        if prototype is not None:
            self._append(copy.deepcopy(prototype))
            return self.document.tables[-1]
        table = self.document.add_table(rows=1, cols=len(header))
        # The style's id: looking a style up by its name costs as much as the rows.
        table._tbl.tblStyle_val = self.grid
        _header_row(table, header)
        self.prototypes[shape] = copy.deepcopy(table._tbl)
        return table

    def _row(self, table: DocxTable, header: tuple[str, ...], values: tuple[str, ...]) -> None:
        texts = [str(value) for value in values]
        filled = [text for text in texts if text]  # an empty cell's run has no <w:t>
        langs = (language_of(value) for value in values)
        shape: Shape = ("tr", header, *zip(langs, map(bool, texts), strict=True))
        copied = self._copied(shape, filled)
        if copied is not None:
            table._tbl.append(copied)  # where python-docx adds a row: at the table's end
            return
        row = table.add_row()
        for cell, value, text in zip(row.cells, values, texts, strict=True):
            _text(cell.paragraphs[0], text, language_of(value))
        self._keep(shape, row._tr, filled)

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


LEFTOVER_PARTS = ("/stylesWithEffects", "/customXml", "/thumbnail")
"""How python-docx's default template relates the parts a document here leaves out:
a second copy of the styles for Word 2010 (438 kB to read and compress twice), a
bibliography's empty list of sources, and a thumbnail of a blank page (which a file
manager would show as the document's preview)."""


@functools.cache
def template() -> bytes:
    """Return python-docx's default template without its LEFTOVER_PARTS (made once)."""
    document = Document()
    for relationships in (document.part.rels, document.part.package.rels):
        for name, relationship in list(relationships.items()):
            if relationship.reltype.endswith(LEFTOVER_PARTS):
                del relationships[name]  # a part no relationship names is not saved
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_bytes(document: OfficeDocument, when: date) -> bytes:
    """Return the document as .docx, dated `when` (the same bytes every time)."""
    docx = Document(io.BytesIO(template()))
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
