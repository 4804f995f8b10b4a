"""The preview's memory of file texts: kept while a file's status is the same and settled."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from toolkit_builder.content import textmemory
from toolkit_builder.content.textmemory import SETTLED_NS, TextMemory, memoised_reader
from toolkit_builder.errors import Problem


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each file the memoised reader really reads."""
    done: list[str] = []
    real = textmemory.read_text

    def counted(path: str, relative: str, problems: list[Problem]) -> str | None:
        done.append(relative)
        return real(path, relative, problems)

    monkeypatch.setattr(textmemory, "read_text", counted)
    return done


def settle(path: Path) -> None:
    """Date the file's modification an hour back (its change time stays now)."""
    past = time.time() - 3600
    os.utime(path, (past, past))


def build(memory: TextMemory, path: Path, clock_offset: int = 0) -> tuple[TextMemory, str | None]:
    """Read one file as a preview build does; return the memory it leaves and the text."""
    now: TextMemory = {}
    clock = lambda: time.time_ns() + clock_offset  # noqa: E731
    text = memoised_reader(memory, now, clock)(str(path), path.name, [])
    return now, text


def test_a_settled_file_is_read_once(tmp_path: Path, reads: list[str]) -> None:
    path = tmp_path / "ward.yaml"
    path.write_text("title: Ward\n")
    later = SETTLED_NS * 2  # the build runs well after the file was written
    memory, text = build({}, path, later)
    memory, again = build(memory, path, later)
    assert text == again == "title: Ward\n" and reads == ["ward.yaml"]


def test_a_file_just_written_is_read_every_build(tmp_path: Path, reads: list[str]) -> None:
    path = tmp_path / "ward.yaml"
    path.write_text("title: Ward\n")
    memory, _ = build({}, path)
    assert memory == {}  # within its clock tick a second write could keep its times
    memory, _ = build(memory, path)
    assert reads == ["ward.yaml", "ward.yaml"]


def test_a_changed_file_is_read_again_even_with_its_old_times(
    tmp_path: Path, reads: list[str]
) -> None:
    path = tmp_path / "ward.yaml"
    path.write_text("title: Ward\n")
    settle(path)
    memory, _ = build({}, path)
    before = path.stat()
    path.write_text("title: Wand\n")  # the same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same modification time
    memory, text = build(memory, path, SETTLED_NS * 2)
    assert text == "title: Wand\n" and reads == ["ward.yaml", "ward.yaml"]
    path.unlink()
    other = tmp_path / "other.yaml"
    other.write_text("x: 1\n")
    memory, _ = build(memory, other, SETTLED_NS * 2)
    assert list(memory) == [str(other)]  # a file no longer read is forgotten
