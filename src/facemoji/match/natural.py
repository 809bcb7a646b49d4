"""Natural colors for what photos measure: hair on the natural hair-color scale, skin on
the Monk scale.

A photo's hair pixels are lit by colored light, in shadow or shine, and the camera's white
balance is a guess, so the measured color is often muddy: blonde reads mid-brown, gray
reads greenish, ginger olive. People's hair colors lie on a few narrow curves in CIELAB
(black → brown → blonde → platinum; auburn → copper → ginger → strawberry blonde; dark →
gray → white), so :func:`natural_hair` moves the measured color onto the stretch of those
curves that its name allows (a blonde stays blonde, a red head red, gray neutral), keeping
its lightness where the stretch allows. :func:`monk_skin` paints skin from the Monk tone,
so it is never lightened or tinted by the light.
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import NDArray

from ..avatar.color import hex_to_lab
from ..face.skin import MONK_HEX

HAIR_SCALE: dict[str, tuple[str, ...]] = {
    "black": ("#1f1b1a", "#2e2623", "#3f2a1f"),
    "brown": ("#3f2a1f", "#5e3d27", "#7a4a2c", "#8c6544"),
    "blonde": ("#a7855a", "#c09a66", "#d5b27a", "#e0c48a", "#ece1c8"),
    "auburn": ("#5a2a1c", "#7f3520", "#9a3f20"),
    "red": ("#9a3f20", "#b8461f", "#c8672c"),
    "gray": ("#5f5c59", "#76726e", "#a19e9b", "#c9c7c4"),
    "white": ("#c9c7c4", "#dedcd8", "#ecebe6"),
}
"""Per hair-color name, the stretch of the natural curves its avatar color may take, as
control points from dark to light (the native style's presets and points between them)."""

OWN_BROWS = ("gray", "white")
"""Hair names whose brows are aimed at their own measured color (gray and white hair often
keeps darker brows). Other brows follow the hair: thin brow hairs photograph mixed with
the skin under them, so their measured color is far lighter than the brows (median L* 38
for the faceset's black-haired people, whose hair measures 13: ``benchmarks/attributes.py``
prints it per hair color), and aiming at it drew black-haired people with light brown or
gray brows (a paired review preferred brows that follow the hair 36 to 14)."""

_LAB_WEIGHT = np.array([1.0, 1.5, 1.5])  # hue and chroma matter more than lightness here


def _nearest_on(polyline: NDArray[np.float64], lab: NDArray[np.float64]) -> NDArray[np.float64]:
    """The point of a CIELAB ``polyline`` ``(N, 3)`` nearest to ``lab`` (weighted)."""
    best, best_d = polyline[0], np.inf
    for a, b in itertools.pairwise(polyline):
        seg = (b - a) * _LAB_WEIGHT
        t = float(np.clip(np.dot((lab - a) * _LAB_WEIGHT, seg) / max(np.dot(seg, seg), 1e-9),
                          0.0, 1.0))
        point = a + t * (b - a)
        d = float(np.linalg.norm((lab - point) * _LAB_WEIGHT))
        if d < best_d:
            best, best_d = point, d
    return best


HAIR_MEASURED: dict[str, tuple[float, float]] = {"blonde": (33.6, 67.3)}
"""Per hair-color name, the 10th and 90th percentiles of the L* that analysis measures on
hair it names so (both labelled sets, ``benchmarks/hair_paint.py``; no label is read),
which :func:`natural_hair` maps onto the whole stretch of the name. Blonde hair measures
darker than it looks (shine and the light through it are what people see): projected
onto the natural curves, half of all blondes took the darkest blonde (#a7855a, which
reads light brown: blind reviewers' "blonde drawn light brown"); paired reviews
preferred the mapped blondes 6 to 0, and 7 to 1 on other blondes. The same mapping for
black, brown and gray hair lost (brown 4 to 10, gray 3 to 10: the avatars came out
lighter than the people), so those keep the nearest natural color (docs/benchmarks.md).
Measured again on the hair segmenter's pixels (2026-12-03; 42.4–67.1 before): blind
reviewers could not tell the two mappings apart (12 to 10 for this one over 11 blonde and
light-brown people), so the range follows what analysis now measures."""


def _at_lightness(polyline: NDArray[np.float64], light: float) -> NDArray[np.float64]:
    """The point of a CIELAB ``polyline`` ``(N, 3)``, dark to light, at lightness ``light``
    (its ends beyond them)."""
    return np.array([np.interp(light, polyline[:, 0], polyline[:, k]) for k in range(3)])


def natural_hair(lab: NDArray[np.floating] | tuple[float, float, float], name: str | None,
                 by_lightness: bool = False) -> NDArray[np.float64]:
    """The natural hair color of measured CIELAB ``lab`` named ``name``: on the stretch of
    :data:`HAIR_SCALE` that ``name`` allows, the nearest point, or for a name of
    :data:`HAIR_MEASURED` the point as far along the stretch as the measured lightness is
    along the name's measured range (a blonde of median lightness gets the middle blonde).
    With ``name`` unknown, the nearest point of any natural stretch; a dyed color, name
    ``other``, is kept as measured. ``by_lightness``: ``lab`` was measured in black and
    white, so its grays say nothing of hue and only its lightness places it on the
    stretch (the nearest point to a gray is the stretch's least colorful, whatever its
    lightness: the darkest brown for every brown head)."""
    lab = np.asarray(lab, np.float64)
    if name == "other":
        return lab
    if by_lightness and name in HAIR_SCALE and name not in HAIR_MEASURED:
        return _at_lightness(np.array([hex_to_lab(h) for h in HAIR_SCALE[name]]), lab[0])
    if name in HAIR_MEASURED:
        stretch = np.array([hex_to_lab(h) for h in HAIR_SCALE[name]])
        first, last = stretch[0, 0], stretch[-1, 0]
        lo, hi = HAIR_MEASURED[name]
        t = float(np.clip((lab[0] - lo) / (hi - lo), 0.0, 1.0))
        return _at_lightness(stretch, first + t * (last - first))
    stretches = [HAIR_SCALE[name]] if name in HAIR_SCALE else list(HAIR_SCALE.values())
    points = [_nearest_on(np.array([hex_to_lab(h) for h in s]), lab) for s in stretches]
    return min(points, key=lambda p: float(np.linalg.norm((lab - p) * _LAB_WEIGHT)))


EVEN_FROM, EVEN_TO = 1, 6
"""Between these Monk tones the paint steps evenly (see :func:`paint_scale`)."""
PHOTO_HUE: dict[int, tuple[float, float]] = {1: (9.8, 14.1), 2: (9.8, 14.1), 3: (9.1, 13.6),
                                             4: (8.5, 15.8), 5: (8.8, 18.1)}
"""Per Monk tone, the a* and b* of the paint: the median photographed cheeks' of that tone
on the faceset and the portraits (``benchmarks/skin_paint.py --sets faceset portraits``;
Monk 1, 6 photos there, takes Monk 2's, 246). The swatches of Monk 1–5 are nearly gray
(a* 0.2–3.5) where the same skin photographs rosy (a* 8.5–9.8): painted from them, light
skin came out a pale, dull cream, "too pale" in every blind round."""


def paint_scale() -> NDArray[np.float64]:
    """The avatar's skin paint per Monk tone, CIELAB ``(10, 3)``: the Monk swatches, except
    that tones :data:`EVEN_FROM` to :data:`EVEN_TO` step evenly between those two swatches.

    The swatches plateau from Monk 1 to 4 (L* 94, 92, 93, 88) and then drop (78, 55), but
    the same people's cheeks, photographed, darken about evenly from Monk 2 to 6 (median
    L* of the labelled photos' cheeks 64, 61, 57, 56, 48; ``benchmarks/skin_paint.py``):
    painted from the swatches, medium skin (Monk 3–5) came out far paler than the photos
    beside it, what blind reviewers named first (a paired review preferred even steps
    from Monk 2 52 to 2). Light skin was still "too pale" beside its photos (Jerry
    Seinfeld and Andre Agassi, Monk 3, in three blind rounds), so the steps start at Monk
    1: Monk 2–5 paint 1.4–5.9 L* darker than before, preferred 132 to 29 in a paired review
    (docs/benchmarks.md). The hue of Monk 1–5 is the photographed skin's
    (:data:`PHOTO_HUE`). Monk 6–10 stay the swatches.
    """
    swatches = np.array([hex_to_lab(h) for h in MONK_HEX])
    lo, hi = swatches[EVEN_FROM - 1], swatches[EVEN_TO - 1]
    for tone in range(EVEN_FROM + 1, EVEN_TO):
        t = (tone - EVEN_FROM) / (EVEN_TO - EVEN_FROM)
        swatches[tone - 1] = lo + t * (hi - lo)
    for tone, hue in PHOTO_HUE.items():
        swatches[tone - 1, 1:] = hue
    return swatches


def monk_skin(monk: float, lab: NDArray[np.floating] | None = None,
              undertone: float = 0.3) -> NDArray[np.float64]:
    """The skin color of the (fractional) Monk tone ``monk`` (1..10): the
    :func:`paint_scale` interpolated in CIELAB, with ``undertone`` of the measured ``lab``'s
    hue (a*, b*) difference from the paint (at most 4 units each way, and never greener
    than the paint: a green cast of the photo painted pale skin a sickly yellow-green), so
    warm and cool skins of one tone differ a little. Its lightness is always the scale's."""
    swatches = paint_scale()
    x = float(np.clip(monk, 1.0, 10.0)) - 1.0
    i = min(int(x), 8)
    color = swatches[i] + (x - i) * (swatches[i + 1] - swatches[i])
    if lab is not None:
        shift = np.clip((np.asarray(lab, np.float64)[1:] - color[1:]) * undertone,
                        [0.0, -4.0], [4.0, 4.0])
        color = color + np.concatenate([[0.0], shift])
    return color
