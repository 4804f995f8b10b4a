"""Preview server: build in memory, serve over HTTP on 127.0.0.1, rebuild on change, live reload."""

from __future__ import annotations

import json
import mimetypes
import secrets
import sys
import threading
import time
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

from toolkit_builder.build import BuildOptions, build_in_memory
from toolkit_builder.build.options import FirstPages
from toolkit_builder.cache.memory import BuildCache
from toolkit_builder.cache.store import linked_into
from toolkit_builder.errors import ContentError, Location, Problem
from toolkit_builder.pages.search import SearchIndexer
from toolkit_builder.preview.collector import IdleCollector
from toolkit_builder.preview.overlay import overlay_html, problems_page
from toolkit_builder.preview.pending import OpenPages, PendingFiles
from toolkit_builder.preview.responsive import responsive_threads
from toolkit_builder.preview.watch import ChangeKind, Debouncer, classify_all, start_watching

LIVE_PREFIX = "/__toolkit-builder/"
EVENTS_PATH = LIVE_PREFIX + "events"
SCRIPT_PATH = LIVE_PREFIX + "live.js"
STYLE_ONLY = frozenset({ChangeKind.STYLESHEET})
SEARCH_DELAY = 1.0
"""Seconds without a rebuild before Pagefind indexes the latest pages: saves in quick
succession are not slowed by indexing each of them (Pagefind takes both cores)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the server shows: the last good site, and the problems of the latest build."""

    files: Mapping[str, bytes] = field(default_factory=dict)
    version: int = 0
    problems: tuple[Problem, ...] = ()
    css_only: bool = False
    """The latest change touched only stylesheets: pages may swap CSS without reloading."""
    seconds: float = 0.0


class Preview:
    """Holds the current snapshot and rebuilds it; never raises on content or template errors."""

    def __init__(self, options: BuildOptions, log: Callable[[str], None] = lambda _: None) -> None:
        cache_dir = options.cache_dir
        folders = (cache_dir / "charts", cache_dir / "search") if cache_dir else ()
        if cache_dir is not None and linked_into(cache_dir, options.site_root, folders):
            log(f"cache not used: a link leads into {cache_dir}")
            cache_dir = None
        self.options = replace(options, include_drafts=True, cache_dir=cache_dir)
        self.instance = secrets.token_hex(4)
        self.rebuilds = 0
        self.cache = BuildCache()
        """What the last build made, reused where its inputs did not change."""
        if cache_dir is not None:  # keep Pagefind's copy of the pages between builds
            self.cache.search = SearchIndexer(cache_dir / "search")
        self._log = log
        self._snapshot = Snapshot()
        self._building = False
        self._built_at = 0.0
        """When the last rebuild ended (time.monotonic)."""
        self._changed = threading.Condition()
        self._build_lock = threading.Lock()
        self._collector = IdleCollector(self._build_lock)
        self.open_pages = OpenPages()
        """The pages the browsers show: a rebuild renders them first and reloads them."""
        self._pending: PendingFiles | None = None
        self._site_files: Mapping[str, bytes] = {}
        """The latest good build, without its search index."""
        self._search_files: Mapping[str, bytes] = {}
        """The search index of the latest site indexed (maybe one build behind)."""
        self._search_wanted: tuple[Mapping[str, bytes], tuple[tuple[str, ...], ...]] | None = None
        self._search_thread: threading.Thread | None = None

    @property
    def snapshot(self) -> Snapshot:
        """Return the current snapshot."""
        return self._snapshot

    def rebuild(self, changed: set[PurePosixPath] | None = None) -> Snapshot:
        """Rebuild after a change (None: everything); publish the result and wake listeners."""
        kinds = classify_all(changed) if changed is not None else None
        if kinds == set():
            return self._snapshot
        with self._build_lock:
            self.rebuilds += 1
            started = time.perf_counter()
            self._collector.pause()
            with self._changed:
                self._building = True
            before = self._snapshot
            first = None
            shown = self.open_pages.paths()
            if kinds != STYLE_ONLY and before.files and shown:
                first = FirstPages(shown, self._show_first)
            try:
                files, problems = self._build(frozenset(changed or ()), before.files, first)
                seconds = time.perf_counter() - started
                with self._changed:
                    shown_first = self._pending is not None
                    if self._pending is not None:
                        self._pending.finish(files)
                        self._pending = None
                    self._snapshot = Snapshot(
                        files,
                        # the first pages' snapshot already counted this build: no second
                        # reload, unless the rest of it failed
                        before.version + (2 if shown_first and problems else 1),
                        problems,
                        kinds == STYLE_ONLY and not problems,
                        seconds,
                    )
                    self._changed.notify_all()
            finally:
                with self._changed:
                    if self._pending is not None:  # the build raised: show what it replaced
                        self._pending.finish(before.files)
                        self._pending = None
                        self._snapshot = before
                    self._building, self._built_at = False, time.monotonic()
                    self._changed.notify_all()
                self._collector.resume_later()
            state = f"{len(problems)} problem(s)" if problems else "ok"
            self._log(f"Rebuilt in {seconds * 1000:.0f} ms: {state}")
            return self._snapshot

    def _show_first(self, files: dict[str, bytes]) -> None:
        """Show the first pages of a rebuild under way, if the browsers show any of them:
        reload them now, and have requests for other files wait for the rest."""
        if not self.open_pages.paths() & files.keys():
            return
        with self._changed:
            self._pending = PendingFiles({**files, **self._search_files})
            current = self._snapshot
            self._snapshot = Snapshot(self._pending, current.version + 1)
            self._changed.notify_all()

    def _build(
        self,
        paths: frozenset[PurePosixPath],
        shown: Mapping[str, bytes],
        first: FirstPages | None = None,
    ) -> tuple[Mapping[str, bytes], tuple[Problem, ...]]:
        """Return the files to show after a build, and its problems (then `shown`, the
        last good files)."""
        try:
            result = build_in_memory(
                self.options,
                cache=self.cache,
                changed_paths=paths,
                index_search=False,
                first=first,
            )
        except ContentError as error:
            problems = tuple(p for p in error.problems if p.is_error) or tuple(error.problems)
            return shown, problems
        except Exception as error:  # the preview must survive anything a build throws
            problem = Problem(Location(PurePosixPath("(build)")), f"internal error: {error!r}")
            return shown, (problem,)
        self._site_files = result.output
        files = {**result.output, **self._search_files}
        self._index_later(result.output, result.synonyms)
        return files, ()

    def _index_later(
        self, site_files: Mapping[str, bytes], synonyms: tuple[tuple[str, ...], ...]
    ) -> None:
        """Index the pages for search in the background, once the preview has been idle for
        SEARCH_DELAY: pages reload without waiting for it."""
        with self._changed:
            self._search_wanted = (site_files, synonyms)
            if self._search_thread is None or not self._search_thread.is_alive():
                self._search_thread = threading.Thread(target=self._index_loop, daemon=True)
                self._search_thread.start()

    def _index_loop(self) -> None:
        while True:
            with self._changed:
                self._wait_until_idle()
                wanted, self._search_wanted = self._search_wanted, None
                if wanted is None:
                    self._search_thread = None
                    self._changed.notify_all()
                    return
            site_files, synonyms = wanted
            try:
                index = self.cache.search.index(site_files, synonyms)
            except Exception as error:  # search is a convenience: the preview goes on without it
                self._log(f"Search index not updated: {error}")
                continue
            with self._changed:
                self._search_files = index
                # still the site on show (not a rebuild's first pages): add its index
                if self._site_files is site_files and self._pending is None:
                    current = self._snapshot
                    self._snapshot = replace(current, files={**site_files, **index})

    def _wait_until_idle(self) -> None:
        """Return once no rebuild has run for SEARCH_DELAY; called holding `_changed`."""
        while True:
            if self._building:
                self._changed.wait()  # the rebuild's end wakes this
                continue
            waited = time.monotonic() - self._built_at
            if waited >= SEARCH_DELAY:
                return
            self._changed.wait(SEARCH_DELAY - waited)

    def wait_built(self, timeout: float = 60) -> bool:
        """Wait until no rebuild is under way (a reload may come before its last files);
        return False at timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._building, timeout=timeout)

    def wait_for_search(self, timeout: float = 60) -> bool:
        """Wait until the search index matches the site on show; return False at timeout."""
        with self._changed:
            return self._changed.wait_for(
                lambda: self._search_thread is None and self._search_wanted is None,
                timeout=timeout,
            )

    def wait_newer(self, version: int, timeout: float) -> Snapshot:
        """Return the snapshot once its version is above `version`, or the current one at timeout."""
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot.version > version, timeout=timeout)
            return self._snapshot


def not_found_page(relative: str | None, files: Mapping[str, bytes]) -> str:
    """Return the 404 page to show for a missing path: a language's own (`cy/404.html`), or the root one."""
    folder = (relative or "").split("/", 1)[0]
    own = f"{folder}/404.html"
    return own if folder and own in files else "404.html"


def resolve_request_path(raw: str) -> str | None:
    """Return the site file a request path names (e.g. 'toolkits/x/index.html'), or None if unsafe."""
    decoded = unquote(urlsplit(raw).path)
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p not in ("", ".")]
    if ".." in parts:
        return None
    relative = "/".join(parts)
    if not relative or decoded.endswith("/"):
        relative = f"{relative}/index.html" if relative else "index.html"
    return relative


def inject(html: bytes, snapshot: Snapshot, instance: str) -> bytes:
    """Return a page with the live-reload script (and the problem overlay, if any) added."""
    extra = f'<script src="{SCRIPT_PATH}" data-version="{instance}:{snapshot.version}"></script>'
    if snapshot.problems:
        extra = overlay_html(snapshot.problems) + extra
    marker = b"</body>"
    if marker in html:
        head, _, tail = html.rpartition(marker)
        return head + extra.encode() + marker + tail
    return html + extra.encode()


LIVE_SCRIPT = """(() => {
  const tag = document.currentScript;
  let [instance, version] = tag.dataset.version.split(":");
  function connect() {
    const page = encodeURIComponent(location.pathname);
    const source = new EventSource(
      "__EVENTS__?since=" + instance + ":" + version + "&page=" + page
    );
    source.addEventListener("reload", () => location.reload());
    source.addEventListener("css", (event) => {
      version = JSON.parse(event.data).version;
      for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
        const url = new URL(link.href);
        url.searchParams.set("v", version);
        link.href = url.href;
      }
    });
    source.onerror = () => { source.close(); setTimeout(connect, 1000); };
  }
  connect();
})();
""".replace("__EVENTS__", EVENTS_PATH)


def make_handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    """Return a request handler class bound to a preview."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "toolkit-builder-preview"
        protocol_version = "HTTP/1.1"
        timeout = IDLE_SECONDS

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _send(self, status: int, body: bytes, content_type: str, head: bool = False) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _serve(self, head: bool) -> None:
            path = urlsplit(self.path).path
            if path == EVENTS_PATH:
                return self._events()
            if path == SCRIPT_PATH:
                return self._send(200, LIVE_SCRIPT.encode(), "text/javascript; charset=utf-8", head)
            snapshot = preview.snapshot
            if not snapshot.files:
                return self._send(
                    503 if snapshot.problems else 200,
                    problems_page(snapshot.problems),
                    "text/html; charset=utf-8",
                    head,
                )
            relative = resolve_request_path(self.path)
            if (
                relative is not None
                and relative not in snapshot.files
                and f"{relative}/index.html" in snapshot.files
            ):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            status = 200
            if relative is None or relative not in snapshot.files:
                status, relative = 404, not_found_page(relative, snapshot.files)
            body = snapshot.files.get(relative, b"Not found")
            content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
            if content_type == "text/html":
                body = inject(body, snapshot, preview.instance)
            if content_type.startswith("text/") or content_type in (
                "image/svg+xml",
                "application/json",
                "application/xml",
            ):
                content_type += "; charset=utf-8"
            return self._send(status, body, content_type, head)

        def _events(self) -> None:
            query = parse_qs(urlsplit(self.path).query)
            instance, _, seen = query.get("since", [":0"])[0].partition(":")
            version = int(seen) if seen.isdigit() else 0
            named = query.get("page", [""])[0]
            page = resolve_request_path(named) if named else None
            if page is None:
                return self._stream(instance, version)
            preview.open_pages.opened(page)
            try:
                return self._stream(instance, version)
            finally:
                preview.open_pages.closed(page)

        def _stream(self, instance: str, version: int) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                if instance != preview.instance:
                    # The server restarted since the page loaded: reload it.
                    self._event("reload", preview.snapshot.version)
                    return
                while True:
                    snapshot = preview.wait_newer(version, timeout=15)
                    if snapshot.version == version:
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()
                        continue
                    version = snapshot.version
                    self._event("css" if snapshot.css_only else "reload", version)
                    if not snapshot.css_only:
                        return
            except (BrokenPipeError, ConnectionResetError):
                return

        def _event(self, name: str, version: int) -> None:
            self.wfile.write(
                f"event: {name}\ndata: {json.dumps({'version': version})}\n\n".encode()
            )
            self.wfile.flush()

    return Handler


IDLE_SECONDS = 30
"""An open connection that sends nothing for this long is closed (above the 15 s live-reload
keep-alive, so the reload stream stays open)."""
HANGUPS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)
"""What a browser that closes a tab or stops a download looks like to the server."""


class PreviewServer(ThreadingHTTPServer):
    """The preview's HTTP server: a long listen queue, quiet when a client hangs up."""

    request_queue_size = 128
    """Connections the system queues before accepting (socketserver's default is 5)."""
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore clients that hung up; report anything else as the base class does."""
        if isinstance(sys.exc_info()[1], HANGUPS):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """Return a threaded HTTP server for the preview (port 0 picks a free port)."""
    return PreviewServer((host, port), make_handler(preview))


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def run_preview(
    options: BuildOptions, host: str, port: int, open_browser: bool, say: Callable[[str], None]
) -> None:
    """Build, serve and watch until interrupted (Ctrl-C); raise OSError if the port is taken."""
    with responsive_threads():
        _run_preview(options, host, port, open_browser, say)


def _run_preview(
    options: BuildOptions, host: str, port: int, open_browser: bool, say: Callable[[str], None]
) -> None:
    preview = Preview(options, log=say)
    preview.rebuild()
    server = make_server(preview, host, port)
    if host not in LOCAL_HOSTS:
        say(f"warning: serving on {host}: anyone who can reach this machine can see the preview")
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{server.server_address[1]}/"
    say(f"Previewing {options.site_root} at {url} (drafts shown; press Ctrl-C to stop)")
    debouncer = Debouncer(preview.rebuild)
    stop_watching = start_watching(options.site_root, debouncer.add)
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        say("Stopping the preview.")
    finally:
        stop_watching()
        debouncer.stop()
        server.server_close()
