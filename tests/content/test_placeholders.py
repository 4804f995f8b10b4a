"""Skeleton texts left in content are found where they are, in fields and Markdown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath

from toolkit_builder.content.load import SiteFiles, _markdown_doc
from toolkit_builder.content.placeholders import (
    PlaceholderMemory,
    doc_placeholders,
    placeholder_warnings,
)
from toolkit_builder.content.yamlmarks import parse_yaml
from toolkit_builder.errors import Severity

TOOLKIT = """\
---
# Replace each text that starts with 'Replace:' (a comment: not a placeholder)
title: "Replace: name of the toolkit"
topics:
  - falls
  - "Replace: a topic"
summary: Written by the author.
---
## The problem

Falls at night. Replace: what goes wrong.
"""


def test_placeholders_in_fields_and_body_are_located() -> None:
    path = PurePosixPath("content/toolkits/falls.md")
    doc = _markdown_doc("toolkits", path, "falls", None, TOOLKIT, [], parse_yaml)
    found = doc_placeholders(doc)
    assert [str(p).split(": warning: ")[0] for p in found] == [
        "content/toolkits/falls.md:3:8",
        "content/toolkits/falls.md:6:5",
        "content/toolkits/falls.md:11:17",
    ]
    assert all(p.severity is Severity.WARNING for p in found)
    assert "'Replace: what goes wrong.'" in found[2].message


def test_a_site_without_placeholders_has_no_warnings() -> None:
    path = PurePosixPath("content/toolkits/falls.md")
    written = TOOLKIT.replace("Replace: ", "")
    doc = _markdown_doc("toolkits", path, "falls", None, written, [], parse_yaml)
    assert placeholder_warnings(SiteFiles(Path("."), None, (doc,))) == []


def test_the_preview_searches_again_only_documents_that_changed() -> None:
    path = PurePosixPath("content/toolkits/falls.md")
    doc = _markdown_doc("toolkits", path, "falls", None, TOOLKIT, [], parse_yaml)
    first: PlaceholderMemory = {}
    found = placeholder_warnings(SiteFiles(Path("."), None, (doc,)), {}, first)
    again: PlaceholderMemory = {}
    assert placeholder_warnings(SiteFiles(Path("."), None, (doc,)), first, again) == found
    assert again[path][3] is first[path][3]  # the same document: its warnings kept
    body = replace(doc, body=doc.body.replace("Replace: what goes wrong.", "Slips."))
    edited = placeholder_warnings(SiteFiles(Path("."), None, (body,)), again, {})
    assert edited == found[:2]  # the body's placeholder is gone
    reparsed = _markdown_doc("toolkits", path, "falls", None, TOOLKIT, [], parse_yaml)
    assert reparsed.data is not doc.data
    assert placeholder_warnings(SiteFiles(Path("."), None, (reparsed,)), again, {}) == found
