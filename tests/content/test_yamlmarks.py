"""YAML parsing keeps the line and column of every key and value."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

from toolkit_builder.content.yamlmarks import parse_yaml

PATH = PurePosixPath("content/x.yaml")


def test_marks_point_at_nested_values_and_keys() -> None:
    data, marks, problems = parse_yaml("a: 1\nb:\n  - c: 2025-01-06\n    d: [x, y]\n", PATH)
    assert problems == []
    assert data == {"a": 1, "b": [{"c": date(2025, 1, 6), "d": ["x", "y"]}]}
    assert str(marks.value(("b", 0, "c"))) == "content/x.yaml:3:8"
    assert str(marks.value(("b", 0, "d", 1))) == "content/x.yaml:4:12"
    assert str(marks.key(("b", 0, "d"))) == "content/x.yaml:4:5"


def test_front_matter_offset_moves_every_mark() -> None:
    _, marks, _ = parse_yaml("title: x\nsummary: y\n", PATH, line_offset=1)
    assert marks.value(("summary",)).line == 3


def test_missing_path_falls_back_to_nearest_ancestor() -> None:
    _, marks, _ = parse_yaml("a:\n  b: 1\n", PATH)
    assert marks.value(("a", "nope", 3)) == marks.value(("a",))


def test_syntax_error_is_located_and_names_its_context() -> None:
    _, _, problems = parse_yaml("a: 1\nb: [1,\nc: 2\n", PATH)
    assert len(problems) == 1
    assert str(problems[0]).startswith("content/x.yaml:4:1: YAML syntax error")
    assert "starts at line 2" in problems[0].message


def test_duplicate_key_is_a_problem() -> None:
    data, _, problems = parse_yaml("a: 1\na: 2\n", PATH)
    assert data == {"a": 1}
    assert [str(p.location) for p in problems] == ["content/x.yaml:2:1"]
    assert "duplicate key 'a'" in problems[0].message


def test_impossible_date_stays_text_for_validation() -> None:
    data, _, problems = parse_yaml("d: 2025-13-01\n", PATH)
    assert data == {"d": "2025-13-01"} and problems == []


def test_unsafe_tags_are_refused_not_run() -> None:
    data, _, problems = parse_yaml("a: !!python/object/apply:os.system [echo hi]\n", PATH)
    assert data == {"a": None}
    assert "unsupported YAML tag" in problems[0].message
    data, _, problems = parse_yaml("a: !!python/name:os.system\nb: kept\n", PATH)
    assert data == {"a": None, "b": "kept"}
    assert [(str(p.location), p.message) for p in problems] == [
        ("content/x.yaml:1:4", "unsupported YAML tag 'tag:yaml.org,2002:python/name:os.system'")
    ]


def test_tabs_get_a_specific_hint() -> None:
    _, _, problems = parse_yaml("a:\n\t- b\n", PATH)
    assert problems and "tab" in (problems[0].message + problems[0].hint).lower()
