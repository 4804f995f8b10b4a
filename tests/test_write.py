"""The writer: temporary folders of killed builds are cleared, and only those."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit_builder import write
from toolkit_builder.write import MARKER, file_stamps, manifest_text, remove_replaced, write_site

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


def test_linked_files_share_the_previous_file_and_the_old_folder_waits(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_site({"a.html": b"A", "b/c.html": b"C"}, out)
    previous = out / "a.html"
    inode = os.stat(previous).st_ino
    replaced = write_site({"b/c.html": b"C2"}, out, links={"a.html": previous}, keep_replaced=True)
    assert (out / "a.html").read_bytes() == b"A"
    assert os.stat(out / "a.html").st_ino == inode
    assert (out / "b/c.html").read_bytes() == b"C2"
    assert replaced is not None and (replaced / "site/b/c.html").read_bytes() == b"C"
    remover = remove_replaced(replaced)
    assert remover is not None and remover.wait() == 0
    assert not replaced.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_file_that_cannot_be_linked_is_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "kept.html"
    source.write_bytes(b"kept")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no links here")

    monkeypatch.setattr(write.os, "link", refuse)
    write_site({}, tmp_path / "out", links={"kept.html": source})
    assert (tmp_path / "out/kept.html").read_bytes() == b"kept"
    assert os.stat(tmp_path / "out/kept.html").st_ino != os.stat(source).st_ino


def test_stamps_are_taken_of_regular_files_only(tmp_path: Path) -> None:
    write_site({"a.html": b"AAA"}, tmp_path / "out")
    (tmp_path / "out/link.html").symlink_to(tmp_path / "out/a.html")
    stamps = file_stamps(tmp_path / "out", ["a.html", "link.html", "missing.html"])
    info = os.stat(tmp_path / "out/a.html")
    assert stamps == {"a.html": (3, info.st_mtime_ns, info.st_ino)}


def test_a_site_staged_in_parts_is_the_site_written_at_once(tmp_path: Path) -> None:
    at_once, in_parts = tmp_path / "a" / "out", tmp_path / "b" / "out"
    write_site({"index.html": b"1", "x/y.svg": b"2", "z.css": b"3"}, at_once)
    staged = write.StagedSite(in_parts)
    assert not in_parts.parent.exists()  # nothing is touched before the first write
    staged.write({"index.html": b"1", "z.css": b"3"})
    staged.write({"index.html": b"changed", "x/y.svg": b"2"})  # a name written stays
    assert "index.html" in staged and not in_parts.exists()
    assert staged.finish() is None
    assert {p.relative_to(at_once) for p in at_once.rglob("*")} == {
        p.relative_to(in_parts) for p in in_parts.rglob("*")
    }
    for path in at_once.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (in_parts / path.relative_to(at_once)).read_bytes()
    assert sorted(p.name for p in in_parts.parent.iterdir()) == ["out"]


def test_a_discarded_site_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_site({"index.html": b"1"}, out)
    staged = write.StagedSite(out)
    staged.write({"index.html": b"2", "new.html": b"3"})
    assert len(list(tmp_path.iterdir())) == 2  # the output and the staged folder
    staged.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html"]
    assert (out / "index.html").read_bytes() == b"1"
