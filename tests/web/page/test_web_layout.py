"""The page at phone and desktop size, light and dark: the avatar stays in view while
editing, Make is on the first screen, nothing is cut off, and axe-core (vendored in
tests/web/page/vendor, never loaded by the page) finds no serious or critical violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .support import (
    DESKTOP,
    PHONE,
    add_photos,
    axe_violations,
    describe_violations,
    make,
    open_page,
    show_feature,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] + 0.5 \
        and box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 0.5


def test_phone_layout(browser: Any, server: str, me: Path) -> None:
    page = open_page(browser, server, viewport=PHONE)
    try:
        add_photos(page, me)
        assert in_view(page, "#make")  # Make is on the first screen, photo added
        for label in page.locator("#methods label").all():  # no method cut off
            assert label.evaluate("l => l.scrollWidth <= l.clientWidth + 1")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        make(page)
        # editing far down the page: the avatar stays on screen (a sticky preview)
        show_feature(page, "clothing_color").locator(".swatch").last.scroll_into_view_if_needed()
        assert in_view(page, ".feature[data-feature='clothing_color'] .swatch >> nth=-1")
        assert in_view(page, "#avatar")
        avatar = page.locator("#avatar").bounding_box()
        assert avatar["height"] >= 200
        # the tab strip scrolls sideways and shows that it does
        strip = page.locator("#tabs")
        if strip.evaluate("s => s.scrollWidth > s.clientWidth"):
            assert "more" in (strip.get_attribute("class") or "")
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_accessibility_violations(browser: Any, server: str, me: Path,
                                             viewport: dict[str, int], scheme: str) -> None:
    page = open_page(browser, server, viewport=viewport, scheme=scheme, audit=True)
    try:
        assert page.locator("h1").count() == 1
        assert page.get_attribute("#avatar svg", "role") == "img"
        problems = axe_violations(page)
        assert not problems, describe_violations(problems)
        if viewport is DESKTOP and scheme == "light":  # once: with photos, a result, a dialog
            add_photos(page, me)
            make(page)
            for group in ("hair", "eyes", "head"):
                page.click(f"#tabs [data-group='{group}']")
                problems = axe_violations(page)
                assert not problems, describe_violations(problems)
            page.click("#export-open")
            problems = axe_violations(page)
            assert not problems, describe_violations(problems)
    finally:
        page.context.close()


def test_reduced_motion_stops_the_spinner(browser: Any, server: str) -> None:
    page = open_page(browser, server)
    try:
        page.emulate_media(reduced_motion="reduce")
        assert page.evaluate("() => getComputedStyle(document.querySelector('.spinner'))"
                             ".animationName") == "none"
        page.emulate_media(reduced_motion="no-preference")
        assert page.evaluate("() => getComputedStyle(document.querySelector('.spinner'))"
                             ".animationName") == "spin"
    finally:
        page.context.close()
