"""Parse YAML keeping the line and column of every key and value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import yaml

from toolkit_builder.errors import Location, Problem

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it (much faster), else the pure one."""

PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings a content file may use (real files use under 10)."""
MAX_NODES = 100_000
"""Most values a document may hold once its aliases are expanded (stops 'billion laughs')."""

_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character YAML does not allow in a document (control characters, U+FFFE, U+FFFF)."""

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
    refused = _bad_characters(text, path, line_offset) or _limits(
        text, path, line_offset, loader_class
    )
    if refused:
        return None, marks, refused
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
            if not isinstance(key_node, yaml.ScalarNode) or (
                key_node.tag not in loader.yaml_constructors
            ):
                problems.append(
                    Problem(
                        Location(
                            marks.path,
                            key_node.start_mark.line + 1 + offset,
                            key_node.start_mark.column + 1,
                        ),
                        "a key must be plain text",
                        "write the field name followed by ': '",
                    )
                )
                continue
            key = str(_scalar(loader, key_node))
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
    if node.tag not in loader.yaml_constructors:
        line, column = marks.values[where]
        problems.append(
            Problem(
                Location(marks.path, line, column),
                f"unsupported YAML tag '{node.tag}'",
                "remove the tag; content files hold plain text, numbers, dates, lists and mappings",
            )
        )
        return None
    return _scalar(loader, node)


def _scalar(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.Node) -> object:
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError):
        # An impossible date such as 2025-13-01 matches YAML's timestamp pattern but
        # cannot be built; keep the text so validation reports it as a bad date.
        return node.value


def _bad_characters(text: str, path: PurePosixPath, offset: int) -> list[Problem]:
    """Return a located problem for the first few characters YAML does not allow."""
    problems: list[Problem] = []
    for found in _NOT_YAML.finditer(text):
        line = text.count("\n", 0, found.start())
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1)
        problems.append(
            Problem(
                Location(path, line + 1 + offset, column + 1),
                f"control character U+{ord(found.group()):04X} is not allowed in YAML",
                "delete it: it is invisible in most editors (try 'show whitespace')",
            )
        )
        if len(problems) == 5:
            break
    return problems


def _limits(
    text: str, path: PurePosixPath, offset: int, loader_class: type[yaml.SafeLoader]
) -> list[Problem]:
    """Return a problem if the document nests too deep or its aliases expand too far.

    Reads the event stream (no recursion, no document built), so a hostile file is refused
    in time and memory proportional to its length.
    """
    loader = loader_class(text)
    sizes: dict[str, int] = {}
    """Expanded size of each finished anchored value."""
    open_anchors: list[str | None] = []
    counts: list[int] = [0]
    """Values counted in each open collection (outermost first), plus the stream."""
    total = 0
    try:
        while (event := loader.get_event()) is not None:
            mark = event.start_mark
            where = Location(path, mark.line + 1 + offset, mark.column + 1)
            if isinstance(event, yaml.CollectionStartEvent):
                open_anchors.append(event.anchor)
                counts.append(1)
                if len(open_anchors) > MAX_DEPTH:
                    return [
                        Problem(
                            where,
                            f"lists and mappings nested more than {MAX_DEPTH} deep",
                            "content files need only a few levels; check the brackets",
                        )
                    ]
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                size = counts.pop()
                anchor = open_anchors.pop()
                if anchor is not None:
                    sizes[anchor] = size
                counts[-1] += size
                continue
            if isinstance(event, yaml.AliasEvent):
                if event.anchor in open_anchors:
                    return [
                        Problem(
                            where,
                            f"alias '*{event.anchor}' refers to the list or mapping it is in",
                            "a value cannot contain itself; copy the values instead",
                        )
                    ]
                size = sizes.get(event.anchor, 1)
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            else:
                continue
            counts[-1] += size
            total = sum(counts)
            if total > MAX_NODES:
                return [
                    Problem(
                        where,
                        f"aliases expand this file to more than {MAX_NODES:,} values",
                        "use fewer aliases ('*name'), or write the values out",
                    )
                ]
    except yaml.YAMLError:
        return []  # reported, located, when the document is parsed
    finally:
        loader.dispose()
    return []
