"""The page end to end in Debian's Chromium (Playwright): make, edit, undo, export, and
every way of losing work that issue 12 found, closed. Skipped without /usr/bin/chromium
or playwright (``scripts/install-browser.sh`` installs Chromium)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from .support import (
    Hold,
    add_photos,
    avatar_svg,
    goto,
    make,
    open_page,
    pick,
    png_size_and_alpha,
    show_feature,
    start_held_run,
    stored,
    values,
    wait_avatar_change,
    wait_made,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_make_edit_undo_redo_and_download(page: Any, me: Path, tmp_path: Path) -> None:
    add_photos(page, me)
    assert page.inner_text(".photo .photo-status") == "Face found"
    make(page)
    made = page.inner_text("#made")
    assert made.startswith("Made from 1 photo in") and "(quick)" in made
    generated = values(page)
    assert page.locator(".swatch.measured").count() > 0  # the measured hair color is offered
    before = avatar_svg(page)

    pick(page, "hair_color", "#2f9a6a")
    edited = wait_avatar_change(page, before)
    assert values(page)["hair_color"] == "#2f9a6a"
    assert "Dyed green" in page.inner_text(".feature[data-feature='hair_color'] .value")

    page.keyboard.press("Control+z")
    wait_avatar_change(page, edited)
    assert values(page)["hair_color"] == generated["hair_color"]
    page.keyboard.press("Control+Shift+z")
    wait_avatar_change(page, before)
    assert values(page)["hair_color"] == "#2f9a6a"

    # a transparent 256 px PNG, and a sticker with a white outline
    page.click("#export-open")
    page.check("input[name=size][value='256']")
    with page.expect_download() as info:
        page.click("#export-go")
    size, alpha = png_size_and_alpha(Path(info.value.path()).read_bytes())
    assert size == (256, 256) and alpha[0, 0] == 0 and alpha[128, 128] == 255
    page.check("input[name=format][value=sticker]")
    with page.expect_download() as info:
        page.click("#export-go")
    assert info.value.suggested_filename == "avatar-facemoji-sticker-256.png"
    rgba = np.asarray(Image.open(info.value.path()).convert("RGBA"))
    assert rgba[0, 0, 3] == 0  # transparent around it
    outline = (rgba[..., 3] == 255) & (rgba[..., :3].min(axis=2) == 255)
    assert outline.sum() > 500  # a white rim
    page.check("input[name=format][value=json]")
    with page.expect_download() as info:
        page.click("#export-go")
    saved = json.loads(Path(info.value.path()).read_text())
    assert saved["style"] == "facemoji" and saved["values"]["hair_color"] == "#2f9a6a"
    page.keyboard.press("Escape")

    # the downloaded JSON loads back into the page
    pick(page, "hair", "afro")
    assert values(page)["hair"] == "afro"
    page.set_input_files("#open-json", info.value.path())
    page.wait_for_selector("#notes li:has-text('Opened')")
    assert values(page) == saved["values"]


def slider_value(page: Any, feature: str) -> float:
    return float(show_feature(page, feature).locator("input[type=range]").input_value())


def set_slider(page: Any, feature: str, value: float) -> None:
    show_feature(page, feature).locator("input[type=range]").fill(str(value))


def test_switching_style_keeps_each_styles_edits(page: Any, me: Path) -> None:
    """Lost work 1: afro, black hair, round glasses and a face width survive a round trip
    through another style, with no second generation."""
    add_photos(page, me)
    make(page)
    pick(page, "hair", "afro")
    pick(page, "hair_color", "#1f1b1a")
    pick(page, "glasses", "round")
    set_slider(page, "face_width", 0.5)
    mine = values(page)
    assert (mine["hair"], mine["glasses"], mine["face_width"]) == ("afro", "round", 0.5)

    page.click("#styles label:has-text('Avataaars')")  # made in this style from the photos
    wait_made(page, "avataaars")
    assert stored(page)["style"] == "avataaars"
    runs = stored(page)["slots"]["avataaars"]["made"]
    page.click("#styles label:has-text('Facemoji')")
    page.wait_for_selector(".feature[data-feature], #tabs [data-group='hair']")
    assert values(page) == mine
    assert slider_value(page, "face_width") == 0.5
    assert not stored(page)["job"]  # coming back makes nothing again
    page.click("#styles label:has-text('Avataaars')")
    assert stored(page)["slots"]["avataaars"]["made"] == runs
    # and Undo in one style never reaches into the other
    page.click("#styles label:has-text('Facemoji')")
    page.keyboard.press("Control+z")
    assert values(page)["face_width"] != 0.5 and values(page)["glasses"] == "round"


def test_switching_style_mid_run_keeps_the_result(page: Any, me: Path) -> None:
    """Lost work 2: the result of a run lands in its own style, and the page says so."""
    add_photos(page, me)
    hold = start_held_run(page)
    page.click("#styles label:has-text('Avataaars')")
    page.wait_for_selector("#tabs [data-group='background']")
    hold.release()
    page.wait_for_selector("#notes li:has-text('Your facemoji avatar is ready')",
                           timeout=120_000)
    assert stored(page)["style"] == "avataaars"
    assert stored(page)["slots"]["facemoji"]["made"]
    page.click("#notes button:has-text('Show facemoji')")
    page.wait_for_selector("#made:has-text('Made from 1 photo')")
    assert stored(page)["style"] == "facemoji"


def test_edits_made_during_a_run_are_kept(page: Any, me: Path) -> None:
    """Lost work 3: an edit made while the avatar is being made is not overwritten."""
    add_photos(page, me)
    hold = start_held_run(page)
    pick(page, "glasses", "round")
    hold.release()
    wait_made(page)
    assert values(page)["glasses"] == "round"
    note = page.locator("#notes li:has-text('Kept your changes')")
    assert "glasses" in note.inner_text()
    note.locator("button:has-text('Use the generated ones')").click()
    page.wait_for_function("() => !document.querySelector('#notes').textContent"
                           ".includes('Kept your changes')")
    assert values(page)["glasses"] == stored(page)["slots"]["facemoji"]["base"]["glasses"]
    page.keyboard.press("Control+z")  # and that too can be undone
    assert values(page)["glasses"] == "round"


def test_removing_a_photo_mid_run_starts_again_without_it(page: Any, me: Path,
                                                          me_too: Path) -> None:
    add_photos(page, me, me_too)
    assert page.locator(".photo").count() == 2
    hold = start_held_run(page)
    page.click(".photo:has-text('me-mirrored.png') .remove")
    # focus moves to the photo left, not to the page's top
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == \
        "Remove me.png"
    page.wait_for_selector("#notes li:has-text('Started again without me-mirrored.png')")
    assert hold.posts == 2 and hold.deletes == 1  # the first run was cancelled
    hold.release()
    wait_made(page)
    assert page.inner_text("#made").startswith("Made from 1 photo")


def test_cancel_stops_the_run(page: Any, me: Path) -> None:
    add_photos(page, me)
    hold = Hold(page)
    hold.on = True
    page.click("label[data-method=attributes]")
    page.focus("#make")
    page.keyboard.press("Enter")
    hold.wait_held(page)
    assert page.evaluate("() => document.activeElement.id") == "cancel"
    assert page.get_attribute("#bar", "role") == "progressbar"
    page.keyboard.press("Enter")
    page.wait_for_selector("#notes li:has-text('Cancelled')")
    assert hold.deletes == 1
    assert page.is_hidden("#progress") and page.is_visible("#make")
    assert page.evaluate("() => document.activeElement.id") == "make"
    hold.release()
    page.wait_for_timeout(1000)
    assert not stored(page)["slots"]["facemoji"]["made"]  # nothing arrived after all


def test_reload_keeps_photos_edits_and_history(page: Any, me: Path) -> None:
    """Lost work 4: photos, edits, the avatar and its undo history survive a reload."""
    add_photos(page, me)
    make(page)
    pick(page, "hair", "afro")
    pick(page, "glasses", "round")
    mine = values(page)
    goto(page, page.url)
    assert page.locator(".photo").count() == 1
    assert page.inner_text(".photo .photo-status") == "Used"
    assert values(page) == mine
    assert page.inner_text("#made").startswith("Made from 1 photo")
    assert "afro hair" in page.text_content("#avatar svg > title")  # the image's name
    page.click("#undo")
    assert values(page)["glasses"] == "none" and values(page)["hair"] == "afro"


def test_reload_mid_run_follows_the_same_run(page: Any, me: Path) -> None:
    add_photos(page, me)
    hold = start_held_run(page)
    hold.release()
    goto(page, page.url)
    wait_made(page)
    assert hold.posts == 1  # no second run was started: the page followed the first one


def test_share_link_restores_the_avatar(browser: Any, server: str, page: Any) -> None:
    pick(page, "hair", "afro")
    pick(page, "hair_color", "#c8672c")
    set_slider(page, "eye_size", 0.4)
    page.click("#share")
    page.wait_for_selector("#notes li:has-text('Link copied')")
    link = page.evaluate("() => navigator.clipboard.readText()")
    assert link.startswith(server + "/#s=facemoji&") and "hair=afro" in link
    other = open_page(browser, server, url=link[len(server):])
    try:
        got = values(other)
        assert (got["hair"], got["hair_color"], got["eye_size"]) == ("afro", "#c8672c", 0.4)
        assert other.evaluate("() => location.hash") == ""  # a reload shows the stored avatar
        assert "Opened a shared avatar" in other.inner_text("#notes")
    finally:
        other.context.close()


def photo_state(page: Any, name: str) -> tuple[str, str]:
    item = page.locator(f".photo:has(.photo-name:text-is('{name}'))")
    return item.get_attribute("data-state"), item.locator(".photo-status").inner_text()


def test_bad_photos_are_marked_when_added(page: Any, me: Path, wall: Path,
                                          tmp_path: Path) -> None:
    fake = tmp_path / "notes.jpg"
    fake.write_bytes(b"these are not pixels")
    add_photos(page, fake)
    kind, text = photo_state(page, "notes.jpg")
    assert kind == "bad" and "notes.jpg" not in text and text  # a reason, on the photo
    assert page.locator(".photo:has-text('notes.jpg') .placeholder").count() == 1  # no broken image
    assert page.is_disabled("#make")  # nothing usable yet
    add_photos(page, wall)
    kind, text = photo_state(page, "wall.png")
    assert kind == "bad" and text.startswith("No face found") and "wall.png" not in text
    add_photos(page, me)
    assert photo_state(page, "me.png")[0] == "ok"
    assert page.is_enabled("#make")
    page.set_input_files("#file", str(me))  # the same photo again is refused, with a reason
    page.wait_for_selector("#notes li:has-text('me.png is already in your photos')")
    assert page.locator(".photo").count() == 3


def test_a_photo_skipped_by_the_run_is_marked(page: Any, me: Path, wall: Path) -> None:
    # the check cannot reach the server for the wall: it goes into the run unchecked,
    # and the run skips it instead of failing the whole avatar
    page.route("**/api/photos/check", lambda route: route.abort()
               if "wall.png" in (route.request.post_data_buffer or b"").decode("latin-1")
               else route.continue_())
    add_photos(page, me, wall)
    assert photo_state(page, "wall.png")[0] == "warn"
    make(page)
    kind, text = photo_state(page, "wall.png")
    assert kind == "bad" and text.startswith("Skipped")
    assert photo_state(page, "me.png") == ("ok", "Used")
    assert page.inner_text("#made").startswith("Made from 1 of 2 photos")
    assert "skipped" in page.inner_text("#notes")


def test_server_down_is_said_in_words(page: Any) -> None:
    page.route("**/api/render", lambda route: route.abort())
    pick(page, "hair", "afro")
    page.wait_for_selector("#notes li.error")
    text = page.inner_text("#notes")
    assert "Can't reach the facemoji server" in text and "Failed to fetch" not in text


def test_method_default_and_times_come_from_the_server(page: Any) -> None:
    config = page.request.get("/api/config").json()
    checked = page.locator("#methods input:checked")
    assert checked.get_attribute("value") == config["default_method"]
    for method in config["methods"]:
        label = page.locator(f"label[data-method={method['name']}]").evaluate(
            "l => [...l.children].map(c => c.textContent).join(' ')").replace(":", "")
        assert " ".join(method["label"].replace(":", "").split()) in label
        shown = math.floor(method["typical_seconds"] + 0.5)  # as JavaScript rounds
        assert f"about {shown} s" in label or "a second" in label


def test_keyboard_tabs_style_switch_and_focus(page: Any) -> None:
    first = page.locator("#tabs [role=tab]").first
    first.focus()
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("() => document.activeElement.dataset.group")
    assert focused == page.locator("#tabs [role=tab]").nth(1).get_attribute("data-group")
    assert page.get_attribute("#tabs [aria-selected=true]", "data-group") == focused
    page.keyboard.press("End")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-selected')") == "true"
    # one Tab stop per control group: options are radios moved with the arrow keys
    tab_group = page.locator("#tabs [aria-selected=true]").get_attribute("data-group")
    assert tab_group
    show_feature(page, "hair")
    page.focus(".feature[data-feature='hair'] [role=radio][tabindex='0']")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    assert values(page)["hair"] != "short_straight"
    # from the Hair tab to the hair colors: a few Tab presses, not sixty
    tab_to = page.locator("#tabs [data-group='hair']")
    tab_to.click()
    tab_to.focus()
    presses = 0
    while not page.evaluate("() => !!document.activeElement.closest("
                            "\".feature[data-feature='hair_color']\")"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= 8, "hair color is more than 8 Tab presses from the Hair tab"
        # the style switch: native radios, arrow keys switch the style
    page.focus("#styles input:checked")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => document.querySelector('#styles input:checked').value "
                           "=== 'avataaars'")
    page.wait_for_selector("#tabs [data-group='background']")


def test_surprise_me_is_plausible_and_keeps_what_is_locked(page: Any) -> None:
    stats = page.evaluate("""async () => {
        const { surprise } = await import('/static/random.js');
        const schema = await (await fetch('/api/styles/facemoji/schema')).json();
        const values = Object.fromEntries(schema.features.map(f => [f.name, f.default]));
        const dyed = new Set(['#3164c4', '#e2679f', '#7445b5', '#2f9a6a']);
        const count = {hat: 0, sunglasses: 0, dyed: 0, both: 0, keptSkin: 0, keptHair: 0};
        for (let i = 0; i < 1000; i++) {
          const v = surprise(schema, values, {locks: ['hair'], measured: {skin: '#a07e56'}});
          const hat = v.headwear !== 'none', sun = v.glasses.includes('sunglasses');
          count.hat += hat; count.sunglasses += sun; count.both += hat && sun;
          count.dyed += dyed.has(v.hair_color);
          count.keptSkin += v.skin === values.skin; count.keptHair += v.hair === values.hair;
        }
        return count;
    }""")
    assert stats["keptSkin"] == 1000 and stats["keptHair"] == 1000  # measured and locked
    assert stats["hat"] < 250 and stats["sunglasses"] < 100 and stats["both"] < 15
    assert stats["dyed"] < 40


def test_best_match_only_over_a_clear_lead(page: Any) -> None:
    got = page.evaluate("""async () => {
        const { clearBest } = await import('/static/editor.js');
        return [clearBest([['a', -0.140], ['b', -0.146]]), clearBest([['a', 9.122], ['b', 8.053]]),
                clearBest([['a', 1]]), clearBest(undefined)];
    }""")
    assert got == [None, "a", None, None]


def test_scalars_that_start_at_none_are_described_by_amount(page: Any) -> None:
    got = page.evaluate("""async () => {
        const { scalarWords } = await import('/static/editor.js');
        const gray = { name: 'hair_gray', range: [0, 1], default: 0 };
        const width = { name: 'face_width', range: [-1, 1], default: 0 };
        return [scalarWords(gray, 0), scalarWords(gray, 0.3), scalarWords(gray, 1),
                scalarWords(width, 0), scalarWords(width, 1)];
    }""")
    assert got == ["not graying", "a little graying", "much graying", "average",
                   "much wider than average"]


def test_a_slider_drag_sends_a_few_renders_not_one_per_step(page: Any) -> None:
    box = show_feature(page, "face_width")
    renders: list[str] = []
    page.on("request", lambda r: renders.append(r.url) if r.url.endswith("/api/render") else None)
    page.wait_for_timeout(1500)  # thumbnails of the tab opened above are done
    renders.clear()
    box.locator("input[type=range]").evaluate("""s => {
        for (let i = 0; i <= 40; i++) {
          s.value = String(-1 + i / 20); s.dispatchEvent(new Event('input', {bubbles: true}));
        }
    }""")
    page.wait_for_timeout(1500)
    assert 1 <= len(renders) <= 4  # 41 input events
    assert values(page)["face_width"] == 1.0
    page.keyboard.press("Control+z")  # and the whole drag is one undo step
    assert values(page)["face_width"] == 0.0


def test_copy_image_lock_and_headwear_color(page: Any) -> None:
    page.click("#export-open")
    page.click("#copy-image")
    page.wait_for_selector("#export-note:has-text('Copied')")
    types = page.evaluate("async () => (await navigator.clipboard.read())[0].types")
    assert "image/png" in types
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.id") == "export-open"

    lock = show_feature(page, "hair").locator(".lock")
    lock.click()
    assert lock.get_attribute("aria-pressed") == "true"
    hair = values(page)["hair"]
    for _ in range(5):
        page.click("#shuffle")
    assert values(page)["hair"] == hair
    assert stored(page)["slots"]["facemoji"]["locks"] == ["hair"]

    # a style whose schema has a headwear color gets a control for it
    page.click("#styles label:has-text('Avataaars')")
    box = show_feature(page, "headwear_color", "avataaars")
    assert box.locator("[role=radio]").count() > 3
