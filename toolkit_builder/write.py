"""Write the built site atomically: the only module that writes the output folder."""

from __future__ import annotations

import glob
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from toolkit_builder.errors import UsageError

MARKER = ".toolkit-builder-output"
"""File in every output folder we write, so we never replace a folder we did not make."""


def check_output_folder(site_root: Path, out: Path) -> None:
    """Raise UsageError if writing `out` could harm the site or other work."""
    site = site_root.resolve()
    target = out.resolve()
    content = (site / "content").resolve()
    for protected, name in ((site, "site folder"), (content, "content folder")):
        if target == protected or protected.is_relative_to(target):
            raise UsageError(
                f"refusing to write to {out}: it is or contains the {name} ({protected})"
            )
    if target.is_relative_to(content) or target.is_relative_to(site / "templates"):
        raise UsageError(
            f"refusing to write to {out}: it is inside the site's content or templates"
        )
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            raise UsageError(f"refusing to write to {out}: {parent} is a file, not a folder")
    if target.exists() and not target.is_dir():
        raise UsageError(f"refusing to write to {out}: it is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise UsageError(
            f"refusing to replace {out}: it is not empty and was not made by toolkit-builder "
            "(choose another --out, or empty it yourself)"
        )


def safe_relative(path: str) -> PurePosixPath:
    """Return `path` as a relative path that cannot leave the output folder."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise ValueError(f"unsafe output path: {path!r}")
    return pure


def write_site(
    files: Mapping[str, bytes],
    out: Path,
    links: Mapping[str, Path] | None = None,
    keep_replaced: bool = False,
) -> Path | None:
    """Write `files` into a fresh folder beside `out`, then swap it into place.

    `links` names files already on disk with exactly the bytes to write (the last
    build's output, the cache): they are hard-linked, not written again (copied
    where links are not possible); a name in both is linked. Entries of `out` the
    last build did not write (a gh-pages checkout's `.git`, a `CNAME`) are carried
    over into the new folder; the build never deletes them. The replaced folder is
    removed, or with `keep_replaced` moved aside and returned, for the caller to
    remove (remove_replaced) once the build has been reported.
    """
    staged = StagedSite(out)
    try:
        staged.write(files, links)
        return staged.finish(keep_replaced)
    except BaseException:
        staged.discard()
        raise


class StagedSite:
    """The next output folder, written in parts (`write`) and then swapped into place
    (`finish`), as write_site does at once: a build writes its pages while its charts
    are drawn and its search index made. `discard` removes it and leaves `out` as it was."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self._kept: list[str] = []
        self._names: set[str] = set()
        self._made: set[Path] = set()
        self._folder: Path | None = None

    def __contains__(self, name: object) -> bool:
        return name in self._names

    @property
    def folder(self) -> Path | None:
        """The folder being written (None before the first write and after finish)."""
        return self._folder

    def write(self, files: Mapping[str, bytes], links: Mapping[str, Path] | None = None) -> None:
        """Write `files` and link `links` (see write_site) into the folder; names written
        before are left as they are."""
        links = links or {}
        names = [
            str(safe_relative(name))
            for name in sorted(set(files) | set(links))
            if name not in self._names
        ]
        if self._folder is None:  # nothing is touched before the first write
            self.out.parent.mkdir(parents=True, exist_ok=True)
            clear_stale_folders(self.out)
            self._kept = foreign_entries(self.out)
        _refuse_clashes(self._kept, names, self.out)
        if self._folder is None:
            prefix = f".{self.out.name}.new-{os.getpid()}-"
            self._folder = Path(tempfile.mkdtemp(prefix=prefix, dir=self.out.parent))
            self._made = {self._folder}
        self._names.update(names)
        # the marker names every file before it is written: a build killed part way
        # leaves a folder that clear_stale_folders knows it may remove
        (self._folder / MARKER).write_text(manifest_text(sorted(self._names)), encoding="utf-8")
        for name in names:
            target = self._folder / name
            if target.parent not in self._made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(target.parent)
            if name in links:
                _link_or_copy(links[name], target, files.get(name))
            else:
                target.write_bytes(files[name])

    def finish(self, keep_replaced: bool = False) -> Path | None:
        """Swap the folder into place of `out`; return the replaced folder if kept (see
        write_site)."""
        if self._folder is None:
            self.write({})
        assert self._folder is not None
        folder, self._folder = self._folder, None
        try:
            return _swap(folder, self.out, self._kept, keep_replaced)
        except BaseException:
            self._folder = folder
            raise

    def discard(self) -> None:
        """Remove the folder (unless an entry carried over from `out` is in it: a swap
        that failed half way has put those back already, or they stay safe here)."""
        folder, self._folder = self._folder, None
        if folder is not None and not any((folder / entry).exists() for entry in self._kept):
            shutil.rmtree(folder, ignore_errors=True)


def _link_or_copy(source: Path, target: Path, data: bytes | None) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        if data is None:
            shutil.copyfile(source, target, follow_symlinks=False)
        else:
            target.write_bytes(data)


def file_stamps(out: Path, names: Iterable[str]) -> dict[str, tuple[int, int, int]]:
    """Return (size, modification time in ns, inode) of each regular file of `out` named."""
    stamps: dict[str, tuple[int, int, int]] = {}
    top = os.fspath(out)
    for name in names:
        try:
            info = os.lstat(os.path.join(top, name))
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            stamps[name] = (info.st_size, info.st_mtime_ns, info.st_ino)
    return stamps


def remove_replaced(folder: Path | None) -> subprocess.Popen[bytes] | None:
    """Remove a folder write_site moved aside, in a process of its own: the caller
    (the command line, done reporting) does not wait for thousands of files to go.
    Return that process (None when removed here, or nothing to remove)."""
    if folder is None or not folder.exists():
        return None
    try:
        return subprocess.Popen(
            [sys.executable, "-c", _REMOVER, os.fspath(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return None


_REMOVER = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
"""What the removing process runs (the standard library only: it starts in milliseconds)."""


def manifest_text(names: list[str]) -> str:
    """Return the marker file's text: what it is, then every path the build wrote."""
    return json.dumps({"written_by": "toolkit-builder", "files": names}, indent=0) + "\n"


def written_last_time(out: Path) -> set[str] | None:
    """Return the paths the last build wrote into `out` (None for an older marker)."""
    try:
        record = json.loads((out / MARKER).read_text(encoding="utf-8"))
        return set(record["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def foreign_entries(out: Path) -> list[str]:
    """Return the entries of `out` the last build did not write (outermost only, sorted)."""
    if not (out / MARKER).is_file():
        return []
    written = written_last_time(out)
    if written is None:  # a marker from before manifests: keep hidden entries and CNAME
        return sorted(
            p.name for p in out.iterdir() if p.name.startswith(".") and p.name != MARKER
        ) + (["CNAME"] if (out / "CNAME").exists() else [])
    folders = {str(PurePosixPath(name).parent) for name in written}
    folders |= {str(parent) for name in written for parent in PurePosixPath(name).parents}
    found: list[str] = []
    for here, dirs, filenames in os.walk(out):
        base = PurePosixPath(Path(here).relative_to(out).as_posix())
        for name in sorted(dirs):
            rel = str(base / name)
            if Path(here, name).is_symlink() or rel not in folders:
                found.append(rel)
                dirs.remove(name)
        found.extend(
            str(base / name)
            for name in filenames
            if str(base / name) not in written and str(base / name) != MARKER
        )
    return sorted(found)


def _refuse_clashes(kept: list[str], names: list[str], out: Path) -> None:
    folders = {str(parent) for name in names for parent in PurePosixPath(name).parents}
    for entry in kept:
        if entry in names or entry in folders:
            raise UsageError(
                f"refusing to replace {out / entry}: the build did not write it last time, "
                "and would now (move it out of the output folder, then build again)"
            )


def clear_stale_folders(out: Path) -> None:
    """Remove the temporary folders of builds into `out` that were killed part way."""
    for folder in sorted(out.parent.glob(f".{glob.escape(out.name)}.*-*")):
        kind, _, rest = folder.name.removeprefix(f".{out.name}.").partition("-")
        pid = rest.split("-", 1)[0]
        if kind not in ("new", "old") or not pid.isdigit() or _alive(int(pid)):
            continue
        built = folder / "site" if kind == "old" else folder
        ours = (built / MARKER).is_file() and not foreign_entries(built)
        if ours or not any(folder.iterdir()):  # never delete what a build did not write
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _replaced_prefix(out: Path) -> str:
    """Return how the folders that `out` is moved aside into begin (a pid and a tag follow)."""
    return f".{out.name}.old-"


def replaced_folders(out: Path) -> list[Path]:
    """Return the folders builds moved earlier contents of `out` aside into that are still
    there (remove_replaced deletes them in the background)."""
    return sorted(out.parent.glob(f"{glob.escape(_replaced_prefix(out))}*"))


def _swap(staging: Path, out: Path, kept: list[str], keep_replaced: bool) -> Path | None:
    if not out.exists():
        os.replace(staging, out)
        return None
    moved: list[str] = []
    prefix = f"{_replaced_prefix(out)}{os.getpid()}-"
    old = Path(tempfile.mkdtemp(prefix=prefix, dir=out.parent))
    try:
        for entry in kept:
            (staging / entry).parent.mkdir(parents=True, exist_ok=True)
            os.replace(out / entry, staging / entry)
            moved.append(entry)
        os.replace(out, old / "site")
        try:
            os.replace(staging, out)
        except BaseException:
            os.replace(old / "site", out)
            raise
    except BaseException:
        for entry in reversed(moved):
            os.replace(staging / entry, out / entry)
        shutil.rmtree(old, ignore_errors=True)
        raise
    if keep_replaced:
        return old
    shutil.rmtree(old, ignore_errors=True)
    return None
