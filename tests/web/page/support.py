"""What the browser tests share: the served app, Debian's Chromium driven by Playwright,
photo files, an accessibility audit with the vendored axe-core, and a way to hold a run
in progress (so that a test can act while the avatar is being made)."""

from __future__ import annotations

import contextlib
import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
RUN_TIMEOUT = 120_000  # ms: one avatar on a busy 2-core machine, first model load included


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_app() -> Iterator[str]:
    """The app served by uvicorn on a free local port, in a thread."""
    uvicorn = pytest.importorskip("uvicorn")
    from facemoji.web import WebConfig, create_app

    app = create_app(WebConfig(workers=1))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def launch_chromium() -> Iterator[Any]:
    """A headless Chromium (skips the test without Chromium or Playwright)."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (scripts/install-browser.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def png_file(path: Path, image: np.ndarray) -> Path:
    Image.fromarray(image).save(path)
    return path


def open_page(browser: Any, server: str, *, viewport: dict[str, int] = DESKTOP,
              scheme: str = "light", url: str = "/", audit: bool = False) -> Any:
    """A page in a fresh context (empty storage), loaded and ready; ``audit`` lets the
    test inject axe-core past the page's Content-Security-Policy."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme, accept_downloads=True,
                                  base_url=server, bypass_csp=audit,
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.js_errors = errors  # checked by `ready`
    goto(page, server + url)
    return page


def goto(page: Any, url: str) -> None:
    page.goto(url)
    ready(page)


def ready(page: Any) -> None:
    page.wait_for_selector("body[data-ready]", timeout=30_000)
    page.wait_for_selector("#avatar svg", timeout=30_000)
    assert not page.js_errors, page.js_errors


def add_photos(page: Any, *paths: Path, expect: str = "ok") -> None:
    before = page.locator(".photo").count()
    page.set_input_files("#file", [str(p) for p in paths])
    page.wait_for_function(
        "([n, k]) => document.querySelectorAll('.photo').length >= n && "
        "![...document.querySelectorAll('.photo')].some(p => p.dataset.state === 'busy')",
        arg=[before + 1, expect], timeout=60_000)


def make(page: Any, method: str = "attributes") -> None:
    """Press Make (with `method`) and wait for the avatar."""
    page.click(f"label[data-method={method}]")
    page.click("#make")
    wait_made(page)


def wait_made(page: Any, style: str | None = None) -> None:
    page.wait_for_function(
        "(style) => { const d = JSON.parse(localStorage.getItem('facemoji.page.v1') || '{}');"
        " const s = d.slots && d.slots[style || d.style]; return s && s.made && !d.job && "
        "document.querySelector('#made').textContent.includes('Made from'); }",
        arg=style, timeout=RUN_TIMEOUT)


def stored(page: Any) -> dict[str, Any]:
    """The page's store as saved in localStorage, saved now (the page saves on pagehide;
    otherwise 250 ms after a change)."""
    return page.evaluate("() => { window.dispatchEvent(new Event('pagehide'));"
                         " return JSON.parse(localStorage.getItem('facemoji.page.v1')); }")


def values(page: Any, style: str = "facemoji") -> dict[str, Any]:
    """The values of a style's avatar, as the page holds them."""
    return stored(page)["slots"][style]["values"]


def tab(page: Any, group: str) -> None:
    page.click(f"#tabs [data-group='{group}']")


def show_feature(page: Any, feature: str, style: str = "facemoji") -> Any:
    """Open the tab of `feature`; its control box."""
    schema = page.request.get(f"/api/styles/{style}/schema").json()
    group = next(f["group"] for f in schema["features"] if f["name"] == feature)
    tab(page, group)
    return page.locator(f".feature[data-feature='{feature}']")


def pick(page: Any, feature: str, option: str, style: str = "facemoji") -> None:
    """Choose `option` of a choice feature, or the swatch of color `option` (#rrggbb)."""
    box = show_feature(page, feature, style)
    box.locator(f"[data-option='{option}'], [data-hex='{option}']").first.click()


def avatar_svg(page: Any) -> str:
    return page.inner_html("#avatar")


def wait_avatar_change(page: Any, old: str) -> str:
    page.wait_for_function("(old) => document.querySelector('#avatar').innerHTML !== old",
                           arg=old, timeout=30_000)
    return avatar_svg(page)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations of the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: '
                        + n.failureSummary)}));
    }""")
    return list(result)


def describe_violations(violations: list[dict[str, Any]]) -> str:
    return json.dumps(violations, indent=1)


def png_size_and_alpha(data: bytes) -> tuple[tuple[int, int], np.ndarray]:
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    return image.size, np.asarray(image)[..., 3]


class Hold:
    """Holds the page's polls of a running job (so that it cannot finish) until released:
    the test acts while the avatar is being made. Keep holds short: the server cancels a
    job nobody polls for about 15 s."""

    def __init__(self, page: Any) -> None:
        self.held: list[Any] = []
        self.on = False
        self.posts = 0
        self.deletes = 0
        page.route("**/api/jobs**", self._route)

    def _route(self, route: Any) -> None:
        method = route.request.method
        self.posts += method == "POST"
        self.deletes += method == "DELETE"
        if self.on and method == "GET":
            self.held.append(route)
        else:
            route.continue_()

    def release(self) -> None:
        self.on = False
        held, self.held = self.held, []
        for route in held:
            with contextlib.suppress(Exception):  # the page went away meanwhile (a reload)
                route.continue_()

    def wait_held(self, page: Any) -> None:
        """Wait until the page is polling a job (its first poll is held)."""
        deadline = time.monotonic() + 60
        while not self.held:
            assert time.monotonic() < deadline, "the page never polled a job"
            page.wait_for_timeout(50)


def start_held_run(page: Any, method: str = "attributes") -> Hold:
    """Press Make and hold the run: it is still going when this returns."""
    hold = Hold(page)
    hold.on = True
    page.click(f"label[data-method={method}]")
    page.click("#make")
    hold.wait_held(page)
    return hold
