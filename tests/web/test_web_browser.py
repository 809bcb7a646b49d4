"""End to end in a real browser: Debian's Chromium driven by Playwright.

Uploads a photo, waits for the avatar, changes the hair color, checks that the SVG
changed, downloads the PNG and switches style. Skipped without /usr/bin/chromium or playwright
(``scripts/install-browser.sh`` installs Chromium).
"""

from __future__ import annotations

import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app served by uvicorn on a free local port, in a thread."""
    uvicorn = pytest.importorskip("uvicorn")
    from facemoji.web import WebConfig, create_app

    port = _free_port()
    config = uvicorn.Config(create_app(WebConfig(workers=1)), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A page of a fresh headless Chromium profile."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (scripts/install-browser.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            accept_downloads=True, viewport={"width": 1280, "height": 900})
        try:
            yield context.new_page()
        finally:
            context.close()


def test_upload_edit_and_download(server: str, browser_page, tmp_path: Path,  # type: ignore[no-untyped-def]
                                  astronaut_png: bytes) -> None:
    page = browser_page
    page.goto(server)
    page.wait_for_selector("#avatar svg")  # the default avatar, before any photo
    photo = tmp_path / "me.png"
    photo.write_bytes(astronaut_png)
    page.set_input_files("#file", str(photo))
    page.select_option("#method", "attributes")
    page.click("#make")
    page.wait_for_selector("#score:has-text('made in')", timeout=120_000)
    assert page.locator(".swatch.measured").count() > 0  # the measured hair color
    before = page.inner_html("#avatar")

    page.click(".feature[data-feature='hair_color'] .swatch[data-hex='#2f9a6a']")
    page.wait_for_function("(old) => document.querySelector('#avatar').innerHTML !== old",
                           arg=before, timeout=20_000)
    after = page.inner_html("#avatar")
    assert after.startswith("<svg") and after != before

    with page.expect_download() as info:
        page.click("[data-download='png']")
    png = tmp_path / "avatar.png"
    info.value.save_as(png)
    assert info.value.suggested_filename == "avatar.png"
    assert Image.open(io.BytesIO(png.read_bytes())).size == (1024, 1024)

    # another style: the same photo is made again in that style
    page.click("#styles button:has-text('avataaars')")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#tabs button')].some(b => b.textContent === "
        "'background') && document.querySelector('#score').textContent.includes('made in')",
        timeout=120_000)
    assert page.inner_html("#avatar") != after


def test_bad_photo_shows_the_error(server: str, browser_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto(server)
    page.wait_for_selector("#avatar svg")
    fake = tmp_path / "notes.jpg"
    fake.write_bytes(b"these are not pixels")
    page.set_input_files("#file", str(fake))
    page.click("#make")
    page.wait_for_selector("#toast:not([hidden])", timeout=60_000)
    assert "notes.jpg" in page.inner_text("#toast")
