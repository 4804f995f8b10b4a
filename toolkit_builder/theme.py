"""Find the default theme and a site's overrides; build the Jinja environment."""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined

PACKAGE_THEME = Path(__file__).parent / "templates"
"""The default theme shipped inside the package (templates and static/)."""


def theme_folders(site_root: Path) -> list[Path]:
    """Return the template folders to search, the site's own first."""
    folders = []
    own = site_root / "templates"
    if own.is_dir() and own.resolve() != PACKAGE_THEME.resolve():
        folders.append(own)
    folders.append(PACKAGE_THEME)
    return folders


def make_environment(folders: list[Path]) -> Environment:
    """Return a Jinja environment with autoescape, strict undefined and theme overrides."""
    default = FileSystemLoader(str(PACKAGE_THEME))
    loader = ChoiceLoader(
        [
            *(FileSystemLoader(str(f)) for f in folders),
            PrefixLoader({"default": default}),
        ]
    )
    return Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def read_static_files(folders: list[Path]) -> dict[str, bytes]:
    """Return the theme's static files by output path (`static/...`), overrides winning."""
    files: dict[str, bytes] = {}
    for folder in reversed(folders):
        static = folder / "static"
        if not static.is_dir():
            continue
        for path in sorted(static.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files["static/" + path.relative_to(static).as_posix()] = path.read_bytes()
    return dict(sorted(files.items()))
