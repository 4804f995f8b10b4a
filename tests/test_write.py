"""The writer: temporary folders of killed builds are cleared, and only those."""

from __future__ import annotations

import os
from pathlib import Path

from toolkit_builder.write import MARKER, manifest_text, write_site

DEAD = 2**22 + 12345  # above the default pid_max: no process has this id


def _killed_build(parent: Path, name: str, files: dict[str, str]) -> Path:
    folder = parent / name
    folder.mkdir()
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text)
    return folder


def test_next_build_clears_what_killed_builds_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ours = _killed_build(tmp_path, f".out.new-{DEAD}-a1", {MARKER: manifest_text(["a.html"])})
    (ours / "a.html").write_text("x")
    empty = _killed_build(tmp_path, f".out.new-{DEAD}-b2", {})
    old = _killed_build(tmp_path, f".out.old-{DEAD}-c3", {"site/" + MARKER: manifest_text([])})
    write_site({"index.html": b"1"}, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert not ours.exists() and not empty.exists() and not old.exists()


def test_folders_of_running_builds_and_of_other_work_stay(tmp_path: Path) -> None:
    running = _killed_build(tmp_path, f".out.new-{os.getppid()}-a1", {MARKER: manifest_text([])})
    holding = _killed_build(
        tmp_path, f".out.new-{DEAD}-b2", {MARKER: manifest_text([]), ".git/HEAD": "ref"}
    )
    other = _killed_build(tmp_path, ".out.new-notapid", {MARKER: manifest_text([])})
    write_site({"index.html": b"1"}, tmp_path / "out")
    assert running.is_dir() and (holding / ".git" / "HEAD").is_file() and other.is_dir()
