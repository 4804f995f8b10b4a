"""The preview's memory of the site's file texts: a file whose status did not change is not
read again.

A file's status is its modification and change times (nanoseconds), size and inode, as
`os.stat` gives them; any write changes the change time. A text is remembered only when
the file had not changed for SETTLED_NS before it was read: a file written again within
the file system's clock tick could keep its times, so a recent one is read every build
until it settles (git treats its index the same way, "racy git").
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from toolkit_builder.content.load import TextReader, read_text
from toolkit_builder.errors import Problem

Status = tuple[int, int, int, int]
"""A file's modification and change times (ns), size and inode."""

TextMemory = dict[str, tuple[Status, str]]
"""File texts by path, with the status they were read at."""

SETTLED_NS = 2_000_000_000
"""How long a file must have been left alone before its text is remembered (2 s)."""


def memoised_reader(
    previous: TextMemory, current: TextMemory, clock: Callable[[], int] = time.time_ns
) -> TextReader:
    """Return read_text reusing the texts in `previous` of files whose status is the same;
    every text remembered goes to `current` (so deleted files are forgotten)."""

    def read(path: str, relative: str, problems: list[Problem]) -> str | None:
        stat = os.stat(path)
        status = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
        kept = previous.get(path)
        if kept is not None and kept[0] == status:
            current[path] = kept
            return kept[1]
        text = read_text(path, relative, problems)
        if text is not None and clock() - max(stat.st_mtime_ns, stat.st_ctime_ns) > SETTLED_NS:
            current[path] = (status, text)
        return text

    return read
