"""Read a site folder into raw documents: the only module that reads content files."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from toolkit_builder.content.yamlmarks import Marks, parse_yaml
from toolkit_builder.errors import Location, Problem

CONTENT_FOLDERS: dict[str, str] = {
    "toolkits": ".md",
    "change-packages": ".yaml",
    "measures": ".yaml",
    "case-studies": ".yaml",
    "events": ".yaml",
    "pages": ".md",
}
"""Content folder name -> the file ending its items use."""

LIST_FILES = ("organisations.yaml", "topics.yaml")
OTHER_FOLDERS = ("data", "resources")
MAX_DATA_BYTES = 10_000_000
"""Largest measure CSV read (about 300,000 rows): checking it stays within a few hundred MB."""
MAX_TEXT_BYTES = 2_000_000
"""Largest YAML or Markdown content file read (a long toolkit is under 100 kB)."""
SMALLEST_LIMIT = min(MAX_DATA_BYTES, MAX_TEXT_BYTES)
"""No file this size or smaller is too large (too_large need not be asked)."""
IGNORED_NAMES = (".gitkeep", ".DS_Store", "Thumbs.db", "README.md")


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One content file parsed but not yet checked."""

    kind: str
    """Folder it came from ('toolkits', 'site', 'organisations', ...)."""
    path: PurePosixPath
    """Path relative to the site folder."""
    stem: str
    """File name without language code and extension: the item's id."""
    lang: str | None
    """Language code of a translation file (`falls.cy.md`), None for an original."""
    data: object
    """Parsed YAML (front matter for Markdown files); None if it did not parse."""
    marks: Marks
    body: str = ""
    """Markdown body below the front matter."""
    body_line: int = 0
    """Line of the file where the body starts."""


@dataclass(frozen=True, slots=True)
class SiteFiles:
    """Everything read from a site folder."""

    root: Path
    config: RawDoc | None
    docs: tuple[RawDoc, ...]
    data_files: dict[PurePosixPath, str] = field(default_factory=dict)
    """CSV text by path relative to `content/` (e.g. `data/ward7.csv`)."""
    resource_files: dict[PurePosixPath, bytes] = field(default_factory=dict)
    """Downloadable files by path relative to `content/`."""
    problems: tuple[Problem, ...] = ()
    workbook_files: dict[PurePosixPath, bytes] = field(default_factory=dict)
    """Spreadsheets (.xlsx) of measure data by path relative to `content/`."""


YamlParser = Callable[[str, PurePosixPath, int], tuple[object, Marks, list[Problem]]]
"""parse_yaml, or a memoised version of it (the preview server keeps one between builds)."""


TextReader = Callable[[str, str, list[Problem]], str | None]
"""Returns the text of the file at a path (shown as a second path), or None after recording
why it cannot be read: read_text, or the preview's memoised reader (content/textmemory.py)."""

ParseMemory = dict[tuple[str, PurePosixPath, int], tuple[object, Marks, list[Problem]]]


def memoised_parser(previous: ParseMemory, current: ParseMemory) -> YamlParser:
    """Return parse_yaml reusing results from `previous`; every result used goes to `current`.

    Keeping only `current` after a build stops old versions of edited files piling up.
    """

    def parse(
        text: str, path: PurePosixPath, offset: int = 0
    ) -> tuple[object, Marks, list[Problem]]:
        key = (text, path, offset)
        found = previous.get(key) or current.get(key) or parse_yaml(text, path, offset)
        current[key] = found
        return found

    return parse


def load_site(
    root: Path, parse: YamlParser = parse_yaml, read: TextReader | None = None
) -> SiteFiles:
    """Return every file of the site at `root` parsed, with problems found on the way.

    `read` reads a text file (read_text, or the preview's memoised reader)."""
    read = read or read_text
    problems: list[Problem] = []
    root = root.resolve()
    for name in ("site.yaml", "content", "templates"):
        _linked(root, root / name, problems)
    _files_below(root, root / "templates", problems)  # only to refuse links in the theme
    config = _read_yaml_file(root, PurePosixPath("site.yaml"), "site", problems, parse, read)
    content = root / "content"
    docs: list[RawDoc] = []
    data_files: dict[PurePosixPath, str] = {}
    resources: dict[PurePosixPath, bytes] = {}
    workbooks: dict[PurePosixPath, bytes] = {}
    if content.is_dir() and not content.is_symlink():
        for entry in sorted(content.iterdir()):
            relative = PurePosixPath("content", entry.name)
            if entry.name.startswith(".") or entry.name in IGNORED_NAMES:
                continue
            if _linked(root, entry, problems):
                continue
            if entry.is_dir() and entry.name in CONTENT_FOLDERS:
                docs.extend(
                    _read_folder(root, entry, CONTENT_FOLDERS[entry.name], problems, parse, read)
                )
            elif entry.is_dir() and entry.name == "data":
                for path, shown in _files_below(root, entry, problems):
                    rel = PurePosixPath(shown.removeprefix("content/"))
                    if rel.suffix.lower() == ".xlsx":
                        size_problem = too_large(PurePosixPath(shown), os.stat(path).st_size)
                        if size_problem is not None:
                            problems.append(size_problem)
                        else:
                            with open(path, "rb") as stream:
                                workbooks[rel] = stream.read()
                        continue
                    if rel.suffix.lower() != ".csv":
                        problems.append(_wrong_ending(PurePosixPath(shown), ".csv"))
                        continue
                    text = read(path, shown, problems)
                    if text is not None:
                        data_files[rel] = text
            elif entry.is_dir() and entry.name == "resources":
                for path, shown in _files_below(root, entry, problems):
                    with open(path, "rb") as stream:
                        resources[PurePosixPath(shown.removeprefix("content/"))] = stream.read()
            elif entry.is_file() and entry.name in LIST_FILES:
                doc = _read_yaml_file(
                    root, relative, entry.name.removesuffix(".yaml"), problems, parse, read
                )
                if doc is not None:
                    docs.append(doc)
            elif entry.is_file() and (found := _translation_of(entry.name, LIST_FILES)):
                kind, lang = found
                doc = _read_yaml_file(root, relative, kind, problems, parse, read)
                if doc is not None:
                    docs.append(replace(doc, stem=kind, lang=lang))
            else:
                problems.append(_unexpected_entry(relative, entry.is_dir()))
    for entry in sorted(root.glob("site.*.yaml")):
        if site_translation := _translation_of(entry.name, ("site.yaml",)):
            lang = site_translation[1]
            doc = _read_yaml_file(root, PurePosixPath(entry.name), "site", problems, parse, read)
            if doc is not None:
                docs.append(replace(doc, stem="site", lang=lang))
    return SiteFiles(root, config, tuple(docs), data_files, resources, tuple(problems), workbooks)


_TRANSLATION_NAME = re.compile(r"^([a-z]+)\.([a-z]{2,3})\.yaml$")


def _translation_of(name: str, originals: tuple[str, ...]) -> tuple[str, str] | None:
    """Return (kind, language) of a translation file name such as 'topics.cy.yaml'."""
    found = _TRANSLATION_NAME.match(name)
    if found and f"{found.group(1)}.yaml" in originals:
        return found.group(1), found.group(2)
    return None


def _files_below(root: Path, folder: Path, problems: list[Problem]) -> list[tuple[str, str]]:
    """Return (path, path relative to `root` with '/') of the files below `folder`, hidden
    ones skipped, in path order; refuse every link found.

    Plain strings, not Paths: a large site has thousands of files, and the preview reads
    them all on every save.
    """
    if not folder.is_dir() or folder.is_symlink() or not folder.resolve().is_relative_to(root):
        return []
    # Walked without following links: below a folder inside the root, every entry that
    # is not a link is inside it too, so only the links need resolving (and refusing).
    found: list[tuple[str, str]] = []
    links: list[str] = []
    waiting = [(os.fspath(folder), folder.relative_to(root).as_posix())]
    while waiting:
        here, relative = waiting.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    links.append(entry.path)
                elif entry.is_dir(follow_symlinks=False):
                    waiting.append((entry.path, f"{relative}/{entry.name}"))
                elif entry.is_file(follow_symlinks=False):
                    found.append((entry.path, f"{relative}/{entry.name}"))
    for link in sorted(Path(link) for link in links):
        _linked(root, link, problems)
    return sorted(found, key=lambda file: file[1].split("/"))  # by parts, as Paths sort


def _linked(root: Path, path: Path, problems: list[Problem]) -> bool:
    """Return True (and add a located problem) if `path` is a link or leads out of `root`.

    Content is untrusted and the publishing CI reads it with its own permissions: a
    link could publish any file that user can read (`/etc/passwd`, a deploy key).
    """
    if not path.is_symlink() and path.resolve().is_relative_to(root):
        return False
    relative = PurePosixPath(path.relative_to(root).as_posix())
    what = "leads outside the site folder" if path.is_symlink() else "is outside the site folder"
    if path.is_symlink() and path.resolve().is_relative_to(root):
        what = "is a symbolic link"
    problems.append(
        Problem(
            Location(relative, 1, 1),
            f"'{relative}' {what}: links are not read",
            "copy the file into the site folder instead of linking to it",
        )
    )
    return True


def _unexpected_entry(relative: PurePosixPath, is_dir: bool) -> Problem:
    known = [*CONTENT_FOLDERS, *OTHER_FOLDERS, *LIST_FILES]
    close = difflib.get_close_matches(relative.name, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "known entries: " + ", ".join(known)
    what = "folder" if is_dir else "file"
    return Problem(
        Location(relative, 1, 1), f"unexpected {what} '{relative.name}' in content/", hint
    )


def _wrong_ending(relative: PurePosixPath, ending: str) -> Problem:
    return Problem(
        Location(relative, 1, 1),
        f"'{relative.name}' is not a {ending} file",
        f"files in {relative.parent}/ end in {ending}",
    )


def read_text(path: str, relative: str, problems: list[Problem]) -> str | None:
    """Return the text of the file at `path` (shown as `relative`), or None after
    recording why it cannot be read."""
    size = os.stat(path).st_size
    if size > SMALLEST_LIMIT and (size_problem := too_large(PurePosixPath(relative), size)):
        problems.append(size_problem)
        return None
    with open(path, "rb") as stream:
        data = stream.read()
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        problems.append(
            Problem(
                Location(PurePosixPath(relative), 1, 1),
                f"file is not UTF-8 text (byte {error.start})",
                "save the file as UTF-8 in your editor",
            )
        )
        return None


def too_large(relative: PurePosixPath, size: int) -> Problem | None:
    """Return a located problem if a data (CSV) or text file is over its size limit."""
    limit = MAX_DATA_BYTES if relative.suffix.lower() in (".csv", ".xlsx") else MAX_TEXT_BYTES
    if size <= limit:
        return None
    what = "data" if limit == MAX_DATA_BYTES else "content"
    return Problem(
        Location(relative, 1, 1),
        f"file is {size / 1_000_000:.1f} MB; a {what} file may be at most {limit // 1_000_000} MB",
        "aggregate the data to longer periods, or split it into several series"
        if what == "data"
        else "split the text into several pages or items",
    )


def _split_name(name: str, ending: str) -> tuple[str, str | None]:
    stem = name[: -len(ending)]
    if "." in stem:
        base, lang = stem.rsplit(".", 1)
        return base, lang
    return stem, None


def _read_folder(
    root: Path,
    folder: Path,
    ending: str,
    problems: list[Problem],
    parse: YamlParser,
    read: TextReader,
) -> list[RawDoc]:
    docs: list[RawDoc] = []
    inside = folder.relative_to(root).as_posix() + "/"
    for path, shown in _files_below(root, folder, problems):
        relative = PurePosixPath(shown)
        name = shown[len(inside) :]
        if "/" in name:
            problems.append(
                Problem(
                    Location(relative, 1, 1),
                    "content files may not sit in sub-folders",
                    f"move it to {inside}",
                )
            )
            continue
        if name in IGNORED_NAMES:
            continue
        if not name.endswith(ending):
            problems.append(_wrong_ending(relative, ending))
            continue
        text = read(path, shown, problems)
        if text is None:
            continue
        stem, lang = _split_name(name, ending)
        if ending == ".md":
            docs.append(_markdown_doc(folder.name, relative, stem, lang, text, problems, parse))
        else:
            data, marks, found = parse(text, relative, 0)
            problems.extend(found)
            if data is None and not found:
                problems.append(
                    Problem(
                        Location(relative, 1, 1),
                        "the file is empty",
                        "give the item's fields, or delete the file",
                    )
                )
            docs.append(RawDoc(folder.name, relative, stem, lang, data, marks))
    return docs


def _read_yaml_file(
    root: Path,
    relative: PurePosixPath,
    kind: str,
    problems: list[Problem],
    parse: YamlParser,
    read: TextReader,
) -> RawDoc | None:
    path = root / relative
    if path.is_symlink() or not path.is_file():
        return None
    text = read(os.fspath(path), relative.as_posix(), problems)
    if text is None:
        return None
    data, marks, found = parse(text, relative, 0)
    problems.extend(found)
    return RawDoc(kind, relative, relative.stem, None, data, marks)


def _markdown_doc(
    kind: str,
    relative: PurePosixPath,
    stem: str,
    lang: str | None,
    text: str,
    problems: list[Problem],
    parse: YamlParser,
) -> RawDoc:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(
            Problem(
                Location(relative, 1, 1),
                "missing front matter",
                "did you forget to start the file with a line '---', the fields, then '---'?",
            )
        )
        return RawDoc(kind, relative, stem, lang, None, Marks(relative), text, 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        problems.append(
            Problem(
                Location(relative, 1, 1),
                "front matter is not closed",
                "add a line '---' after the last front-matter field",
            )
        )
        return RawDoc(kind, relative, stem, lang, None, Marks(relative), "", 1)
    front = "\n".join(lines[1:end])
    data, marks, found = parse(front, relative, 1)
    problems.extend(found)
    if data is None and not found:
        data = {}  # empty front matter: fields are reported as missing
    body = "\n".join(lines[end + 1 :])
    return RawDoc(kind, relative, stem, lang, data, marks, body, end + 2)


INPUT_FOLDERS = ("content", "templates")
"""Folders of the site a build reads (with site.yaml and its translations)."""


def site_digest(root: Path) -> str:
    """Return a SHA-256 (hex) of everything a build reads from the site folder.

    That is the name, kind and bytes of `site.yaml` and `site.*.yaml` and of every
    entry below `content/` and `templates/`, hidden ones and folders included, links
    as their target's name (they are never followed): a build of two folders with
    the same digest reads the same input. Plain strings, not Paths: a large site has
    thousands of files, and this runs on every build.
    """
    digest = hashlib.sha256()
    top = os.fspath(root)
    names = [name for name in sorted(os.listdir(top)) if _is_site_file(name)]
    for name in [*names, *INPUT_FOLDERS]:
        path = os.path.join(top, name)
        kind = _kind(path)
        _add_entry(digest, name, kind, path)
        if kind == "folder":
            _add_folder(digest, path, name)
    return digest.hexdigest()


def _is_site_file(name: str) -> bool:
    return name == "site.yaml" or _translation_of(name, ("site.yaml",)) is not None


def _kind(path: str) -> str:
    if os.path.islink(path):
        return "link"
    if os.path.isdir(path):
        return "folder"
    return "file" if os.path.isfile(path) else "none"


def _add_folder(digest: hashlib._Hash, folder: str, relative: str) -> None:
    """Add every entry below `folder` to `digest`, sorted by name, links not followed."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        name = f"{relative}/{entry.name}"
        if entry.is_symlink():
            _add_entry(digest, name, "link", entry.path)
        elif entry.is_dir(follow_symlinks=False):
            _add_entry(digest, name, "folder", entry.path)
            _add_folder(digest, entry.path, name)
        else:
            _add_entry(digest, name, "file" if entry.is_file() else "other", entry.path)


def _add_entry(digest: hashlib._Hash, relative: str, kind: str, path: str) -> None:
    digest.update(f"{kind}\0{relative}\0".encode("utf-8", "surrogateescape"))
    if kind == "link":
        digest.update(os.readlink(path).encode("utf-8", "surrogateescape") + b"\0")
    elif kind == "file":
        with open(path, "rb") as stream:
            digest.update(hashlib.sha256(stream.read()).digest())


def template_digests(root: Path) -> dict[str, str]:
    """Return the SHA-256 (hex) of each file below the site's `templates/` folder, by
    its name there ('toolkit.html', 'static/style.css'); links are left out (refused)."""
    found: dict[str, str] = {}
    folder = os.path.join(os.fspath(root), "templates")
    if os.path.islink(folder) or not os.path.isdir(folder):
        return found
    for here, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not os.path.islink(os.path.join(here, f)))
        for name in sorted(files):
            path = os.path.join(here, name)
            if not os.path.islink(path):
                with open(path, "rb") as stream:
                    digest = hashlib.sha256(stream.read()).hexdigest()
                found[os.path.relpath(path, folder).replace(os.sep, "/")] = digest
    return found
