"""The two building blocks of every schema: a field and a file type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal[
    "text",
    "markdown",
    "id",
    "ids",
    "date",
    "datetime",
    "int",
    "number",
    "bool",
    "semver",
    "email",
    "url",
    "choice",
    "choices",
    "strings",
    "path",
    "object",
    "objects",
    "groups",
]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a content file."""

    name: str
    kind: FieldKind
    doc: str
    """What the field means, for authors."""
    example: str = ""
    """A YAML example of the value (without the key)."""
    required: bool = False
    choices: tuple[str, ...] = ()
    """Allowed values for `choice` and `choices` fields."""
    fields: tuple[Field, ...] = ()
    """Sub-fields of an `object` or of each item of `objects`."""
    translatable: bool = False
    """A translation file may give this field in another language."""
    min_items: int = 0
    max_items: int | None = None


@dataclass(frozen=True, slots=True)
class FileType:
    """One kind of content file: where it lives and which fields it has."""

    kind: str
    """Folder name, or `site`, `organisations`, `topics`."""
    title: str
    where: str
    fields: tuple[Field, ...]
