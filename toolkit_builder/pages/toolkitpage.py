"""A toolkit in a visitor's order: its body split into sections, and who tested it.

A visitor wants the problem first, then the aim, how to start, the driver diagram,
change ideas, measures and evidence, then what happened where services tested it,
then the downloads. SECTIONS is that order, once: the toolkit page, its print view
and its bundle's index.html each show their own version of every section in it.
The body is the author's Markdown: its sections are found by their headings
('## The problem', '## Y broblem'), in English or the page's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from toolkit_builder.content.collaborative import latest_decision
from toolkit_builder.content.model import CaseStudy, ChangePackage
from toolkit_builder.language.pageformat import N_

ROLE_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "problem": (N_("The problem"), "Problem", "Background", "Why it matters"),
    "how_to_start": (N_("How to start"), "Getting started", "How to get started", "Where to start"),
    "evidence": (N_("Evidence"), "The evidence", "What works"),
}
"""Headings that name each part of a toolkit body; the first is translated for the page."""

PARTS = ("intro", "problem", "how_to_start", "evidence", "other", "notes")
"""Parts of a toolkit body: text before the first heading, the three named sections,
sections with any other heading ('Measuring'), and the footnotes of them all."""

SECTIONS: tuple[tuple[str, str], ...] = (
    ("problem", N_("The problem")),
    ("aim", N_("Aim")),
    ("how-to-start", N_("How to start")),
    ("driver-diagram", N_("Driver diagram")),
    ("change-ideas", N_("Change ideas")),
    ("measures", N_("Measures")),
    ("evidence", N_("Evidence")),
    ("more", N_("More about this toolkit")),
    ("notes", ""),
    ("tested", N_("Services that tested it")),
    ("downloads", N_("Downloads")),
    ("versions", N_("Versions and licence")),
)
"""A toolkit's sections in a visitor's order: each one's id (its anchor) and its title in
the contents list ('' for none: the footnotes)."""

BODY_SECTIONS = {
    "problem": "problem",
    "how-to-start": "how_to_start",
    "evidence": "evidence",
    "more": "other",
    "notes": "notes",
}
"""Sections taken from the toolkit's body -> its part (see PARTS); shown only when written."""


def toolkit_sections(parts: Mapping[str, object]) -> tuple[str, ...]:
    """Return the ids of a toolkit's sections in a visitor's order, less the body parts it lacks."""
    return tuple(
        section
        for section, _ in SECTIONS
        if section not in BODY_SECTIONS or parts.get(BODY_SECTIONS[section])
    )


def body_section(section: str, html: Markup) -> Markup:
    """Return a part of the body as the section `section`: a div whose id is the section's anchor.

    When the author's heading already carries that id ('## How to start'), the div
    takes none, so the page never holds one id twice.
    """
    anchor = Markup(' id="{}"').format(section)
    return Markup('<div{} class="toolkit-body">{}</div>').format(
        "" if anchor.strip() in html else anchor, html
    )


def toolkit_contents(parts: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """Return (id, English title) of each section listed in a toolkit's contents, in order."""
    shown = set(toolkit_sections(parts))
    return tuple((section, title) for section, title in SECTIONS if title and section in shown)


@dataclass(frozen=True, slots=True)
class TestedChange:
    """One change idea a service tested, and what it decided in its last PDSA cycle."""

    idea_id: str
    title: str
    decision: str
    """'adopt', 'adapt' or 'abandon' from the latest cycle's act; '' when no cycle says."""


@dataclass(frozen=True, slots=True)
class ServiceResult:
    """A service that tested the toolkit: its case study, decisions and result."""

    case: CaseStudy
    changes: tuple[TestedChange, ...]
    result: str
    """The first paragraph of the case study's results (Markdown)."""


def _key(heading: str) -> str:
    return re.sub(r"[^\w\s]", "", heading).casefold().strip()


def role_names(gettext: Callable[[str], str]) -> dict[str, str]:
    """Return every heading that names a part, by its key, in English and the page language."""
    names: dict[str, str] = {}
    for role, headings in ROLE_HEADINGS.items():
        for heading in (gettext(headings[0]), *headings):
            names.setdefault(_key(heading), role)
    return names


def body_tokens(
    md: MarkdownIt, body: str, names: Mapping[str, str], env: dict[str, object] | None = None
) -> dict[str, list[Token]]:
    """Return the body parsed once and cut at its top-level headings, by part (see PARTS).

    `env` collects what the parse found (footnotes) for rendering the parts.
    """
    tokens = md.parse(body, {} if env is None else env)
    parts: dict[str, list[Token]] = {part: [] for part in PARTS}
    current = "intro"
    for index, token in enumerate(tokens):
        if token.type == "footnote_block_open":
            current = "notes"
        elif (
            current != "notes"
            and token.type == "heading_open"
            and token.tag == "h2"
            and token.level == 0
        ):
            current = names.get(_key(tokens[index + 1].content), "other")
        parts[current].append(token)
    return parts


def body_parts(md: MarkdownIt, body: str, names: Mapping[str, str]) -> dict[str, Markup]:
    """Return the body rendered once and cut at its top-level headings, by part (see PARTS).

    Rendering the whole body at once keeps footnotes numbered across parts; their
    list is its own part, as a reference from any part links to it.
    """
    env: dict[str, object] = {}
    parts = body_tokens(md, body, names, env)
    return {
        part: Markup(md.renderer.render(found, md.options, env)) if found else Markup("")
        for part, found in parts.items()
    }


def services_that_tested(
    package: ChangePackage, cases: Sequence[CaseStudy]
) -> tuple[ServiceResult, ...]:
    """Return each case study's decision on every change idea it tested, and its result."""
    titles = {idea.id: idea.title for idea in package.change_ideas}
    found = []
    for case in cases:
        changes = tuple(
            TestedChange(
                c.change_idea,
                titles.get(c.change_idea, c.change_idea),
                latest_decision(case, c.change_idea),
            )
            for c in case.changes_tested
        )
        result = case.results.strip().split("\n\n", 1)[0] if case.results else ""
        found.append(ServiceResult(case, changes, result))
    return tuple(found)
