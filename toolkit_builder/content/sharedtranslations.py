"""Translations of the site's settings and lists: site.cy.yaml, topics.cy.yaml, organisations.cy.yaml.

They follow the convention of item translations: beside the original, the language
code before the ending, only the text fields. A list's entries name the item they
translate by `id`. Each text is found by a key: 'site', 'topics/falls',
'organisations/northvale'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from toolkit_builder.content.fields import FieldChecker
from toolkit_builder.content.load import RawDoc
from toolkit_builder.content.schema import FILE_TYPES
from toolkit_builder.errors import Location, Problem

SHARED_KINDS = ("site", "topics", "organisations")
"""Kinds of file whose translations are shared texts rather than items."""

SharedTexts = dict[str, Mapping[str, object]]
"""Key ('site', 'topics/falls') -> the translated fields."""


def shared_translation(
    doc: RawDoc, languages: Sequence[str]
) -> tuple[SharedTexts, dict[str, Location], list[Problem]]:
    """Return a shared translation's texts by key, where each key is written, and its problems."""
    if doc.lang not in languages[1:]:
        hint = "site.yaml lists: " + ", ".join(languages)
        problem = Problem(
            Location(doc.path, 1, 1),
            f"'{doc.lang}' is not a translation language of this site",
            hint,
        )
        return {}, {}, [problem]
    fields = FILE_TYPES[doc.kind].fields
    checker = FieldChecker(doc.marks, translation=True)
    if doc.kind == "site":
        values = checker.check_mapping(doc.data if doc.data is not None else {}, fields)
        return {"site": values}, {"site": Location(doc.path, 1, 1)}, checker.problems
    if not isinstance(doc.data, list):
        problem = Problem(
            doc.marks.value(()),
            f"{doc.path.name} must be a list of {doc.kind}",
            "start each item with '- id: …', the id of the item it translates",
        )
        return {}, {}, [problem]
    texts: SharedTexts = {}
    places: dict[str, Location] = {}
    for index, entry in enumerate(doc.data):
        values = checker.check_mapping(entry, fields, (index,))
        if values.get("id"):
            key = f"{doc.kind}/{values['id']}"
            texts[key] = {k: v for k, v in values.items() if k != "id"}
            places[key] = doc.marks.value((index, "id"))
    return texts, places, checker.problems


def unknown_keys(places: Mapping[str, Location], known: set[str]) -> list[Problem]:
    """Return a problem for each translated list entry whose id names no item."""
    return [
        Problem(
            where,
            f"no {key.split('/')[0].removesuffix('s')} '{key.split('/', 1)[1]}' to translate",
            f"use an id from {key.split('/')[0]}.yaml",
        )
        for key, where in sorted(places.items())
        if key != "site" and key not in known
    ]
