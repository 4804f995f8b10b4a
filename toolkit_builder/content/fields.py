"""Check a parsed YAML mapping against its declared fields (`content/schema/`)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from toolkit_builder.content.schema import Field
from toolkit_builder.content.yamlmarks import KeyPath, Marks
from toolkit_builder.errors import Problem

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SEMVER_PATTERN = re.compile(
    r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?$"
)
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL_PATTERN = re.compile(r"^https?://[^\s]+$")
ID_HINT = "ids use lowercase letters, digits and single hyphens, e.g. 'falls-at-night'"


@dataclass(slots=True)
class FieldChecker:
    """Collects problems while checking the fields of one document."""

    marks: Marks
    translation: bool = False
    """Check a translation file: only translatable fields, none required."""
    problems: list[Problem] = field(default_factory=list)

    def problem(self, where: KeyPath, message: str, hint: str = "", on_key: bool = False) -> None:
        """Record a problem at the value (or key) at `where`."""
        location = self.marks.key(where) if on_key else self.marks.value(where)
        self.problems.append(Problem(location, message, hint))

    def check_mapping(
        self, data: object, fields: tuple[Field, ...], where: KeyPath = ()
    ) -> dict[str, object]:
        """Return the mapping's valid values, converted; record every problem found."""
        if not isinstance(data, dict):
            self.problem(
                where,
                f"expected a mapping of fields, got {_describe(data)}",
                "write 'field: value' lines",
            )
            return {}
        by_name = {f.name: f for f in fields}
        result: dict[str, object] = {}
        suggested: set[str] = set()
        for key, value in data.items():
            here = (*where, key)
            spec = by_name.get(key)
            if spec is None:
                close = difflib.get_close_matches(key, list(by_name), n=1, cutoff=0.6)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else "known fields: " + ", ".join(by_name)
                )
                suggested.update(close)
                self.problem(here, f"unknown field '{key}'", hint, on_key=True)
                continue
            if self.translation and not _translatable(spec) and spec.name != "id":
                self.problem(
                    here,
                    f"field '{key}' cannot be translated",
                    "a translation repeats only text fields; ids, numbers, dates and data come from the original",
                    on_key=True,
                )
                continue
            if value is None:
                if spec.required and not self.translation:
                    self.problem(
                        here, f"field '{key}' is empty", f"give a value, e.g. {key}: {spec.example}"
                    )
                continue
            converted = self.check_value(value, spec, here)
            if converted is not None:
                result[key] = converted
        if not self.translation:
            for spec in fields:
                if spec.required and spec.name not in data and spec.name not in suggested:
                    self.problem(
                        where,
                        f"missing required field '{spec.name}'",
                        f"add '{spec.name}: {spec.example}'",
                    )
        return result

    def check_value(self, value: object, spec: Field, where: KeyPath) -> object | None:
        """Return the value converted to its declared kind, or None after recording a problem."""
        kind = spec.kind
        if kind in ("object", "objects", "ids", "strings", "choices", "groups"):
            return self._check_container(value, spec, where)
        checker = _SCALAR_CHECKS[kind]
        result, message, hint = checker(value, spec)
        if message:
            self.problem(where, f"'{spec.name}': {message}", hint)
            return None
        return result

    def _check_container(self, value: object, spec: Field, where: KeyPath) -> object | None:
        if spec.kind == "object":
            return self.check_mapping(value, spec.fields, where)
        if not isinstance(value, list):
            example = spec.example or "[…]"
            self.problem(
                where,
                f"'{spec.name}': expected a list, got {_describe(value)}",
                f"write a list, e.g. {spec.name}: {example}",
            )
            return None
        if not self.translation and len(value) < spec.min_items:
            self.problem(
                where,
                f"'{spec.name}' needs at least {spec.min_items} item(s)",
                f"e.g. {spec.name}: {spec.example}",
            )
        if spec.max_items is not None and len(value) > spec.max_items:
            self.problem(
                where, f"'{spec.name}' has {len(value)} items; at most {spec.max_items} are allowed"
            )
        items: list[object] = []
        item_spec = _item_spec(spec)
        for index, item in enumerate(value):
            here = (*where, index)
            if spec.kind == "objects":
                items.append(self.check_mapping(item, spec.fields, here))
                continue
            converted = self.check_value(item, item_spec, here)
            if converted is not None:
                items.append(converted)
        return items


def _item_spec(spec: Field) -> Field:
    if spec.kind == "groups":  # a list of lists: each group names at least two words
        return Field(spec.name, "strings", spec.doc, "[NEWS2, early warning score]", min_items=2)
    kind = {"ids": "id", "strings": "text", "choices": "choice"}.get(spec.kind, spec.kind)
    return Field(spec.name, kind, spec.doc, spec.example, choices=spec.choices)  # type: ignore[arg-type]


def _translatable(spec: Field) -> bool:
    return spec.translatable or any(_translatable(f) for f in spec.fields)


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime | date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    return f"'{value}'"


Check = tuple[object, str, str]


def _text(value: object, spec: Field) -> Check:
    if isinstance(value, bool | dict | list):
        return None, f"expected text, got {_describe(value)}", "put the text in quotes"
    if isinstance(value, date):
        return value.isoformat(), "", ""
    return str(value), "", ""


def _id(value: object, spec: Field) -> Check:
    if not isinstance(value, str):
        return None, f"expected an id, got {_describe(value)}", ID_HINT
    if not ID_PATTERN.fullmatch(value):
        return None, f"'{value}' is not a valid id", ID_HINT
    return value, "", ""


def _date(value: object, spec: Field) -> Check:
    if isinstance(value, datetime):
        return value.date(), "", ""
    if isinstance(value, date):
        return value, "", ""
    return None, f"'{value}' is not a valid date", "write dates as YYYY-MM-DD, e.g. 2025-02-01"


def _datetime(value: object, spec: Field) -> Check:
    hint = "write date and time with a UTC offset, e.g. 2026-11-29T10:00:00+00:00"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return None, f"'{value.isoformat()}' has no UTC offset", hint
        return value, "", ""
    if isinstance(value, date):
        return None, f"'{value.isoformat()}' has no time", hint
    return None, f"'{value}' is not a valid date and time", hint


def _int(value: object, spec: Field) -> Check:
    if isinstance(value, int) and not isinstance(value, bool):
        return value, "", ""
    return (
        None,
        f"expected a whole number, got {_describe(value)}",
        f"e.g. {spec.name}: {spec.example}",
    )


LARGEST_NUMBER = 1e12
"""Largest size of a number field (a multiplier, a goal): refuses .inf, .nan and 1e308."""


def _number(value: object, spec: Field) -> Check:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not abs(value) <= LARGEST_NUMBER:  # also refuses .inf and .nan
            return None, f"{value} is out of range", "a number between -1e12 and 1e12"
        return float(value), "", ""
    return None, f"expected a number, got {_describe(value)}", f"e.g. {spec.name}: {spec.example}"


def _bool(value: object, spec: Field) -> Check:
    if isinstance(value, bool):
        return value, "", ""
    return None, f"expected true or false, got {_describe(value)}", ""


def _semver(value: object, spec: Field) -> Check:
    hint = "use a semantic version in quotes if needed, e.g. 1.2.0"
    if not isinstance(value, str) or not SEMVER_PATTERN.fullmatch(value):
        return None, f"{_describe(value)} is not a semantic version", hint
    return value, "", ""


def _email(value: object, spec: Field) -> Check:
    if not isinstance(value, str) or not EMAIL_PATTERN.fullmatch(value):
        return None, f"{_describe(value)} is not an email address", "e.g. improvement@example.org"
    return value, "", ""


def _url(value: object, spec: Field) -> Check:
    if not isinstance(value, str) or not URL_PATTERN.fullmatch(value):
        return None, f"{_describe(value)} is not a web address", "start it with https://"
    return value, "", ""


def _choice(value: object, spec: Field) -> Check:
    if isinstance(value, str) and value in spec.choices:
        return value, "", ""
    close = difflib.get_close_matches(str(value), spec.choices, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(spec.choices)
    return None, f"{_describe(value)} is not one of the allowed values", hint


def _path(value: object, spec: Field) -> Check:
    hint = "give a path under content/, e.g. data/ward7.csv"
    if not isinstance(value, str) or not value.strip():
        return None, f"expected a file path, got {_describe(value)}", hint
    parts = value.split("/")
    if value.startswith(("/", "\\")) or ".." in parts or "\\" in value or ":" in value:
        return None, f"'{value}' must be a relative path inside content/", hint
    return value, "", ""


_SCALAR_CHECKS = {
    "text": _text,
    "markdown": _text,
    "id": _id,
    "date": _date,
    "datetime": _datetime,
    "int": _int,
    "number": _number,
    "bool": _bool,
    "semver": _semver,
    "email": _email,
    "url": _url,
    "choice": _choice,
    "path": _path,
}
