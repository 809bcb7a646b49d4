"""Regenerate the contact sheets in docs/ (run after an art change and look at them).

    python scripts/docs_images.py            # all sheets
    python scripts/docs_images.py gallery    # one of: gallery, hair, face, accessories, demo,
                                             # likeness

``likeness`` needs the photos of ``docs/likeness_sources.csv``: set ``FACEMOJI_LIKENESS_REPO``
to a clone (or bare git directory) of github.com/voteview/member_photos.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

import facemoji
from facemoji.avatar.render import crop_to_face, rasterize_svg, render_batch
from facemoji.avatar.styles.facemoji.palette import lightness
from facemoji.avatar.styles.facemoji.schema import (
    BROWS,
    CLOTHING,
    EYES,
    FACIAL_HAIR,
    GLASSES,
    HAIR,
    HEADWEAR,
    MOUTH,
    NOSE,
)
from facemoji.report import contact_sheet

DOCS = Path(__file__).resolve().parents[1] / "docs"
SCHEMA = facemoji.get_style("facemoji").schema
BLANK = np.full((256, 256, 3), 246, np.uint8)


def _save(images: list[np.ndarray], labels: list[str], name: str, title: str,
          columns: int, cell: int = 180) -> None:
    sheet = contact_sheet(images, labels, columns=columns, cell=cell, title=title)
    Image.fromarray(sheet).save(DOCS / name, optimize=True)
    print(f"wrote docs/{name}")


def gallery() -> None:
    """63 random avatars, seeds 0-62: the lineup of the original experiment."""
    params = [SCHEMA.random(seed=i) for i in range(63)]
    images = render_batch(params, 256)
    _save(images, [f"seed {i}" for i in range(63)], "gallery.png",
          "63 random 'facemoji' avatars (facemoji gallery -n 63)", 9, 160)


def hair() -> None:
    """Every hair style, on varied skin and hair colors kept apart in lightness."""
    colors = ["#1f1b1a", "#5e3d27", "#d5b27a", "#c4301c", "#a19e9b", "#3164c4", "#7f3520",
              "#ecebe6", "#3f2a1f", "#c8672c", "#e2679f"]
    skins = ["#f3e7db", "#eadaba", "#a07e56", "#604134", "#d7bd96", "#3a312a", "#f7ead0"]
    base = SCHEMA.defaults()
    params = []
    for i, option in enumerate(HAIR):
        skin, color = skins[i % len(skins)], colors[i % len(colors)]
        if abs(lightness(skin) - lightness(color)) < 25:  # keep the hair visible
            color = "#d5b27a" if lightness(skin) < 40 else "#1f1b1a"
        params.append(base.update({"hair": option.id, "hair_color": color, "skin": skin}))
    labels = [o.id for o in HAIR]
    columns = 7
    blanks = -len(params) % columns  # the hair_volume row starts a row of its own
    images = render_batch(params, 256) + [BLANK] * blanks
    labels += [""] * blanks
    for option, color, skin in (("long_wavy", "#5e3d27", "#eadaba"),
                                ("curly_medium", "#1f1b1a", "#a07e56")):
        volumes = [base.update({"hair": option, "hair_color": color, "skin": skin,
                                "hair_volume": v}) for v in (-1.0, 0.0, 1.0)]
        images += render_batch(volumes, 256)
        labels += [f"{option}, hair_volume {v:+g}" for v in (-1, 0, 1)]
    _save(images, labels, "hair_styles.png",
          "facemoji hair styles (last row: hair_volume, flatter to fuller)", columns, 200)


def _render(params: list[facemoji.Params], zoom: bool) -> list[np.ndarray]:
    if not zoom:
        return render_batch(params, 256)
    style = facemoji.get_style("facemoji")  # framed on the face: small parts stay visible
    return [rasterize_svg(crop_to_face(style.svg(p), style, p, margin=1.24), 256)
            for p in params]


def _rows(rows: list[tuple[str, tuple]], name: str, title: str, prepare: Callable,
          zoom: bool = False) -> None:
    images: list[np.ndarray] = []
    labels: list[str] = []
    for row, (feature, options) in enumerate(rows):
        params = [prepare(feature, row, i).set(feature, o.id) for i, o in enumerate(options)]
        images += _render(params, zoom)
        labels += [f"{feature}: {o.id}" for o in options]
        while len(images) % 9:
            images.append(BLANK)
            labels.append("")
    _save(images, labels, name, title, 9)


def face() -> None:
    """The options of each face part on one face per row."""
    faces = [SCHEMA.defaults().update({"skin": s, "hair_color": h, "eye_color": e})
             for s, h, e in (("#eadaba", "#3f2a1f", "#4a7ab8"), ("#a07e56", "#1f1b1a", "#3b2416"),
                             ("#f3e7db", "#c8672c", "#4d7a46"), ("#604134", "#2e2623", "#6b4226"),
                             ("#d7bd96", "#a19e9b", "#7b8a96"))]

    def prepare(feature: str, row: int, i: int) -> facemoji.Params:
        return faces[row]  # one face per row: only the part changes

    rows = [("eyes", EYES), ("eyebrows", BROWS), ("nose", NOSE), ("mouth", MOUTH),
            ("facial_hair", FACIAL_HAIR)]
    _rows(rows, "face_parts.png", "facemoji face parts (zoomed; one face per row)", prepare,
          zoom=True)


def accessories() -> None:
    """Every glasses, headwear and clothing option."""
    short = ["short_straight", "pixie", "buzz", "side_part", "curtains", "short_curly",
             "crew_cut", "quiff", "short_wavy"]

    def prepare(feature: str, row: int, i: int) -> facemoji.Params:
        p = SCHEMA.random(seed=200 + 10 * row + i).update(
            {"glasses": "none", "headwear": "none", "facial_hair": "none", "eyes": "almond"})
        return p if feature == "headwear" else p.set("hair", short[i % len(short)])

    rows = [("glasses", GLASSES), ("headwear", HEADWEAR), ("clothing", CLOTHING)]
    _rows(rows, "accessories.png", "facemoji glasses, headwear, clothing", prepare)


def demo() -> None:
    """The bundled photo beside the avatar `facemoji generate` makes of it, per method."""
    from skimage import data

    photo = data.astronaut()
    images, labels = [photo], ["photo (NASA, public domain)"]
    for method in ("attributes", "greedy"):
        result = facemoji.generate([photo], method=method)
        images.append(facemoji.render(result.params, 512))
        labels.append(f"{method}: {result.seconds:.1f} s")
    _save(images, labels, "demo.png", "facemoji generate on the bundled photo", 3, 256)


def _source_photo(repo: Path, commit: str, path: str) -> np.ndarray:
    """A photo of a source repository at ``commit``, read with git (no work tree needed)."""
    blob = subprocess.run(["git", f"--git-dir={repo}", "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout
    return np.asarray(Image.open(io.BytesIO(blob)).convert("RGB"))


def likeness() -> None:
    """12 public-domain portraits (``docs/likeness_sources.csv``), each beside the avatar
    `facemoji generate` makes of it with the defaults: photo and avatar side by side."""
    repo = Path(os.environ.get("FACEMOJI_LIKENESS_REPO", ""))
    if not (repo / "HEAD").is_file():
        repo = repo / ".git"
    if not (repo / "HEAD").is_file():
        sys.exit("likeness: set FACEMOJI_LIKENESS_REPO to a clone of voteview/member_photos")
    with open(DOCS / "likeness_sources.csv", newline="") as fh:
        sources = list(csv.DictReader(fh))
    images: list[np.ndarray] = []
    labels: list[str] = []
    for row in sources:
        photo = _source_photo(repo, row["source_commit"], row["source_path"])
        images += [photo, facemoji.render(facemoji.generate([photo]).params, 512)]
        labels += [row["name"], "its avatar"]
    _save(images, labels, "likeness.png",
          "photo beside its avatar (facemoji generate, defaults; public-domain portraits)",
          6, 200)


SHEETS = {"gallery": gallery, "hair": hair, "face": face, "accessories": accessories,
          "demo": demo, "likeness": likeness}

if __name__ == "__main__":
    for name in sys.argv[1:] or list(SHEETS):
        SHEETS[name]()
