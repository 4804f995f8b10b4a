"""An `OfficeDocument` as OpenDocument text (.odt, odfpy), byte-identical for the same date.

For LibreOffice and the other suites that read ODF: headings are text:h elements
with an outline level in the Heading styles (the navigator and a PDF export's tags
see them), lists are real lists, each table's first row is a header row repeated
on every page, and a picture carries its title and alt text (svg:title, svg:desc).
The document's language is set in its default style and metadata; a passage in
another language says so.
"""

from __future__ import annotations

import io
import re
from datetime import date

from odf import dc, meta
from odf.draw import Frame, Image
from odf.namespaces import nsdict
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    GraphicProperties,
    ListLevelProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.svg import Desc, Title
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P, Span

from toolkit_builder.reuse.documentblocks import (
    Heading,
    OfficeDocument,
    Paragraph,
    Picture,
    Table,
    language_of,
)
from toolkit_builder.reuse.officezip import fixed_zip, moment

COUNTRIES = {"en": "GB", "cy": "GB"}
"""The country ODF pairs with each language (fo:country); 'none' for others."""

TEXT_WIDTH_CM = 17.0
"""The width of an A4 page's text (the default 2 cm margins)."""

_DECLARATION = re.compile(rb'\s+xmlns:[\w.-]+="[^"]*"')
_PREFIXED = re.compile(rb"(?:<|</|\s)([A-Za-z][\w.-]*):[\w.-]+(?=[=\s/>])")
_ROOT = re.compile(rb"<([A-Za-z][\w.-]*:[\w.-]+)([^>]*)>")
_NAMESPACES = {prefix.encode(): uri.encode() for uri, prefix in nsdict.items()}


def declared_namespaces(name: str, content: bytes) -> bytes:
    """Return an XML part of the file declaring, in order, only the namespaces it uses.

    odfpy declares every namespace the process has used so far, in the order it met
    them, so a file would depend on what was made before it.
    """
    root = _ROOT.search(content) if name.endswith(".xml") else None
    if root is None:
        return content
    used = sorted({m for m in _PREFIXED.findall(content) if m in _NAMESPACES} | {b"office"})
    if name == "META-INF/manifest.xml":
        used = [b"manifest"]
    declared = b"".join(b' xmlns:%s="%s"' % (p, _NAMESPACES[p]) for p in used)
    attributes = _DECLARATION.sub(b"", root.group(2))
    start = b"<" + root.group(1) + declared + attributes + b">"
    return content[: root.start()] + start + content[root.end() :]


def _language(lang: str) -> dict[str, str]:
    return {"language": lang, "country": COUNTRIES.get(lang, "none")}


class _Writer:
    """Builds an OpenDocumentText from blocks: styles first, then the body."""

    def __init__(self, lang: str) -> None:
        self.doc = OpenDocumentText()
        self.other_languages: dict[str, Style] = {}
        styles, automatic = self.doc.styles, self.doc.automaticstyles
        default = DefaultStyle(family="paragraph")
        default.addElement(TextProperties(fontsize="11pt", **_language(lang)))
        styles.addElement(default)
        self.body_style = Style(name="Text_20_body", displayname="Text body", family="paragraph")
        self.body_style.addElement(ParagraphProperties(marginbottom="0.2cm"))
        styles.addElement(self.body_style)
        self.title_style = Style(name="Title", family="paragraph")
        self.title_style.addElement(TextProperties(fontsize="20pt", fontweight="bold"))
        self.title_style.addElement(ParagraphProperties(marginbottom="0.4cm"))
        styles.addElement(self.title_style)
        self.heading_styles = []
        for level, size in enumerate(("16pt", "13pt", "12pt", "11pt"), start=1):
            style = Style(
                name=f"Heading_20_{level}",
                displayname=f"Heading {level}",
                family="paragraph",
                defaultoutlinelevel=str(level),
                nextstylename="Text_20_body",
            )
            style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
            style.addElement(TextProperties(fontsize=size, fontweight="bold"))
            styles.addElement(style)
            self.heading_styles.append(style)
        self.header_cell = Style(name="Table_20_Heading", family="paragraph")
        self.header_cell.addElement(TextProperties(fontweight="bold"))
        styles.addElement(self.header_cell)
        self.bullets = ListStyle(name="List_20_Bullet", displayname="List Bullet")
        for level in (1, 2):
            bullet = ListLevelStyleBullet(level=str(level), bulletchar="•")
            bullet.addElement(
                ListLevelProperties(spacebefore=f"{0.6 * level:.1f}cm", minlabelwidth="0.6cm")
            )
            self.bullets.addElement(bullet)
        styles.addElement(self.bullets)
        self.cell_style = Style(name="Cell", family="table-cell")
        self.cell_style.addElement(
            TableCellProperties(border="0.5pt solid #000000", padding="0.1cm")
        )
        automatic.addElement(self.cell_style)
        self.frame_style = Style(name="Picture", family="graphic")
        self.frame_style.addElement(GraphicProperties(anchortype="as-char", wrap="none"))
        automatic.addElement(self.frame_style)
        self.tables = 0

    def _in_language(self, lang: str) -> Style:
        """Return the text style of a passage in `lang` (made once)."""
        if lang not in self.other_languages:
            style = Style(name=f"Language_{lang}", family="text")
            style.addElement(TextProperties(**_language(lang)))
            self.doc.automaticstyles.addElement(style)
            self.other_languages[lang] = style
        return self.other_languages[lang]

    def _fill(self, element: P | H, text: str, lang: str) -> P | H:
        if lang:
            element.addElement(Span(stylename=self._in_language(lang), text=str(text)))
        else:
            element.addText(str(text))
        return element

    def table(self, block: Table) -> OdfTable:
        self.tables += 1
        name = f"Table{self.tables}"
        table_style = Style(name=name, family="table")
        table_style.addElement(TableProperties(width=f"{TEXT_WIDTH_CM}cm", align="left"))
        self.doc.automaticstyles.addElement(table_style)
        column_style = Style(name=f"{name}.A", family="table-column")
        width = TEXT_WIDTH_CM / len(block.header)
        column_style.addElement(TableColumnProperties(columnwidth=f"{width:.2f}cm"))
        self.doc.automaticstyles.addElement(column_style)
        table = OdfTable(name=name, stylename=table_style)
        table.addElement(
            TableColumn(numbercolumnsrepeated=len(block.header), stylename=column_style)
        )
        header = TableHeaderRows()
        header.addElement(self._row(block.header, self.header_cell))
        table.addElement(header)
        for values in block.rows:
            table.addElement(self._row(values, self.body_style))
        return table

    def _row(self, values: tuple[str, ...], style: Style) -> TableRow:
        row = TableRow()
        for value in values:
            cell = TableCell(stylename=self.cell_style, valuetype="string")
            cell.addElement(self._fill(P(stylename=style), value, language_of(value)))
            row.addElement(cell)
        return row

    def picture(self, block: Picture) -> P:
        href = self.doc.addPicture("Pictures/driver-diagram.png", "image/png", block.png)
        frame = Frame(
            stylename=self.frame_style,
            name=str(block.title),
            anchortype="as-char",
            width=f"{block.width_cm}cm",
            height=f"{block.height_cm}cm",
        )
        frame.addElement(Image(href=href))
        frame.addElement(Title(text=str(block.title)))
        frame.addElement(Desc(text=str(block.description)))
        holder = P(stylename=self.body_style)
        holder.addElement(frame)
        return holder

    def _list_item(self, block: Paragraph, lists: list[List], items: list[ListItem]) -> None:
        """Add a list item at its level; `lists` and `items` are the open lists and last items."""
        while len(lists) > block.list_level:
            lists.pop()
            items.pop()
        while len(lists) < block.list_level:
            made = List(stylename=self.bullets) if not lists else List()
            if lists:
                if len(items) < len(lists):  # a nested list before any item: give it one
                    items.append(ListItem())
                    lists[-1].addElement(items[-1])
                items[-1].addElement(made)  # a nested list sits inside the item above it
            else:
                self.doc.text.addElement(made)
            lists.append(made)
        item = ListItem()
        item.addElement(self._fill(P(stylename=self.body_style), block.text, block.lang))
        lists[-1].addElement(item)
        del items[len(lists) - 1 :]
        items.append(item)

    def add(self, document: OfficeDocument) -> None:
        text = self.doc.text
        lists: list[List] = []
        items: list[ListItem] = []
        for block in document.blocks:
            if isinstance(block, Paragraph) and block.list_level:
                self._list_item(block, lists, items)
                continue
            lists, items = [], []
            if isinstance(block, Heading) and block.level == 0:
                text.addElement(self._fill(P(stylename=self.title_style), block.text, block.lang))
            elif isinstance(block, Heading):
                level = min(block.level, 4)
                heading = H(outlinelevel=level, stylename=self.heading_styles[level - 1])
                text.addElement(self._fill(heading, block.text, block.lang))
            elif isinstance(block, Paragraph):
                text.addElement(self._fill(P(stylename=self.body_style), block.text, block.lang))
            elif isinstance(block, Table):
                text.addElement(self.table(block))
            else:
                text.addElement(self.picture(block))


def odt_bytes(document: OfficeDocument, when: date) -> bytes:
    """Return the document as .odt, dated `when` (the same bytes every time)."""
    writer = _Writer(document.lang)
    made = moment(when)
    stamp = made.strftime("%Y-%m-%dT%H:%M:%S")
    writer.doc.meta.addElement(dc.Title(text=str(document.title)))
    writer.doc.meta.addElement(dc.Language(text=document.lang))
    writer.doc.meta.addElement(meta.InitialCreator(text="toolkit_builder"))
    writer.doc.meta.addElement(meta.CreationDate(text=stamp))
    writer.doc.meta.addElement(dc.Date(text=stamp))
    writer.add(document)
    out = io.BytesIO()
    writer.doc.write(out)
    return fixed_zip(out.getvalue(), made, declared_namespaces)
