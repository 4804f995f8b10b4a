"""Write the built site atomically: the only module that writes the output folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
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


def write_site(files: Mapping[str, bytes], out: Path) -> None:
    """Write `files` into a fresh folder beside `out`, then swap it into place."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for name, data in sorted(files.items()):
            target = staging / safe_relative(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (staging / MARKER).write_text(
            "Built by toolkit-builder. This folder is replaced on every build.\n"
        )
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, old / "site")
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(old / "site", out)
        raise
    shutil.rmtree(old, ignore_errors=True)
