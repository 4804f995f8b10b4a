"""Documents a team edits (.docx): the PDSA worksheet and the whole toolkit (pure).

Real headings (Word's Heading styles, so the navigation pane and screen readers
see the structure), tables with a repeating header row, and the driver diagram as
a picture with alt text. Byte-identical for the same content and date.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from toolkit_builder.content.model import ChangePackage, Measure, Toolkit
from toolkit_builder.pages.driverdiagram import COLUMN_WIDTH, FILLS, GAP, layout
from toolkit_builder.reuse.bundlefiles import MODEL_FOR_IMPROVEMENT, PDSA_STAGES
from toolkit_builder.reuse.feeds import plain_text, text_parser
from toolkit_builder.reuse.workbook import fixed_zip

BLANK = "_" * 60


def driver_diagram_png(package: ChangePackage) -> bytes:
    """Return the driver diagram as a PNG (the same boxes as the SVG), for documents."""
    boxes = layout(package)
    width = 4 * COLUMN_WIDTH + 3 * GAP + 20
    height = max(b.top + b.height for b in boxes) + 10
    figure = Figure(figsize=(width / 100, height / 100), dpi=150)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    axes.axis("off")
    for column, heading in enumerate(
        ("Aim", "Primary drivers", "Secondary drivers", "Change ideas")
    ):
        axes.text(column * (COLUMN_WIDTH + GAP) + 10, 24, heading, fontsize=9, weight="bold")
    by_key = {b.key: b for b in boxes}
    links = [("aim", f"p:{p.id}") for p in package.primary_drivers]
    links += [
        (f"p:{p.id}", f"s:{s.id}") for p in package.primary_drivers for s in p.secondary_drivers
    ]
    links += [(f"s:{d}", f"c:{i.id}") for i in package.change_ideas for d in i.drivers]
    for start, end in links:
        if start in by_key and end in by_key:
            a, b = by_key[start], by_key[end]
            axes.plot(
                [a.left + COLUMN_WIDTH, b.left], [a.middle, b.middle], color="#505a5f", lw=0.6
            )
    for box in boxes:
        axes.add_patch(
            FancyBboxPatch(
                (box.left, box.top),
                COLUMN_WIDTH,
                box.height,
                boxstyle="round,pad=0,rounding_size=4",
                facecolor=FILLS[box.column],
                edgecolor="#1b1b1b",
                linewidth=0.8,
            )
        )
        axes.text(
            box.left + 8, box.top + 8, "\n".join(box.lines), fontsize=7, va="top", linespacing=1.5
        )
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _header_row(table: Table, names: Sequence[str]) -> None:
    """Fill the first row with `names` and mark it as the header, repeated on every page."""
    row = table.rows[0]
    for cell, name in zip(row.cells, names, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _document(title: str, when: date) -> DocxDocument:
    document = Document()
    props = document.core_properties
    moment = datetime(max(when.year, 1980), when.month, when.day)
    props.title, props.author, props.last_modified_by = title, "toolkit_builder", "toolkit_builder"
    props.created = props.modified = moment
    props.revision = 1
    document.add_heading(title, level=0)
    return document


def _saved(document: DocxDocument, when: date) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue(), datetime(max(when.year, 1980), when.month, when.day))


def pdsa_docx(title: str, version: str, package: ChangePackage, when: date) -> bytes:
    """Return the PDSA worksheet as .docx: questions, the change ideas to tick, four stages."""
    document = _document(f"PDSA worksheet: {title}", when)
    document.add_paragraph(f"Toolkit version {version}. Aim: {package.aim.statement}")
    document.add_paragraph("Team: ____________________  Cycle number: ____  Start date: ________")
    document.add_heading("Model for Improvement", level=1)
    for question in MODEL_FOR_IMPROVEMENT:
        document.add_heading(question, level=2)
        document.add_paragraph(BLANK)
    document.add_heading("The change idea we are testing", level=1)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    _header_row(table, ("Tick one", "Change idea"))
    for idea in (*(i.title for i in package.change_ideas), "Our own idea:"):
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = "☐", idea
    for stage, prompts in PDSA_STAGES:
        document.add_heading(stage, level=1)
        for prompt in prompts:
            document.add_heading(prompt, level=2)
            document.add_paragraph(BLANK)
            document.add_paragraph(BLANK)
    document.add_paragraph("Decision: ☐ Adapt  ☐ Adopt  ☐ Abandon")
    return _saved(document, when)


def toolkit_docx(
    toolkit: Toolkit, package: ChangePackage, measures: Sequence[Measure], when: date
) -> bytes:
    """Return the toolkit as .docx: aim, driver diagram, change ideas, measures, background."""
    md = text_parser()
    document = _document(toolkit.title, when)
    document.add_paragraph(toolkit.summary)
    document.add_paragraph(
        f"Version {toolkit.version}, last reviewed {toolkit.last_reviewed.isoformat()}."
    )
    document.add_heading("Aim", level=1)
    document.add_paragraph(f"{package.aim.statement} By {package.aim.by_when.isoformat()}.")
    document.add_heading("Driver diagram", level=1)
    document.add_picture(io.BytesIO(driver_diagram_png(package)), width=Cm(16))
    picture = document.inline_shapes[-1]._inline.docPr
    picture.set("descr", f"Driver diagram of {package.title}; the same content follows as a list.")
    picture.set("title", f"Driver diagram: {package.title}")
    for primary in package.primary_drivers:
        document.add_paragraph(primary.title, style="List Bullet")
        for secondary in primary.secondary_drivers:
            document.add_paragraph(secondary.title, style="List Bullet 2")
    document.add_heading("Change ideas", level=1)
    for idea in package.change_ideas:
        document.add_heading(idea.title, level=2)
        for paragraph in plain_text(idea.description, md).split("\n\n"):
            document.add_paragraph(paragraph)
    document.add_heading("Family of measures", level=1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    _header_row(table, ("Measure", "Type", "Operational definition", "Chart"))
    for measure in measures:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = measure.title, measure.type
        cells[2].text = plain_text(measure.definition, md)
        cells[3].text = measure.chart
    document.add_heading("Background, evidence and how to start", level=1)
    for paragraph in plain_text(toolkit.body, md).split("\n\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph)
    return _saved(document, when)
