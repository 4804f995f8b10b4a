"""Every folder of tests runs: none matches a pattern pytest skips when it collects.

pytest's default `norecursedirs` skips folders named `build`, `dist` and others; the
tests of toolkit_builder/build/ sat in tests/build/ and `make test` never ran them.
"""

from __future__ import annotations

from fnmatch import fnmatch

import pytest

from tests.support import REPO


def test_no_folder_of_tests_is_skipped_by_collection(pytestconfig: pytest.Config) -> None:
    skipped = pytestconfig.getini("norecursedirs")
    folders = {
        path.parent.relative_to(REPO).as_posix() for path in (REPO / "tests").rglob("test_*.py")
    }
    assert "tests/build" in folders
    hidden = sorted(
        folder
        for folder in folders
        if any(fnmatch(part, pattern) for part in folder.split("/") for pattern in skipped)
    )
    assert hidden == []
