"""The authoring guide documents every field, generated from the schema, and stays in sync."""

from __future__ import annotations

from tests.support import REPO
from toolkit_builder.authoring.docgen import field_reference, update_document
from toolkit_builder.content.schema import FILE_TYPES, Field


def _names(fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    names = []
    for f in fields:
        name = prefix + f.name
        names.append(name)
        names += _names(f.fields, name + ("[]." if f.kind == "objects" else "."))
    return names


def test_authoring_guide_field_reference_is_up_to_date() -> None:
    text = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert update_document(text) == text, "run `make docs` to regenerate the field reference"


def test_every_field_is_documented_with_an_example() -> None:
    reference = field_reference()
    for file_type in FILE_TYPES.values():
        for name in _names(file_type.fields):
            row = next((r for r in reference.splitlines() if r.startswith(f"| `{name}` |")), None)
            assert row is not None, name
            assert row.rstrip().endswith("` |"), f"{name} has no example"
