"""Located problems in a user's content, and the exception that carries them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePosixPath


class Severity(Enum):
    """How bad a problem is: errors fail the build, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a content file (1-based line and column; 0 when unknown)."""

    path: PurePosixPath
    """Path relative to the site folder, with forward slashes."""
    line: int = 0
    column: int = 0
    cell: str = ""
    """A spreadsheet cell ('Data!B7') for a place in a workbook; then line and column are 0."""

    def __str__(self) -> str:
        if self.cell:
            return f"{self.path}:{self.cell}"
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, where it is, and what to do about it."""

    location: Location
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        tail = f" ({self.hint})" if self.hint else ""
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return visible(f"{self.location}: {prefix}{self.message}{tail}")

    @property
    def is_error(self) -> bool:
        """Return True when this problem fails the build."""
        return self.severity is Severity.ERROR


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def visible(text: str) -> str:
    """Return `text` with control characters and line separators (NEL, U+2028) shown as
    escapes ('\\n', '\\x85'), so each problem prints as exactly one line."""
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


def sort_problems(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """Return problems in file, line, column order (stable for equal places)."""
    return sorted(
        problems, key=lambda p: (str(p.location.path), p.location.line, p.location.column)
    )


class ContentError(Exception):
    """Raised by a stage when the content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems


class UsageError(Exception):
    """Raised for a wrong command line or an unsafe output folder (exit code 2)."""
