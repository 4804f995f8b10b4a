"""A toolkit body cut into its parts by heading, and the decisions of the services that tested it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import PurePosixPath

from markupsafe import Markup

from toolkit_builder.content.model import (
    Aim,
    CaseStudy,
    ChangeIdea,
    ChangePackage,
    ChangeTested,
    PdsaCycle,
    Period,
)
from toolkit_builder.errors import Location
from toolkit_builder.pages.markdown import make_markdown
from toolkit_builder.pages.toolkitpage import (
    PARTS,
    body_parts,
    body_section,
    role_names,
    services_that_tested,
    toolkit_contents,
    toolkit_sections,
)

BODY = """\
*A fictional programme.*

## Why falls matter

Falls hurt.

## Evidence

Trials show.[^1]

```
## The problem (inside code: not a heading)
```

# How to start

> ## A quoted heading stays in its part

1. One ward.

## The problem

Falls at night.[^2]

[^1]: A trial.
[^2]: A count.
"""


def test_the_body_is_cut_by_what_each_heading_names() -> None:
    parts = body_parts(make_markdown(False), BODY, role_names(lambda text: text))
    assert parts["intro"] == "<p><em>A fictional programme.</em></p>\n"
    assert parts["problem"].startswith('<h2 id="the-problem">The problem</h2>\n<p>Falls at night.')
    assert parts["how_to_start"].startswith('<h2 id="how-to-start">How to start</h2>')
    assert "A quoted heading stays in its part" in parts["how_to_start"]
    assert "(inside code: not a heading)" in parts["evidence"]
    assert parts["other"].startswith('<h2 id="why-falls-matter">Why falls matter</h2>')
    # footnotes are numbered across the whole body, and listed once
    assert 'href="#fn1"' in parts["evidence"] and 'href="#fn2"' in parts["problem"]
    assert parts["notes"].count('class="footnote-item"') == 2
    assert all("footnote-item" not in parts[p] for p in PARTS if p != "notes")


def test_headings_in_the_page_language_are_recognised() -> None:
    welsh = {"The problem": "Y broblem", "How to start": "Sut i ddechrau"}
    names = role_names(lambda text: welsh.get(text, text))
    parts = body_parts(
        make_markdown(False), "## Y broblem\n\nA.\n\n## Sut i ddechrau!\n\nB.", names
    )
    assert "<p>A.</p>" in parts["problem"] and "<p>B.</p>" in parts["how_to_start"]
    assert parts["other"] == parts["intro"] == ""


def _case(cycles: tuple[PdsaCycle, ...], tested: tuple[str, ...]) -> CaseStudy:
    return CaseStudy(
        id="ward-3",
        title="Ward 3",
        organisations=("northvale",),
        settings=("acute",),
        toolkit="falls",
        period=Period(date(2025, 1, 1), date(2025, 12, 31)),
        aim="Fewer falls",
        context="",
        changes_tested=tuple(ChangeTested(t) for t in tested),
        results="Falls fell from 8 to 5.\n\nMore detail.",
        lessons=(),
        contact="",
        source=Location(PurePosixPath("c.yaml"), 1, 1),
        pdsa_cycles=cycles,
    )


def test_each_change_gets_the_decision_of_its_latest_cycle() -> None:
    package = ChangePackage(
        id="falls",
        title="Falls",
        aim=Aim("Fewer falls", date(2026, 1, 1)),
        primary_drivers=(),
        change_ideas=(
            ChangeIdea("huddle", "Safety huddle", "", ()),
            ChangeIdea("bell", "Call bell", "", ()),
        ),
        source=Location(PurePosixPath("p.yaml"), 1, 1),
    )
    cycle = PdsaCycle("huddle", 1, date(2025, 2, 1), "adapt")
    cycles = (replace(cycle, cycle=2, start=date(2025, 3, 1), act="adopt"), cycle)
    (service,) = services_that_tested(package, [_case(cycles, ("huddle", "bell"))])
    assert [(c.title, c.decision) for c in service.changes] == [
        ("Safety huddle", "adopt"),
        ("Call bell", ""),
    ]
    assert service.result == "Falls fell from 8 to 5."


def test_sections_follow_a_visitors_order_and_skip_body_parts_not_written() -> None:
    every = {"problem": "p", "how_to_start": "h", "evidence": "e", "other": "o", "notes": "n"}
    assert toolkit_sections(every) == (
        "problem",
        "aim",
        "how-to-start",
        "driver-diagram",
        "change-ideas",
        "measures",
        "evidence",
        "more",
        "notes",
        "tested",
        "downloads",
        "versions",
    )
    fixed = ("aim", "driver-diagram", "change-ideas", "measures", "tested", "downloads")
    assert toolkit_sections({}) == (*fixed, "versions")
    assert toolkit_sections({"evidence": "e"}) == (*fixed[:4], "evidence", *fixed[4:], "versions")
    contents = toolkit_contents({"notes": "n", "problem": "p"})
    assert [s for s, _ in contents] == ["problem", *fixed, "versions"]  # footnotes: no entry
    assert contents[0] == ("problem", "The problem")


def test_a_body_section_never_repeats_the_id_of_its_own_heading() -> None:
    own = Markup('<h2 id="evidence">Evidence</h2>\n<p>Trials.</p>\n')
    assert body_section("evidence", own) == f'<div class="toolkit-body">{own}</div>'
    other = Markup('<h2 id="the-problem">The problem</h2>\n')
    assert body_section("problem", other) == f'<div id="problem" class="toolkit-body">{other}</div>'
