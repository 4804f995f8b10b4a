"""Find text left from the `init` and `new` skeletons ('Replace: ...'), located (pure).

The skeletons mark every text an author must write with PLACEHOLDER. A site that
still holds one would publish "Replace: name of the programme": each is a warning,
so `check --strict` (and a strict build) fails until all are written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from toolkit_builder.content.load import RawDoc, SiteFiles
from toolkit_builder.content.yamlmarks import KeyPath, Marks
from toolkit_builder.errors import Location, Problem, Severity

PLACEHOLDER = "Replace:"
"""How every skeleton text starts (authoring/skeletons.py, starter.py, casestudyskeleton.py)."""

FIELD_HINT = "write the real text in its place, or remove the field if it is optional"
BODY_HINT = "write the real text in its place"


def _strings(value: object, where: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*where, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*where, index))


def _shown(text: str) -> str:
    """Return the placeholder and what follows it on its line, shortened for a message."""
    line = text[text.index(PLACEHOLDER) :].split("\n", 1)[0].strip()
    return line if len(line) <= 60 else line[:57].rstrip() + "..."


def _warning(location: Location, text: str, hint: str) -> Problem:
    return Problem(
        location,
        f"placeholder text left from the skeleton: '{_shown(text)}'",
        hint,
        severity=Severity.WARNING,
    )


def doc_placeholders(doc: RawDoc) -> list[Problem]:
    """Return a warning for each placeholder in a document's fields and Markdown body."""
    found = [
        _warning(doc.marks.value(where), text, FIELD_HINT)
        for where, text in _strings(doc.data)
        if PLACEHOLDER in text
    ]
    for number, line in enumerate(doc.body.split("\n")):
        column = line.find(PLACEHOLDER)
        if column >= 0:
            location = Location(doc.path, doc.body_line + number, column + 1)
            found.append(_warning(location, line, BODY_HINT))
    return found


PlaceholderMemory = dict[PurePosixPath, tuple[object, Marks, str, list[Problem]]]
"""Each document's placeholder warnings by its path, with the parsed data, marks and
body they were found in (the preview keeps them between builds)."""


def placeholder_warnings(
    files: SiteFiles,
    before: PlaceholderMemory | None = None,
    now: PlaceholderMemory | None = None,
) -> list[Problem]:
    """Return a located warning for every skeleton text left in the site's content files.

    With `before`, a document whose parsed data and marks are the same objects (the
    memoised parser gives the same objects for the same text) and whose body is equal
    is not searched again; `now` receives this build's findings.
    """
    docs = ([files.config] if files.config is not None else []) + list(files.docs)
    found: list[Problem] = []
    for doc in docs:
        kept = before.get(doc.path) if before is not None else None
        if (
            kept is not None
            and kept[0] is doc.data
            and kept[1] is doc.marks
            and kept[2] == doc.body
        ):
            problems = kept[3]
        else:
            problems = doc_placeholders(doc)
        if now is not None:
            now[doc.path] = (doc.data, doc.marks, doc.body, problems)
        found.extend(problems)
    return found
