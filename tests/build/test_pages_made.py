"""The command line's early write (build_in_memory's `pages_made`): what it gets, and a
failure there stops the drawing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from tests.support import FIXTURE_SITE
from toolkit_builder.build import BuildOptions, build_in_memory
from toolkit_builder.charts.batch import PendingCharts
from toolkit_builder.pages.search import SearchIndexer

Told = Callable[[Path | None], None]


def test_pages_made_gets_final_files_and_none_that_come_later() -> None:
    calls: list[dict[str, bytes]] = []

    def keep(output: Mapping[str, bytes], stored: Mapping[str, str], written: Told) -> None:
        calls.append(dict(output))
        assert stored == {}  # nothing is stored without a build store

    result = build_in_memory(BuildOptions(FIXTURE_SITE, Path("unused")), pages_made=keep)
    pages, search = calls  # the pages, then the search index's files once Pagefind is done
    assert "case-studies/ward-3/index.html" in pages and "static/style.css" in pages
    assert not any(name.startswith("pagefind/") for name in pages)
    assert search and all(name.startswith("pagefind/") for name in search)
    early = {**pages, **search}
    assert not any(name.endswith(".svg") and name.startswith("charts/") for name in early)
    assert all(result.output[name] is data for name, data in early.items())
    assert set(result.output) - set(early)  # the charts came after


def test_the_index_reads_the_pages_where_pages_made_wrote_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Told the folder the pages are in, the index reads them there (the fixture site
    has no synonyms), and is the index of the pages' copies (made when it is not told)."""
    read: list[Path] = []
    original = SearchIndexer._run

    def run(self: SearchIndexer, folder: Path, pages: Path | None = None) -> dict[str, bytes]:
        read.append(pages or folder / "site")
        return original(self, folder, pages)

    def write(output: Mapping[str, bytes], stored: Mapping[str, str], written: Told) -> None:
        for name, data in output.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes(data)
        written(tmp_path)

    monkeypatch.setattr(SearchIndexer, "_run", run)
    told = build_in_memory(BuildOptions(FIXTURE_SITE, Path("unused")), pages_made=write)
    assert read == [tmp_path]
    copied = build_in_memory(BuildOptions(FIXTURE_SITE, Path("unused")))
    assert read[1].name == "site"  # not told: Pagefind read copies
    index = {n: d for n, d in told.output.items() if n.startswith("pagefind/")}
    assert index and index == {n: d for n, d in copied.output.items() if n.startswith("pagefind/")}


def test_a_failed_search_index_stops_the_drawing_and_is_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cancelled: list[bool] = []
    monkeypatch.setattr(PendingCharts, "cancel", lambda self: cancelled.append(True))

    def fail(*_: object) -> dict[str, bytes]:
        raise RuntimeError("pagefind failed")

    monkeypatch.setattr(SearchIndexer, "index", fail)
    with pytest.raises(RuntimeError, match="pagefind failed"):
        build_in_memory(BuildOptions(FIXTURE_SITE, Path("unused")), pages_made=lambda *_: None)
    assert cancelled == [True]


def test_a_failure_in_pages_made_stops_the_drawing_and_is_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cancelled: list[bool] = []
    monkeypatch.setattr(PendingCharts, "cancel", lambda self: cancelled.append(True))

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        build_in_memory(BuildOptions(FIXTURE_SITE, Path("unused")), pages_made=refuse)
    assert cancelled == [True]
