"""What the cache is keyed on besides the site: the tool, its dependencies, the settings.

A cache entry made by another version of toolkit-builder (or of Python, Jinja,
matplotlib, Pagefind ...) could differ from what this one makes: the record of a
build names the tool's fingerprint, and a record with another is not used at all.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
"""The installed toolkit_builder package: its code, default templates and catalogues."""

_SKIPPED = ("__pycache__",)


def tool_fingerprint(version: str, package: Path = PACKAGE, paths: Iterable[str] = ()) -> str:
    """Return a SHA-256 (hex) of the tool: its version, the bytes of every file of the
    package (so an edited checkout counts as another tool), Python's version and the
    names and versions of the installed distributions."""
    digest = hashlib.sha256()
    digest.update(f"toolkit-builder {version}\0python {sys.version}\0".encode())
    for name in installed_distributions(paths or import_path()):
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
    for relative, data in _package_files(package):
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def import_path() -> list[str]:
    """Return the import path without the working folder `python -m` puts first: the
    same build run from another folder (the repository's root holds the editable
    install's `.egg-info`) is the same tool."""
    if sys.path and sys.path[0] in ("", os.getcwd()):
        return sys.path[1:]
    return list(sys.path)


def installed_distributions(paths: Iterable[str]) -> list[str]:
    """Return the `name-version.dist-info` (or .egg-info) folder names on the import path.

    A folder listing, not importlib.metadata: that reads every distribution's
    metadata, about ten times slower, and this runs on every build.
    """
    found: set[str] = set()
    for entry in paths:
        if not entry or not os.path.isdir(entry):
            continue
        try:
            names = os.listdir(entry)
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def _package_files(package: Path) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for here, folders, files in os.walk(package, followlinks=True):
        folders[:] = sorted(f for f in folders if f not in _SKIPPED)
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(here, name)
            with open(path, "rb") as stream:
                found.append((os.path.relpath(path, package), stream.read()))
    return found


def settings_digest(settings: Mapping[str, str]) -> str:
    """Return a SHA-256 (hex) of the build settings that change what a build makes."""
    text = "\0".join(f"{key}={value}" for key, value in sorted(settings.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
