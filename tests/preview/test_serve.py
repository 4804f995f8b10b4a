"""Preview server: serves the last good site, rebuilds on change, reports problems, stays safe."""

from __future__ import annotations

import gzip
import http.client
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from toolkit_builder.build import BuildOptions
from toolkit_builder.pages.search import SearchIndexer
from toolkit_builder.preview import serve
from toolkit_builder.preview.serve import EVENTS_PATH, Preview, make_server, resolve_request_path
from toolkit_builder.preview.watch import (
    ChangeKind,
    Debouncer,
    classify,
    classify_all,
    is_ignored,
    start_watching,
)


@dataclass
class Running:
    """A preview server running on a free port."""

    preview: Preview
    base: str
    port: int

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for the preview")
            time.sleep(0.05)


@pytest.fixture
def running(site_copy: Path) -> Iterator[Running]:
    preview = Preview(BuildOptions(site_copy, site_copy / "output"))
    preview.rebuild()
    server = make_server(preview, "127.0.0.1", 0)
    debouncer = Debouncer(preview.rebuild, quiet=0.2)
    stop = start_watching(site_copy, debouncer.add)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    yield Running(preview, f"http://127.0.0.1:{port}", port)
    stop()
    debouncer.stop()
    server.shutdown()
    server.server_close()
    # Pagefind may be indexing the last edit: let it finish before its scratch folder goes
    assert preview.wait_for_search()


def read_event(port: int, since: str, timeout: float = 10.0) -> str:
    """Return the name of the next server-sent event after version `since`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", f"{EVENTS_PATH}?since={since}")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    while True:
        line = response.fp.readline().decode()
        if line.startswith("event: "):
            connection.close()
            return line.removeprefix("event: ").strip()


def test_edit_serves_new_text_and_sends_reload(running: Running, site_copy: Path) -> None:
    status, page = running.get("/case-studies/ward-3/")
    assert (
        status == 200 and "Falls fell from 8 to 5" in page and "/__toolkit-builder/live.js" in page
    )
    snapshot = running.preview.snapshot
    events: list[str] = []
    listener = threading.Thread(
        target=lambda: events.append(
            read_event(running.port, f"{running.preview.instance}:{snapshot.version}")
        )
    )
    listener.start()
    time.sleep(0.3)
    case = site_copy / "content" / "case-studies" / "ward-3.yaml"
    case.write_text(case.read_text().replace("Falls fell from 8 to 5", "Falls fell from 9 to 4"))
    listener.join(timeout=15)
    assert events == ["reload"]
    assert "Falls fell from 9 to 4" in running.get("/case-studies/ward-3/")[1]


def test_broken_yaml_shows_overlay_and_keeps_last_good_page(
    running: Running, site_copy: Path
) -> None:
    measure = site_copy / "content" / "measures" / "restraint-days.yaml"
    good = measure.read_text()
    version = running.preview.snapshot.version
    measure.write_text(good.replace("chart: c", "chart: [c"))
    running.wait_for(lambda: running.preview.snapshot.version > version)
    status, page = running.get("/toolkits/falls/")
    assert status == 200 and "Preventing falls" in page
    assert 'id="toolkit-builder-problems"' in page
    assert "content/measures/restraint-days.yaml:7:12: YAML syntax error" in page
    version = running.preview.snapshot.version
    measure.write_text(good)
    running.wait_for(lambda: running.preview.snapshot.version > version)
    assert 'id="toolkit-builder-problems"' not in running.get("/toolkits/falls/")[1]


def test_a_burst_of_writes_causes_at_most_two_rebuilds(running: Running, site_copy: Path) -> None:
    before = running.preview.rebuilds
    page = site_copy / "content" / "pages" / "about.md"
    text = page.read_text()
    for index in range(50):
        page.write_text(text + f"\nEdit {index}.\n")
    running.wait_for(lambda: "Edit 49." in running.get("/about/")[1])
    time.sleep(0.6)
    assert 1 <= running.preview.rebuilds - before <= 2


@pytest.mark.parametrize(
    "path",
    [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/..%2f..%2fetc/passwd",
        "/%252e%252e/site.yaml",
        "/static/..%5c..%5csite.yaml",
        "/no-such-page/",
    ],
)
def test_unknown_and_traversal_paths_get_the_404_page(running: Running, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    assert response.status == 404
    assert "Page not found" in body and "title:" not in body


def test_a_missing_welsh_page_gets_the_welsh_404_page(running: Running) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=5)
    connection.request("GET", "/cy/no-such-page/")
    response = connection.getresponse()
    body = response.read().decode()
    assert response.status == 404
    assert '<html lang="cy">' in body and "Heb ddod o hyd i&#39;r dudalen" in body


def test_welsh_pages_are_served_and_drafts_show_in_both_languages(
    running: Running, site_copy: Path
) -> None:
    status, page = running.get("/cy/toolkits/falls/")
    assert status == 200 and "Atal cwympiadau" in page
    case = site_copy / "content" / "case-studies" / "eastbay-falls.yaml"
    version = running.preview.snapshot.version
    case.write_text(case.read_text() + "status: draft\n")
    running.wait_for(lambda: running.preview.snapshot.version > version)
    status, page = running.get("/cy/case-studies/eastbay-falls/")
    assert status == 200 and "Drafft - heb ei gyhoeddi" in page


def test_content_types_and_drafts(running: Running, site_copy: Path) -> None:
    with urllib.request.urlopen(running.base + "/static/style.css", timeout=5) as response:
        assert response.headers["Content-Type"] == "text/css; charset=utf-8"
    with urllib.request.urlopen(
        running.base + "/toolkits/falls/driver-diagram.svg", timeout=5
    ) as response:
        assert response.headers["Content-Type"].startswith("image/svg+xml")
    case = site_copy / "content" / "case-studies" / "eastbay-falls.yaml"
    version = running.preview.snapshot.version
    case.write_text(case.read_text() + "status: draft\n")
    running.wait_for(lambda: running.preview.snapshot.version > version)
    status, page = running.get("/case-studies/eastbay-falls/")
    assert status == 200 and "Draft - not published" in page
    assert not (site_copy / "output").exists()


def test_request_path_resolution() -> None:
    assert resolve_request_path("/") == "index.html"
    assert resolve_request_path("/toolkits/falls/?x=1") == "toolkits/falls/index.html"
    assert resolve_request_path("/static/style.css") == "static/style.css"
    assert resolve_request_path("/a/../b") is None
    assert resolve_request_path("/a%00b") is None


def test_change_classification() -> None:
    assert classify(PurePosixPath("site.yaml")) is ChangeKind.CONFIG
    assert classify(PurePosixPath("site.cy.yaml")) is ChangeKind.CONFIG
    assert classify(PurePosixPath("website.yaml")) is None
    assert classify(PurePosixPath("content/data/x.xlsx")) is ChangeKind.DATA
    assert classify(PurePosixPath("content/data/x.csv")) is ChangeKind.DATA
    assert classify(PurePosixPath("content/case-studies/x.yaml")) is ChangeKind.CONTENT
    assert classify(PurePosixPath("templates/static/style.css")) is ChangeKind.STYLESHEET
    assert classify(PurePosixPath("templates/toolkit.html")) is ChangeKind.TEMPLATE
    assert classify(PurePosixPath("README.md")) is None
    assert is_ignored(PurePosixPath("output/index.html"))
    assert is_ignored(PurePosixPath("content/.x.yaml.swp"))
    assert classify_all([PurePosixPath("output/a.html"), PurePosixPath(".cache/x")]) == set()


def indexed_text(files: Mapping[str, bytes]) -> bytes:
    """Return the text of every page in the search index (Pagefind's fragments, unzipped)."""
    return b"".join(
        gzip.decompress(data) for name, data in files.items() if name.endswith(".pf_fragment")
    )


def test_search_index_follows_edits_without_delaying_the_reload(site_copy: Path) -> None:
    preview = Preview(BuildOptions(site_copy, site_copy / "output", cache_dir=site_copy / ".c"))
    preview.rebuild()
    assert preview.wait_for_search()
    assert b"Zanzibarian" not in indexed_text(preview.snapshot.files)
    case = site_copy / "content" / "case-studies" / "ward-3.yaml"
    case.write_text(case.read_text().replace("Falls fell", "Zanzibarian falls fell"))
    preview.rebuild({PurePosixPath("content/case-studies/ward-3.yaml")})
    page = preview.snapshot.files["case-studies/ward-3/index.html"]
    assert b"Zanzibarian" in page  # the page is on show before the index is rebuilt
    assert preview.wait_for_search()
    assert b"Zanzibarian" in indexed_text(preview.snapshot.files)


def test_saves_in_quick_succession_are_indexed_once_the_preview_is_idle(
    site_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve, "SEARCH_DELAY", 0.5)
    indexed: list[Mapping[str, bytes]] = []
    index = SearchIndexer.index

    def counted(self: SearchIndexer, output: Mapping[str, bytes], synonyms: object) -> object:
        indexed.append(output)
        return index(self, output, synonyms)  # type: ignore[arg-type]

    monkeypatch.setattr(SearchIndexer, "index", counted)
    preview = Preview(BuildOptions(site_copy, site_copy / "output", cache_dir=site_copy / ".c"))
    preview.rebuild()
    case = site_copy / "content" / "case-studies" / "ward-3.yaml"
    original = case.read_text()
    for word in ("Alpha", "Bravo", "Zanzibarian"):  # each save follows the last reload at once
        case.write_text(original.replace("Falls fell", f"{word} falls fell"))
        preview.rebuild({PurePosixPath("content/case-studies/ward-3.yaml")})
        assert word.encode() in preview.snapshot.files["case-studies/ward-3/index.html"]
    assert preview.wait_for_search()
    assert len(indexed) == 1  # not the first build, nor the saves before the last
    text = indexed_text(preview.snapshot.files)
    assert b"Zanzibarian" in text and b"Bravo" not in text


def test_the_event_stream_counts_the_page_it_names(running: Running) -> None:
    since = f"{running.preview.instance}:{running.preview.snapshot.version}"
    named = http.client.HTTPConnection("127.0.0.1", running.port, timeout=5)
    named.request("GET", f"{EVENTS_PATH}?since={since}&page=/case-studies/ward-3/")
    named.getresponse()
    unnamed = http.client.HTTPConnection("127.0.0.1", running.port, timeout=5)
    unnamed.request("GET", f"{EVENTS_PATH}?since={since}")
    unnamed.getresponse()
    assert running.preview.open_pages.paths() == {"case-studies/ward-3/index.html"}
    named.close()
    unnamed.close()


@pytest.mark.parametrize("linked", [".cache", ".cache/toolkit-builder/charts"])
def test_a_cache_reached_through_a_link_is_not_used(
    site_copy: Path, tmp_path: Path, linked: str
) -> None:
    """The preview reads and writes its charts and Pagefind's copies there: a link into it
    from the site folder (a content repository could commit one) means no cache at all."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site_copy / linked).parent.mkdir(parents=True, exist_ok=True)
    (site_copy / linked).symlink_to(elsewhere, target_is_directory=True)
    said: list[str] = []
    cache = site_copy / ".cache/toolkit-builder"
    preview = Preview(BuildOptions(site_copy, site_copy / "output", cache_dir=cache), said.append)
    assert preview.options.cache_dir is None
    assert said == [f"cache not used: a link leads into {cache}"]
    plain = Preview(BuildOptions(site_copy, site_copy / "output", cache_dir=tmp_path / "own"))
    assert plain.options.cache_dir == tmp_path / "own"
