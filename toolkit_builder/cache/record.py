"""The record of the last successful build: what it read, made and wrote (JSON).

Every value read back is checked for its shape: a record written by another
format, or edited by hand, is None (no cache), never an exception. The bytes it
names live in the store (cache/store.py), each under its SHA-256.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TypeVar

from toolkit_builder.cache.store import DIGEST
from toolkit_builder.errors import Location, Problem, Severity

FORMAT = 2
"""Version of the record's layout; a record of another is not read."""

Stamp = tuple[int, int, int]
"""An output file as written: (size, modification time in ns, inode)."""


@dataclass(frozen=True, slots=True)
class RenderRecord:
    """What pages/changes.RenderMemo knew after the build, by digest."""

    keys: dict[str, str] = field(default_factory=dict)
    """Dependency key -> digest of its value."""
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Output path -> (template name, digest of the page's bytes)."""
    closures: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Template name -> the templates it extends, includes or imports."""


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """The last successful build with a cache: the index of the store."""

    tool: str
    """cache/fingerprint.tool_fingerprint of the tool that made it."""
    inputs: str
    """Digest of the site's files and the build settings."""
    out: str
    """The output folder written (absolute)."""
    files: dict[str, str]
    """Output path -> digest of its bytes (the marker file left out)."""
    stamps: dict[str, Stamp]
    """Output path -> stamp of the file as written (the marker file too)."""
    pages: int
    charts: int
    warnings: tuple[Problem, ...] = ()
    templates: dict[str, str] = field(default_factory=dict)
    """The site's own template files (templates/...) -> digest of their bytes."""
    render: RenderRecord = field(default_factory=RenderRecord)
    svgs: dict[str, str] = field(default_factory=dict)
    """Chart cache key (charts/batch.cache_key) -> digest of the drawn SVG."""
    made: dict[str, str] = field(default_factory=dict)
    """Digest of what a workbook, document or bundle is made from (reuse/made.py) -> digest
    of its bytes."""
    search_key: str = ""
    """Digest of the pages Pagefind indexed (pages/search.py)."""
    search: dict[str, str] = field(default_factory=dict)
    """The search index: output path -> digest."""

    def digests(self) -> set[str]:
        """Return every digest the record names: what the store must keep."""
        return {
            *self.files.values(),
            *(digest for _, digest in self.render.pages.values()),
            *self.svgs.values(),
            *self.made.values(),
            *self.search.values(),
        }


def record_to_json(record: BuildRecord) -> dict[str, object]:
    """Return the record as JSON values."""
    return {
        "format": FORMAT,
        "tool": record.tool,
        "inputs": record.inputs,
        "out": record.out,
        "files": record.files,
        "stamps": {name: list(stamp) for name, stamp in record.stamps.items()},
        "pages": record.pages,
        "charts": record.charts,
        "warnings": [_problem_to_json(p) for p in record.warnings],
        "templates": record.templates,
        "render": {
            "keys": record.render.keys,
            "pages": {path: list(page) for path, page in record.render.pages.items()},
            "closures": {name: list(refs) for name, refs in record.render.closures.items()},
        },
        "svgs": record.svgs,
        "made": record.made,
        "search_key": record.search_key,
        "search": record.search,
    }


class _Bad(Exception):
    """A value of the record is not what the format says."""


T = TypeVar("T")


def record_from_json(value: object, tool: str) -> BuildRecord | None:
    """Return the record in `value`, or None if it is not one (or not by tool `tool`)."""
    try:
        data = _mapping(value)
        if data.get("format") != FORMAT or data.get("tool") != tool:
            return None
        render = _mapping(data["render"])
        return BuildRecord(
            tool=tool,
            inputs=_text(data["inputs"]),
            out=_text(data["out"]),
            files=_paths(data["files"], _digest),
            stamps=_paths(data["stamps"], _stamp),
            pages=_count(data["pages"]),
            charts=_count(data["charts"]),
            warnings=tuple(_problem(p) for p in _list(data["warnings"])),
            templates=_table(data["templates"], _digest),
            render=RenderRecord(
                keys=_table(render["keys"], _digest),
                pages=_paths(render["pages"], _page),
                closures=_table(render["closures"], _names),
            ),
            svgs=_table(data["svgs"], _digest),
            made=_table(data["made"], _digest),
            search_key=_text(data["search_key"]),
            search=_paths(data["search"], _digest),
        )
    except (_Bad, KeyError):
        return None


def _problem_to_json(problem: Problem) -> list[object]:
    where = problem.location
    return [
        str(where.path),
        where.line,
        where.column,
        where.cell,
        problem.message,
        problem.hint,
        problem.severity.value,
    ]


def _problem(value: object) -> Problem:
    items = _list(value)
    if len(items) != 7:
        raise _Bad("problem")
    path, line, column, cell, message, hint, severity = items
    try:
        level = Severity(severity)
    except ValueError as error:
        raise _Bad("severity") from error
    where = Location(PurePosixPath(_text(path)), _count(line), _count(column), _text(cell))
    return Problem(where, _text(message), _text(hint), level)


def _mapping(value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise _Bad("not a mapping")
    return value


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise _Bad("not a list")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _Bad("not text")
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Bad("not a count")
    return value


def _digest(value: object) -> str:
    if not isinstance(value, str) or not DIGEST.fullmatch(value):
        raise _Bad("not a digest")
    return value


def _stamp(value: object) -> Stamp:
    items = _list(value)
    if len(items) != 3:
        raise _Bad("stamp")
    return (_count(items[0]), _count(items[1]), _count(items[2]))


def _page(value: object) -> tuple[str, str]:
    items = _list(value)
    if len(items) != 2:
        raise _Bad("page")
    return (_text(items[0]), _digest(items[1]))


def _names(value: object) -> tuple[str, ...]:
    return tuple(_text(item) for item in _list(value))


def _table(value: object, read: Callable[[object], T]) -> dict[str, T]:
    return {_text(key): read(item) for key, item in _mapping(value).items()}


def _paths(value: object, read: Callable[[object], T]) -> dict[str, T]:
    """Return a table by output path, each path one that stays inside the output folder."""
    table = _table(value, read)
    for name in table:
        parts = name.split("/")
        if (
            name.startswith("/")
            or "\\" in name
            or "\0" in name
            or any(p in ("", ".", "..") for p in parts)
        ):
            raise _Bad(f"not a path inside the output: {name!r}")
    return table
