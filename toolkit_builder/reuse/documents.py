"""What the documents a team edits say: the whole toolkit and the PDSA worksheet (pure).

Each is an `OfficeDocument` (documentblocks.py) in one language, written as .docx
by docxfile.py and as .odt by odtfile.py. The toolkit follows the page's order
(pages/toolkitpage.py SECTIONS): real headings, the measures and each service's
decisions as tables with a header row, and the driver diagram as a picture with
alt text followed by the same content as a list.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence
from pathlib import Path

import matplotlib
from PIL import Image, ImageDraw, ImageFont

from toolkit_builder.content.model import ChangePackage, Licence, Toolkit
from toolkit_builder.content.siteindex import SiteIndex
from toolkit_builder.language.pageformat import Gettext, PageFormat, same_text
from toolkit_builder.pages.driverdiagram import (
    COLUMN_WIDTH,
    FILLS,
    GAP,
    LINE,
    LINE_HEIGHT,
    PADDING,
    STROKE,
    Box,
    layout,
    links,
)
from toolkit_builder.pages.toolkitpage import (
    BODY_SECTIONS,
    ServiceResult,
    body_tokens,
    role_names,
    toolkit_sections,
)
from toolkit_builder.reuse.bundlefiles import DECISIONS, MODEL_FOR_IMPROVEMENT, PDSA_STAGES
from toolkit_builder.reuse.documentblocks import (
    Block,
    Heading,
    OfficeDocument,
    Paragraph,
    Picture,
    Table,
    language_of,
    markdown_blocks,
    plain_markdown,
)
from toolkit_builder.reuse.feeds import plain_text, text_parser

BLANK = "_" * 60
DIAGRAM_WIDTH_CM = 16.0
DIAGRAM_COLOURS = 64
"""Colours of the diagram's PNG: its flat fills and grey text edges need no more (a third the size)."""
PNG_SCALE = 1.5
"""Pixels of the PNG per unit of the SVG's layout (sharp when printed 16 cm wide)."""
CURVE_STEPS = 24
"""Straight pieces that draw one curved connector."""


def _curve(a: Box, b: Box, scale: float) -> list[tuple[float, float]]:
    """Return the points of the SVG's connector from box a to box b (a cubic Bézier)."""
    x1, y1, x2, y2 = a.left + COLUMN_WIDTH, a.middle, b.left, b.middle
    mid = (x1 + x2) / 2
    points = []
    for step in range(CURVE_STEPS + 1):
        t = step / CURVE_STEPS
        u = 1 - t
        x = u**3 * x1 + 3 * u * u * t * mid + 3 * u * t * t * mid + t**3 * x2
        y = u**3 * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y2
        points.append((x * scale, y * scale))
    return points


def driver_diagram_png(package: ChangePackage, gettext: Gettext = same_text) -> bytes:
    """Return the driver diagram as a PNG: the SVG's boxes, lines and words, headed in `gettext`'s language.

    Drawn at twice the size and halved, so edges are smooth; then kept to a small palette.
    """
    boxes = layout(package)
    width = 4 * COLUMN_WIDTH + 3 * GAP + 20
    height = max(b.top + b.height for b in boxes) + 10
    k = PNG_SCALE * 2
    image = Image.new("RGB", (round(width * k), round(height * k)), "#ffffff")
    draw = ImageDraw.Draw(image)
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    regular = ImageFont.truetype(str(fonts / "DejaVuSans.ttf"), round(13 * k))
    bold = ImageFont.truetype(str(fonts / "DejaVuSans-Bold.ttf"), round(15 * k))
    for a, b in links(package, {box.key: box for box in boxes}):
        draw.line(_curve(a, b, k), fill=LINE, width=round(1.5 * k), joint="curve")
    headings = ("Aim", "Primary drivers", "Secondary drivers", "Change ideas")
    for column, heading in enumerate(headings):
        x = column * (COLUMN_WIDTH + GAP) + 10
        draw.text((x * k, 24 * k), gettext(heading), fill=STROKE, font=bold, anchor="ls")
    for box in boxes:
        corners = (
            box.left * k,
            box.top * k,
            (box.left + COLUMN_WIDTH) * k,
            (box.top + box.height) * k,
        )
        draw.rounded_rectangle(corners, 4 * k, FILLS[box.column], STROKE, round(k))
        for index, line in enumerate(box.lines):
            y = box.top + PADDING + (index + 1) * LINE_HEIGHT - 4
            draw.text(
                ((box.left + PADDING) * k, y * k), line, fill=STROKE, font=regular, anchor="ls"
            )
    halved = image.reduce(2)
    out = io.BytesIO()
    palette = halved.quantize(DIAGRAM_COLOURS, Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette.save(out, format="PNG")
    return out.getvalue()


def png_size(png: bytes) -> tuple[int, int]:
    """Return a PNG's width and height in pixels (from its IHDR chunk)."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def pdsa_document(toolkit: Toolkit, package: ChangePackage, words: PageFormat) -> OfficeDocument:
    """Return the PDSA worksheet: the questions, the change ideas to tick, the four stages."""
    _ = words.gettext
    title = _("PDSA worksheet: %(toolkit)s") % {"toolkit": toolkit.title}
    blocks: list[Block] = [
        Heading(title, 0),
        Paragraph(
            _("Toolkit version %(version)s. Aim: %(aim)s")
            % {"version": toolkit.version, "aim": package.aim.statement}
        ),
        Paragraph(
            _("Team: %(blank)s  Cycle number: %(short)s  Start date: %(date)s")
            % {"blank": "_" * 20, "short": "_" * 4, "date": "_" * 8}
        ),
        Heading(_("Model for Improvement"), 1),
    ]
    for question in MODEL_FOR_IMPROVEMENT:
        blocks += [Heading(_(question), 2), Paragraph(BLANK)]
    ideas = [("☐", idea.title) for idea in package.change_ideas]
    blocks += [
        Heading(_("The change idea we are testing"), 1),
        Table((_("Tick one"), _("Change idea")), (*ideas, ("☐", _("Our own idea:")))),
    ]
    for stage, prompts in PDSA_STAGES:
        blocks.append(Heading(_(stage), 1))
        for prompt in prompts:
            blocks += [Heading(_(prompt), 2), Paragraph(BLANK), Paragraph(BLANK)]
    choices = "  ".join(f"☐ {words.label(d)}" for d in DECISIONS)
    blocks.append(Paragraph(f"{_('Decision:')} {choices}"))
    return OfficeDocument(title, words.lang, tuple(blocks))


def _service_blocks(
    services: Sequence[ServiceResult], ix: SiteIndex, words: PageFormat
) -> list[Block]:
    _ = words.gettext
    md = text_parser()
    if not services:
        return [Paragraph(_("No service has published a case study of this toolkit yet."))]
    blocks: list[Block] = []
    for service in services:
        case = service.case
        names = ", ".join(ix.organisations[o].name for o in case.organisations)
        period = f"{words.month_year(case.period.start)} – {words.month_year(case.period.end)}"
        rows = tuple(
            (c.title, words.label(c.decision) if c.decision else _("Not recorded"))
            for c in service.changes
        )
        blocks += [
            Heading(case.title, 2, language_of(case.title)),
            Paragraph(f"{names} · {period}"),
            Table((_("Change idea"), _("Decision")), rows),
        ]
        if service.result:
            blocks += [Heading(_("Result"), 3), *plain_markdown(md, service.result, 4)]
    return blocks


def toolkit_document(
    toolkit: Toolkit,
    ix: SiteIndex,
    services: Sequence[ServiceResult],
    words: PageFormat,
    diagram: bytes,
    licence: Licence,
    credit: str,
) -> OfficeDocument:
    """Return the whole toolkit as a document to adapt, in the page's order.

    `diagram` is the driver diagram's PNG; `credit` the text to credit when reusing it
    under its `licence`.
    """
    _ = words.gettext
    md = text_parser()
    package = ix.package_of(toolkit)
    lang = language_of(toolkit.body)
    parts = body_tokens(md, toolkit.body, role_names(_))
    reviewed = words.long_date(toolkit.last_reviewed)
    blocks: list[Block] = [
        Heading(toolkit.title, 0, language_of(toolkit.title)),
        Paragraph(toolkit.summary, 0, language_of(toolkit.summary)),
        Paragraph(
            _("Version %(version)s, last reviewed %(date)s.")
            % {"version": toolkit.version, "date": reviewed}
        ),
        *markdown_blocks(parts["intro"], 1, lang),
    ]
    for section in toolkit_sections(parts):
        if section in BODY_SECTIONS:
            blocks += markdown_blocks(parts[BODY_SECTIONS[section]], 1, lang)
        elif section == "aim":
            by = _("By %(date)s.") % {"date": words.long_date(package.aim.by_when)}
            blocks += [Heading(_("Aim"), 1), Paragraph(f"{package.aim.statement} {by}")]
        elif section == "driver-diagram":
            width, height = png_size(diagram)
            blocks += [
                Heading(_("Driver diagram"), 1),
                Picture(
                    diagram,
                    DIAGRAM_WIDTH_CM,
                    round(DIAGRAM_WIDTH_CM * height / width, 2),
                    _("Driver diagram: %(package)s") % {"package": package.title},
                    _("Driver diagram of %(package)s; the same content follows as a list.")
                    % {"package": package.title},
                ),
            ]
            for primary in package.primary_drivers:
                blocks.append(Paragraph(primary.title, 1, language_of(primary.title)))
                blocks += [
                    Paragraph(s.title, 2, language_of(s.title)) for s in primary.secondary_drivers
                ]
        elif section == "change-ideas":
            blocks.append(Heading(_("Change ideas"), 1))
            for idea in package.change_ideas:
                blocks.append(Heading(idea.title, 2, language_of(idea.title)))
                blocks += plain_markdown(md, idea.description, 3)
        elif section == "measures":
            rows = tuple(
                (
                    m.title,
                    words.measure_type(m.type),
                    plain_text(m.definition, md),
                    words.chart_name(m.chart),
                )
                for m in (ix.measures[mid] for mid in toolkit.measures)
            )
            header = (_("Measure"), _("Type"), _("Operational definition"), _("Chart"))
            blocks += [Heading(_("Family of measures"), 1), Table(header, rows)]
        elif section == "tested":
            blocks.append(Heading(_("Services that tested it"), 1))
            blocks += _service_blocks(services, ix, words)
        elif section == "versions":
            named = f"{licence.name} ({licence.url})" if licence.url else licence.name
            blocks.append(Heading(_("Versions and licence"), 1))
            blocks += [
                Paragraph(f"{c.version} ({words.long_date(c.date)}): {c.note}", 1)
                for c in toolkit.changelog
            ]
            blocks += [Paragraph(f"{_('Licence:')} {named}"), Paragraph(f"{credit}.")]
        # 'downloads' lists the bundle's files: this document is one of them.
    return OfficeDocument(toolkit.title, words.lang, tuple(blocks))
