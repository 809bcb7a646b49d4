"""Load any photo input into the one image convention: upright RGB ``uint8`` ``(H, W, 3)``.

Accepts a path, encoded bytes, a PIL image or a numpy array. EXIF orientation is applied,
transparency is composited on white, and grayscale, 16-bit, CMYK and palette images are
converted. Anything that cannot be read raises :class:`~facemoji.errors.BadImage` with a
message naming the input.
"""

from __future__ import annotations

import io
import logging
import os
import warnings
from pathlib import Path
from typing import TypeAlias

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import BadImage, missing_extra
from ..types import RGBImage

log = logging.getLogger(__name__)

ImageSource: TypeAlias = str | os.PathLike[str] | bytes | Image.Image | np.ndarray
"""Everything :func:`load_image` accepts."""

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif")
"""File name endings of the photos facemoji reads from folders."""

MAX_PIXELS = 90_000_000
"""Larger images are refused (decompression-bomb guard): about 10,000 × 9,000 pixels."""

# ISO-BMFF brands of HEIF/HEIC/AVIF files, read at bytes 8..12 after "ftyp"
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"}
_heif_registered = False


def describe(source: ImageSource) -> str:
    """A short name for ``source`` in messages: its path, or what kind of object it is."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    if isinstance(source, bytes | bytearray):
        return "the image bytes"
    return "the image"


def load_image(source: ImageSource) -> RGBImage:
    """Load ``source`` as an upright RGB ``uint8`` array of shape ``(H, W, 3)``.

    ``source`` is a file path, the bytes of an encoded image (JPEG, PNG, WebP, BMP, TIFF;
    HEIC with ``facemoji[heic]``), a PIL image or a numpy array (``(H, W)``, ``(H, W, 3)``
    or ``(H, W, 4)``; ``uint8``, ``uint16`` or float in 0..1). Raises
    :class:`~facemoji.errors.BadImage` for missing, unreadable, empty, truncated, oversized
    (more than :data:`MAX_PIXELS`) or non-image input.
    """
    if isinstance(source, np.ndarray):
        return _from_array(source, describe(source))
    if isinstance(source, Image.Image):
        return _from_pil(source, describe(source))
    if isinstance(source, bytes | bytearray):
        return _decode(bytes(source), describe(source))
    if isinstance(source, str | os.PathLike):
        return _decode(_read(Path(source)), describe(source))
    raise BadImage(f"cannot read an image from a {type(source).__name__}")


def decode_image(data: bytes, name: str) -> RGBImage:
    """Like :func:`load_image` for encoded ``data``, with messages naming it ``name``
    (an uploaded file's name, a photo sent by bytes to another machine)."""
    return _decode(bytes(data), name)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
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


def _decode(data: bytes, name: str) -> RGBImage:
    if not data:
        raise BadImage(f"{name}: the file is empty")
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        _register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
            _check_size(im.width, im.height, name)
            im.load()
    except BadImage:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise BadImage(
            f"{name}: the image is too large (more than {MAX_PIXELS:,} pixels)"
        ) from None
    except UnidentifiedImageError:
        raise BadImage(f"{name}: not an image facemoji can read") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # PIL reports truncated and corrupt data this way
        raise BadImage(f"{name}: the image is truncated or corrupt ({exc})") from None
    return _from_pil(im, name)


def _check_size(width: int, height: int, name: str) -> None:
    if width * height > MAX_PIXELS:
        raise BadImage(
            f"{name}: the image is too large ({width}×{height}; at most {MAX_PIXELS:,} pixels)"
        )
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


def _from_pil(im: Image.Image, name: str) -> RGBImage:
    _check_size(im.width, im.height, name)
    try:
        im = ImageOps.exif_transpose(im)
    except (OSError, ValueError, SyntaxError):  # a broken EXIF block: keep the pixels as stored
        log.warning("%s: ignoring unreadable EXIF orientation", name)
    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        return _from_array(np.asarray(im), name)
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        return _from_array(np.asarray(im.convert("RGBA")), name)
    return np.ascontiguousarray(np.asarray(im.convert("RGB"), dtype=np.uint8))


def _from_array(arr: np.ndarray, name: str) -> RGBImage:
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (3, 4)):
        raise BadImage(f"{name}: expected an (H, W), (H, W, 3) or (H, W, 4) array, "
                       f"got shape {arr.shape}")
    _check_size(arr.shape[1], arr.shape[0], name)
    pixels = _to_unit(arr, name)
    if pixels.ndim == 2:
        pixels = np.repeat(pixels[:, :, None], 3, axis=2)
    elif pixels.shape[2] == 4:  # composite straight alpha on white
        alpha = pixels[:, :, 3:]
        pixels = pixels[:, :, :3] * alpha + (1.0 - alpha)
    return np.ascontiguousarray(np.round(pixels * 255.0).astype(np.uint8))


def _to_unit(arr: np.ndarray, name: str) -> np.ndarray:
    """Scale an integer or float array to float32 in 0..1."""
    if arr.dtype == np.uint8:
        return arr.astype(np.float32) / 255.0
    if arr.dtype == np.bool_:
        return arr.astype(np.float32)
    if np.issubdtype(arr.dtype, np.integer):
        # 16-bit data (PIL's "I" mode holds 16-bit PNGs in int32)
        return np.clip(arr.astype(np.float32) / 65535.0, 0.0, 1.0)
    if np.issubdtype(arr.dtype, np.floating):
        if not np.all(np.isfinite(arr)):
            raise BadImage(f"{name}: the image has NaN or infinite values")
        return np.clip(arr.astype(np.float32), 0.0, 1.0)
    raise BadImage(f"{name}: unsupported pixel type {arr.dtype}")
