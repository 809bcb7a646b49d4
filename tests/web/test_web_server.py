"""Through a real uvicorn on 127.0.0.1 (raw sockets where the connection matters): a
client that hangs up frees its worker, a bug answers a clean 500 that closes the
connection, a foreign Host is refused."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from .conftest import wait_until

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Any]]:
    """``(base url, app)`` of the app served by uvicorn in a thread, one worker."""
    uvicorn = pytest.importorskip("uvicorn")
    from facemoji.web import WebConfig, create_app

    app = create_app(WebConfig(workers=1, quick_workers=0))

    @app.get("/boom", include_in_schema=False)
    async def boom() -> None:
        raise RuntimeError("a bug")

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started, 30)
    pool = app.state.server.generate
    wait_until(lambda: pool.ready_count() == 1, 90)
    yield f"http://127.0.0.1:{port}", app
    server.should_exit = True
    thread.join(timeout=20)


def _send(base: str, request: bytes) -> socket.socket:
    """A connection to ``base`` on which ``request`` (raw HTTP) was sent."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    sock.sendall(request)
    return sock


def test_a_client_that_hangs_up_frees_its_worker(served: tuple[str, Any],
                                                 astronaut_png: bytes) -> None:
    base, app = served
    pool = app.state.server.generate
    files = [("photos", (f"{i}.png", astronaut_png)) for i in range(3)]
    request = httpx.Request("POST", f"{base}/api/generate", files=files,
                            data={"method": "search"})
    body = request.read()
    head = (f"POST /api/generate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: {request.headers['content-type']}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    sock = _send(base, head + body)
    wait_until(lambda: pool.busy_count() == 1, 60)
    sock.close()  # the tab was closed mid-run
    wait_until(lambda: pool.busy_count() == 0 and pool.held == 0, 30)
    assert pool.restarts == 0  # stopped at its next report, not killed


def test_a_bug_is_a_clean_500_then_the_connection_closes(served: tuple[str, Any]) -> None:
    base, _ = served
    sock = _send(base, b"GET /boom HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    answer = b""
    with sock:
        while chunk := sock.recv(65536):  # ends at a clean close, not a reset
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 500")
    assert b"connection: close" in head.lower()
    assert body == b'{"error": "internal error (RuntimeError); see the server log"}'
    assert httpx.get(f"{base}/api/styles", timeout=30).status_code == 200


def test_a_foreign_host_is_refused(served: tuple[str, Any]) -> None:
    base, _ = served
    response = httpx.get(f"{base}/api/styles", headers={"Host": "rebound.example"},
                         timeout=30)
    assert response.status_code == 400
    assert response.headers["x-content-type-options"] == "nosniff"
