"""The tool's fingerprint: another version, another file of the tool or another
installed distribution is another tool, whose cache entries are not used."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit_builder.cache.fingerprint import (
    PACKAGE,
    installed_distributions,
    settings_digest,
    tool_fingerprint,
)


def _package(tmp_path: Path) -> Path:
    copy = tmp_path / "toolkit_builder"
    shutil.copytree(PACKAGE / "locales", copy / "locales")
    shutil.copy(PACKAGE / "__init__.py", copy / "__init__.py")
    return copy


def test_the_fingerprint_changes_with_the_version_and_any_file_of_the_tool(
    tmp_path: Path,
) -> None:
    package = _package(tmp_path)
    paths = [str(tmp_path / "site-packages")]
    first = tool_fingerprint("0.1.0", package, paths)
    assert tool_fingerprint("0.1.0", package, paths) == first
    assert tool_fingerprint("0.2.0", package, paths) != first
    catalogue = package / "locales/cy/LC_MESSAGES/messages.po"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n#\n", encoding="utf-8")
    edited = tool_fingerprint("0.1.0", package, paths)
    assert edited != first
    (package / "__pycache__").mkdir()
    (package / "__pycache__/x.cpython-311.pyc").write_bytes(b"compiled")
    assert tool_fingerprint("0.1.0", package, paths) == edited  # compiled files do not count
    (package / "new.py").write_text("")
    assert tool_fingerprint("0.1.0", package, paths) != edited


def test_another_installed_distribution_is_another_tool(tmp_path: Path) -> None:
    packages = tmp_path / "site-packages"
    (packages / "Jinja2-3.1.6.dist-info").mkdir(parents=True)
    (packages / "jinja2").mkdir()
    package = _package(tmp_path)
    first = tool_fingerprint("0.1.0", package, [str(packages)])
    assert installed_distributions([str(packages), str(tmp_path / "missing")]) == [
        "Jinja2-3.1.6.dist-info"
    ]
    (packages / "Jinja2-3.1.6.dist-info").rename(packages / "Jinja2-3.1.7.dist-info")
    assert tool_fingerprint("0.1.0", package, [str(packages)]) != first


def test_settings_digest_depends_on_every_setting_not_their_order() -> None:
    base = {"strict": "False", "today": "2026-01-01"}
    assert settings_digest(base) == settings_digest(dict(reversed(base.items())))
    assert settings_digest(base) != settings_digest({**base, "today": "2026-01-02"})
