"""The accessibility statement: generated at accessibility/ from site.yaml's `accessibility`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import run_cli
from toolkit_builder.build import BuildOptions, build_in_memory
from toolkit_builder.errors import ContentError

STATEMENT = """accessibility:
  status: partially-compliant
  known_issues: [Older PDF worksheets are not tagged for screen readers.]
  contact: access@example.org
  response_days: 7
  enforcement: The Equality and Human Rights Commission (EHRC) enforces the regulations.
  prepared: 2026-09-01
  last_reviewed: 2026-10-15
"""
SECTIONS = [
    "Compliance status",
    "Non-accessible content",
    "How we tested this website",
    "Feedback and contact information",
    "Enforcement procedure",
    "Preparation of this accessibility statement",
]


def with_statement(site: Path, block: str = STATEMENT) -> Path:
    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + block, encoding="utf-8")
    return site


def page(site: Path, path: str = "accessibility/index.html") -> str:
    output = build_in_memory(BuildOptions(site, site / "output"), index_search=False).output
    return output[path].decode("utf-8")


def test_statement_has_the_standard_sections_in_order(site_copy: Path) -> None:
    html = page(with_statement(site_copy))
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert headings == SECTIONS
    assert html.count("<h1>") == 1 and "<h1>Accessibility statement</h1>" in html
    assert "partially compliant with the WCAG 2.2 AA standard" in html
    assert "<li>Older PDF worksheets are not tagged for screen readers.</li>" in html
    assert '<a href="mailto:access@example.org">' in html and "within 7 working days" in html
    assert "(EHRC) enforces" in html
    assert '<time datetime="2026-09-01">1 September 2026</time>' in html
    assert '<time datetime="2026-10-15">15 October 2026</time>' in html


def test_footer_links_the_statement_when_no_free_page_has_its_url(site_copy: Path) -> None:
    html = page(with_statement(site_copy), "index.html")
    assert '<a href="accessibility/index.html">Accessibility statement</a>' in html


def test_a_free_page_of_the_same_id_becomes_part_of_the_statement(site_copy: Path) -> None:
    pages = site_copy / "content" / "pages"
    (pages / "accessibility.md").write_text(
        "---\ntitle: Accessibility\nsummary: How accessible we are.\n---\nWe care about this.\n",
        encoding="utf-8",
    )
    html = page(with_statement(site_copy))
    assert "<h1>Accessibility</h1>" in html and "<p>We care about this.</p>" in html
    assert re.findall(r"<h2[^>]*>([^<]+)</h2>", html) == SECTIONS
    home = page(site_copy, "index.html")
    assert home.count('href="accessibility/index.html"') == 1  # the footer names it once


def test_without_the_block_a_free_page_is_an_ordinary_page(site_copy: Path) -> None:
    (site_copy / "content" / "pages" / "accessibility.md").write_text(
        "---\ntitle: Accessibility\n---\nPlain page.\n", encoding="utf-8"
    )
    html = page(site_copy)
    assert "<p>Plain page.</p>" in html and "Compliance status" not in html


def test_the_defaults_name_the_fully_compliant_status_and_contact_email(site_copy: Path) -> None:
    html = page(
        with_statement(
            site_copy, "accessibility: {status: fully-compliant, prepared: 2026-09-01}\n"
        )
    )
    assert "This website is fully compliant with the WCAG 2.2 AA standard." in html
    assert "We know of no content on this website that fails the standard." in html
    assert '<a href="mailto:improvement@example.org">' in html  # site.yaml's contact_email
    assert "last reviewed" not in html


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "accessibility: {status: mostly, prepared: 2026-09-01}\n",
            "site.yaml:9:25: 'status': 'mostly' is not one of the allowed values",
        ),
        (
            "accessibility: {status: non-compliant}\n",
            "site.yaml:9:16: missing required field 'prepared'",
        ),
    ],
)
def test_bad_statements_are_located_errors(site_copy: Path, block: str, expected: str) -> None:
    with_statement(site_copy, block)
    result = run_cli("build", str(site_copy), "--quiet")
    assert result.code == 1
    assert expected in result.err, result.err


def test_a_statement_needs_a_contact(site_copy: Path) -> None:
    config = site_copy / "site.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "contact_email: improvement@example.org\n", ""
    )
    config.write_text(text + "accessibility: {status: non-compliant, prepared: 2026-09-01}\n")
    with pytest.raises(ContentError) as error:
        build_in_memory(BuildOptions(site_copy, site_copy / "output"), index_search=False)
    shown = [str(problem) for problem in error.value.problems]
    assert shown[0].startswith("site.yaml:8:1: the accessibility statement has no contact (")
