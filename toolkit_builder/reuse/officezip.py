"""Office files (.xlsx, .docx, .odt are ZIPs) made byte-identical: fixed dates, sorted entries.

The libraries that write them stamp the current time on every ZIP entry and in the
document's properties; this rewrites both with a date from the content.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime

MIMETYPE = "mimetype"
"""An OpenDocument file's first entry, stored uncompressed (ODF 1.2, part 3, 3.3)."""

_STAMPS = {
    "docProps/core.xml": rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
    "meta.xml": rb"(<(?:meta:creation-date|dc:date)>)[^<]*",
}
"""Where each format keeps its document dates (OOXML core properties, ODF meta)."""


def moment(when: date) -> datetime:
    """Return midnight of a content date, at the earliest in 1980 (the first a ZIP can hold)."""
    return datetime(max(when.year, 1980), when.month, when.day)


def _unchanged(name: str, content: bytes) -> bytes:
    return content


def fixed_zip(
    data: bytes, when: datetime, rewrite: Callable[[str, bytes], bytes] = _unchanged
) -> bytes:
    """Return an office file with fixed dates and sorted entries (an ODF `mimetype` first, stored).

    `rewrite(name, content)` may change an entry's content on the way.
    """
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = sorted(source.namelist(), key=lambda name: (name != MIMETYPE, name))
        for name in names:
            content = rewrite(name, source.read(name))
            if name in _STAMPS:
                content = re.sub(_STAMPS[name], rb"\g<1>" + stamp, content)
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED if name == MIMETYPE else zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()
