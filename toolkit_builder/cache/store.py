"""The cache folder on disk: files named by the SHA-256 of their bytes, and JSON records.

The folder sits inside a site that many people commit to, and CI may restore it
and build with its own permissions, so nothing in it is trusted: it holds only data
(raw bytes and JSON, never pickle), every file is checked against its name when it
is read, nothing is followed through a symbolic link, and a missing, corrupt or
foreign entry is a miss, never a crash. This is the only module that writes there
(besides the chart cache and Pagefind's scratch folder, see tests/test_layers.py);
what is read back is read by regularfile.py.

Layout of the folder (default `SITE/.cache/toolkit-builder/`):

    build/record.json        the last successful build (see cache/record.py)
    build/objects/ab/cd...   a file's bytes, named by their SHA-256 (hex)
    search-copies/           the pages as Pagefind reads them (pages/search.py), kept
                             from build to build; the preview's are in search/
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from toolkit_builder.regularfile import read_regular

FOLDER = "build"
OBJECTS = "objects"
SEARCH_COPIES = "search-copies"
RECORD = "record.json"
DIGEST = re.compile(r"[0-9a-f]{64}")
"""What a stored file is named by: a SHA-256 in lower-case hex."""
MAX_RECORD_BYTES = 256_000_000
"""Largest record read (a site of 10,000 pages needs a few tens of MB)."""
IGNORE_FILE = "# Made by toolkit-builder: a build cache, not content. Never commit it.\n*\n"
"""A .gitignore that keeps the whole cache folder out of git (as pytest's cache does)."""


def digest_of(data: bytes) -> str:
    """Return the SHA-256 (hex) of `data`: the name the store gives it."""
    return hashlib.sha256(data).hexdigest()


def linked_below(path: Path, top: Path) -> bool:
    """Return True if `path`, or a folder between `top` and it, is a symbolic link."""
    current = path
    while True:
        if current.is_symlink():
            return True
        if current == top or current.parent == current:
            return False
        current = current.parent


def linked_into(cache_dir: Path, site_root: Path, folders: Iterable[Path]) -> bool:
    """Return True if a link leads to `cache_dir` or to one of `folders` below it, from
    the site folder down (from `cache_dir` itself when it lies outside the site)."""
    cache, site = Path(os.path.abspath(cache_dir)), Path(os.path.abspath(site_root))
    top = site if cache.is_relative_to(site) else cache
    return any(linked_below(folder, top) for folder in (*folders, cache))


class CacheStore:
    """A folder of content-addressed files and one JSON record; refuses links."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.objects = folder / FOLDER / OBJECTS
        self.search_copies = folder / SEARCH_COPIES
        """Where the command line's search indexer keeps its copies of the pages."""
        self._checked: set[Path] = set()

    def __getstate__(self) -> dict[str, Path]:
        """Return what a drawing process needs to store charts (`put` goes to it pickled):
        the folders, not the ones checked here. A feeder thread pickles the drawing tasks
        while this process stores its pages and adds to that set; pickling a set that
        changes fails ('set changed size during iteration')."""
        return {"folder": self.folder, "objects": self.objects}

    def __setstate__(self, state: dict[str, Path]) -> None:
        self.folder, self.objects = state["folder"], state["objects"]
        self.search_copies = self.folder / SEARCH_COPIES
        self._checked = set()  # the drawing process checks the folders it writes to

    @classmethod
    def open(cls, cache_dir: Path, site_root: Path) -> CacheStore | None:
        """Return the store under `cache_dir`, or None when a link makes it unsafe to use.

        A link anywhere from the site folder (or from `cache_dir`, when it lies
        elsewhere) down to the store could make the build read or delete another
        folder's files: such a cache is not used at all.
        """
        cache_dir = Path(os.path.abspath(cache_dir))
        store = cls(cache_dir)
        folders = (store.objects, store.folder / FOLDER, store.search_copies)
        if linked_into(cache_dir, site_root, folders):
            return None
        return store

    # Reading ---------------------------------------------------------------------

    def read(self, digest: str) -> bytes | None:
        """Return the stored bytes named `digest`, or None when missing or not those bytes
        (a file whose bytes changed, an output file edited in place, is deleted)."""
        path = self._path(digest)
        if path is None:
            return None
        data = read_regular(path, None)
        if data is None:
            return None
        if digest_of(data) != digest:
            if _is_regular(path):
                path.unlink(missing_ok=True)
            return None
        return data

    def verified_path(self, digest: str) -> Path | None:
        """Return the path of the stored file named `digest` once its bytes are checked."""
        return self._path(digest) if self.read(digest) is not None else None

    def read_record(self) -> object:
        """Return the parsed record (any JSON value: the caller checks it), None if unreadable."""
        data = read_regular(self.folder / FOLDER / RECORD, MAX_RECORD_BYTES)
        if data is None:
            return None
        try:
            return json.loads(data)
        except (ValueError, RecursionError):
            return None

    # Writing ---------------------------------------------------------------------

    def keep(self, digest: str, source: Path | None, data: bytes | None = None) -> None:
        """Store the bytes named `digest`: a hard link to `source` (a file holding them)
        where the disk allows, else a copy of `data` (or of `source`). A file already
        stored is left alone; one found corrupt was deleted when read."""
        path = self._path(digest)
        if path is None or (source is None and data is None):
            raise ValueError(f"nothing to store as {digest!r}")
        if _is_regular(path):
            return
        self._make_folder(path.parent)
        if source is not None:
            try:
                _link(source, path)
                return
            except OSError:
                pass  # another disk, or links not allowed: copy instead
            if data is None:
                data = read_regular(source, None)
                if data is None:
                    return
        assert data is not None
        _write_atomically(path, data)

    def put(self, data: bytes) -> str:
        """Store `data` under its digest (unless already stored) and return the digest.

        Chart drawing processes call this as they draw (charts/batch.py `Keep`), so the
        build's own process never holds the SVGs; a stored file is not read back.
        """
        digest = digest_of(data)
        self.keep(digest, None, data)
        return digest

    def stored_path(self, digest: str) -> Path:
        """Return where the file named `digest` is stored, unchecked: only for files this
        build stored (put) or checked (verified_path) itself."""
        path = self._path(digest)
        if path is None:
            raise ValueError(f"not a stored file's name: {digest!r}")
        return path

    def files(self, digests: Mapping[str, str]) -> Mapping[str, bytes]:
        """Return the stored files `digests` names (path -> digest) as a mapping of their
        bytes, each read only when asked for: files this build stored (put) or checked
        (verified_path), so they are not hashed again."""
        return StoredFiles(self, dict(digests))

    def keep_output(self, files: Mapping[str, str], out: Path, blobs: Mapping[str, bytes]) -> None:
        """Store every output file (`files`: path -> digest) linked from `out`, and every
        other byte string of `blobs` (digest -> bytes) the record names."""
        for name, digest in files.items():
            self.keep(digest, out / name, blobs.get(digest))
        linked = set(files.values())
        for digest, data in blobs.items():
            if digest not in linked:
                self.keep(digest, None, data)

    def write_record(self, record: object) -> None:
        """Replace the record with `record` (JSON), atomically; mark the folder as a cache."""
        self._make_folder(self.folder / FOLDER)
        ignore = self.folder / ".gitignore"
        if not ignore.exists() and not ignore.is_symlink():
            _write_atomically(ignore, IGNORE_FILE.encode())
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        _write_atomically(self.folder / FOLDER / RECORD, text.encode("utf-8"))

    def prune(self, keep: Iterable[str]) -> int:
        """Delete the stored files whose names are not in `keep`; return how many went.

        Only regular files named like a SHA-256 are deleted (and temporary files left
        by a killed build): whatever else someone put in the folder stays.
        """
        wanted = set(keep)
        removed = 0
        if not self.objects.is_dir() or self.objects.is_symlink():
            return 0
        for shelf in sorted(self.objects.iterdir()):
            if (
                shelf.is_symlink()
                or not shelf.is_dir()
                or not re.fullmatch("[0-9a-f]{2}", shelf.name)
            ):
                continue
            for entry in sorted(shelf.iterdir()):
                name = shelf.name + entry.name
                stale = DIGEST.fullmatch(name) and name not in wanted
                if (stale or entry.name.startswith(".tmp-")) and _is_regular(entry):
                    entry.unlink()
                    removed += 1
        return removed

    # Paths -----------------------------------------------------------------------

    def _path(self, digest: str) -> Path | None:
        if not isinstance(digest, str) or not DIGEST.fullmatch(digest):
            return None
        return self.objects / digest[:2] / digest[2:]

    def _make_folder(self, folder: Path) -> None:
        if folder in self._checked:
            return
        folder.mkdir(parents=True, exist_ok=True)
        if linked_below(folder, self.folder):
            raise OSError(f"refusing to use the cache: {folder} is a link")
        self._checked.add(folder)


class StoredFiles(Mapping[str, bytes]):
    """Files of the store by path, read one at a time (the search indexer reads the pages
    of a large site this way, never holding them all)."""

    def __init__(self, store: CacheStore, digests: dict[str, str]) -> None:
        self._store = store
        self._digests = digests

    def __getitem__(self, name: str) -> bytes:
        data = read_regular(self._store.stored_path(self._digests[name]))
        if data is None:
            raise KeyError(f"{name}: no longer in the build store")
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self._digests)

    def __len__(self) -> int:
        return len(self._digests)


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _link(source: Path, target: Path) -> None:
    """Hard-link `target` to `source` (replacing a broken `target`) atomically.

    A link made straight at the name appears whole, as a rename would; only where
    something already has the name (not a stored file: keep checked) is it linked
    under a temporary name and renamed over it (half the directory changes a file).
    """
    try:
        os.link(source, target, follow_symlinks=False)
        return
    except FileExistsError:
        pass
    temporary = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    temporary.unlink(missing_ok=True)
    os.link(source, temporary, follow_symlinks=False)
    os.replace(temporary, target)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a file under a temporary name beside it, then rename it into place.

    Created like any file the build writes (0o666 less the umask), not private as
    mkstemp makes them: output files are linked from here, and a web server reads them.
    """
    temporary = path.with_name(f".tmp-{os.getpid()}-{secrets.token_hex(4)}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
