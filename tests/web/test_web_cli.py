"""``facemoji serve``: it brings the page up, and refuses a taken address cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from facemoji.cli import main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_refuses_a_port_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


@pytest.mark.slow
def test_serve_brings_the_page_up() -> None:
    port = _free_port()
    code = f"from facemoji.cli import main; main(['serve', '--port', '{port}', '--workers', '1'])"
    server = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.2)
        assert page.status_code == 200 and "facemoji" in page.text
        styles = httpx.get(f"http://127.0.0.1:{port}/api/styles", timeout=5).json()
        assert "facemoji" in [s["name"] for s in styles["styles"]]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert f"http://127.0.0.1:{port}" in (server.stderr.read() if server.stderr else "")


@pytest.mark.slow
def test_ctrl_c_stops_serve_cleanly(astronaut_png: bytes) -> None:
    """Ctrl+C in a terminal signals the whole process group: the server and its workers
    stop without tracebacks or a leaked-semaphore warning."""
    port = _free_port()
    code = f"from facemoji.cli import main; main(['serve', '--port', '{port}', '--workers', '1'])"
    server = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                httpx.get(base + "/api/styles", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.2)
        checked = httpx.post(base + "/api/photos/check", headers={"Origin": base}, timeout=60,
                             files={"photo": ("me.png", astronaut_png, "image/png")})
        assert checked.status_code == 200  # the workers did some work
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    err = server.stderr.read() if server.stderr else ""
    assert "Traceback" not in err and "leaked" not in err, err
