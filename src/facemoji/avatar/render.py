"""SVG → pixels with libvips (``pyvips`` + ``pyvips-binary``), single and batched.

libvips rasterizes SVG through librsvg: about 6 ms for an avatar at 256 px on one core,
with masks, gradients and translucency right (see docs/benchmarks.md for the
comparison with resvg, skia and cairosvg that chose it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import BadArgument, InvalidParams
from ..outputs import check_file, write_file
from ..types import RGBAImage, RGBImage
from .schema import Params, hex_to_rgb, normalize_hex
from .style import Style, get_style

Background = str | tuple[int, int, int] | None
"""``"white"``, ``"#rrggbb"``, an RGB triple, or ``None`` for transparent."""

_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_SIZE_ATTR = re.compile(r'\s(width|height)="[^"]*"')
_VIEWBOX = re.compile(r'\sviewBox="([^"]*)"')


def _vips() -> Any:
    import pyvips

    pyvips.cache_set_max(0)  # every SVG differs: caching only holds memory
    return pyvips


def sized_svg(svg: str, size: int) -> str:
    """``svg`` with its root ``width``/``height`` set to ``size`` px (the viewBox scales)."""
    m = _ROOT.search(svg)
    if m is None:
        raise InvalidParams("not an SVG document: no <svg> element")
    tag = _SIZE_ATTR.sub("", m.group(0))
    tag = tag[:4] + f' width="{size}" height="{size}"' + tag[4:]
    return svg[: m.start()] + tag + svg[m.end() :]


def svg_viewbox(svg: str) -> tuple[float, float, float, float]:
    """The root element's ``viewBox``: ``(min_x, min_y, width, height)``."""
    root = _ROOT.search(svg)
    box = _VIEWBOX.search(root.group(0)) if root else None
    if box is None:
        raise InvalidParams("not an SVG document with a viewBox on its <svg> element")
    x, y, w, h = (float(v) for v in box.group(1).replace(",", " ").split())
    return x, y, w, h


def reframe_svg(svg: str, viewbox: Sequence[float], transform: str | None = None) -> str:
    """``svg`` with its root ``viewBox`` replaced by ``viewbox`` and, with ``transform``,
    its content wrapped in ``<g transform="...">``: a crop, a zoom or an aligned chip is a
    new frame on the same drawing, with no rasterizing and warping."""
    root = _ROOT.search(svg)
    if root is None:
        raise InvalidParams("not an SVG document: no <svg> element")
    tag = _VIEWBOX.sub("", root.group(0))
    tag = tag[:4] + ' viewBox="' + " ".join(f"{v:.6g}" for v in viewbox) + '"' + tag[4:]
    body = svg[root.end() : svg.rfind("</svg>")]
    if transform is not None:
        body = f'<g transform="{transform}">{body}</g>'
    return svg[: root.start()] + tag + body + "</svg>"


FACE_MARGIN = 1.35
"""A face crop's side, relative to the larger side of the style's face box."""


def crop_to_face(svg: str, style: Style, params: Params, margin: float = FACE_MARGIN) -> str:
    """``svg`` (of ``params`` in ``style``) framed on a square around the face: option
    thumbnails of eyes, noses and mouths stay legible."""
    x, y, w, h = svg_viewbox(svg)
    x0, y0, x1, y1 = style.face_box(params, round(w))  # in viewBox units from (x, y)
    side = min(w, h, max(x1 - x0, y1 - y0) * margin)
    cx, cy = x + (x0 + x1) / 2, y + (y0 + y1) / 2
    left = min(max(cx - side / 2, x), x + w - side)
    top = min(max(cy - side / 2, y), y + h - side)
    return reframe_svg(svg, (left, top, side, side))


def _background_rgb(background: Background) -> tuple[int, int, int] | None:
    if background is None:
        return None
    if isinstance(background, tuple):
        return background
    if background == "white":
        return (255, 255, 255)
    h = normalize_hex(background)
    if h is None:
        raise BadArgument(f"background must be 'white', #rrggbb or none, not {background!r}")
    return hex_to_rgb(h)


def _rasterize(svg: str, size: int, background: Background) -> Any:
    if size < 8 or size > 4096:
        raise BadArgument(f"size must be between 8 and 4096 px, not {size}")
    pyvips = _vips()
    try:
        image = pyvips.Image.svgload_buffer(sized_svg(svg, size).encode("utf-8"), unlimited=True)
    except pyvips.Error as exc:
        raise InvalidParams(f"the SVG could not be rendered: {str(exc).splitlines()[0]}") from None
    if image.bands == 3:
        image = image.bandjoin(255)
    rgb = _background_rgb(background)
    if rgb is not None:
        image = image.flatten(background=list(rgb))
    return image


def rasterize_svg(svg: str, size: int = 256, background: Background = "white") -> np.ndarray:
    """Rasterize an SVG document to ``size`` × ``size``.

    Returns RGB ``uint8`` ``(size, size, 3)``, or RGBA ``(size, size, 4)`` with
    ``background=None``.
    """
    return np.ascontiguousarray(_rasterize(svg, size, background).numpy(), dtype=np.uint8)


def svg_to_png(svg: str, size: int = 256, background: Background = "white") -> bytes:
    """Rasterize an SVG document to PNG bytes."""
    return bytes(_rasterize(svg, size, background).pngsave_buffer(compression=6))


def render_svg(params: Params) -> str:
    """The SVG document of ``params`` in its own style."""
    return get_style(params.style).svg(params)


def render(params: Params, size: int = 256, background: Background = "white") -> RGBImage:
    """Render avatar ``params`` to an RGB ``uint8`` array ``(size, size, 3)``.

    ``background`` is ``"white"`` (default), ``"#rrggbb"``, an RGB triple, or ``None``
    for an RGBA array with a transparent background. Same params, same pixels.
    """
    return rasterize_svg(render_svg(params), size, background)


def render_rgba(params: Params, size: int = 256) -> RGBAImage:
    """Render ``params`` to an RGBA ``uint8`` array with a transparent background."""
    return rasterize_svg(render_svg(params), size, None)


def render_png(params: Params, size: int = 256, background: Background = "white") -> bytes:
    """Render ``params`` to PNG bytes."""
    return svg_to_png(render_svg(params), size, background)


def save(params: Params, path: str | os.PathLike[str], size: int = 512,
         background: Background = "white", overwrite: bool = False) -> Path:
    """Write ``params`` to ``path`` as ``.svg``, ``.png`` or ``.json`` (chosen by suffix),
    whole and never through a link (:mod:`facemoji.outputs`).

    Refuses to replace an existing file unless ``overwrite``.
    """
    out = check_file(path, (".svg", ".png", ".json"), force=overwrite)
    suffix = out.suffix.lower()
    if suffix == ".svg":
        content: str | bytes = render_svg(params)
    elif suffix == ".json":
        content = params.to_json() + "\n"
    else:
        content = render_png(params, size, background)
    return write_file(out, content, force=overwrite)


def _render_job(job: tuple[str, dict[str, Any], int, Background]) -> np.ndarray:
    style, values, size, background = job
    return render(get_style(style).schema.params(values), size, background)


def render_batch(
    params: Sequence[Params],
    size: int = 256,
    background: Background = "white",
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[np.ndarray]:
    """Render many avatars over a process pool (each rasterization uses one core).

    ``workers`` defaults to the number of CPU cores; 1 renders in this process.
    ``progress`` is called with 1 after each finished render. Order is preserved.
    """
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(params) < 4:
        out = []
        for p in params:
            out.append(render(p, size, background))
            if progress:
                progress(1)
        return out
    jobs: Iterable[tuple[str, dict[str, Any], int, Background]] = (
        (p.style, dict(p), size, background) for p in params
    )
    results = []
    # spawn, not fork: libvips keeps worker threads, and forking a threaded process can hang
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for image in pool.map(_render_job, jobs, chunksize=max(1, len(params) // (8 * workers))):
            results.append(image)
            if progress:
                progress(1)
    return results
