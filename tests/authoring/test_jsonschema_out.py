"""The editor schemas accept every example file and reject the mistakes a schema can see."""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath

import jsonschema
import pytest

from tests.support import FIXTURE_SITE, INVALID_CASES, REPO, overlay, run_cli
from toolkit_builder.authoring.jsonschema_out import (
    DATE_PATTERN,
    DIALECT,
    EditorLoader,
    all_schemas,
    editor_settings,
    editor_view,
    field_schema,
    file_schema,
    schema_name,
    schema_text,
)
from toolkit_builder.content.load import CONTENT_FOLDERS
from toolkit_builder.content.schema import FILE_TYPES, MEASURE, Field
from toolkit_builder.content.yamlmarks import parse_yaml

SCHEMAS = all_schemas()


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        SCHEMAS[name], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _front_matter(text: str) -> str:
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    return "\n".join(lines[1:end])


def _schema_for(site: Path, path: Path) -> str:
    """Return the schema file name an editor would use for a site file."""
    relative = path.relative_to(site)
    if relative.parts[0] == "site.yaml":
        return "site.schema.json"
    if relative.parent == Path("content"):
        return schema_name(path.stem)
    kind = relative.parts[1]
    stem = path.name.removesuffix(CONTENT_FOLDERS[kind])
    return schema_name(kind, translation="." in stem)


def _content_files(site: Path) -> list[Path]:
    found = [site / "site.yaml"] if (site / "site.yaml").exists() else []
    content = site / "content"
    found += [content / name for name in ("organisations.yaml", "topics.yaml")]
    for kind, ending in CONTENT_FOLDERS.items():
        found += sorted((content / kind).glob(f"*{ending}"))
    return [p for p in found if p.exists()]


def _errors(site: Path, path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = _front_matter(text)
    validator = _validator(_schema_for(site, path))
    return [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(editor_view(text))
    ]


def test_every_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert len(SCHEMAS) == len(FILE_TYPES) + len(CONTENT_FOLDERS)
    for name, schema in SCHEMAS.items():
        assert schema["$schema"] == DIALECT, name
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("site", [REPO, FIXTURE_SITE], ids=["example", "fixture"])
def test_schemas_accept_every_content_file(site: Path) -> None:
    files = _content_files(site)
    assert len(files) > 10
    assert any(".cy." in p.name for p in files), "translations are checked too"
    for path in files:
        assert _errors(site, path) == [], path


# Mistakes only the whole site shows: the schemas see one file at a time.
OUT_OF_SCOPE = {
    "broken-case-refs": "ids of other files (organisations, change ideas, measures, CSV paths)",
    "broken-case-toolkit": "the toolkit id names another file",
    "broken-driver-ref": "driver ids are checked against other entries of the package",
    "broken-event-refs": "an event's toolkit and organisation ids name other files",
    "broken-toolkit-refs": "ids of other files and settings from site.yaml",
    "csv-date-order": "CSV data, not YAML",
    "csv-header": "CSV data, not YAML",
    "csv-number": "CSV data, not YAML",
    "csv-zero-denominator": "CSV data, not YAML",
    "duplicate-ids": "uniqueness of ids across entries",
    "front-matter": "a Markdown file without front matter has no YAML to check",
    "layout": "folder and file names, not file contents",
    "rules-unsuited": "the chart type comes from the measure's file",
    "yaml-syntax": "not YAML at all: the editor's parser reports it, before any schema",
}
OUT_OF_SCOPE_LINES = {
    "ten-mistakes": {
        "content/data/ward3-assessed.csv": "CSV data",
        "content/toolkits/falls.md": "a setting from site.yaml and a resource file",
    },
    "translations": {
        "content/change-packages/falls.cy.yaml:6:14": "ids are looked up in the original file",
        "content/pages/about.fr.md": "the languages are listed in site.yaml",
        "content/toolkits/stroke.cy.md": "whether the original file exists",
    },
}
"""Lines of expected.txt (or whole files) in the other cases that need more than one file."""
CASES = sorted(p.name for p in INVALID_CASES.iterdir() if p.is_dir())


def _error_locations(site: Path, relative: PurePosixPath) -> set[str]:
    """Return `path:line:column` of every schema error, where the validator would put it."""
    path = site / relative
    text = path.read_text(encoding="utf-8")
    offset = 0
    if path.suffix == ".md":
        text, offset = _front_matter(text), 1
    _, marks, _ = parse_yaml(text, relative, offset)
    found = set()
    for error in _validator(_schema_for(site, path)).iter_errors(editor_view(text)):
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":  # the validator points at the key
            known = error.schema["properties"]  # type: ignore[index]
            for key in sorted(set(error.instance) - set(known)):
                found.add(str(marks.key((*where, key))))
        else:
            found.add(str(marks.value(where)))
    return found


def test_out_of_scope_cases_exist() -> None:
    assert set(OUT_OF_SCOPE) | set(OUT_OF_SCOPE_LINES) <= set(CASES)


@pytest.mark.parametrize("case", [c for c in CASES if c not in OUT_OF_SCOPE])
def test_schemas_reject_each_mistake_where_the_validator_does(case: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, site)
    overlay(site, INVALID_CASES / case)
    skipped = OUT_OF_SCOPE_LINES.get(case, {})
    expected = [
        line.split(": ", 1)[0]
        for line in (INVALID_CASES / case / "expected.txt").read_text().splitlines()
        if not any(line.startswith(prefix) for prefix in skipped)
    ]
    assert expected, case
    for place in expected:
        relative = PurePosixPath(place.split(":", 1)[0])
        assert place in _error_locations(site, relative), f"{case}: schema misses {place}"


def test_schema_rejects_the_mistake_not_just_the_file() -> None:
    """A broken fixture fails for the reason the validator gives, at the same field."""
    measure = {
        "title": "Days with bed rails raised",
        "type": "balancing",
        "definition": "Count of patient days.",
        "scoring": "count",
        "direction": "neutral",
        "chart": "c",
        "data_source": "Ward records",
        "frequency": "monthly",
    }
    validator = _validator("measures.schema.json")
    assert list(validator.iter_errors(measure)) == []
    for key, value in [
        ("chart", "p"),
        ("frequency", "fortnightly"),
        ("frequncy", "monthly"),
        ("multiplier", "100"),
        ("title", ["a", "list"]),
    ]:
        errors = list(validator.iter_errors({**measure, key: value}))
        assert errors, (key, value)
    missing = {k: v for k, v in measure.items() if k != "data_source"}
    assert any("data_source" in e.message for e in validator.iter_errors(missing))
    rate = {**measure, "scoring": "rate", "chart": "u"}
    assert any("numerator" in e.message for e in validator.iter_errors(rate))


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2025-02-01", True),
        ("2024-02-29", True),
        ("2025-12-31", True),
        ("2025-06-31", False),
        ("2025-13-01", False),
        ("31/03/2027", False),
        ("2025-1-6", False),
    ],
)
def test_date_pattern_matches_real_dates_only(value: str, valid: bool) -> None:
    validator = jsonschema.Draft202012Validator({"type": "string", "pattern": DATE_PATTERN})
    assert validator.is_valid(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2026-11-29T10:00:00+00:00", True),
        ("2026-11-29 10:00:00Z", True),
        ("2026-11-29T10:00:00", False),
        ("2026-12-01 10:00", False),
        ("2026-13-01T10:00:00+00:00", False),
    ],
)
def test_event_start_needs_date_time_and_offset(value: str, valid: bool) -> None:
    validator = jsonschema.Draft202012Validator(field_schema(FILE_TYPES["events"].fields[2]))
    assert validator.is_valid(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("data/ward7.csv", True),
        ("/etc/passwd", False),
        ("data/../../secret.csv", False),
        ("C:/data.csv", False),
        ("data\\ward7.csv", False),
        ("   ", False),
    ],
)
def test_paths_stay_inside_content(value: str, valid: bool) -> None:
    spec = Field("data", "path", "CSV file.")
    assert jsonschema.Draft202012Validator(field_schema(spec)).is_valid(value) is valid


def test_every_documented_example_fits_its_own_field() -> None:
    def walk(fields: tuple[Field, ...]) -> int:
        count = 0
        for spec in fields:
            schema = field_schema(spec)
            for example in schema.get("examples", []):
                assert jsonschema.Draft202012Validator(schema).is_valid(example), spec.name
                count += 1
            count += walk(spec.fields)
        return count

    assert sum(walk(t.fields) for t in FILE_TYPES.values()) > 50


def test_translation_schema_allows_only_translatable_fields() -> None:
    schema = file_schema(MEASURE, translation=True)
    assert "required" not in schema
    assert {"title", "definition", "unit"} <= set(schema["properties"])
    assert not {"multiplier", "scoring", "chart", "goal"} & set(schema["properties"])
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"title": "Setiau arsylwi"})
    assert not validator.is_valid({"multiplier": 100})
    package = jsonschema.Draft202012Validator(SCHEMAS["change-packages.translation.schema.json"])
    assert package.is_valid({"change_ideas": [{"id": "huddle", "title": "Cyfarfod"}]})
    assert not package.is_valid({"change_ideas": [{"title": "Cyfarfod"}]})


def test_fields_carry_descriptions_and_examples() -> None:
    title = SCHEMAS["case-studies.schema.json"]["properties"]["title"]
    assert title["description"].startswith("Headline of the story. (required;")
    assert title["examples"] == ["Ward 7 halves time to review"]
    last_reviewed = SCHEMAS["toolkits.schema.json"]["properties"]["last_reviewed"]
    assert last_reviewed["format"] == "date"
    assert last_reviewed["examples"] == ["2026-03-01"], "dates as an editor sees them"
    act = SCHEMAS["case-studies.schema.json"]["properties"]["pdsa_cycles"]["items"]
    assert act["properties"]["act"]["enum"] == ["adopt", "adapt", "abandon"]
    assert act["additionalProperties"] is False


def test_editor_loader_keeps_dates_as_text() -> None:
    assert editor_view("d: 2025-01-01\nt: 2026-11-29T10:00:00+00:00\nn: 3") == {
        "d": "2025-01-01",
        "t": "2026-11-29T10:00:00+00:00",
        "n": 3,
    }
    assert issubclass(EditorLoader, __import__("yaml").SafeLoader)


def test_schema_command_writes_every_file_deterministically(tmp_path: Path) -> None:
    first = run_cli("schema", "--out", str(tmp_path / "a"))
    second = run_cli("schema", "--out", str(tmp_path / "b"))
    assert first.code == second.code == 0
    written = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert written == sorted(SCHEMAS)
    assert first.out.count("schema.json") == len(SCHEMAS)
    for name in written:
        text = (tmp_path / "a" / name).read_text(encoding="utf-8")
        assert text == (tmp_path / "b" / name).read_bytes().decode("utf-8")
        assert text == schema_text(SCHEMAS[name])
        assert json.loads(text) == SCHEMAS[name]


def test_schema_command_refuses_a_file_and_a_content_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = run_cli("schema", "--out", str(tmp_path / "file"))
    assert result.code == 2
    assert "not a folder" in result.err
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "site.yaml").write_text("title: x\n")
    result = run_cli("schema", "--out", str(site / "content" / "schemas"))
    assert result.code == 2
    assert "content folder" in result.err
    assert not (site / "content" / "schemas").exists()


def test_schema_command_needs_out() -> None:
    with pytest.raises(SystemExit) as stopped:
        run_cli("schema")
    assert stopped.value.code == 2


def test_editor_settings_in_the_guide_match_the_schemas() -> None:
    settings = editor_settings("schemas")
    mapping = settings["yaml.schemas"]
    assert mapping["schemas/case-studies.schema.json"] == "content/case-studies/*.yaml"
    assert mapping["schemas/site.schema.json"] == "**/site.yaml"
    assert all(path.removeprefix("schemas/") in SCHEMAS for path in mapping)
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert json.dumps(settings, indent=2) in guide
