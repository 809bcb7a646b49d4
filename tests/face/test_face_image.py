"""load_image: every supported format and input kind, and every bad input → BadImage."""

from __future__ import annotations

import io
import os
import struct
import sys
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from facemoji.errors import BadImage, MissingExtra
from facemoji.face import image as image_module
from facemoji.face.image import MAX_PIXELS, is_grayscale, load_image


def _encode(image: Image.Image, fmt: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format=fmt, **kwargs)
    return buf.getvalue()


def _halves(width: int = 40, height: int = 20) -> np.ndarray:
    """Left half red, right half blue."""
    arr = np.zeros((height, width, 3), np.uint8)
    arr[:, : width // 2] = (255, 0, 0)
    arr[:, width // 2 :] = (0, 0, 255)
    return arr


def _chunk(kind: bytes, payload: bytes) -> bytes:
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


def _png_header(width: int, height: int) -> bytes:
    """A small PNG file whose header claims ``width``×``height`` (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)
            + _chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _chunk(b"IEND", b""))


def test_jpeg_exif_orientation_is_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored image must be rotated 90° clockwise to display
    data = _encode(Image.fromarray(_halves()), "JPEG", exif=exif, quality=95)
    out = load_image(data)
    assert out.shape == (40, 20, 3) and out.dtype == np.uint8
    # rotating clockwise brings the stored left (red) half to the top
    assert out[:15, :, 0].mean() > 200 and out[:15, :, 2].mean() < 50
    assert out[-15:, :, 2].mean() > 200 and out[-15:, :, 0].mean() < 50


def test_png_alpha_is_composited_on_white() -> None:
    rgba = np.zeros((10, 30, 4), np.uint8)
    rgba[:, :10] = (0, 0, 0, 0)  # transparent → white
    rgba[:, 10:20] = (0, 0, 0, 255)  # opaque black
    rgba[:, 20:] = (0, 0, 0, 128)  # half black over white → mid gray
    out = load_image(_encode(Image.fromarray(rgba, "RGBA"), "PNG"))
    assert out.shape == (10, 30, 3)
    assert (out[:, :10] == 255).all()
    assert (out[:, 10:20] == 0).all()
    assert np.allclose(out[:, 20:], 127, atol=1)


def test_palette_transparency_is_composited_on_white() -> None:
    im = Image.new("P", (8, 8), 0)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    im.paste(1, (0, 0, 4, 8))
    im.info["transparency"] = 0
    out = load_image(_encode(im, "PNG", transparency=0))
    assert (out[:, :4] == (255, 0, 0)).all()
    assert (out[:, 4:] == 255).all()


def test_16_bit_png_gray_and_color() -> None:
    gray = np.full((6, 6), 40000, np.uint16)
    ok, encoded = cv2.imencode(".png", gray)
    assert ok
    out = load_image(encoded.tobytes())
    assert out.shape == (6, 6, 3)
    assert np.all(np.abs(out.astype(int) - round(40000 / 65535 * 255)) <= 1)

    bgr = np.zeros((6, 6, 3), np.uint16)
    bgr[..., 2] = 65535  # red in OpenCV's BGR order
    bgr[..., 1] = 32768
    ok, encoded = cv2.imencode(".png", bgr)
    out = load_image(encoded.tobytes())
    assert np.all(np.abs(out[0, 0].astype(int) - (255, 128, 0)) <= 1)


def test_grayscale_becomes_three_equal_channels() -> None:
    gray = np.tile(np.arange(0, 250, 10, dtype=np.uint8), (5, 1))
    out = load_image(_encode(Image.fromarray(gray, "L"), "PNG"))
    assert out.shape == (5, 25, 3)
    assert (out[..., 0] == gray).all() and (out[..., 1] == gray).all()
    assert (out[..., 2] == gray).all()


def test_black_and_white_photos_are_told_from_color_ones(astronaut: np.ndarray) -> None:
    """A grayscale photo, even one saved as an RGB JPEG, is black and white; a color photo
    and a sepia-toned one are not."""
    gray = Image.fromarray(astronaut).convert("L")
    as_jpeg = load_image(_encode(gray.convert("RGB"), "JPEG", quality=75))
    assert is_grayscale(load_image(_encode(gray, "PNG"))) and is_grayscale(as_jpeg)
    assert not is_grayscale(astronaut)
    sepia = np.asarray(gray, np.float32)[..., None] * np.array([1.0, 0.85, 0.65])
    assert not is_grayscale(sepia.astype(np.uint8))


def test_cmyk_jpeg_becomes_rgb() -> None:
    cmyk = Image.new("CMYK", (16, 16), (0, 255, 255, 0))  # pure red in CMYK
    out = load_image(_encode(cmyk, "JPEG", quality=95))
    assert out.shape == (16, 16, 3)
    r, g, b = out.reshape(-1, 3).mean(axis=0)
    assert r > 200 and g < 60 and b < 60


@pytest.mark.parametrize(
    ("fmt", "kwargs"),
    [("WEBP", {"lossless": True}), ("BMP", {}), ("TIFF", {}), ("PNG", {})],
)
def test_lossless_formats_round_trip(fmt: str, kwargs: dict) -> None:
    original = _halves(32, 16)
    out = load_image(_encode(Image.fromarray(original), fmt, **kwargs))
    assert out.shape == original.shape and out.dtype == np.uint8
    assert (out == original).all()


def test_path_pil_and_array_inputs_agree(tmp_path: Path) -> None:
    original = _halves()
    path = tmp_path / "photo.png"
    Image.fromarray(original).save(path)
    assert (load_image(path) == original).all()
    assert (load_image(str(path)) == original).all()
    assert (load_image(Image.fromarray(original)) == original).all()
    assert (load_image(original) == original).all()
    assert load_image(original).flags["C_CONTIGUOUS"]


def test_arrays_of_other_types() -> None:
    assert (load_image(np.full((4, 4), 65535, np.uint16)) == 255).all()
    assert (load_image(np.full((4, 4, 3), 0.5, np.float32)) == 128).all()
    rgba = np.zeros((4, 4, 4), np.uint8)
    assert (load_image(rgba) == 255).all()
    with pytest.raises(BadImage, match="shape"):
        load_image(np.zeros((4, 4, 2), np.uint8))
    with pytest.raises(BadImage, match="NaN"):
        load_image(np.full((4, 4), np.nan))


@pytest.mark.parametrize("size", [(20000, 20000), (10000, 9500)])
def test_decompression_bomb_is_refused(size: tuple[int, int]) -> None:
    assert size[0] * size[1] > MAX_PIXELS
    with pytest.raises(BadImage, match="too large"):
        load_image(_png_header(*size))


def test_truncated_file(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    data = _encode(Image.fromarray(rng.integers(0, 255, (64, 64, 3), dtype=np.uint8)), "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(BadImage, match=r"cut\.jpg: .*truncated"):
        load_image(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    with pytest.raises(BadImage, match="empty"):
        load_image(path)


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("not a photo\n")
    with pytest.raises(BadImage, match="not an image"):
        load_image(path)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(BadImage, match="no such file"):
        load_image(tmp_path / "nope.png")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(BadImage, match="folder"):
        load_image(tmp_path)


def test_unsupported_object() -> None:
    with pytest.raises(BadImage, match="int"):
        load_image(42)  # type: ignore[arg-type]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.png"
    Image.fromarray(_halves()).save(path)
    path.chmod(0)
    with pytest.raises(BadImage, match="permission denied"):
        load_image(path)


def test_heic_without_pillow_heif_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pillow_heif", None)  # makes the import fail
    monkeypatch.setattr(image_module, "_heif_registered", False)
    heic = b"\0\0\0\x18ftypheic" + b"\0" * 32
    with pytest.raises(MissingExtra, match=r"facemoji\[heic\]"):
        load_image(heic)


# --- hardening (issue 14): photo formats only, bounded memory, reduced decoding ---

@pytest.mark.parametrize("fmt", ["EPS", "PDF", "PPM", "TGA", "ICO", "PCX", "SGI", "DDS",
                                 "QOI", "XBM", "JPEG2000"])
def test_only_photo_formats_are_opened(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import EpsImagePlugin

    ran: list[str] = []  # Ghostscript would run the file's PostScript
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", lambda *a, **k: ran.append("gs"))
    image = Image.fromarray(_halves(20, 20))
    data = _encode(image.convert("1") if fmt == "XBM" else image, fmt)
    with pytest.raises(BadImage, match="photo formats only"):
        load_image(data)
    assert ran == []


def test_postscript_is_named_in_the_refusal(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n")
    with pytest.raises(BadImage, match=r"photo\.jpg: PostScript files are not accepted"):
        load_image(path)


def test_gif_gives_its_first_frame() -> None:
    frames = [Image.new("RGB", (16, 16), color) for color in ((255, 0, 0), (0, 0, 255))]
    buf = io.BytesIO()
    frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:])
    out = load_image(buf.getvalue())
    assert out.shape == (16, 16, 3) and out[..., 0].min() > 200 and out[..., 2].max() < 50


def test_a_phone_sized_limit() -> None:
    assert 48_000_000 < MAX_PIXELS <= 52_000_000  # a 50 MP phone photo loads; no more
    with pytest.raises(BadImage, match=r"too large \(8000×7000"):
        load_image(_png_header(8000, 7000))


def test_big_jpeg_is_decoded_reduced_and_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    stored = cv2.resize(_halves(40, 20), (4000, 2000), interpolation=cv2.INTER_NEAREST)
    out = load_image(_encode(Image.fromarray(stored), "JPEG", exif=exif, quality=90))
    assert out.shape == (image_module.WORK_SIDE, 800, 3)
    assert out[:700, :, 0].mean() > 200 and out[-700:, :, 2].mean() > 200
    full = load_image(_encode(Image.fromarray(stored), "JPEG", quality=90), max_side=None)
    assert full.shape == (2000, 4000, 3)


def test_big_rgba_png_is_reduced_without_dark_fringes() -> None:
    rgba = np.zeros((480, 660, 4), np.uint8)  # transparent black ...
    rgba[:, 330:] = (255, 0, 0, 255)  # ... beside opaque red
    out = load_image(_encode(Image.fromarray(rgba), "PNG"), max_side=200)
    assert out.shape == (145, 200, 3)
    # composited on white before averaging: the seam blends white into red, never black
    assert out.min(axis=(0, 1)).tolist() == [255, 0, 0]
    assert (out[:, :98] == 255).all() and (out[:, 102:] == (255, 0, 0)).all()


def test_16_bit_png_is_reduced() -> None:
    gray = np.full((500, 850), 40000, np.uint16)
    encoded = cv2.imencode(".png", gray)[1]
    out = load_image(encoded.tobytes(), max_side=400)
    assert out.shape == (235, 400, 3)
    assert np.all(np.abs(out.astype(int) - round(40000 / 65535 * 255)) <= 1)


@pytest.mark.parametrize("mode", ["RGBA", "I;16", "RGB"])
def test_no_full_size_array_is_made(mode: str) -> None:
    """numpy memory (which tracemalloc sees) stays at the reduced size: the old loader
    made float copies of the whole photo (5.7 GB for a 9400² RGBA PNG)."""
    import tracemalloc

    shape = (2000, 2000) if mode == "I;16" else (2000, 2000, len(mode))
    pixels = np.zeros(shape, np.uint16 if mode == "I;16" else np.uint8)
    data = _encode(Image.fromarray(pixels), "PNG", compress_level=1)
    tracemalloc.start()
    try:
        out = load_image(data, max_side=400)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.shape == (400, 400, 3)
    assert peak < 2000 * 2000  # a full-size RGB copy alone would be 3 bytes a pixel


def test_arrays_are_reduced_too() -> None:
    big = np.zeros((800, 500, 4), np.uint16)
    big[..., 3] = 65535
    out = load_image(big, max_side=400)
    assert out.shape == (400, 250, 3) and (out == 0).all()
    assert load_image(big, max_side=None).shape == (800, 500, 3)
    assert load_image(big).shape == (800, 500, 3)  # within WORK_SIDE: every pixel


def test_gray_with_alpha_is_composited_on_white() -> None:
    la = Image.new("LA", (600, 300), (0, 0))
    la.paste((0, 255), (300, 0, 600, 300))  # transparent left, opaque black right
    out = load_image(_encode(la, "PNG"), max_side=200)
    assert out.shape == (100, 200, 3)
    assert (out[:, :98] == 255).all() and (out[:, 102:] == 0).all()


def test_decode_image_names_the_upload() -> None:
    with pytest.raises(BadImage, match=r"^holiday\.jpg: .*photo formats only"):
        image_module.decode_image(b"%PDF-1.4 not a photo", "holiday.jpg")
    with pytest.raises(BadImage, match=r"^holiday\.jpg: the file is empty"):
        image_module.decode_image(b"", "holiday.jpg")
    assert image_module.decode_image(_encode(Image.fromarray(_halves()), "PNG"),
                                     "a.png").shape == (20, 40, 3)
