"""The tool's fingerprint: another version, another file of the tool or another
installed distribution is another tool, whose cache entries are not used."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from toolkit_builder.cache.fingerprint import (
    PACKAGE,
    import_path,
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


def test_the_working_folder_python_m_puts_first_is_not_an_installation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m toolkit_builder` from the repository's root (which holds the editable
    install's .egg-info) and from elsewhere is the same tool: one cache serves both."""
    root, elsewhere = tmp_path / "repository", tmp_path / "elsewhere"
    (root / "toolkit_builder.egg-info").mkdir(parents=True)
    elsewhere.mkdir()
    rest = [p for p in sys.path if p not in ("", str(Path.cwd()))]
    fingerprints = []
    for folder in (root, elsewhere):
        monkeypatch.chdir(folder)
        monkeypatch.setattr(sys, "path", [str(folder), *rest])
        assert import_path() == rest
        fingerprints.append(tool_fingerprint("0.1.0"))
    assert fingerprints[0] == fingerprints[1]
