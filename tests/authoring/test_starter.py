"""The starter site: every file it needs, valid against the schemas, ids that agree."""

from __future__ import annotations

import json
from datetime import date
from pathlib import PurePosixPath

import jsonschema

from toolkit_builder.authoring import starter
from toolkit_builder.authoring.jsonschema_out import (
    all_schemas,
    editor_settings,
    editor_view,
    schema_text,
)
from toolkit_builder.content.load import CONTENT_FOLDERS

TODAY = date(2026, 5, 28)
FILES = starter.starter_site(TODAY)
SCHEMAS = all_schemas()


def _schema(path: PurePosixPath) -> str | None:
    if path == PurePosixPath("site.yaml"):
        return "site.schema.json"
    if path.parent == PurePosixPath("content"):
        return f"{path.stem}.schema.json"
    if path.parts[0] == "content" and path.parts[1] in CONTENT_FOLDERS:
        return f"{path.parts[1]}.schema.json"
    return None


def test_starter_has_every_part_of_a_site() -> None:
    names = {p.as_posix() for p in FILES}
    for expected in (
        "site.yaml",
        "README.md",
        ".gitignore",
        "content/topics.yaml",
        "content/organisations.yaml",
        "content/measures/first-measure.yaml",
        "content/change-packages/first-change-package.yaml",
        "content/toolkits/first-toolkit.md",
        "content/case-studies/first-case-study.yaml",
        "content/data/first-case-study-first-measure.csv",
        "content/pages/about.md",
        "content/pages/accessibility.md",
        ".vscode/settings.json",
    ):
        assert expected in names, expected
    assert all(not p.is_absolute() and ".." not in p.parts for p in FILES)


def test_starter_files_fit_their_schemas() -> None:
    checked = 0
    for path, text in FILES.items():
        name = _schema(path)
        if name is None:
            continue
        if path.suffix == ".md":
            text = text.split("---\n")[1]
        validator = jsonschema.Draft202012Validator(
            SCHEMAS[name], format_checker=jsonschema.FormatChecker()
        )
        assert [e.message for e in validator.iter_errors(editor_view(text))] == [], path
        checked += 1
    assert checked == 9


def test_starter_items_are_published_and_name_each_other() -> None:
    case = editor_view(FILES[PurePosixPath("content/case-studies/first-case-study.yaml")])
    assert isinstance(case, dict)
    assert "status" not in case
    assert case["toolkit"] == starter.TOOLKIT
    assert case["organisations"] == [starter.ORGANISATION]
    topics = editor_view(FILES[PurePosixPath("content/topics.yaml")])
    assert [t["id"] for t in topics] == [starter.TOPIC]  # type: ignore[union-attr,index]
    site = editor_view(FILES[PurePosixPath("site.yaml")])
    assert site["languages"] == ["en"]  # type: ignore[index]
    assert case["settings"][0] in site["settings"]  # type: ignore[index]


def test_starter_brings_the_editor_set_up() -> None:
    settings = json.loads(FILES[PurePosixPath(".vscode/settings.json")])
    assert settings == editor_settings(starter.SCHEMA_DIR)
    for name, schema in SCHEMAS.items():
        assert FILES[PurePosixPath(starter.SCHEMA_DIR, name)] == schema_text(schema)


def test_starter_readme_says_how_to_build_check_and_preview() -> None:
    readme = FILES[PurePosixPath("README.md")]
    for command in ("toolkit-builder check", "toolkit-builder build", "toolkit-builder serve"):
        assert command in readme


def test_starter_is_the_same_every_time() -> None:
    assert starter.starter_site(TODAY) == FILES
    assert FILES[PurePosixPath(".gitignore")].splitlines()[1:] == ["output/", ".cache/"]
