"""YAML parsing keeps the line and column of every key and value."""

from __future__ import annotations

import tracemalloc
from datetime import date
from pathlib import PurePosixPath

import pytest

from toolkit_builder.content.yamlmarks import MAX_DEPTH, MAX_NODES, parse_yaml

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


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        ("a: x\nb: y\x00z\n", "2:5", "U+0000"),
        ("a: '\x1b[31m'\n", "1:5", "U+001B"),
        ("a: x\x0cy\n", "1:5", "U+000C"),
        ("a: x\x7f\n", "1:5", "U+007F"),
        ("a: x\ufffe\n", "1:5", "U+FFFE"),
    ],
)
def test_control_characters_are_located_and_named(text: str, where: str, code: str) -> None:
    data, _, problems = parse_yaml(text, PATH)
    assert data is None
    assert [str(p.location) for p in problems] == [f"content/x.yaml:{where}"]
    assert f"control character {code} is not allowed" in problems[0].message


def test_nesting_deeper_than_the_limit_is_located() -> None:
    _, _, problems = parse_yaml("x: " + "[" * 500 + "]" * 500 + "\n", PATH, line_offset=1)
    assert [str(p) for p in problems] == [
        f"content/x.yaml:2:{3 + MAX_DEPTH}: lists and mappings nested more than {MAX_DEPTH} deep "
        "(content files need only a few levels; check the brackets)"
    ]
    # The document's own mapping is one level.
    deepest = MAX_DEPTH - 1
    data, _, problems = parse_yaml("x: " + "[" * deepest + "]" * deepest + "\n", PATH)
    assert problems == [] and isinstance(data, dict)


def test_recursive_alias_is_located() -> None:
    data, _, problems = parse_yaml("a: 1\nx: &a [1, *a]\n", PATH)
    assert data is None
    assert [str(p.location) for p in problems] == ["content/x.yaml:2:11"]
    assert "alias '*a' refers to the list or mapping it is in" in problems[0].message


def test_alias_expansion_is_capped_before_anything_is_built() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    tracemalloc.start()
    data, _, problems = parse_yaml("\n".join(lines) + "\n", PATH)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert data is None and len(problems) == 1
    assert problems[0].location.line == 6  # the first line that passes the limit
    assert f"aliases expand this file to more than {MAX_NODES:,} values" in problems[0].message
    assert peak < 20_000_000  # the 9-level file expands to 3.5e9 values if built


def test_a_few_aliases_still_work() -> None:
    data, _, problems = parse_yaml("a: &x [1, 2]\nb: *x\nc: &y {k: v}\nd: *y\n", PATH)
    assert problems == []
    assert data == {"a": [1, 2], "b": [1, 2], "c": {"k": "v"}, "d": {"k": "v"}}


def test_a_tagged_key_is_reported_not_run() -> None:
    data, _, problems = parse_yaml("!!python/name:os.system x: 1\ny: 2\n", PATH)
    assert data == {"y": 2}
    assert [str(p) for p in problems] == [
        "content/x.yaml:1:1: a key must be plain text (write the field name followed by ': ')"
    ]
