"""Preview server under load: many clients at once, clients that hang up, idle connections."""

from __future__ import annotations

import shutil
import socket
import struct
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support import FIXTURE_SITE
from toolkit_builder.build import BuildOptions
from toolkit_builder.preview import serve
from toolkit_builder.preview.serve import Preview, make_server


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """Return the port of a preview server of the fixture site (idle timeout 1 s)."""
    site = tmp_path_factory.mktemp("load") / "site"
    shutil.copytree(FIXTURE_SITE, site)
    preview = Preview(BuildOptions(site, site / "output"))
    preview.rebuild()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(serve, "IDLE_SECONDS", 1)
        server = make_server(preview, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _get(port: int, path: str = "/") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        return b"".join(iter(lambda: client.recv(65536), b""))


def test_a_burst_of_clients_is_queued_not_refused(port: int) -> None:
    with ThreadPoolExecutor(max_workers=64) as pool:
        answers = list(pool.map(lambda _: _get(port), range(256)))
    assert all(answer.startswith(b"HTTP/1.1 200 ") for answer in answers)
    assert serve.PreviewServer.request_queue_size >= 128


def test_clients_that_hang_up_print_nothing(port: int, capfd: pytest.CaptureFixture[str]) -> None:
    for _ in range(20):
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(b"GET /static/style.css HTTP/1.1\r\nHost: x\r\n\r\n")
        # Close with a reset (linger 0), as a browser does when a tab closes mid-download.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
    assert _get(port).startswith(b"HTTP/1.1 200 ")  # still serving
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "Error" not in captured.err


def test_an_idle_connection_is_closed(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        assert client.recv(1) == b""  # the server closed it after IDLE_SECONDS (1 s here)
