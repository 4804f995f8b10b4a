"""Open-data files list every published item, match their JSON Schemas and docs, and are stable."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from tests.support import FIXTURE_SITE, REPO
from toolkit_builder.content.load import load_site
from toolkit_builder.content.model import Site
from toolkit_builder.content.validate import validate_site
from toolkit_builder.reuse.opendata import json_bytes, opendata_files
from toolkit_builder.reuse.opendataschema import API_NAMES, SCHEMA_VERSION, schema_for

FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def _site(root: Path, include_drafts: bool = False) -> Site:
    site, problems = validate_site(load_site(root), include_drafts=include_drafts)
    assert [p for p in problems if p.is_error] == []
    return site


@pytest.fixture(scope="module")
def example() -> Site:
    return _site(REPO)


def _documents(site: Site) -> dict[str, dict]:
    files = opendata_files(site)
    return {name: json.loads(files[f"api/{name}.json"]) for name in API_NAMES}


def _ids(site: Site) -> dict[str, list[str]]:
    return {
        "toolkits": sorted(t.id for t in site.toolkits),
        "case-studies": sorted(c.id for c in site.case_studies),
        "measures": sorted(m.id for m in site.measures),
        "lessons": [f"{c.id}/{lesson.number}" for c in site.case_studies for lesson in c.lessons],
        "what-works": sorted(t.id for t in site.toolkits),
        "measures-across-services": sorted(
            {s.measure for c in site.case_studies for s in c.series}
        ),
    }


@pytest.mark.parametrize("name", API_NAMES)
def test_schemas_are_valid_json_schemas(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema_for(name))


def test_example_files_validate_and_list_every_published_item(example: Site) -> None:
    files = opendata_files(example)
    assert sorted(files) == sorted(
        [f"api/{n}.json" for n in API_NAMES] + [f"api/schema/{n}.schema.json" for n in API_NAMES]
    )
    documents = _documents(example)
    for name, document in documents.items():
        schema = json.loads(files[f"api/schema/{name}.schema.json"])
        jsonschema.validate(document, schema, format_checker=FORMATS)
        assert document["schema_version"] == SCHEMA_VERSION
        assert document["generated_from"] == "Safe Care Collaborative (example)"
        assert document["licence"]["name"] == "Open Government Licence v3.0"
    expected = _ids(example)
    assert {name: [i["id"] for i in d["items"]] for name, d in documents.items()} == expected
    assert len(expected["lessons"]) >= 10 and len(expected["toolkits"]) >= 3


def test_records_use_absolute_urls_iso_dates_and_full_definitions(example: Site) -> None:
    documents = _documents(example)
    base = "https://example.org/safe-care/"
    measure = next(m for m in documents["measures"]["items"] if m["id"] == "news2-complete")
    model = next(m for m in example.measures if m.id == "news2-complete")
    assert measure["definition"] == model.definition
    assert measure["url"] == base + "measures/news2-complete/"
    case = documents["case-studies"]["items"][0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", case["period"]["end"])
    series = case["series"][0]
    assert series["csv"] == f"{base}charts/{series['id']}.csv"
    assert series["svg"] == f"{base}charts/{series['id']}.svg"
    assert series["json"] == f"{base}charts/{series['id']}.json"
    lesson = documents["lessons"]["items"][0]
    assert lesson["url"] == f"{base}lessons/{lesson['case_study']}/1/"
    assert lesson["case_study_url"] == f"{base}case-studies/{lesson['case_study']}/"
    toolkit = documents["toolkits"]["items"][0]
    assert toolkit["url"].startswith(base + "toolkits/")
    assert all(r["url"].startswith(("http://", "https://")) for r in toolkit["resources"])


@pytest.fixture
def site_with_draft(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root)
    case = root / "content" / "case-studies" / "eastbay-falls.yaml"
    case.write_text(case.read_text() + "status: draft\n")
    yield root


def test_drafts_are_left_out(site_with_draft: Path) -> None:
    text = b"".join(opendata_files(_site(site_with_draft)).values())
    assert b"eastbay-falls" not in text
    preview = b"".join(opendata_files(_site(site_with_draft, include_drafts=True)).values())
    assert b"eastbay-falls" in preview  # left out because it is a draft, not by accident


def test_a_record_missing_a_field_does_not_validate(example: Site) -> None:
    document = _documents(example)["measures"]
    del document["items"][0]["definition"]
    with pytest.raises(jsonschema.ValidationError, match="definition"):
        jsonschema.validate(document, schema_for("measures"), format_checker=FORMATS)
    document = _documents(example)["lessons"]
    document["items"][0]["category"] = "gossip"
    with pytest.raises(jsonschema.ValidationError, match="gossip"):
        jsonschema.validate(document, schema_for("lessons"), format_checker=FORMATS)


def test_json_is_sorted_indented_utf8_with_a_final_newline() -> None:
    data = json_bytes({"b": [1], "a": "Ŵyn"})
    assert data == '{\n  "a": "Ŵyn",\n  "b": [\n    1\n  ]\n}\n'.encode()


def _field_paths(schema: dict, prefix: str = "") -> set[str]:
    """Return every field's path: `period.start`, `series[].csv`, `goal.by`."""
    paths: set[str] = set()
    for name, value in schema.get("properties", {}).items():
        paths.add(prefix + name)
        if value.get("type") == "array" and "properties" in value.get("items", {}):
            paths |= _field_paths(value["items"], f"{prefix}{name}[].")
        paths |= _field_paths(value, f"{prefix}{name}.")
        for option in value.get("oneOf", []):
            paths |= _field_paths(option, f"{prefix}{name}.")
    return paths


@pytest.mark.parametrize("name", API_NAMES)
def test_every_field_is_documented(name: str) -> None:
    docs = (REPO / "docs" / "open-data.md").read_text()
    assert f"Schema version {SCHEMA_VERSION}" in docs
    section = docs.split(f"### `api/{name}.json`")[1].split("\n### ")[0]
    documented = set(re.findall(r"^\| `([a-z_.\[\]]+)`", section, re.MULTILINE))
    item = schema_for(name)["properties"]["items"]["items"]
    assert _field_paths(item) == documented
