"""Field checks: types, required fields, unknown fields, controlled values, translations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import PurePosixPath

from toolkit_builder.content.fields import FieldChecker
from toolkit_builder.content.schema import FILE_TYPES
from toolkit_builder.content.yamlmarks import parse_yaml


def check(text: str, kind: str, translation: bool = False) -> tuple[dict[str, object], list[str]]:
    data, marks, problems = parse_yaml(text, PurePosixPath("f.yaml"))
    assert problems == []
    checker = FieldChecker(marks, translation=translation)
    values = checker.check_mapping(data, FILE_TYPES[kind].fields)
    return values, [str(p) for p in checker.problems]


def test_valid_event_converts_values() -> None:
    values, problems = check(
        "title: T\nstart: 2026-11-29T10:00:00+00:00\nformat: virtual\n", "events"
    )
    assert problems == []
    assert values["start"] == datetime(2026, 11, 29, 10, tzinfo=UTC)


def test_missing_required_field_names_it_with_an_example() -> None:
    _, problems = check("title: T\n", "events")
    assert problems == [
        "f.yaml:1:1: missing required field 'start' (add 'start: 2026-11-29T10:00:00+00:00')"
    ]


def test_unknown_field_suggests_the_close_one_and_skips_missing_report() -> None:
    _, problems = check("titel: T\nstart: 2026-11-29T10:00:00+00:00\n", "events")
    assert problems == ["f.yaml:1:1: unknown field 'titel' (did you mean 'title'?)"]


def test_wrong_types_are_reported_each() -> None:
    text = "title: [a]\nstart: 2026-11-29\nformat: online\nresources: {title: x}\n"
    _, problems = check(text, "events")
    assert problems == [
        "f.yaml:1:8: 'title': expected text, got a list (put the text in quotes)",
        "f.yaml:2:8: 'start': '2026-11-29' has no time (write date and time with a UTC offset, e.g. 2026-11-29T10:00:00+00:00)",
        "f.yaml:3:9: 'format': 'online' is not one of the allowed values (one of: in-person, virtual, hybrid)",
        "f.yaml:4:12: 'resources': expected a list, got a mapping (write a list, e.g. resources: [{title: Slides, file: resources/ls1-slides.pdf}])",
    ]


def test_yes_is_not_silently_text() -> None:
    _, problems = check("title: yes\nstart: 2026-11-29T10:00:00+00:00\n", "events")
    assert problems == [
        "f.yaml:1:8: 'title': expected text, got true/false (True) (put the text in quotes)"
    ]


def test_paths_cannot_escape_content() -> None:
    text = "title: T\nstart: 2026-11-29T10:00:00+00:00\nresources:\n  - {title: a, file: ../../etc/passwd}\n  - {title: b, file: /etc/passwd}\n"
    _, problems = check(text, "events")
    assert len(problems) == 2 and all("relative path inside content/" in p for p in problems)


def test_naive_datetime_needs_an_offset() -> None:
    _, problems = check("title: T\nstart: 2026-11-29T10:00:00\n", "events")
    assert "has no UTC offset" in problems[0]


def test_list_lengths_are_enforced() -> None:
    drivers = "".join(
        f"  - {{id: p{i}, title: P, secondary_drivers: [{{id: s{i}, title: S}}]}}\n"
        for i in range(9)
    )
    text = f"title: T\naim: {{statement: S, by_when: 2027-01-01}}\nprimary_drivers:\n{drivers}change_ideas: []\n"
    _, problems = check(text, "change-packages")
    assert "f.yaml:4:3: 'primary_drivers' has 9 items; at most 8 are allowed" in problems
    assert any("'change_ideas' needs at least 1 item(s)" in p for p in problems)


def test_translation_allows_text_fields_only_and_requires_nothing() -> None:
    values, problems = check("title: Teitl\n", "measures", translation=True)
    assert values == {"title": "Teitl"} and problems == []
    _, problems = check("title: Teitl\nchart: p\n", "measures", translation=True)
    assert problems == [
        "f.yaml:2:1: field 'chart' cannot be translated (a translation repeats only text fields; ids, numbers, dates and data come from the original)"
    ]


def test_dates_from_datetimes_and_bad_dates() -> None:
    values, problems = check("title: T\nversion: 1.0.0\nlast_reviewed: 2026-02-30\n", "toolkits")
    assert (
        "f.yaml:3:16: 'last_reviewed': '2026-02-30' is not a valid date (write dates as YYYY-MM-DD, e.g. 2025-02-01)"
        in problems
    )
    values, _ = check("last_reviewed: 2026-02-03\n", "toolkits")
    assert values["last_reviewed"] == date(2026, 2, 3)
