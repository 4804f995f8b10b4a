"""Files made from model values, kept by a digest of those values from one build to the next.

Workbooks, office documents and the driver diagram's PNG cost most of a rebuild
(openpyxl, python-docx and odfpy are slow writers), yet an edit rarely changes what
they show. Each is asked for with a key holding everything it is made from (the
model values, the date it carries, the language of its words: the catalogues are the
tool's own, so the language names them); a file whose key's digest (content/digest.py)
was made by the last build is reused, else made. Only the files the current build
asked for are handed on, so nothing stale accumulates.

A file can be asked for ahead (make_ahead): a cold build starts its measure workbooks
in the worker processes before it analyses the charts, while a core would be idle,
and get() takes the finished file when the bundles ask for it.

The preview keeps two more things in memory (never on disk): whole values by name
with the inputs they were made from (a toolkit's bundle: comparing its inputs costs
far less than digesting the keys of every file in it), and JSON texts by the compact
JSON they stand for (open data's indented records: Python's JSON encoder indents
only in Python, at about a tenth of the speed of its compact C encoder).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import CancelledError, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TypeVar, cast

from toolkit_builder.content.digest import Digester

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Kept:
    """A value made from `inputs`, with the made files it asked for on the way."""

    inputs: tuple[object, ...]
    value: object = field(repr=False)
    files: Mapping[str, bytes] = field(repr=False)
    """The files (by key digest) that making the value asked for: handed on with it."""


@dataclass(slots=True)
class MadeMemory:
    """What one build made, for the next to reuse."""

    files: dict[str, bytes] = field(default_factory=dict)
    """Made files by key digest (a command-line build keeps these on disk)."""
    kept: dict[str, Kept] = field(default_factory=dict)
    """Whole values by name, with their inputs (in memory only)."""
    texts: dict[str, str] = field(default_factory=dict)
    """Texts by the key they were made from (in memory only)."""


class MadeFiles:
    """The files of the last build by key digest, and those of this build as it asks for them."""

    def __init__(
        self,
        previous: Mapping[str, bytes] | None = None,
        memory: MadeMemory | None = None,
        in_process: bool = True,
    ) -> None:
        """`in_process`: remember values by their inputs and texts for a later build in
        this process (the preview); the command line keeps only the files."""
        before = memory or MadeMemory()
        self._in_process = in_process
        self._previous: Mapping[str, bytes] = previous or before.files
        self._kept: Mapping[str, Kept] = before.kept
        self._texts: Mapping[str, str] = before.texts
        self._digester = Digester()
        self._asked: list[str] = []
        self._ahead: dict[str, Future[bytes]] = {}
        self.current: dict[str, bytes] = {}
        """The files this build asked for, by key digest (the next build's `previous`)."""
        self.kept: dict[str, Kept] = {}
        self.texts: dict[str, str] = {}
        self.made = 0
        """How many files this build had to make (not found by their key)."""

    def make_ahead(self, key: tuple[object, ...], start: Callable[[], Future[bytes]]) -> bool:
        """Start making the file of `key` now (`start()`, e.g. a worker process's task),
        unless the last build made it or it is started already; return whether it was
        started. get() takes it when asked for the same key."""
        digest = self._digester.digest(key)
        if digest in self._previous or digest in self._ahead:
            return False
        self._ahead[digest] = start()
        return True

    def cancel_ahead(self) -> None:
        """Drop the files started ahead and not asked for (a failed build)."""
        for future in self._ahead.values():
            future.cancel()
        self._ahead.clear()

    def get(self, key: tuple[object, ...], make: Callable[[], bytes]) -> bytes:
        """Return the file made from `key`'s values: as made before, started ahead, or
        `make()` now."""
        digest = self._digester.digest(key)
        data = self.current.get(digest)
        if data is None:
            data = self._previous.get(digest)
        if data is None:
            data = self._made_ahead(digest)
        if data is None:
            data = make()
            self.made += 1
        self.current[digest] = data
        self._asked.append(digest)
        return data

    def _made_ahead(self, digest: str) -> bytes | None:
        """Return the file started ahead under `digest` once made; None when none was
        started or its worker could not make it (it is then made here)."""
        future = self._ahead.pop(digest, None)
        if future is None:
            return None
        try:
            data = future.result()
        except (BrokenProcessPool, CancelledError, OSError):
            return None  # no worker processes here (a sandbox, no /dev/shm)
        self.made += 1
        return data

    def by_inputs(self, name: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """Return `make()`, or the value the last build made under `name` from equal inputs.

        `inputs` must hold everything the value is made from; they are compared by
        equality. A reused value hands on the files it asked for when it was made.
        """
        before = self._kept.get(name)
        if before is not None and before.inputs == inputs:
            self.current.update(before.files)
            self._asked.extend(before.files)
            self.kept[name] = before
            return cast(T, before.value)
        start = len(self._asked)
        value = make()
        if self._in_process:
            files = {digest: self.current[digest] for digest in self._asked[start:]}
            self.kept[name] = Kept(inputs, value, files)
        return value

    @property
    def keeps_texts(self) -> bool:
        """Whether text() remembers texts for a later build (only in the same process)."""
        return self._in_process

    def text(self, key: str, make: Callable[[], str]) -> str:
        """Return `make()`, or the text made before from the same `key`."""
        text = self.texts.get(key)
        if text is None:
            text = self._texts.get(key)
        if text is None:
            text = make()
        if self._in_process:
            self.texts[key] = text
        return text

    def memory(self) -> MadeMemory:
        """Return what this build made, for the next build."""
        return MadeMemory(self.current, self.kept, self.texts)
