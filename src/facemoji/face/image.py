"""Load any photo input into the one image convention: upright RGB ``uint8`` ``(H, W, 3)``.

Accepts a path, encoded bytes, a PIL image or a numpy array. EXIF orientation is applied,
transparency is composited on white, and grayscale, 16-bit, CMYK and palette images are
converted. Photos larger than the analysis needs are decoded at reduced size (JPEG's
DCT scaling, then box averaging in strips), so one photo costs a bounded amount of
memory whatever its pixel count; no full-size float copy is ever made. Only photo
formats are opened (:data:`FORMATS`): PostScript, PDF and the other formats Pillow knows
are refused before any decoder runs. Anything that cannot be read raises
:class:`~facemoji.errors.BadImage` with a message naming the input.
"""

from __future__ import annotations

import functools
import importlib
import io
import logging
import math
import os
import warnings
from pathlib import Path
from typing import BinaryIO, TypeAlias

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import BadImage, missing_extra
from ..types import RGBImage

log = logging.getLogger(__name__)

ImageSource: TypeAlias = str | os.PathLike[str] | bytes | Image.Image | np.ndarray
"""Everything :func:`load_image` accepts."""

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif")
"""File name endings of the photos facemoji reads from folders."""

MAX_PIXELS = 50_000_000
"""Larger images are refused before decoding (decompression-bomb guard). The largest
photos phones take are 48–50 M pixels (8160 × 6120 = 49.9 M); a 50 M pixel RGBA PNG,
the costliest input accepted, decodes into 200 MB."""

WORK_SIDE = 1600
"""Photos are loaded with their longer side at most this many pixels. Detection already
ran at this size (:data:`facemoji.face.detect.MAX_SIDE`), and the measurements read the
face at 64 px between the eyes (:mod:`facemoji.face.chip`), which a face spanning a tenth
of a 1600 px photo still gives; ``docs/benchmarks.md`` ("Memory per photo") has the
accuracy at smaller sizes."""

FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "AVIF", "HEIF", "BMP", "TIFF", "GIF")
"""The formats opened (Pillow's names; MPO is the multi-picture JPEG many cameras write,
HEIF needs ``facemoji[heic]``; GIF and TIFF give their first frame). Everything else,
EPS/PostScript and PDF above all (Pillow hands those to Ghostscript), is refused."""

_ACCEPTED = "JPEG, PNG, WebP, AVIF, HEIC, BMP, TIFF, GIF"
"""The accepted formats as messages name them."""

_REFUSED = ((b"%!PS", "PostScript"), (b"\xc5\xd0\xd3\xc6", "PostScript"), (b"%PDF", "PDF"),
            (b"<?xml", "SVG or XML"), (b"<svg", "SVG"))
"""Signatures of documents people might upload instead of a photo, to name them."""

_STRIP_BYTES = 8 << 20
"""Rows are reduced in strips of about this many bytes (of the strip's working mode)."""

# ISO-BMFF brands of HEIF/HEIC/AVIF files, read at bytes 8..12 after "ftyp"
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"}
_heif_registered = False

# the mode each source mode is reduced in: alpha premultiplied (so transparent pixels do
# not bleed into their neighbours), 16-bit widened to 32-bit, the rest as RGB or L
_WORKING_MODE = {
    "RGB": "RGB", "L": "L", "1": "L", "P": "RGB", "RGBX": "RGB", "CMYK": "RGB",
    "YCbCr": "RGB", "LAB": "RGB", "HSV": "RGB",
    "RGBA": "RGBa", "RGBa": "RGBa", "PA": "RGBa", "LA": "La", "La": "La",
    "I": "I", "I;16": "I", "I;16L": "I", "I;16B": "I", "I;16N": "I", "F": "F",
}


def describe(source: ImageSource) -> str:
    """A short name for ``source`` in messages: its path, or what kind of object it is."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    if isinstance(source, bytes | bytearray):
        return "the image bytes"
    return "the image"


def load_image(source: ImageSource, *, max_side: int | None = WORK_SIDE) -> RGBImage:
    """Load ``source`` as an upright RGB ``uint8`` array of shape ``(H, W, 3)``.

    ``source`` is a file path, the bytes of an encoded image (JPEG, PNG, WebP, AVIF, BMP,
    TIFF, GIF; HEIC with ``facemoji[heic]``), a PIL image or a numpy array (``(H, W)``,
    ``(H, W, 3)`` or ``(H, W, 4)``; ``uint8``, ``uint16``, bool or float in 0..1).
    Images whose longer side exceeds ``max_side`` are reduced to it (area averaging;
    default :data:`WORK_SIDE`, what the face analysis uses; ``None`` keeps every pixel).
    Raises :class:`~facemoji.errors.BadImage` for missing, unreadable, empty, truncated,
    oversized (more than :data:`MAX_PIXELS`), non-photo (see :data:`FORMATS`) or
    non-image input.
    """
    if max_side is not None and max_side < 1:
        raise ValueError(f"max_side must be at least 1, got {max_side}")
    name = describe(source)
    if isinstance(source, np.ndarray):
        return _from_array(source, name, max_side)
    if isinstance(source, Image.Image):
        if source.format and source.format not in FORMATS:
            raise _not_a_photo(name, source.format)
        return _decode(source, name, max_side, owned=False)
    if isinstance(source, bytes | bytearray):
        return decode_image(bytes(source), name, max_side=max_side)
    if isinstance(source, str | os.PathLike):
        with _open_file(Path(source)) as fh:
            return _open(fh, name, max_side)
    raise BadImage(f"cannot read an image from a {type(source).__name__}")


def decode_image(data: bytes, name: str, *, max_side: int | None = WORK_SIDE) -> RGBImage:
    """Like :func:`load_image` for encoded ``data``, with messages naming it ``name``
    (an uploaded file's name, a photo sent as bytes to another process)."""
    if not data:
        raise BadImage(f"{name}: the file is empty")
    return _open(io.BytesIO(data), name, max_side)


def _open_file(path: Path) -> BinaryIO:
    try:
        fh = path.open("rb")
        if os.fstat(fh.fileno()).st_size == 0:
            fh.close()
            raise BadImage(f"{path}: the file is empty")
        return fh
    except FileNotFoundError:
        raise BadImage(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadImage(f"{path} is a folder, not an image") from None
    except PermissionError:
        raise BadImage(f"{path}: permission denied") from None
    except OSError as exc:
        if path.is_dir():  # some platforms raise a plain OSError for folders
            raise BadImage(f"{path} is a folder, not an image") from None
        raise BadImage(f"{path}: cannot read the file ({exc.strerror or exc})") from None


def _open(fh: BinaryIO, name: str, max_side: int | None) -> RGBImage:
    head = fh.read(12)
    fh.seek(0)
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        _register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(fh, formats=_openers())
    except UnidentifiedImageError:
        kind = next((kind for magic, kind in _REFUSED if head.startswith(magic)), None)
        raise _not_a_photo(name, kind) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(name, None) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise BadImage(f"{name}: the image is truncated or corrupt ({exc})") from None
    if im.format not in FORMATS:  # a plugin that subclasses an accepted one
        raise _not_a_photo(name, im.format)
    return _decode(im, name, max_side, owned=True)


@functools.cache
def _import_plugins() -> None:
    # only the accepted formats' plugins (Image.init() would import all 40, in 0.3 s)
    for plugin in ("Jpeg", "Mpo", "Png", "WebP", "Avif", "Bmp", "Tiff", "Gif"):
        importlib.import_module(f"PIL.{plugin}ImagePlugin")


def _openers() -> list[str]:
    """The accepted formats this Pillow can open (HEIF once pillow-heif registered it)."""
    _import_plugins()
    return [f for f in FORMATS if f in Image.OPEN]


def _not_a_photo(name: str, kind: str | None) -> BadImage:
    what = f"{kind} files are not accepted" if kind else "not an image facemoji can read"
    return BadImage(f"{name}: {what} (photo formats only: {_ACCEPTED})")


def _too_large(name: str, size: tuple[int, int] | None) -> BadImage:
    shown = f"{size[0]}×{size[1]}; " if size else ""
    return BadImage(f"{name}: the image is too large ({shown}at most {MAX_PIXELS:,} pixels)")


def _check_size(width: int, height: int, name: str) -> None:
    if width * height > MAX_PIXELS:
        raise _too_large(name, (width, height))
    if width < 1 or height < 1:
        raise BadImage(f"{name}: the image has no pixels")


def _register_heif() -> None:
    global _heif_registered
    if _heif_registered:
        return
    try:
        import pillow_heif
    except ImportError:
        raise missing_extra("pillow-heif (needed for HEIC photos)", "heic") from None
    pillow_heif.register_heif_opener()
    _heif_registered = True


def _decode(im: Image.Image, name: str, max_side: int | None, *, owned: bool) -> RGBImage:
    """Decode a (possibly not yet loaded) PIL image at reduced size, upright, as RGB.
    Only an image facemoji opened itself (``owned``) is decoded at JPEG's reduced scales
    (that changes the image object)."""
    _check_size(im.width, im.height, name)
    if im.mode not in _WORKING_MODE:
        raise BadImage(f"{name}: unsupported pixel mode {im.mode}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            if owned and max_side is not None and max(im.size) > max_side \
                    and im.format in ("JPEG", "MPO"):
                # JPEG decodes at 1/2, 1/4 or 1/8 scale for free: keep at least max_side
                scale = max_side / max(im.size)
                im.draft(None, (math.ceil(im.width * scale), math.ceil(im.height * scale)))
            im.load()
            small = _shrink(im, max_side)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(name, im.size) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # PIL reports truncated and corrupt data this way
        raise BadImage(f"{name}: the image is truncated or corrupt ({exc})") from None
    small.info = dict(im.info)  # the EXIF orientation, for exif_transpose
    try:
        small = ImageOps.exif_transpose(small)
    except (OSError, ValueError, SyntaxError):  # a broken EXIF block: keep the pixels as stored
        log.warning("%s: ignoring unreadable EXIF orientation", name)
    return _to_rgb(small, name)


def _shrink(im: Image.Image, max_side: int | None) -> Image.Image:
    """``im`` in its working mode (see ``_WORKING_MODE``), reduced so that its longer side
    is at most ``max_side``: box-averaged by an integer factor strip by strip (a strip at
    a time is converted, so no full-size copy is made), then resampled to the exact size."""
    mode = _WORKING_MODE[im.mode]
    if im.mode == "P" and "transparency" in im.info:
        mode = "RGBa"
    longest = max(im.size)
    if max_side is None or longest <= max_side:
        return _convert(im, mode)
    factor = longest // max_side
    im = _reduce_in_strips(im, mode, factor) if factor >= 2 else _convert(im, mode)
    scale = max_side / max(im.size)
    size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
    return im.resize(size, Image.Resampling.LANCZOS) if size != im.size else im


def _reduce_in_strips(im: Image.Image, mode: str, factor: int) -> Image.Image:
    bytes_per_row = im.width * (4 if mode in ("RGBa", "I", "F") else len(mode))
    rows = factor * max(1, _STRIP_BYTES // (bytes_per_row * factor))
    out = Image.new(mode, (math.ceil(im.width / factor), math.ceil(im.height / factor)))
    for top in range(0, im.height, rows):
        strip = _convert(im.crop((0, top, im.width, min(im.height, top + rows))), mode)
        out.paste(strip.reduce(factor), (0, top // factor))
    return out


def _convert(im: Image.Image, mode: str) -> Image.Image:
    if im.mode == mode:
        return im
    if im.mode in ("P", "PA", "1") and mode in ("RGBa", "La"):
        im = im.convert("RGBA")  # palette and bilevel images convert in two steps
    elif im.mode.startswith("I;16") and mode == "I":
        return im.convert("I")
    return im.convert(mode)


def _to_rgb(im: Image.Image, name: str) -> RGBImage:
    """The RGB ``uint8`` pixels of an image in a working mode, alpha composited on white."""
    if im.mode in ("RGBa", "La"):
        # premultiplied color + white × (1 − alpha) is the composite on white
        pixels = np.asarray(im, dtype=np.uint8)
        rgb = pixels[..., :-1] + (255 - pixels[..., -1:])
        return np.ascontiguousarray(np.broadcast_to(rgb, (*rgb.shape[:2], 3)))
    if im.mode == "I":  # 16-bit data: 0..65535 → 0..255, rounded (convert clips)
        im = im.point(lambda v: v * (255 / 65535) + 0.5).convert("L")
    elif im.mode == "F":  # floats in 0..1
        values = np.asarray(im, dtype=np.float32)
        if not np.all(np.isfinite(values)):
            raise BadImage(f"{name}: the image has NaN or infinite values")
        im = Image.fromarray(np.round(np.clip(values, 0.0, 1.0) * 255.0).astype(np.uint8))
    return np.ascontiguousarray(np.asarray(im.convert("RGB"), dtype=np.uint8))


def _from_array(arr: np.ndarray, name: str, max_side: int | None) -> RGBImage:
    """An array as an 8-bit PIL image (converted in row strips: no float copy of the
    whole), then decoded like any image."""
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (3, 4)):
        raise BadImage(f"{name}: expected an (H, W), (H, W, 3) or (H, W, 4) array, "
                       f"got shape {arr.shape}")
    _check_size(arr.shape[1], arr.shape[0], name)
    if not (arr.dtype == np.bool_ or np.issubdtype(arr.dtype, np.integer)
            or np.issubdtype(arr.dtype, np.floating)):
        raise BadImage(f"{name}: unsupported pixel type {arr.dtype}")
    pixels = np.ascontiguousarray(_array_to_uint8(arr, name))
    return _decode(Image.fromarray(pixels), name, max_side, owned=False)


def _array_to_uint8(arr: np.ndarray, name: str) -> np.ndarray:
    """``arr`` as ``uint8`` (itself when it already is), converted in row strips."""
    if arr.dtype == np.uint8:
        return arr
    out = np.empty(arr.shape, np.uint8)
    rows = max(1, _STRIP_BYTES // max(1, arr[0].nbytes))
    for top in range(0, arr.shape[0], rows):
        part = arr[top:top + rows]
        if part.dtype == np.bool_:
            out[top:top + rows] = part * np.uint8(255)
        elif np.issubdtype(part.dtype, np.integer):  # 16-bit data: round(v / 257)
            out[top:top + rows] = (np.clip(part, 0, 65535).astype(np.uint32) + 128) // 257
        else:
            if not np.all(np.isfinite(part)):
                raise BadImage(f"{name}: the image has NaN or infinite values")
            out[top:top + rows] = np.round(np.clip(part, 0.0, 1.0) * 255.0)
    return out


GRAY_SPREAD = 12.0
"""The most :func:`color_spread` of a black-and-white photo. A grayscale JPEG saved as RGB
spreads a few units (compression); the least colorful of the 790 labelled color photos
spreads 33 (``benchmarks/grayscale.py``). A sepia print is tinted, so it counts as color."""


def color_spread(image: RGBImage) -> float:
    """How far apart (of 255) the channels of ``image`` are at its 99th percentile pixel
    (every 4th pixel of every 4th row, for speed): 0 for a black-and-white photo."""
    sample = image[::4, ::4].astype(np.int16)
    spread = np.maximum(np.abs(sample[..., 0] - sample[..., 1]),
                        np.abs(sample[..., 1] - sample[..., 2]))
    return float(np.percentile(spread, 99))


def is_grayscale(image: RGBImage) -> bool:
    """Whether ``image`` is a black-and-white photo, whose colors say nothing of the
    person's (:data:`GRAY_SPREAD`)."""
    return color_spread(image) <= GRAY_SPREAD
