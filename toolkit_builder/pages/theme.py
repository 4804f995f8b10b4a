"""Find the default theme and a site's overrides; build the Jinja environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined
from markupsafe import Markup

from toolkit_builder.language.localise import Fallback

PACKAGE_THEME = Path(__file__).resolve().parents[1] / "templates"
"""The default theme shipped inside the package (templates and static/)."""


def theme_folders(site_root: Path) -> list[Path]:
    """Return the template folders to search, the site's own first."""
    folders = []
    own = site_root / "templates"
    if own.is_dir() and own.resolve() != PACKAGE_THEME.resolve():
        folders.append(own)
    folders.append(PACKAGE_THEME)
    return folders


def mark_fallback(value: Any) -> Any:
    """Return untranslated text wrapped in a span naming its language; other values as they are."""
    if isinstance(value, Fallback):
        mark = " data-fallback" if value.notice else ""
        return Markup('<span lang="{}"{}>{}</span>').format(value.lang, Markup(mark), value)
    return value


def plain_text(value: Any) -> str:
    """Return a value as a plain string, for attributes (where no span can go)."""
    return str.__str__(value) if isinstance(value, str) else str(value)


def make_environment(folders: list[Path]) -> Environment:
    """Return a Jinja environment with autoescape, strict undefined, i18n and theme overrides.

    Text shown in the default language for want of a translation is marked with
    its `lang` wherever a template prints it; in attributes, templates use `|plain`.
    """
    default = FileSystemLoader(str(PACKAGE_THEME))
    loader = ChoiceLoader(
        [
            *(FileSystemLoader(str(f)) for f in folders),
            PrefixLoader({"default": default}),
        ]
    )
    env = Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        finalize=mark_fallback,
    )
    env.filters["plain"] = plain_text
    env.filters["marked"] = mark_fallback  # for values passed into {% trans %} and _()
    # The source language until a page's language installs its own catalogue.
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    return env


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
