"""What an office document says, apart from its file format: headings, paragraphs, tables, pictures.

documents.py decides what the toolkit and the PDSA worksheet say, as an
`OfficeDocument`; docxfile.py and odtfile.py write the same document as .docx and
.odt. Each text may name its own language, where it differs from the document's
(a passage shown in English for want of a Welsh translation).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from toolkit_builder.language.localise import Fallback


def language_of(text: str) -> str:
    """Return the language a text is marked as being in ('' for the document's own)."""
    return text.lang if isinstance(text, Fallback) else ""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 0 is the document's title, 1 its sections, 2 their parts."""

    text: str
    level: int
    lang: str = ""
    """The heading's language where it is not the document's."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph, or an item of a bulleted list."""

    text: str
    list_level: int = 0
    """0 for a paragraph; 1 for a list item, 2 for an item of a list inside it."""
    lang: str = ""
    """The paragraph's language where it is not the document's."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table whose first row names the columns (repeated on every page)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Picture:
    """A PNG picture with the text that stands for it."""

    png: bytes
    width_cm: float
    height_cm: float
    title: str
    """A short name (shown as the picture's title)."""
    description: str
    """The alternative text: what the picture shows, for those who cannot see it."""


Block = Heading | Paragraph | Table | Picture


@dataclass(frozen=True, slots=True)
class OfficeDocument:
    """A document to write as .docx or .odt."""

    title: str
    lang: str
    """The document's language (BCP 47: 'en', 'cy')."""
    blocks: tuple[Block, ...]


def _inline_text(token: Token) -> str:
    words = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return "".join(words).strip()


def markdown_blocks(tokens: Sequence[Token], top: int = 1, lang: str = "") -> list[Block]:
    """Return parsed Markdown as headings, paragraphs and list items, in plain text.

    An h2 becomes a heading of level `top`, an h3 the level below; deeper headings,
    tables and code keep their words as paragraphs. `lang` marks every block.
    """
    blocks: list[Block] = []
    depth = 0
    heading = 0
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "heading_open":
            heading = int(token.tag[1:])
        elif token.type == "heading_close":
            heading = 0
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(Paragraph(token.content.strip(), 0, lang))
        elif token.type == "inline" and (text := _inline_text(token)):
            if heading in (2, 3):
                blocks.append(Heading(text, top + heading - 2, lang))
            else:
                blocks.append(Paragraph(text, min(depth, 2), lang))
    return blocks


def plain_markdown(md: MarkdownIt, text: str, top: int = 1) -> list[Block]:
    """Return a Markdown text as blocks, marked with its language if it is a fallback."""
    return markdown_blocks(md.parse(text), top, language_of(text))
