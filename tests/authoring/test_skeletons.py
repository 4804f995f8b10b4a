"""Skeleton texts (skeletons.py, casestudyskeleton.py): valid against the schemas, every field commented, placeholders marked."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import jsonschema
import pytest

from toolkit_builder.authoring import casestudyskeleton, skeletons
from toolkit_builder.authoring.jsonschema_out import all_schemas, editor_view, schema_name
from toolkit_builder.authoring.skeletons import MeasureRef, SiteRefs, Skeleton, item_path
from toolkit_builder.content.schema import FILE_TYPES

TODAY = date(2026, 5, 28)
REFS = SiteRefs(
    toolkit="falls",
    change_package="falls",
    change_idea="huddle",
    toolkit_measures=("falls-rate", "risk-assessed"),
    series=MeasureRef("falls-rate", "u", True, "monthly"),
    organisation="eastbay",
    topic="falls",
    setting="acute",
)
SCHEMAS = all_schemas()


def _make(kind: str, refs: SiteRefs = REFS, draft: bool = True) -> Skeleton:
    if kind == "toolkit":
        return skeletons.toolkit("night-falls", refs, TODAY, draft)
    if kind == "change-package":
        return skeletons.change_package("night-falls", TODAY)
    if kind == "measure":
        return skeletons.measure("night-falls", draft)
    if kind == "case-study":
        return casestudyskeleton.case_study("night-falls", refs, TODAY, draft)
    if kind == "page":
        return skeletons.page("night-falls", draft)
    return skeletons.event("night-falls", TODAY, draft)


def _fields(kind: str, text: str) -> dict[str, object]:
    if kind in ("toolkit", "page"):
        text = text.split("---\n")[1]
    data = editor_view(text)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("kind", list(skeletons.NEW_KINDS))
@pytest.mark.parametrize("refs", [REFS, SiteRefs()], ids=["site-ids", "empty-site"])
def test_skeleton_fits_the_editor_schema(kind: str, refs: SiteRefs) -> None:
    skeleton = _make(kind, refs)
    folder = skeletons.NEW_KINDS[kind]
    data = _fields(kind, skeleton.files[item_path(kind, "night-falls")])
    validator = jsonschema.Draft202012Validator(
        SCHEMAS[schema_name(folder)], format_checker=jsonschema.FormatChecker()
    )
    assert [e.message for e in validator.iter_errors(data)] == []
    required = [f.name for f in FILE_TYPES[folder].fields if f.required]
    assert set(required) <= set(data)


@pytest.mark.parametrize("kind", list(skeletons.NEW_KINDS))
def test_every_field_has_a_comment_above_it(kind: str) -> None:
    text = _make(kind).files[item_path(kind, "night-falls")]
    if kind in ("toolkit", "page"):
        text = text.split("---\n")[1]
    lines = text.splitlines()
    for index, line in enumerate(lines):
        key = line.split(":", 1)[0]
        if line and line[0].isalpha() and key != "status":
            assert lines[index - 1].startswith("# "), line


def test_skeleton_names_the_ids_it_was_given() -> None:
    toolkit = _fields("toolkit", _make("toolkit").files[item_path("toolkit", "night-falls")])
    assert toolkit["change_package"] == "falls"
    assert toolkit["measures"] == ["falls-rate", "risk-assessed"]
    assert toolkit["last_reviewed"] == "2026-05-28"
    case = _make("case-study")
    data = _fields("case-study", case.files[item_path("case-study", "night-falls")])
    assert data["toolkit"] == "falls" and data["organisations"] == ["eastbay"]
    assert data["changes_tested"][0]["change_idea"] == "huddle"  # type: ignore[index]
    assert data["series"] == [{"measure": "falls-rate", "data": "data/night-falls-falls-rate.csv"}]
    assert PurePosixPath("content/data/night-falls-falls-rate.csv") in case.files
    assert case.todo == ()


@pytest.mark.parametrize("kind", ["toolkit", "measure", "case-study", "event"])
def test_new_items_are_drafts_unless_asked(kind: str) -> None:
    path = item_path(kind, "night-falls")
    assert _fields(kind, _make(kind).files[path])["status"] == "draft"
    assert "status" not in _fields(kind, _make(kind, draft=False).files[path])


def test_placeholder_text_is_marked_for_replacement() -> None:
    measure = _fields("measure", _make("measure").files[item_path("measure", "night-falls")])
    assert str(measure["title"]).startswith("Replace:")
    assert str(measure["data_source"]).startswith("Replace:")


def test_change_package_aim_has_a_number_and_a_date() -> None:
    from toolkit_builder.content.advice import aim_gaps

    package = _make("change-package")
    data = _fields("change-package", package.files[item_path("change-package", "night-falls")])
    assert aim_gaps(data["aim"]["statement"]) == []  # type: ignore[index]
    assert data["aim"]["by_when"] == "2027-12-31"  # type: ignore[index]


def test_item_paths_follow_the_content_layout() -> None:
    assert item_path("case-study", "ward-7") == PurePosixPath("content/case-studies/ward-7.yaml")
    assert item_path("toolkit", "falls") == PurePosixPath("content/toolkits/falls.md")
