"""Parse YAML keeping the line and column of every key and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

import yaml

from toolkit_builder.errors import Location, Problem

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it (much faster), else the pure one."""

PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")

KeyPath = tuple[str | int, ...]
"""Where a value sits in a document: mapping keys and list indexes from the root."""


@dataclass(frozen=True, slots=True)
class Marks:
    """Locations of the values and keys of one YAML document."""

    path: PurePosixPath
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def value(self, where: KeyPath) -> Location:
        """Return the location of the value at `where` (or of its nearest ancestor)."""
        return self._find(self.values, where)

    def key(self, where: KeyPath) -> Location:
        """Return the location of the key naming `where` (or of its value, or an ancestor)."""
        if where in self.keys:
            line, column = self.keys[where]
            return Location(self.path, line, column)
        return self.value(where)

    def _find(self, table: dict[KeyPath, tuple[int, int]], where: KeyPath) -> Location:
        while where not in table and where:
            where = where[:-1]
        line, column = table.get(where, (1, 1))
        return Location(self.path, line, column)


def parse_yaml(
    text: str, path: PurePosixPath, line_offset: int = 0
) -> tuple[object, Marks, list[Problem]]:
    """Return the document as plain Python values, its marks, and any syntax problems."""
    result = _parse(text, path, line_offset, SAFE_LOADER)
    if result[2] and SAFE_LOADER is not yaml.SafeLoader and result[0] is None:
        # libyaml's messages are terse ("found character that cannot start any token"):
        # parse the broken file again with the pure-Python loader to explain it better.
        return _parse(text, path, line_offset, yaml.SafeLoader)
    return result


def _parse(
    text: str, path: PurePosixPath, line_offset: int, loader_class: type[yaml.SafeLoader]
) -> tuple[object, Marks, list[Problem]]:
    marks = Marks(path)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, marks, []
        problems: list[Problem] = []
        data = _construct(loader, node, (), marks, line_offset, problems)
        return data, marks, problems
    except yaml.MarkedYAMLError as error:
        return None, marks, [_syntax_problem(error, path, line_offset)]
    except yaml.YAMLError as error:
        return None, marks, [Problem(Location(path, 1 + line_offset, 1), f"YAML error: {error}")]
    finally:
        loader.dispose()


def _syntax_problem(error: yaml.MarkedYAMLError, path: PurePosixPath, offset: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = (mark.line + 1 + offset) if mark else 1 + offset
    column = (mark.column + 1) if mark else 1
    what = error.problem or error.context or "syntax error"
    if error.context and error.context_mark and mark is not error.context_mark:
        what += f", {error.context} that starts at line {error.context_mark.line + 1 + offset}"
    hint = "check indentation, and quote text that contains ': ' or starts with a symbol"
    if "tab" in what.lower() or "'\\t'" in what:
        hint = "YAML does not allow tabs for indentation; use spaces"
    return Problem(Location(path, line, column), f"YAML syntax error: {what}", hint)


def _construct(
    loader: yaml.SafeLoader | yaml.CSafeLoader,
    node: yaml.Node,
    where: KeyPath,
    marks: Marks,
    offset: int,
    problems: list[Problem],
) -> object:
    marks.values[where] = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in PLAIN_TAGS:
        line, column = marks.values[where]
        problems.append(
            Problem(
                Location(marks.path, line, column),
                f"unsupported YAML tag '{node.tag}'",
                "remove the tag",
            )
        )
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node, deep=True))
            here = (*where, key)
            if key in result:
                line = key_node.start_mark.line + 1 + offset
                problems.append(
                    Problem(
                        Location(marks.path, line, key_node.start_mark.column + 1),
                        f"duplicate key '{key}'",
                        "each key may appear once in a mapping; remove or rename one",
                    )
                )
                continue
            marks.keys[here] = (
                key_node.start_mark.line + 1 + offset,
                key_node.start_mark.column + 1,
            )
            result[key] = _construct(loader, value_node, here, marks, offset, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, (*where, index), marks, offset, problems)
            for index, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        # An impossible date such as 2025-13-01 matches YAML's timestamp pattern but
        # cannot be built; keep the text so validation reports it as a bad date.
        return node.value
