"""Training data for both domains, as aligned chips in memory (torch-free).

- Cartoons: :func:`synthesize_avatars` renders random avatars of a style and frames
  them like photo chips; :func:`load_avatars` reads such a folder (or any folder of
  cartoon images) back.
- Photos: :func:`prepare_photos` detects, aligns and crops every photo of a folder
  once and caches the chips; photos without a face or that cannot be read are
  skipped and counted.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np
from numpy.typing import NDArray

from ..errors import BadArgument, BadImage, NoFaceFound
from ..face.image import IMAGE_SUFFIXES
from ..types import RGBImage
from .align import photo_chip, warp_chip

if TYPE_CHECKING:
    from ..avatar.schema import Params
    from ..avatar.style import Style

log = logging.getLogger(__name__)

LANDMARKS_FILE = "landmarks.json"
"""In an avatar folder: ``{file name: 68 [x, y] points in that image's pixels}``."""
_INDEX = "index.json"

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Domain:
    """One domain's chips: ``images`` uint8 ``(N, S, S, 3)``, ``landmarks`` ``(N, 68, 2)``
    in chip pixels (``None`` if unknown), and the source ``names``."""

    images: NDArray[np.uint8]
    landmarks: NDArray[np.float64] | None
    names: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.names)


def image_files(folder: Path) -> list[Path]:
    """Image files under ``folder`` (recursively, sorted); raises :class:`BadArgument`
    if the folder does not exist or holds none."""
    if not folder.is_dir():
        raise BadArgument(f"{folder} is not a folder")
    files = sorted(p for p in folder.rglob("*")
                   if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
    if not files:
        raise BadArgument(f"{folder} holds no images ({', '.join(IMAGE_SUFFIXES[:5])}, ...)")
    return files


def _write_png(path: Path, image: RGBImage) -> None:
    if not cv2.imwrite(str(path), cv2.cvtColor(image, cv2.COLOR_RGB2BGR)):
        raise BadArgument(f"cannot write {path}")


def _read_rgb(path: Path) -> RGBImage:
    from ..face.image import load_image

    return load_image(path)


RENDER_SCALE = 2
"""Synthesized avatars are rendered this many times larger than their chip, then warped
down: no aliasing."""


def synth_name(style: str, seed: int) -> str:
    """The file name of the synthesized avatar ``schema.random(seed)`` of ``style``."""
    return f"{style}_{seed:06d}.png"


def frame_avatar(style: Style, params: Params, image: RGBImage, size: int,
                 padding: float) -> tuple[RGBImage, list[list[float]]]:
    """The avatar ``image`` (``params`` rendered at ``RENDER_SCALE * size`` px) as a
    ``size`` px chip aligned like photo chips, and its 68 landmarks in chip pixels (the
    rounded values ``landmarks.json`` holds)."""
    chip, pts = warp_chip(image, style.landmarks(params, image.shape[1]), size, padding)
    return chip, np.round(pts, 2).tolist()


def write_landmarks(out_dir: Path, table: dict[str, list[list[float]]]) -> None:
    """Write ``landmarks.json`` (``{file name: 68 points}``) into ``out_dir``, whole
    (:func:`facemoji.outputs.write_file`)."""
    from ..outputs import write_file

    write_file(out_dir / LANDMARKS_FILE, json.dumps(table), force=True)


def synthesize_avatars(style: str, n: int, out_dir: Path, size: int, *, seed: int = 0,
                       padding: float = 0.5, progress: Progress | None = None) -> int:
    """Render ``n`` random avatars of ``style`` (``schema.random(seed + i)``) as
    ``size`` px PNG chips aligned like photo chips, plus ``landmarks.json``.

    Returns the number written. ``out_dir`` is created (its parent must exist); existing
    files are replaced, never through a link, all together at the end
    (:func:`facemoji.outputs.write_files`). ``facemoji batch --task synth`` does the same
    on many cores or a Ray cluster.
    """
    from ..avatar.render import render_batch
    from ..avatar.style import get_style
    from ..outputs import write_files
    from ..report import encode_image

    if n < 1:
        raise BadArgument("-n must be at least 1")
    chosen = get_style(style)
    params = [chosen.schema.random(seed=seed + i) for i in range(n)]
    images = render_batch(params, size=RENDER_SCALE * size, progress=progress)
    landmarks: dict[str, list[list[float]]] = {}
    files: dict[str, bytes | str] = {}
    for i, (p, image) in enumerate(zip(params, images, strict=True)):
        name = synth_name(style, seed + i)
        chip, landmarks[name] = frame_avatar(chosen, p, image, size, padding)
        files[name] = encode_image(chip, ".png")
    files[LANDMARKS_FILE] = json.dumps(landmarks)
    write_files(out_dir, files, force=True)
    return n


def load_avatars(folder: Path, size: int, *, need_landmarks: bool = False,
                 progress: Progress | None = None) -> Domain:
    """Read a folder of cartoon chips, resized to ``size``.

    Landmarks come from its ``landmarks.json`` (written by :func:`synthesize_avatars`);
    with ``need_landmarks`` a folder without them raises :class:`BadArgument`.
    """
    files = image_files(folder)
    table: dict[str, list[list[float]]] = {}
    if (folder / LANDMARKS_FILE).is_file():
        table = json.loads((folder / LANDMARKS_FILE).read_text(encoding="utf-8"))
    images, points, names, unreadable = [], [], [], 0
    for path in files:
        try:
            image = _read_rgb(path)
        except BadImage as exc:
            log.warning("skipping %s", exc)
            unreadable += 1
            continue
        name = path.relative_to(folder).as_posix()
        scale = size / image.shape[1]
        if name in table:
            points.append(np.asarray(table[name], dtype=np.float64) * scale)
        elif need_landmarks:
            raise BadArgument(f"{folder}: no landmarks for {name}; --landmarks needs a folder "
                              "made by `facemoji gan synth`")
        images.append(cv2.resize(image, (size, size), interpolation=cv2.INTER_AREA))
        names.append(name)
        if progress:
            progress(1)
    if not images:
        raise BadArgument(f"{folder}: none of its {len(files)} images could be read")
    if unreadable:
        log.warning("%s: skipped %d unreadable images", folder, unreadable)
    lms = np.stack(points) if len(points) == len(images) else None
    return Domain(np.stack(images), lms, tuple(names))


def _signature(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def prepare_photos(folder: Path, cache_dir: Path, size: int, *, padding: float = 0.5,
                   progress: Progress | None = None) -> Domain:
    """Detect, align and crop every photo under ``folder`` into ``size`` px chips.

    Chips are cached in ``cache_dir`` (keyed by file, size and modification time), so a
    second run, or a resumed one, detects nothing again. Photos without a face and
    unreadable files are skipped, logged and counted; if no photo is usable
    :class:`BadArgument` says why.
    """
    files = image_files(folder)
    cache_dir.mkdir(parents=True, exist_ok=True)
    index_path = cache_dir / _INDEX
    index: dict[str, dict] = {}
    if index_path.is_file():
        index = json.loads(index_path.read_text(encoding="utf-8"))
    images, points, names = [], [], []
    counts = {"no_face": 0, "unreadable": 0}
    for i, path in enumerate(files):
        name = path.relative_to(folder).as_posix()
        entry = index.get(name)
        if entry is None or entry["signature"] != _signature(path):
            entry = _prepare_one(path, cache_dir, f"{i:06d}.png", size, padding)
            entry["signature"] = _signature(path)
            index[name] = entry
        if entry["status"] == "ok":
            images.append(_read_rgb(cache_dir / entry["chip"]))
            points.append(np.asarray(entry["landmarks"], dtype=np.float64))
            names.append(name)
        else:
            counts[entry["status"]] += 1
        if progress:
            progress(1)
    tmp = index_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(index), encoding="utf-8")
    os.replace(tmp, index_path)
    log.info("%s: %d photos, %d faces, %d without a face, %d unreadable", folder, len(files),
             len(images), counts["no_face"], counts["unreadable"])
    if not images:
        raise BadArgument(f"{folder}: no usable face in {len(files)} photos "
                          f"({counts['no_face']} without a face, "
                          f"{counts['unreadable']} unreadable)")
    return Domain(np.stack(images), np.stack(points), tuple(names))


def _prepare_one(path: Path, cache_dir: Path, chip_name: str, size: int,
                 padding: float) -> dict:
    try:
        chip, pts = photo_chip(_read_rgb(path), size, padding)
    except BadImage as exc:
        log.warning("skipping %s", exc)
        return {"status": "unreadable"}
    except NoFaceFound:
        log.info("skipping %s: no face found", path)
        return {"status": "no_face"}
    _write_png(cache_dir / chip_name, chip)
    return {"status": "ok", "chip": chip_name, "landmarks": np.round(pts, 3).tolist()}

