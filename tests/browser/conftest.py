"""Browser tests drive Debian's Chromium with Playwright; browsers are never downloaded.

Without /usr/bin/chromium these tests skip with a reason, unless REQUIRE_BROWSER=1
(set by .ci/run), where a missing browser fails the run.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route

from toolkit_builder.build import BuildOptions, build
from toolkit_builder.preview.serve import Preview, make_server
from toolkit_builder.preview.watch import Debouncer, start_watching

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOCAL = ("127.0.0.1", "localhost", "[::1]")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium, offline and headless."""
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and REQUIRE_BROWSER=1")
        pytest.skip(message + "; browser tests skipped")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@dataclass
class Requests:
    """Every URL a page asked for, and those that would have left this machine."""

    seen: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture
def requests_log(page: Page) -> Requests:
    """Record every request of the page and block any that would leave localhost."""
    log = Requests()

    def handle(route: Route) -> None:
        url = route.request.url
        log.seen.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in (
            "127.0.0.1",
            "localhost",
            "::1",
        ):
            log.outside.append(url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", handle)
    return log


@dataclass
class PreviewServer:
    """A preview server on a free port."""

    preview: Preview
    url: str


@pytest.fixture
def preview_server(site_copy: Path) -> Iterator[PreviewServer]:
    """Run the preview server of a copy of the fixture site."""
    preview = Preview(BuildOptions(site_copy, site_copy / "output"))
    preview.rebuild()
    assert preview.wait_for_search()
    server = make_server(preview, "127.0.0.1", 0)
    debouncer = Debouncer(preview.rebuild, quiet=0.1)
    stop = start_watching(site_copy, debouncer.add)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield PreviewServer(preview, f"http://127.0.0.1:{server.server_address[1]}/")
    stop()
    debouncer.stop()
    server.shutdown()
    server.server_close()
    # Pagefind may be indexing the last edit: let it finish before its scratch folder goes
    assert preview.wait_for_search()


@dataclass
class StaticHost:
    """The example site built once and served by a plain static web server under a subpath."""

    root: Path
    """The built site on disk."""
    site: str
    """Its address: http://127.0.0.1:<port>/some/sub/path/"""


SUBPATH = "some/sub/path"


@pytest.fixture(scope="session")
def example_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticHost]:
    """Build the bundled example site and serve it from /some/sub/path/ on a free port."""
    served = tmp_path_factory.mktemp("host")
    root = served / SUBPATH
    repo = Path(__file__).parents[2]
    build(BuildOptions(repo, root))
    handler = functools.partial(QuietHandler, directory=str(served))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield StaticHost(root, f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/")
    server.shutdown()
    server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file server that does not log every request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass
