"""Files made from model values, kept by a digest of those values from one build to the next.

Workbooks, office documents and the driver diagram's PNG cost most of a rebuild
(openpyxl, python-docx and odfpy are slow writers), yet an edit rarely changes what
they show. Each is asked for with a key holding everything it is made from (the
model values, the date it carries, the language of its words: the catalogues are the
tool's own, so the language names them); a file whose key's digest (content/digest.py)
was made by the last build is reused, else made. Only the files the current build
asked for are handed on, so nothing stale accumulates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from toolkit_builder.content.digest import Digester


class MadeFiles:
    """The files of the last build by key digest, and those of this build as it asks for them."""

    def __init__(self, previous: Mapping[str, bytes] | None = None) -> None:
        self._previous: Mapping[str, bytes] = previous or {}
        self._digester = Digester()
        self.current: dict[str, bytes] = {}
        """The files this build asked for, by key digest (the next build's `previous`)."""
        self.made = 0
        """How many files this build had to make (not found by their key)."""

    def get(self, key: tuple[object, ...], make: Callable[[], bytes]) -> bytes:
        """Return the file made from `key`'s values: as made before, or `make()` now."""
        digest = self._digester.digest(key)
        data = self.current.get(digest)
        if data is None:
            data = self._previous.get(digest)
        if data is None:
            data = make()
            self.made += 1
        self.current[digest] = data
        return data
