"""The search stage: a Pagefind index of the rendered pages, added to the output.

Pagefind (the `pagefind[bin]` package ships its binary) indexes a folder of HTML.
The pages it reads are a copy when a page uses a word of a synonym group (see
`site.yaml` `search.synonyms`, and pages/synonyms.py): the other words of the group
are added to that copy, in a block the search page leaves out of excerpts, so a
search for any of them finds the page, while the published pages and the excerpts
stay as written. When no page gains a synonym, Pagefind reads the pages where the
build wrote them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2

from toolkit_builder.errors import UsageError
from toolkit_builder.pages.synonyms import SynonymExpander
from toolkit_builder.regularfile import read_regular

INDEX_FOLDER = "pagefind"
"""Where the index sits in the output (the search page loads it from there)."""

INDEXED_MARK = b"data-pagefind-body"
"""Pages that carry this attribute are indexed; the others (lists, 404) are not."""

UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's own interfaces, which the site does not use (it has its own search page)."""

Groups = Sequence[Sequence[str]]


class SearchIndexError(UsageError):
    """Pagefind could not index the site (missing binary, or it failed): an install problem."""


def pages_to_index(output: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return the HTML pages of the output that ask to be indexed."""
    return dict(_indexed_pages(output))


def _indexed_pages(output: Mapping[str, bytes]) -> Iterator[tuple[str, bytes]]:
    """Yield the pages that ask to be indexed, in name order, reading one at a time
    (the command line's output reads its pages from the build store on demand)."""
    for name in sorted(output):
        if name.endswith(".html"):
            data = output[name]
            if INDEXED_MARK in data:
                yield name, data


def pagefind_executable() -> Path:
    """Return the Pagefind binary shipped by the `pagefind[bin]` package."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError as error:
        raise SearchIndexError(
            "the search index needs Pagefind: install toolkit-builder with its dependencies "
            "(pip install 'pagefind[bin]')"
        ) from error
    try:
        return Path(get_executable())
    except FileNotFoundError as error:
        raise SearchIndexError(f"Pagefind's binary is missing: {error}") from error


@dataclass
class SearchIndexer:
    """Builds the search index; keeps its working folder and last index between builds.

    The preview server keeps one indexer: it rewrites only the pages that changed
    and reuses the last index when no indexed page changed.
    """

    folder: Path | None = None
    """Working folder for the copies Pagefind reads; None: a temporary one per build."""
    kept: bool = False
    """The folder's copies outlive the indexer (the command line's folder in the cache,
    used build after build): it is not emptied, but its links and whatever is not a
    page's copy are removed, and a copy is written only when it differs from the one
    found there (see kept_copies)."""
    _written: dict[str, str] = field(default_factory=dict, repr=False)
    _bundle: dict[str, Path] = field(default_factory=dict, repr=False)
    _last_key: str = ""
    _last_index: dict[str, bytes] = field(default_factory=dict, repr=False)
    _looked: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        # A new indexer writes every copy anyway: its folder starts empty, so nothing
        # in it was put there by anyone else (a link would have the copies written
        # through it). rmtree removes links; it never follows them.
        if self.folder is not None and not self.kept:
            shutil.rmtree(self.folder, ignore_errors=True)

    def index(
        self,
        output: Mapping[str, bytes],
        synonyms: Groups,
        sources: Mapping[str, Path] | None = None,
        published: Callable[[], Path | None] | None = None,
    ) -> dict[str, bytes]:
        """Return the files of the search index of `output`, by output path.

        Pages are expanded and written one at a time (the working folder holds them;
        memory holds only their digests): a large site's pages as text would take
        twice their size in memory while the rest of the build is still held there.
        `sources` names files that hold exactly a page's bytes (the build store's): a
        page that gains no synonyms is hard-linked from there rather than written, so
        a file system that is slow to make files (one whose inodes were just freed)
        makes one file a page, not two.

        `published` (the command line's) returns, once the pages are written, the
        folder that holds every page of `output` at its path, exactly (None: it has
        none). When no page gains a synonym, Pagefind reads that folder and no copy
        is made: a copy would be the page itself, and its folders as many again as
        the output's.
        """
        expander = SynonymExpander(tuple(tuple(g) for g in synonyms))
        self._bundle = {}
        if self.folder is None:
            with tempfile.TemporaryDirectory(prefix="toolkit-builder-search-") as scratch:
                key, index = self._index_in(Path(scratch), output, expander, {}, {}, published)
        else:
            if self.kept and not self._looked:  # what an earlier build left, checked
                self._written, self._looked = kept_copies(self.folder), True
            key, index = self._index_in(
                self.folder, output, expander, self._written, sources or {}, published
            )
        self._last_key, self._last_index = key, index
        return dict(index)

    def _index_in(
        self,
        folder: Path,
        output: Mapping[str, bytes],
        expander: SynonymExpander,
        written: dict[str, str],
        sources: Mapping[str, Path],
        published: Callable[[], Path | None] | None,
    ) -> tuple[str, dict[str, bytes]]:
        """Return the key of the pages to index and their index: the last index when
        the key is the last one, else Pagefind's, of the published folder when no
        page gains a synonym (see index), else of copies in `folder`/site.

        A copy is written only when its digest is not `written`'s (`written` is kept
        up to date); a page the synonyms leave as it is is linked from its file in
        `sources`, if any.
        """
        copies = _Copies(folder / "site", written, sources)
        digests: dict[str, str] = {}
        copying = published is None
        for name, data in _indexed_pages(output):
            text = data.decode("utf-8")
            expanded = expander.expand_page(text)
            html = data if expanded is text else expanded.encode("utf-8")
            digests[name] = hashlib.sha256(html).hexdigest()
            copying = copying or html is not data  # from the first page that gains synonyms
            if copying:
                copies.put(name, html, digests[name], is_page=html is data)
        key = _digest(digests)
        pages = None if copying or not digests or published is None else published()
        if pages is None:  # copies, also of the pages not copied above (each is the page)
            for name, digest in digests.items():
                copies.put(name, output[name], digest, is_page=True)  # a copy made: kept
            copies.remove_others(digests)
        else:  # the copies an earlier build made are not needed now
            copies.clear()
        if key == self._last_key:
            return key, self._last_index
        return key, self._run(folder, pages)

    def bundle_files(self) -> dict[str, Path]:
        """Return the index files of the last `index` call that Pagefind wrote and this
        indexer left as they are, by output path: where they are on disk, holding
        exactly those bytes, to be linked rather than written again (empty when that
        call reused an index, or worked in a temporary folder, now gone)."""
        return dict(self._bundle)

    @property
    def last_index(self) -> tuple[str, dict[str, bytes]]:
        """Return the key of the pages last indexed (empty: none yet) and their index."""
        return self._last_key, dict(self._last_index)

    def remember(self, key: str, index: Mapping[str, bytes]) -> None:
        """Take `index` as the index of the pages whose key is `key` (kept from a build
        before, on disk): index() returns it, without running Pagefind, while the
        indexed pages stay the same."""
        self._last_key, self._last_index = key, dict(index)

    def _run(self, folder: Path, pages: Path | None = None) -> dict[str, bytes]:
        """Run Pagefind on `pages` (None: the copies in `folder`/site), writing its index
        into `folder`/bundle, and return that index, by output path."""
        site = folder / "site" if pages is None else pages
        bundle = folder / "bundle"
        if pages is None:
            site.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(bundle, ignore_errors=True)
        command = [
            str(pagefind_executable()),
            "--site",
            str(site),
            "--output-path",
            str(bundle),
            "--silent",
        ]
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
        if finished.returncode != 0:
            detail = (finished.stderr or finished.stdout).strip().splitlines()
            raise SearchIndexError(
                "Pagefind failed to index the site: " + (detail[-1] if detail else "no message")
            )
        found = {
            f"{INDEX_FOLDER}/{path.relative_to(bundle).as_posix()}": path
            for path in sorted(bundle.rglob("*"))
            if path.is_file() and path.name not in UNUSED_FILES
        }
        written = {name: path.read_bytes() for name, path in found.items()}
        index = stable_bundle(written)
        if self.folder is not None:  # regular files only: a link is never passed on
            self._bundle = {
                n: p for n, p in found.items() if index.get(n) == written[n] and not p.is_symlink()
            }
        return index


@contextmanager
def scratch_indexer() -> Iterator[SearchIndexer]:
    """Yield an indexer that works in a temporary folder of its own, removed at the end:
    the index files it names (bundle_files) can be linked until then (a build without
    a cache links them into its output rather than writing them again)."""
    with tempfile.TemporaryDirectory(prefix="toolkit-builder-search-") as scratch:
        yield SearchIndexer(Path(scratch) / "work")


@dataclass
class _Copies:
    """The copies Pagefind reads, in `site`: written as they differ from `written`'s digests."""

    site: Path
    written: dict[str, str]
    """SHA-256 of each copy in `site`, by page path (kept up to date)."""
    sources: Mapping[str, Path]
    """Files holding exactly a page's bytes, to link a copy that is the page itself from."""
    _made: set[Path] = field(default_factory=set)

    def put(self, name: str, html: bytes, digest: str, is_page: bool) -> None:
        """Make the copy of page `name` hold `html` (the page itself when `is_page`)."""
        if self.written.get(name) == digest:
            return
        target = self.site / name
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        _write_new(target, html, self.sources.get(name) if is_page else None)
        self.written[name] = digest

    def clear(self) -> None:
        """Remove every copy (rmtree follows no link)."""
        if self.written:
            shutil.rmtree(self.site, ignore_errors=True)
            self.written.clear()

    def remove_others(self, pages: Mapping[str, str]) -> None:
        """Remove the copies of pages not among `pages`."""
        for name in set(self.written) - set(pages):
            (self.site / name).unlink(missing_ok=True)
            del self.written[name]


def kept_copies(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of each page's copy left in `folder`/site, by page path, once
    every link below `folder` and everything that is not such a copy is removed (the
    last index Pagefind wrote beside them among it).

    The folder is in the cache, which a content repository or a restored CI cache
    may hold: nothing there is followed (a link is removed, never read or written
    through) and a copy counts by what it holds, not by any record of it.
    """
    site = folder / "site"
    if folder.is_dir() and not folder.is_symlink():
        for entry in os.scandir(folder):
            if entry.name != "site" or entry.is_symlink() or not entry.is_dir():
                _remove(Path(entry.path))
    found: dict[str, str] = {}
    for top, folders, files in os.walk(site):  # a linked folder is listed, not entered
        here = Path(top)
        for name in [n for n in folders if (here / n).is_symlink()]:
            (here / name).unlink()
            folders.remove(name)
        for name in files:
            path = here / name
            data = read_regular(path) if name.endswith(".html") else None
            if data is None:
                path.unlink(missing_ok=True)  # a link goes, not what it leads to
                continue
            found[path.relative_to(site).as_posix()] = hashlib.sha256(data).hexdigest()
    return found


def _remove(path: Path) -> None:
    """Remove a file, a link (not what it leads to) or a folder (rmtree follows no link)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _write_new(path: Path, data: bytes, source: Path | None = None) -> None:
    """Write a copy as a new file: what was at `path` (a copy Pagefind read before, or
    another name for a file elsewhere, even a folder) is removed first, never written
    through. `source`, a file holding exactly `data`, is hard-linked instead where the
    disk allows (Pagefind only reads the copies)."""
    _remove(path)
    if source is not None:
        try:
            os.link(source, path, follow_symlinks=False)
            return
        except OSError:
            pass  # another disk, or links not allowed: write the copy
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(path, flags, 0o666), "wb") as stream:
        stream.write(data)


SIGNATURE = b"pagefind_dcd"
"""Pagefind's index files are gzip'd: this signature, then CBOR."""


def _decode(data: bytes) -> Any:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise SearchIndexError("Pagefind wrote an index file this version cannot read")
    return cbor2.loads(raw[len(SIGNATURE) :])


def _encode(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def stable_bundle(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return Pagefind's output with its filter indexes in a fixed order.

    Pagefind writes the values of each filter, and the filters in its metadata, in
    hash-map order, which changes from run to run (Pagefind issue #638); the
    fragments and word indexes are already stable. The files are named by a hash
    of their content, so reordered files are renamed, and the references to them
    (the metadata file and pagefind-entry.json) follow.
    """
    result = dict(files)
    entry_name = f"{INDEX_FOLDER}/pagefind-entry.json"
    if entry_name not in result:
        return result
    entry = json.loads(result[entry_name])
    # One index per language (from each page's <html lang>), listed in hash-map order.
    entry["languages"] = dict(sorted(entry["languages"].items()))
    for language in entry["languages"].values():
        meta_name = f"{INDEX_FOLDER}/pagefind.{language['hash']}.pf_meta"
        meta = _decode(result.pop(meta_name))
        renamed: list[list[str]] = []
        for filter_name, filter_hash in meta[3]:
            name, values = _decode(result.pop(f"{INDEX_FOLDER}/filter/{filter_hash}.pf_filter"))
            data = _encode([name, sorted(values, key=lambda v: v[0])])
            new_hash = _content_hash(filter_hash, data, 7)
            result[f"{INDEX_FOLDER}/filter/{new_hash}.pf_filter"] = data
            renamed.append([filter_name, new_hash])
        meta[3] = sorted(renamed)
        data = _encode(meta)
        language["hash"] = _content_hash(language["hash"], data, 10)
        result[f"{INDEX_FOLDER}/pagefind.{language['hash']}.pf_meta"] = data
    result[entry_name] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return dict(sorted(result.items()))


def _content_hash(old: str, data: bytes, length: int) -> str:
    """Return a name like Pagefind's ('en_1a2b3c4'): the language, then a hash of `data`."""
    language = old.rsplit("_", 1)[0]
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}"


def _digest(pages: Mapping[str, str]) -> str:
    """Return the key of the pages indexed: a SHA-256 of each page's name and digest."""
    digest = hashlib.sha256()
    for name, page_digest in pages.items():
        digest.update(name.encode() + b"\0" + page_digest.encode() + b"\0")
    return digest.hexdigest()
