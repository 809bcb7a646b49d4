"""Small helpers that build SVG text: numbers, smooth paths, gradients.

Shapes are described by a few control points and drawn as smooth cubic Bézier curves
(Catmull-Rom splines converted to Bézier segments), so every part has clean curves
without hand-writing control handles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

Point = tuple[float, float]


def f(x: float) -> str:
    """A coordinate with one decimal ("12.5", "-3.0"): enough at any render size."""
    return "%.1f" % x  # noqa: UP031  (%-formatting is the fastest here: ~1,000 numbers per avatar)


def pt(p: Point) -> str:
    """``"x y"`` of a point, one decimal each."""
    return "%.1f %.1f" % (p[0], p[1])  # noqa: UP031


def _bezier_segments(points: Sequence[Point], closed: bool, tension: float
                     ) -> list[tuple[float, float, float, float, float, float]]:
    """Cubic segments ``(c1x, c1y, c2x, c2y, x, y)`` of the Catmull-Rom spline."""
    n = len(points)
    k = tension / 6.0
    last = n if closed else n - 1
    out = []
    for i in range(last):
        p0 = points[(i - 1) % n] if (closed or i > 0) else points[i]
        p1 = points[i]
        p2 = points[(i + 1) % n]
        p3 = points[(i + 2) % n] if (closed or i + 2 < n) else p2
        out.append((p1[0] + (p2[0] - p0[0]) * k, p1[1] + (p2[1] - p0[1]) * k,
                    p2[0] - (p3[0] - p1[0]) * k, p2[1] - (p3[1] - p1[1]) * k, p2[0], p2[1]))
    return out


def smooth(points: Sequence[Point], closed: bool = True, tension: float = 1.0) -> str:
    """Path data of a smooth curve through ``points`` (Catmull-Rom as cubic Béziers).

    ``tension`` 1 is the classic spline; lower values give tighter corners.
    """
    n = len(points)
    if n < 2:
        raise ValueError("a path needs at least two points")
    # the same segments as _bezier_segments, formatted in the loop: this is the hot path
    k = tension / 6.0
    parts = ["M%.1f %.1f" % (points[0][0], points[0][1])]  # noqa: UP031
    for i in range(n if closed else n - 1):
        p0 = points[(i - 1) % n] if (closed or i > 0) else points[i]
        p1 = points[i]
        p2 = points[(i + 1) % n]
        p3 = points[(i + 2) % n] if (closed or i + 2 < n) else p2
        parts.append("C%.1f %.1f %.1f %.1f %.1f %.1f" % (  # noqa: UP031
            p1[0] + (p2[0] - p0[0]) * k, p1[1] + (p2[1] - p0[1]) * k,
            p2[0] - (p3[0] - p1[0]) * k, p2[1] - (p3[1] - p1[1]) * k, p2[0], p2[1]))
    if closed:
        parts.append("Z")
    return "".join(parts)


def polyline(points: Iterable[Point], closed: bool = False) -> str:
    """Path data of straight segments through ``points``."""
    pts = list(points)
    d = "M" + "L".join(pt(p) for p in pts)
    return d + ("Z" if closed else "")


def _paint_opacity(fill: str, attrs: dict[str, str | float]) -> dict[str, str | float]:
    """``attrs`` with an element ``opacity`` moved onto its only paint (fill or stroke).

    The result looks the same, but librsvg composites an element with ``opacity`` through
    an offscreen layer, while ``fill-opacity``/``stroke-opacity`` paint directly: about a
    tenth of the rasterization time of an avatar.
    """
    if "opacity" not in attrs:
        return attrs
    if "stroke" not in attrs and "fill_opacity" not in attrs:
        target = "fill_opacity"
    elif fill == "none" and "stroke_opacity" not in attrs:
        target = "stroke_opacity"
    else:
        return attrs
    out = dict(attrs)
    out[target] = out.pop("opacity")
    return out


def path(d: str, fill: str, **attrs: str | float) -> str:
    """A ``<path>`` element. Attribute names use ``_`` for ``-`` (``stroke_width``)."""
    extra = "".join(f' {k.replace("_", "-")}="{_attr(v)}"'
                    for k, v in _paint_opacity(fill, attrs).items())
    return f'<path d="{d}" fill="{fill}"{extra}/>'


def ellipse(cx: float, cy: float, rx: float, ry: float, fill: str, **attrs: str | float) -> str:
    """An ``<ellipse>`` element."""
    extra = "".join(f' {k.replace("_", "-")}="{_attr(v)}"'
                    for k, v in _paint_opacity(fill, attrs).items())
    return f'<ellipse cx="{f(cx)}" cy="{f(cy)}" rx="{f(rx)}" ry="{f(ry)}" fill="{fill}"{extra}/>'


def _attr(v: str | float) -> str:
    return f(v) if isinstance(v, (int, float)) else v


def clipped(cid: str, d: str, content: str) -> str:
    """``content`` clipped to the path ``d`` (``cid`` must be unique in the document)."""
    return (f'<clipPath id="{cid}"><path d="{d}"/></clipPath>'
            f'<g clip-path="url(#{cid})">{content}</g>')


def group(children: Iterable[str], **attrs: str | float) -> str:
    """A ``<g>`` around ``children``."""
    extra = "".join(f' {k.replace("_", "-")}="{_attr(v)}"' for k, v in attrs.items())
    return f"<g{extra}>" + "".join(children) + "</g>"


def linear_gradient(gid: str, stops: Sequence[tuple[float, str, float]],
                    x1: float = 0, y1: float = 0, x2: float = 0, y2: float = 1) -> str:
    """A ``<linearGradient>`` in bounding-box units; stops are ``(offset, color, opacity)``."""
    s = "".join(
        f'<stop offset="{o:.3g}" stop-color="{c}"' + (f' stop-opacity="{a:.3g}"' if a < 1 else "")
        + "/>"
        for o, c, a in stops
    )
    return (f'<linearGradient id="{gid}" x1="{x1:.3g}" y1="{y1:.3g}" x2="{x2:.3g}" '
            f'y2="{y2:.3g}">{s}</linearGradient>')


def radial_gradient(gid: str, stops: Sequence[tuple[float, str, float]],
                    cx: float = 0.5, cy: float = 0.5, r: float = 0.5,
                    fx: float | None = None, fy: float | None = None) -> str:
    """A ``<radialGradient>`` in bounding-box units; stops are ``(offset, color, opacity)``."""
    s = "".join(
        f'<stop offset="{o:.3g}" stop-color="{c}"' + (f' stop-opacity="{a:.3g}"' if a < 1 else "")
        + "/>"
        for o, c, a in stops
    )
    focus = ""
    if fx is not None:
        focus += f' fx="{fx:.3g}"'
    if fy is not None:
        focus += f' fy="{fy:.3g}"'
    return (f'<radialGradient id="{gid}" cx="{cx:.3g}" cy="{cy:.3g}" r="{r:.3g}"{focus}>'
            f"{s}</radialGradient>")


def mirror(points: Sequence[Point], cx: float) -> list[Point]:
    """``points`` mirrored about the vertical line ``x = cx``."""
    return [(2 * cx - x, y) for x, y in points]


def lerp(a: Point, b: Point, t: float) -> Point:
    """The point a fraction ``t`` of the way from ``a`` to ``b``."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def sample_smooth(points: Sequence[Point], closed: bool = True, steps: int = 16,
                  tension: float = 1.0) -> list[Point]:
    """Points along the curve that :func:`smooth` draws (``steps`` per segment)."""
    segs = np.asarray(_bezier_segments(points, closed, tension))  # (k, 6)
    ends = segs[:, 4:6]
    starts = np.vstack([np.asarray(points[0], dtype=float)[None], ends[:-1]])
    t = (np.arange(1, steps + 1) / steps)[None, :, None]
    u = 1.0 - t
    c1, c2 = segs[:, None, 0:2], segs[:, None, 2:4]
    curve = (u**3 * starts[:, None] + 3 * u * u * t * c1 + 3 * u * t * t * c2
             + t**3 * ends[:, None])
    out = np.vstack([np.asarray(points[0], dtype=float)[None], curve.reshape(-1, 2)])
    return list(map(tuple, out.tolist()))
