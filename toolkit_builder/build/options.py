"""What to build and how (BuildOptions), and what a build made (BuildResult).

Light on purpose: the command line and the no-change check import this module
without the pipeline (which imports matplotlib, Jinja and openpyxl).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from toolkit_builder.errors import Problem


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What to build and how."""

    site_root: Path
    out: Path
    strict: bool = False
    """Fail on warnings too."""
    include_drafts: bool = False
    """Show drafts (the preview server); a normal build leaves them out."""
    today: date | None = None
    """Date for 'last reviewed' warnings; default: SOURCE_DATE_EPOCH or today."""
    cache_dir: Path | None = None
    """The cache folder (outside the output folder): the preview's drawn charts, and the
    command line's record of its last build (see build/incremental.py); None: no cache."""
    workers: int = 1
    """Processes that draw charts, and render pages, in parallel."""


@dataclass(frozen=True, slots=True)
class FirstPages:
    """Pages to hand on before the rest of a build is done: those the preview's browsers show."""

    paths: frozenset[str]
    """Their output paths ('case-studies/c0/index.html')."""
    show: Callable[[dict[str, bytes]], None]
    """Called once during the build, when the pages are rendered, with those of them that
    did not need what the build makes later (pages/render.py `render_first`), and the
    files already known for certain: stylesheets, scripts, images and unchanged charts."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a successful build made."""

    pages: int
    charts: int
    files: int
    warnings: tuple[Problem, ...] = ()
    seconds: float = 0.0
    output: dict[str, bytes] = field(default_factory=dict, repr=False)
    stored: dict[str, str] = field(default_factory=dict, repr=False)
    """Output files held by the build store rather than in `output` (pages and charts the
    command line stored as they were made), by output path: their digests (cache/store.py)."""
    synonyms: tuple[tuple[str, ...], ...] = ()
    """The site's search synonyms (for indexing later, when the build did not)."""
    unchanged: bool = False
    """Nothing changed since the last build: the output folder was left as it was."""
    replaced: Path | None = None
    """The previous output, moved aside for the caller to remove (write.remove_replaced)."""


def source_date_epoch() -> int | None:
    """Return SOURCE_DATE_EPOCH if set (reproducible builds), else None."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def build_date(options: BuildOptions) -> date:
    """Return the build's 'today': the option, else SOURCE_DATE_EPOCH's day, else today."""
    epoch = source_date_epoch()
    return options.today or (date.fromtimestamp(epoch) if epoch else date.today())
