"""The preview reloads the pages its browsers show before the rest of a rebuild is done."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from toolkit_builder.build import BuildOptions
from toolkit_builder.pages.search import SearchIndexer
from toolkit_builder.preview.pending import OpenPages, PendingFiles
from toolkit_builder.preview.serve import Preview
from toolkit_builder.preview.watch import start_watching

CASE_PAGE = "case-studies/ward-3/index.html"
TOOLKIT_PAGE = "toolkits/falls/index.html"
CASE_FILE = PurePosixPath("content/case-studies/ward-3.yaml")


def test_pending_files_answer_the_first_files_at_once_and_the_rest_once_finished() -> None:
    files = PendingFiles({"a.html": b"first"})
    assert files["a.html"] == b"first" and "a.html" in files and bool(files)
    answers: list[bytes | None] = []
    reader = threading.Thread(target=lambda: answers.append(files.get("b.html")))
    reader.start()
    time.sleep(0.2)
    assert answers == [] and not files.finished  # waits for the rest of the build
    files.finish({"a.html": b"first", "b.html": b"rest"})
    reader.join(timeout=5)
    assert answers == [b"rest"]
    assert files.get("missing.html") is None and sorted(files) == ["a.html", "b.html"]


def test_open_pages_are_counted_per_tab() -> None:
    pages = OpenPages()
    pages.opened(CASE_PAGE)
    pages.opened(CASE_PAGE)
    pages.opened(TOOLKIT_PAGE)
    pages.closed(CASE_PAGE)
    pages.closed(TOOLKIT_PAGE)
    assert pages.paths() == {CASE_PAGE}
    pages.closed(CASE_PAGE)
    assert pages.paths() == frozenset()


Shown = list[tuple[int, Mapping[str, bytes], dict[str, bytes]]]


def edited_preview(site: Path) -> tuple[Preview, Shown]:
    """Return a built preview with the case study's and the toolkit's pages open, and the
    list where each first-pages snapshot is recorded: its version, its files, and the
    files it had when it was shown."""
    preview = Preview(BuildOptions(site, site / "output"))
    preview.rebuild()
    preview.open_pages.opened(CASE_PAGE)
    preview.open_pages.opened(TOOLKIT_PAGE)
    shown: Shown = []
    show = preview._show_first

    def record(files: dict[str, bytes]) -> None:
        show(files)
        shown.append((preview.snapshot.version, preview.snapshot.files, dict(files)))

    preview._show_first = record  # type: ignore[method-assign]
    return preview, shown


def test_the_open_page_comes_first_and_is_the_page_the_build_makes(site_copy: Path) -> None:
    preview, shown = edited_preview(site_copy)
    before = preview.snapshot
    case = site_copy / CASE_FILE
    case.write_text(case.read_text().replace("Falls fell from 8 to 5", "Falls fell from 9 to 4"))
    preview.rebuild({CASE_FILE})
    after = preview.snapshot
    [(version, files, at_first)] = shown
    assert version == after.version == before.version + 1  # one reload, at the first pages
    assert b"Falls fell from 9 to 4" in at_first[CASE_PAGE]
    assert at_first[CASE_PAGE] == after.files[CASE_PAGE]
    # the toolkit page shows its bundle's size: it waits for the bundle, with the rest
    assert TOOLKIT_PAGE not in at_first and not any(p.endswith(".zip") for p in at_first)
    assert files[TOOLKIT_PAGE] == after.files[TOOLKIT_PAGE]  # answered once finished
    assert any(p.endswith(".css") for p in at_first)  # the stylesheet need not wait


def test_a_rebuild_failing_after_its_first_pages_reloads_again_with_the_problem(
    site_copy: Path,
) -> None:
    preview, shown = edited_preview(site_copy)
    before = preview.snapshot
    broken = site_copy / "templates" / "toolkit.html"
    broken.parent.mkdir()
    broken.write_text('{% extends "base.html" %}{% block content %}{{ no.such() }}{% endblock %}')
    preview.rebuild({PurePosixPath("templates/toolkit.html")})
    after = preview.snapshot
    [(version, files, at_first)] = shown
    assert version == before.version + 1 and after.version == before.version + 2
    assert after.problems and "template error" in after.problems[0].message
    assert CASE_PAGE in at_first and TOOLKIT_PAGE not in at_first
    assert files[TOOLKIT_PAGE] == before.files[TOOLKIT_PAGE]  # the last good page
    assert after.files is before.files


def test_a_failing_check_shows_no_first_pages(site_copy: Path) -> None:
    preview, shown = edited_preview(site_copy)
    case = site_copy / CASE_FILE
    case.write_text(case.read_text().replace("title:", "title: [", 1))
    preview.rebuild({CASE_FILE})
    assert shown == [] and preview.snapshot.problems


def test_reading_the_site_is_not_a_change(site_copy: Path) -> None:
    changes: list[PurePosixPath] = []
    stop = start_watching(site_copy, changes.append)
    try:
        for path in sorted((site_copy / "content").rglob("*.yaml")):
            path.read_bytes()
        time.sleep(0.5)
        assert changes == []
        case = site_copy / CASE_FILE
        case.write_text(case.read_text() + "\n")
        deadline = time.monotonic() + 5
        while CASE_FILE not in changes and time.monotonic() < deadline:
            time.sleep(0.05)
        assert CASE_FILE in changes
    finally:
        stop()


def test_a_welsh_page_on_show_comes_first_in_welsh(site_copy: Path) -> None:
    preview, shown = edited_preview(site_copy)
    preview.open_pages.opened("cy/" + CASE_PAGE)
    welsh = PurePosixPath("content/case-studies/ward-3.cy.yaml")
    case = site_copy / welsh
    case.write_text(case.read_text().replace("o 8 i 5", "o 9 i 4"))
    preview.rebuild({welsh})
    [(_, _, at_first)] = shown
    page = at_first["cy/" + CASE_PAGE]
    assert b"o 9 i 4" in page and b'lang="cy"' in page
    assert page == preview.snapshot.files["cy/" + CASE_PAGE]
    assert at_first[CASE_PAGE] == preview.snapshot.files[CASE_PAGE]  # English, unchanged


class HeldIndexer(SearchIndexer):
    """A search index that is made only when released, as a slow Pagefind would be."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def index(self, output: Mapping[str, bytes], synonyms: object) -> dict[str, bytes]:
        self.entered.set()
        assert self.release.wait(30)
        return {"pagefind/pagefind.js": b"// the index of the build before"}


def test_an_index_finished_during_a_rebuild_leaves_its_first_pages_on_show(
    site_copy: Path,
) -> None:
    preview = Preview(BuildOptions(site_copy, site_copy / "output"))
    indexer = HeldIndexer()
    preview.cache.search = indexer
    preview.rebuild()
    assert indexer.entered.wait(30)  # the first build's index is being made
    preview.open_pages.opened(CASE_PAGE)
    seen: list[bytes] = []
    show = preview._show_first

    def show_then_index(files: dict[str, bytes]) -> None:
        show(files)
        indexer.release.set()  # the index of the build before ends while this one goes on
        deadline = time.monotonic() + 30
        while "pagefind/pagefind.js" not in preview._search_files:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.1)  # the index thread adds its files to the site on show, if any
        seen.append(preview.snapshot.files[CASE_PAGE])

    preview._show_first = show_then_index  # type: ignore[method-assign]
    case = site_copy / CASE_FILE
    case.write_text(case.read_text().replace("Falls fell from 8 to 5", "Falls fell from 9 to 4"))
    preview.rebuild({CASE_FILE})
    assert len(seen) == 1 and b"Falls fell from 9 to 4" in seen[0]
    assert preview.snapshot.files["pagefind/pagefind.js"].startswith(b"// the index")
