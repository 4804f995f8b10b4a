"""The BuildCache to and from disk: what the record names, read back from the store.

A command-line build starts from the BuildCache its last build left (rendered
pages with the digests of what they showed, drawn charts, workbooks, documents and
bundles, the search index) and leaves its own. Only bytes and digests go to disk; the values the preview keeps in
memory (parsed files, analysed series, the Jinja environment) are made again.
"""

from __future__ import annotations

from collections.abc import Callable

from toolkit_builder.cache.memory import BuildCache
from toolkit_builder.cache.record import BuildRecord, RenderRecord
from toolkit_builder.cache.store import CacheStore, digest_of
from toolkit_builder.content.digest import key_digests
from toolkit_builder.pages.changes import RenderMemo
from toolkit_builder.pages.search import SearchIndexer
from toolkit_builder.reuse.made import MadeMemory

ReadBlob = Callable[[str], bytes | None]


class Digests:
    """The digests of byte strings already known (read from the store), by identity."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[bytes, str]] = {}

    def note(self, data: bytes, digest: str) -> None:
        """Remember that `data` (this very object) has `digest`."""
        self._known[id(data)] = (data, digest)

    def of(self, data: bytes) -> str:
        """Return the digest of `data`: remembered, or computed."""
        known = self._known.get(id(data))
        if known is not None and known[0] is data:
            return known[1]
        digest = digest_of(data)
        self.note(data, digest)
        return digest


def restore_cache(store: CacheStore, record: BuildRecord | None, digests: Digests) -> BuildCache:
    """Return a BuildCache with what `record` names and the store still holds intact.

    A page, chart or index file missing from the store (or not matching its digest)
    is left out: the build makes it again.
    """
    # Pagefind's copies of the pages stay in the cache: a build writes only those
    # that changed (its first finds what is there, without following a link).
    cache = BuildCache(in_process=False, search=SearchIndexer(store.search_copies, kept=True))
    if record is None:
        return cache
    read = _reader(store, digests)
    # Pages and charts are linked from the store, never read into memory: only checked.
    pages: dict[str, tuple[str, bytes | str]] = {
        path: (template, digest)
        for path, (template, digest) in record.render.pages.items()
        if store.verified_path(digest)
    }
    cache.memo = RenderMemo(
        pages=pages,
        closures={name: frozenset(refs) for name, refs in record.render.closures.items()},
        digests=dict(record.render.keys),
    )
    cache.stored_svgs = {
        key: digest for key, digest in record.svgs.items() if store.verified_path(digest)
    }
    cache.made = MadeMemory(
        {key: data for key, digest in record.made.items() if (data := read(digest))}
    )
    index = {path: read(digest) for path, digest in record.search.items()}
    if record.search_key and index and all(data is not None for data in index.values()):
        cache.search.remember(record.search_key, {p: d for p, d in index.items() if d is not None})
    return cache


def _reader(store: CacheStore, digests: Digests) -> ReadBlob:
    found: dict[str, bytes | None] = {}

    def read(digest: str) -> bytes | None:
        if digest not in found:
            data = store.read(digest)
            if data is not None:
                digests.note(data, digest)
            found[digest] = data
        return found[digest]

    return read


def cache_parts(
    cache: BuildCache, digests: Digests
) -> tuple[RenderRecord, dict[str, str], dict[str, str], str, dict[str, str], dict[str, bytes]]:
    """Return what the record keeps of `cache`: the render record, the charts', the made
    files' and the search index's digests, the index's key, and every byte string they
    name by digest."""
    blobs: dict[str, bytes] = {}

    def kept(data: bytes | str) -> str:
        if isinstance(data, str):  # already in the store: put there as it was made
            return data
        digest = digests.of(data)
        blobs[digest] = data
        return digest

    memo = cache.memo
    render = RenderRecord(
        keys=memo.digests or key_digests(memo.keys),
        pages={path: (template, kept(data)) for path, (template, data) in memo.pages.items()},
        closures={name: tuple(sorted(refs)) for name, refs in memo.closures.items()},
    )
    svgs = dict(sorted(cache.stored_svgs.items()))  # drawn into the store (charts/batch.py)
    made = {key: kept(data) for key, data in sorted(cache.made.files.items())}
    search_key, index = cache.search.last_index
    search = {path: kept(data) for path, data in sorted(index.items())}
    return render, svgs, made, search_key, search, blobs
