"""The package ships the whole default theme, subfolders too (templates/bundle/, static/)."""

from __future__ import annotations

import tomllib

from tests.support import REPO


def test_package_data_covers_every_theme_file() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["toolkit_builder"]
    package = REPO / "toolkit_builder"
    shipped = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    theme = {p for p in (package / "templates").rglob("*") if p.is_file()}
    assert any(p.parent.name == "bundle" for p in theme)
    assert theme - shipped == set()
    assert (package / "templates").resolve() == (REPO / "templates").resolve()
