"""Screenshots of the web page for the README: a desktop and a phone (look at them).

    python scripts/web_screenshots.py                  # serves the app itself
    python scripts/web_screenshots.py --url http://127.0.0.1:8000   # a running server

Makes an avatar of the bundled astronaut photo (method "attributes"), opens the editor,
and writes docs/web_desktop.png (1280×800, light) and docs/web_phone.png (390×844, dark,
editing with the avatar kept in view). Needs Chromium (scripts/install-browser.sh) and
the `web` and `test` extras.
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

DOCS = Path(__file__).resolve().parents[1] / "docs"
CHROMIUM = "/usr/bin/chromium"


@contextmanager
def serve() -> Iterator[str]:
    """The app on a free local port (one worker process)."""
    import uvicorn

    from facemoji.web import WebConfig, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(WebConfig(workers=1)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def make_avatar(page: Page, url: str, photo: Path) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready]", timeout=60_000)
    page.set_input_files("#file", str(photo))
    page.wait_for_selector(".photo[data-state=ok]", timeout=60_000)
    page.click("label[data-method=attributes]")
    page.click("#make")
    page.wait_for_selector("#made:has-text('Made from')", timeout=180_000)


def settle(page: Page) -> None:
    """Wait for the option thumbnails on screen to arrive."""
    page.mouse.move(1, 1)  # no hover highlight in the picture
    page.wait_for_function(
        "() => [...document.querySelectorAll('#panel .option img')]"
        ".filter(i => i.getBoundingClientRect().top < innerHeight)"
        ".every(i => i.complete && i.naturalWidth > 0)", timeout=60_000)
    page.wait_for_timeout(300)


def save(page: Page, name: str) -> None:
    path = DOCS / name
    page.screenshot(path=str(path))
    Image.open(path).save(path, optimize=True)
    print(f"wrote docs/{name}")


def shoot(url: str) -> None:
    from skimage import data

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        photo = Path(tmp) / "astronaut.png"
        Image.fromarray(data.astronaut()).save(photo)
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        desktop = browser.new_page(viewport={"width": 1280, "height": 800},
                                   color_scheme="light")
        make_avatar(desktop, url, photo)
        desktop.click("#tabs [data-group='hair']")
        desktop.evaluate("() => window.scrollTo(0, document.querySelector('.editor')"
                         ".getBoundingClientRect().top + window.scrollY - 84)")
        settle(desktop)
        save(desktop, "web_desktop.png")

        phone = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark",
                                 device_scale_factor=2)
        make_avatar(phone, url, photo)
        phone.click("#tabs [data-group='eyes']")
        phone.locator(".feature[data-feature='eyes']").scroll_into_view_if_needed()
        phone.evaluate("() => window.scrollBy(0, 120)")
        settle(phone)
        save(phone, "web_phone.png")
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running facemoji server (default: serve one here)")
    args = parser.parse_args()
    if args.url:
        shoot(args.url.rstrip("/"))
    else:
        with serve() as url:
            shoot(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
