"""Files of the caches are read back as regular files only, never through a link."""

from __future__ import annotations

import os
from pathlib import Path

from toolkit_builder.regularfile import CHUNK, read_regular


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    data = bytes(range(256)) * (CHUNK // 256 * 2 + 3)  # more than two reads
    (tmp_path / "file").write_bytes(data)
    assert read_regular(tmp_path / "file") == data
    assert read_regular(tmp_path / "file", limit=len(data)) == data


def test_anything_else_is_none(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"secret")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    os.mkfifo(tmp_path / "pipe")  # opened to read, it would wait for a writer for ever
    (tmp_path / "folder").mkdir()
    assert read_regular(tmp_path / "link") is None
    assert read_regular(tmp_path / "pipe") is None
    assert read_regular(tmp_path / "folder") is None
    assert read_regular(tmp_path / "missing") is None
    assert read_regular(tmp_path / "real", limit=5) is None
