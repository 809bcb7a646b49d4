"""A self-contained HTML report of a generated avatar: the photos, the avatar large,
the measured colors and traits beside what the avatar shows, and each ranked feature's
top options with their scores (small renders; swatches for colors)."""

from __future__ import annotations

import base64
import html
from typing import TYPE_CHECKING

from ..avatar.render import svg_to_png
from ..avatar.style import get_style
from ..report import encode_image
from .mapping import mapping_for
from .measured import COLOR_NAMES

if TYPE_CHECKING:
    from .generate import Result

TOP = 3
THUMB = 96

_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#223;background:#f6f6f8}
h1{font-size:1.4em} h2{font-size:1.1em;margin-top:1.5em}
.row{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end}
figure{margin:0;text-align:center;font-size:12px}
img{border-radius:8px;background:#fff}
.chosen img,.chosen .sw{outline:3px solid #3a7} .sw{display:inline-block;width:40px;
height:40px;border-radius:6px;border:1px solid #0002;vertical-align:middle}
.sw.big{display:block;width:96px;height:96px;border-radius:8px}
table{border-collapse:collapse} td{padding:4px 10px}
"""


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _figure(png: bytes, caption: str, size: int, chosen: bool = False) -> str:
    cls = ' class="chosen"' if chosen else ""
    return (f'<figure{cls}><img src="{_data_uri(png)}" width="{size}" height="{size}" '
            f'alt=""><figcaption>{html.escape(caption)}</figcaption></figure>')


def _swatch(color: str, caption: str, chosen: bool) -> str:
    cls = ' class="chosen"' if chosen else ""
    return (f"<figure{cls}><span class='sw big' style='background:{color}'></span>"
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")


def _shown(value: object) -> str:
    """A trait value as text (a tuple: the values the option suits)."""
    if isinstance(value, tuple):
        return " or ".join(_shown(v) for v in value)
    return {True: "yes", False: "no", None: "–"}.get(value, str(value))  # type: ignore[arg-type]


def _traits_table(result: Result, shown: dict[str, object]) -> list[str]:
    """Rows of what the photos showed (with how sure) against what the avatar shows."""
    measured = result.measured
    rows = ["<h2>Traits: measured vs shown</h2><table>",
            "<tr><th>trait</th><th>photos</th><th>sure</th><th>avatar</th></tr>"]
    for name, value in sorted(measured.traits.items()):
        if value is None:
            continue
        sure = measured.confidence.get(name, 0.0)
        rows.append(f"<tr><td>{html.escape(name.replace('_', ' '))}</td>"
                    f"<td>{html.escape(_shown(value))}</td><td>{sure:.0%}</td>"
                    f"<td>{html.escape(_shown(shown.get(name)))}</td></tr>")
    rows.append("</table>")
    return rows


def report_html(result: Result) -> str:
    """The report of ``result`` as one HTML document (images inlined)."""
    style = get_style(result.style)
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>facemoji avatar"
             f"</title><style>{_CSS}</style></head><body>",
             f"<h1>Your {html.escape(result.style)} avatar</h1>",
             f"<p>method {html.escape(result.method)}, score {result.score:.3f}, "
             f"{result.seconds:.1f} s</p>"]
    for w in result.warnings:
        parts.append(f"<p><strong>warning:</strong> {html.escape(w)}</p>")
    parts.append("<div class='row'>")
    parts += [_figure(encode_image(p, ".png"), f"photo {i + 1}", 160)
              for i, p in enumerate(result.photos)]
    parts.append(_figure(result.png, "avatar", 320, chosen=False))
    parts.append("</div><h2>Colors: measured vs chosen</h2><table>")
    mapping = mapping_for(result.style)
    for name in COLOR_NAMES:
        feature = mapping.colors.get(name)
        measured = result.measured.hex(name)
        if feature is None or measured is None:
            continue
        chosen = result.params.color(feature)
        parts.append(f"<tr><td>{html.escape(name)}</td><td><span class='sw' "
                     f"style='background:{measured}'></span> {measured}</td><td>"
                     f"<span class='sw' style='background:{chosen}'></span> {chosen}</td></tr>")
    parts.append("</table>")
    parts += _traits_table(result, mapping.traits(result.params))
    parts.append("<h2>Top options per feature</h2>")
    for feature, ranking in result.rankings.items():
        parts.append(f"<h3>{html.escape(feature.replace('_', ' '))}</h3><div class='row'>")
        kind = style.schema.feature(feature).kind
        for value, score in ranking[:TOP]:
            variant = result.params.set(feature, value)
            chosen = value == result.params[feature]
            caption = f"{'follows' if value is None else value} {score:.3f}"
            if kind == "color":  # a swatch says it better than a whole avatar (and is free)
                parts.append(_swatch(variant.color(feature), caption, chosen))
                continue
            png = svg_to_png(style.svg(variant), THUMB)
            parts.append(_figure(png, caption, THUMB, chosen=chosen))
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts)
