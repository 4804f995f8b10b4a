"""Read a file the build does not trust: a regular file's bytes, never through a link.

The build cache, the chart cache and Pagefind's copies sit in a folder that a content
repository or a restored CI cache may hold (SECURITY.md). What the build reads back
from there is read here: a link is not followed (O_NOFOLLOW), a named pipe or a device
is not read (it is opened without waiting for a writer, O_NONBLOCK, then left), and a
file larger than asked for is not read at all.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

CHUNK = 1 << 20
"""Bytes read at a time."""


def read_regular(path: Path, limit: int | None = None) -> bytes | None:
    """Return a regular file's bytes without following a link; None if anything is off
    (missing, a link, not a regular file, larger than `limit`, unreadable)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or (limit is not None and info.st_size > limit):
            return None
        parts = []
        while part := os.read(handle, CHUNK):
            parts.append(part)
        return b"".join(parts)
    except OSError:
        return None
    finally:
        os.close(handle)
