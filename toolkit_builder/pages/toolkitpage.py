"""A toolkit page in a visitor's order: its body split into sections, and who tested it.

A visitor wants the problem first, then the aim, how to start, the driver diagram,
change ideas, measures and evidence, then what happened where services tested it,
then the downloads. The body is the author's Markdown: its sections are found by
their headings ('## The problem', '## Y broblem'), in English or the page's language.
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


def body_parts(md: MarkdownIt, body: str, names: Mapping[str, str]) -> dict[str, Markup]:
    """Return the body rendered once and cut at its top-level headings, by part (see PARTS).

    Rendering the whole body at once keeps footnotes numbered across parts; their
    list is its own part, as a reference from any part links to it.
    """
    env: dict[str, object] = {}
    tokens = md.parse(body, env)
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
