"""JSON Schemas of every content file type, made from the declarations in `content/schema/`.

Code editors use them for completion, hover help and checks while typing. They
describe a file as an editor's YAML parser sees it: dates and times are strings.
Only keywords that draft-07 tools understand too are used, so older editors
(most YAML plugins) read them as well as draft 2020-12 validators do.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import yaml

from toolkit_builder.authoring.docgen import KIND_NAMES
from toolkit_builder.content.fields import EMAIL_PATTERN, ID_PATTERN, SEMVER_PATTERN, URL_PATTERN
from toolkit_builder.content.load import CONTENT_FOLDERS
from toolkit_builder.content.schema import CHARTS_FOR_SCORING, FILE_TYPES, Field, FileType

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_MONTH_DAY = (
    r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)"
    r"|(?:0[13578]|1[02])-31|02-29)"
)
DATE_PATTERN = rf"^\d{{4}}-{_MONTH_DAY}$"
"""YYYY-MM-DD with a real month and day (29 February is left to `format: date`)."""
DATETIME_PATTERN = (
    rf"^\d{{4}}-{_MONTH_DAY}(?:[Tt]|[ \t]+)(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?"
    r"[ \t]*(?:Z|[-+](?:[01]\d|2[0-3])(?::[0-5]\d)?)$"
)
"""Date and time with seconds and a UTC offset, as the YAML loader reads a timestamp."""
PATH_PATTERN = r"^(?![/\\])(?!.*[\\:])(?!(?:.*/)?\.\.(?:/|$)).*\S.*$"
"""A relative path inside content/: no leading slash, backslash, colon or '..' part."""

TEXT = {"type": ["string", "number"]}
"""Text fields take numbers too (`unit: 1000` is read as the text '1000')."""

SCALARS: dict[str, dict[str, object]] = {
    "text": TEXT,
    "markdown": TEXT,
    "id": {"type": "string", "pattern": ID_PATTERN.pattern},
    "date": {"type": "string", "format": "date", "pattern": DATE_PATTERN},
    "datetime": {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN},
    "int": {"type": "integer"},
    "number": {"type": "number"},
    "bool": {"type": "boolean"},
    "semver": {"type": "string", "pattern": SEMVER_PATTERN.pattern},
    "email": {"type": "string", "pattern": EMAIL_PATTERN.pattern},
    "url": {"type": "string", "pattern": URL_PATTERN.pattern},
    "path": {"type": "string", "pattern": PATH_PATTERN},
}
"""JSON Schema of each scalar field kind."""

LIST_ITEMS = {"ids": "id", "strings": "text"}


class EditorLoader(yaml.SafeLoader):
    """A YAML loader that keeps dates and times as strings, as a code editor sees them."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def editor_view(text: str) -> object:
    """Return YAML text parsed as an editor sees it (timestamps stay strings)."""
    return yaml.load(text, Loader=EditorLoader)


def _translatable(spec: Field) -> bool:
    return spec.translatable or any(_translatable(f) for f in spec.fields)


def _kept(fields: tuple[Field, ...], translation: bool) -> tuple[Field, ...]:
    if not translation:
        return fields
    return tuple(f for f in fields if _translatable(f) or f.name == "id")


def _description(spec: Field) -> str:
    kind = KIND_NAMES[spec.kind]
    if spec.choices:
        kind += ": " + ", ".join(spec.choices)
    return f"{spec.doc} ({'required; ' if spec.required else ''}{kind})"


def _examples(spec: Field) -> list[object]:
    """Return the field's documented example as a value, unless it is a shortened sketch."""
    if not spec.example or "…" in spec.example or spec.kind in ("object", "objects"):
        return []
    try:
        value = editor_view(spec.example)
    except yaml.YAMLError:
        return []
    return [] if value is None else [value]


def mapping_schema(fields: tuple[Field, ...], translation: bool = False) -> dict[str, object]:
    """Return the schema of a mapping of fields; unknown fields are errors, as in validation."""
    kept = _kept(fields, translation)
    schema: dict[str, object] = {
        "type": "object",
        "properties": {f.name: field_schema(f, translation) for f in kept},
        "additionalProperties": False,
    }
    # A translated list item names the item it translates by its id.
    required = [f.name for f in kept if f.required and (not translation or f.name == "id")]
    if required:
        schema["required"] = required
    return schema


def field_schema(spec: Field, translation: bool = False) -> dict[str, object]:
    """Return the JSON Schema of one field's value, with its doc and example."""
    if spec.kind == "object":
        schema = mapping_schema(spec.fields, translation)
    elif spec.kind == "choice":
        schema = {"type": "string", "enum": list(spec.choices)}
    elif spec.kind in SCALARS:
        schema = dict(SCALARS[spec.kind])
    else:
        schema = {"type": "array", "items": _item_schema(spec, translation)}
        if spec.min_items and not translation:
            schema["minItems"] = spec.min_items
        if spec.max_items is not None:
            schema["maxItems"] = spec.max_items
    schema["description"] = _description(spec)
    examples = _examples(spec)
    if examples:
        schema["examples"] = examples
    return schema


def _item_schema(spec: Field, translation: bool) -> dict[str, object]:
    if spec.kind == "objects":
        return mapping_schema(spec.fields, translation)
    if spec.kind == "choices":
        return {"type": "string", "enum": list(spec.choices)}
    if spec.kind == "groups":  # each group names at least two words that mean the same
        return {"type": "array", "items": dict(TEXT), "minItems": 2}
    return dict(SCALARS[LIST_ITEMS[spec.kind]])


def file_schema(file_type: FileType, translation: bool = False) -> dict[str, object]:
    """Return the JSON Schema of one content file type (or of its translation files)."""
    body = mapping_schema(file_type.fields, translation)
    if file_type.kind in ("organisations", "topics"):
        body = {"type": "array", "items": body}
    if file_type.kind == "measures" and not translation:
        body["allOf"] = measure_rules()
    what = "Translation of a " + file_type.title.lower() if translation else file_type.title
    note = (
        "A translation repeats only the text fields it translates."
        if translation
        else "Generated by `toolkit-builder schema` from the field declarations."
    )
    return {
        "$schema": DIALECT,
        "title": f"{what} ({file_type.where})",
        "description": f"{note} Field reference: docs/authoring.md.",
        **body,
    }


def measure_rules() -> list[dict[str, object]]:
    """Return the rules linking a measure's fields: chart suits scoring; rates need counts."""
    rules: list[dict[str, object]] = []
    for scoring, charts in CHARTS_FOR_SCORING.items():
        then: dict[str, object] = {"properties": {"chart": {"enum": list(charts)}}}
        if scoring in ("proportion", "rate"):
            then["required"] = ["numerator", "denominator"]
        rules.append(
            {
                "if": {"properties": {"scoring": {"const": scoring}}, "required": ["scoring"]},
                "then": then,
            }
        )
    return rules


def schema_name(kind: str, translation: bool = False) -> str:
    """Return the file name of a kind's schema, e.g. 'case-studies.schema.json'."""
    return f"{kind}.translation.schema.json" if translation else f"{kind}.schema.json"


def all_schemas() -> dict[str, dict[str, object]]:
    """Return every schema by file name: one per file type, one per translatable folder."""
    schemas = {schema_name(kind): file_schema(t) for kind, t in FILE_TYPES.items()}
    for kind in CONTENT_FOLDERS:
        schemas[schema_name(kind, True)] = file_schema(FILE_TYPES[kind], translation=True)
    return dict(sorted(schemas.items()))


def schema_text(schema: Mapping[str, object]) -> str:
    """Return a schema as deterministic JSON text (sorted keys, two-space indent)."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


FILE_GLOBS: dict[str, str] = {
    "site": "**/site.yaml",  # plain `site.yaml` would also match the end of `website.yaml`
    "organisations": "content/organisations.yaml",
    "topics": "content/topics.yaml",
    **{kind: f"content/{kind}/*{ending}" for kind, ending in CONTENT_FOLDERS.items()},
}
"""Which files of a site each schema describes (Markdown files: their front matter)."""


def editor_settings(schema_dir: str) -> dict[str, object]:
    """Return VS Code settings that map each YAML file of a site to its schema."""
    mapping = {
        f"{schema_dir}/{schema_name(kind)}": glob
        for kind, glob in FILE_GLOBS.items()
        if glob.endswith(".yaml")
    }
    return {"yaml.schemas": dict(sorted(mapping.items()))}
