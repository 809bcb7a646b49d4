"""Hair: the person's pixels around the head that are neither face nor skin; its color,
name, bald and receding.

1. The person segmenter (:mod:`.person`) tells the person, hair included, from the
   backdrop; a backdrop of the hair's own color is what rules on color alone got wrong.
2. Skin-like pixels (near the cheek or forehead color) are never hair.
3. Bald (:func:`scalp`, :class:`BaldRule`): the crown, the person's pixels above the brows
   over the middle of the head, is mostly skin and shows next to no dark hair, even in
   the band just under the head's top edge.
4. The hairline: in the columns above the nose, where the forehead skin ends going up.
   High (over 1.15 IOD above the brows, 1.0 on a man from 50): receding.
5. The hair's extent and shape above the eyes (:func:`hair_region`): the pixels the
   person segmenter is sure are the person (:data:`PERSON`), in the head ellipse above
   the eyes, minus the face and the skin-like; its area and the forehead's height are
   features of the headwear and bangs measures.
6. The hair itself (:attr:`HairMeasure.mask`), whose color is measured and whose texture
   the hair type reads: the pixels the hair segmenter (:mod:`.parts`) calls hair
   (:data:`.parts.SURE`), hair that hangs beside the face included. Its color is the median of
   the lit strands (:func:`hair_color`). Its name (black,
   brown, blonde, red, auburn, gray, white) is a learned model's (:func:`decide_hair_name`)
   over the hair's color statistics, the brows' color and the face's age and presentation;
   the rules of :func:`name_hair` still say when a vivid, unnatural color is dyed.

Until the person segmenter, hair was found by GrabCut seeded from the landmarks: 80.9% of
the labelled photos named right against 87.3% then. With the person's pixels minus the
skin-like ones, a beard, a hat's brim or clothes of the hair's color were hair too; the
hair segmenter took the faceset's hair named right held out by person from 74% to 81%
(docs/benchmarks.md, "A hair segmenter").
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from .chip import IOD, Chip
from .color import ColorMeasure, chroma, hue_deg, lab_measure
from .learned import LinearModel, family_choice, model
from .parts import SURE

# a pixel counts as skin when its a*b* are within _SKIN_AB of a skin reference and it is
# not more than _SKIN_DARKER L* darker (highlights may be any brighter; hair is darker
# than the skin it grows on, or, when gray, far from it in a*b*)
_SKIN_AB = 10.0
_SKIN_DARKER = 20.0
PERSON = 0.7
"""The person probability over which a pixel may be hair: the best of 0.5 / 0.7 / 0.9 on
the labelled photos (``benchmarks/attributes.py --fit``; 37 of the 40 held-out folds agree)."""
RECEDING_FOREHEAD = 1.15
"""Forehead height (IOD) above which the hairline counts as receding."""
RECEDING_FOREHEAD_OLDER, RECEDING_AGE = 1.0, 50.0
"""The same on a face that presents as a man's and looks at least this old, where a
receding hairline is common: chosen on half the people of the three labelled sets
(alternating by name; the best accuracy over ages 40-55 and heights 0.95-1.05), on the
other half it finds 25 of 46 receding hairlines instead of 14, and calls 13 of 300 others
receding instead of 4 (accuracy 89.6 -> 90.2%; docs/benchmarks.md)."""
BANGS_FOREHEAD = 0.25
"""Forehead height (IOD) up to which the hair covers the forehead (bangs): :func:`hairline`
scans up from 0.2 IOD above the brows, so hair there at once (in the median column) is a
fringe. Not fitted. Only on a face that presents as a woman's: on men's faces the rule
found 3 photos labelled with bangs (one man's) and called 6 others so (low hairlines), on
women's 5 of 20 with none wrong (the face set, ``benchmarks/attributes.py``)."""


@dataclass(frozen=True)
class Scalp:
    """What the crown shows (:func:`scalp`), each a share of its pixels: ``skin`` colored
    like the skin, ``dark`` hair (not skin-like, over :data:`_HAIR_DARKER` L* darker than
    the skin, and not the skin in shadow: :func:`shaded_skin`), and ``top_dark`` the same
    in the band just under the head's top edge;
    and ``texture``, the median :attr:`.Chip.texture` of the crown's pixels that are not
    skin-colored (a scalp's shine is smooth, gray and white hair is not)."""

    skin: float
    dark: float
    top_dark: float
    texture: float = 0.0
    top_light: float = 0.0
    """The share of the top band that is white or light gray hair: not skin-colored, not
    dark, and near-neutral (under :data:`SCALP_CHROMA` of the skin's chroma)."""
    cut: float = 0.0
    """The share of the crown's columns whose top edge is the photo's edge: a head the
    frame cuts off shows its forehead, not its crown."""
    hair: float = 1.0
    """The share that the hair segmenter (:mod:`.parts`) calls hair (1 without it)."""
    bare: float = 0.0
    """The share that it calls bare skin (0 without it)."""


@dataclass(frozen=True)
class BaldRule:
    """When the crown (:class:`Scalp`) is bald: a shaved or shiny scalp is skin with
    highlights, and even thin or receding hair leaves dark strands on the crown or along
    the head's top edge. Chosen on both labelled sets from the trade-off of bald photos
    found against others called bald; ``benchmarks/attributes.py`` re-chooses it by grid
    search for each held-out person (docs/benchmarks.md), and the grid's best on all
    photos (a top band up to 0.2) names 2 more of the 532 right."""

    skin: float = 0.7
    """At least this share of the crown is skin-colored."""
    dark: float = 0.04
    """At most this share of the crown is dark hair."""
    top_dark: float = 0.1
    """At most this share of the band under the head's top edge is dark hair."""
    shine_age: float = 55.0
    """Under this apparent age, a crown with no dark hair (as above) whose other pixels are
    smooth (texture under :attr:`shine`) is bald too, however little of it is
    skin-colored: a shaved head's shine and highlights are far from the skin's color, and
    the light, smooth hair that looks the same is the white hair of older faces. 0: off.
    Added on 2026-12-01 with the grid's in-sample best (55 and 0.6 or 0.8, the same photos
    either way): 18 of 31 bald photos found instead of 13, for 3 more others called
    bald, all under a white turban (where a hat is found, nothing is called bald)."""
    shine: float = 0.6
    """See :attr:`shine_age`."""
    top_light: float = 0.3
    """From :attr:`shine_age`, at most this share of that band is white or light gray hair
    (:attr:`Scalp.top_light`; younger, light and neutral is a shaved scalp's shine)."""
    cut: float = 0.5
    """At most this share of the crown's columns is cut off by the photo's edge
    (:attr:`Scalp.cut`)."""
    bare_hair: float = 0.02
    """A crown that the hair segmenter sees under this share of hair (:attr:`Scalp.hair`)
    and over :attr:`bare_skin` of bare skin (:attr:`Scalp.bare`) is bald, however dark
    its pixels: a shaved dark scalp's shade and stubble read as dark hair to the color
    rules (Mike Tyson, Evander Holyfield, Keith Bogans). Chosen on the three labelled
    sets (grid 0.01–0.1 × 0.3–0.8): bald photos found on the faceset 25 → 32 of 38 for
    one more photo of someone else (John Paul II's skullcap), the portraits and
    ``../shared`` unchanged; chosen on the two other sets, the faceset's 477 → 480 of 494
    right (docs/benchmarks.md, "A hair segmenter")."""
    bare_skin: float = 0.7
    """See :attr:`bare_hair`: a hat or a cap is neither hair nor skin."""

    def __call__(self, crown: Scalp, feminine: bool = False, age: float = np.inf,
                 grayscale: bool = False) -> bool:
        """Whether ``crown`` is bald on a face that looks ``age``. A face that presents
        as a woman's is never called bald: blonde hair can be skin-colored, and bald women
        are rare. Nor is a face from :attr:`shine_age` in a ``grayscale`` (black-and-white)
        photo: there white and gray hair have the skin's gray and no hue to tell them
        from it (:attr:`top_light` reads that hue). In black-and-white copies of the
        labelled photos the rule called 37 photos of people with hair bald, 23 of them
        from that age (Joe Biden, Dick Cheney, Colin Powell), where in color it called 9;
        now 14, and 19 of 43 bald photos are found instead of 24 (docs/benchmarks.md)."""
        if feminine or crown.cut > self.cut or (grayscale and age >= self.shine_age):
            return False
        if crown.hair < self.bare_hair and crown.bare > self.bare_skin:
            return True
        if crown.dark > self.dark or crown.top_dark > self.top_dark:
            return False
        if age >= self.shine_age and crown.top_light > self.top_light:
            return False
        return crown.skin >= self.skin or (age < self.shine_age and crown.texture < self.shine)


@dataclass(frozen=True)
class HairMeasure:
    """What :func:`measure_hair` finds; ``mask`` is a bool chip-frame mask of the hair (the
    hair segmenter's, where it ran), ``features`` the :func:`hair_region`'s statistics
    (:func:`hair_features`), ``color_features`` the ``mask``'s,
    ``skin_like`` the chip's skin-colored pixels (:func:`skin_likeness`) and ``bangs``
    whether hair covers the forehead (:data:`BANGS_FOREHEAD`). A ``bald`` head with a
    ``fringe`` (:data:`FRINGE_AGE`) is ``receding`` too; its ``mask``, ``color`` and
    ``color_features`` are the fringe's."""

    color: ColorMeasure
    bald: bool
    receding: bool
    mask: NDArray[np.bool_]
    features: NDArray[np.float64]
    scalp: Scalp
    skin_like: NDArray[np.bool_]
    color_features: NDArray[np.float64]
    bangs: bool = False
    fringe: bool = False


def _ellipse(shape: tuple[int, ...], center: tuple[float, float], axes: tuple[float, float]
             ) -> NDArray[np.bool_]:
    yy, xx = np.mgrid[: shape[0], : shape[1]]
    return ((xx - center[0]) / axes[0]) ** 2 + ((yy - center[1]) / axes[1]) ** 2 <= 1.0


def head_region(chip: Chip) -> NDArray[np.bool_]:
    """Chip mask where hair may be: an ellipse around the head, down to the jaw."""
    cx = chip.midline
    return _ellipse(chip.valid.shape, (cx, chip.brow_top - 0.2 * IOD), (1.6 * IOD, 1.8 * IOD))


def skin_likeness(chip: Chip, skin: ColorMeasure) -> NDArray[np.bool_]:
    """Chip mask of pixels colored like the skin, small holes (pores, specks) closed.

    The references are the cheek color and, when it is close to it (not bangs), the lower
    forehead's own color: foreheads are often shinier or paler than cheeks.
    """
    refs = [np.asarray(skin.lab)]
    p = chip.landmarks
    top = int(chip.brow_top)
    patch = chip.lab[max(0, top - int(0.3 * IOD)): max(1, top - int(0.08 * IOD)),
                     int(p[20, 0]): int(p[23, 0])].reshape(-1, 3)
    if len(patch):
        forehead = np.median(patch, axis=0)
        if _like(forehead[None], refs[0])[0]:
            refs.append(forehead)
    near = np.zeros(chip.valid.shape, bool)
    for ref in refs:
        near |= _like(chip.lab, ref)
    close = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    return cv2.morphologyEx(near.astype(np.uint8), cv2.MORPH_CLOSE, close) > 0


def _like(lab: NDArray[np.float64], ref: NDArray[np.float64]) -> NDArray[np.bool_]:
    ab = np.hypot(lab[..., 1] - ref[1], lab[..., 2] - ref[2])
    return (ab < _SKIN_AB) & (lab[..., 0] > ref[0] - _SKIN_DARKER)


def hairline(chip: Chip, skin_like: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Per central column (±0.5 IOD around the nose), the row where the forehead skin ends.

    Scans up from just above the brows until a run of 3 pixels that do not look like skin:
    the hairline, the top of a bald head, or (right at the start) bangs.
    """
    cx = chip.midline
    top = int(chip.brow_top - 0.2 * IOD)
    cols = np.arange(int(cx - 0.5 * IOD), int(cx + 0.5 * IOD))
    not_skin = ~skin_like[: top + 1, cols][::-1]  # rows upwards from `top`
    run = not_skin[:-2] & not_skin[1:-1] & not_skin[2:]
    first = np.where(run.any(axis=0), run.argmax(axis=0), top)
    return top - first


_HAIR_DARKER = 15.0
_CROWN_HALF = 0.5  # IOD either side of the nose
_TOP_BAND = 0.3  # IOD under the head's top edge
SCALP_CHROMA = 0.5
"""A crown pixel counts as bare skin only with at least this share of the skin's chroma
(C*). White and gray hair is near-neutral, skin never is; the forehead's paler reference
(:func:`skin_likeness`) let white hair pass for skin, and full white heads were called
bald. A round number set before it was tried."""
RIM = 3
"""Chip pixels (0.05 IOD) of the head's outline that :func:`scalp` leaves out: there a
bald scalp curves away into shadow and the person mask blurs into the backdrop, which
read as dark hair along shaved heads' top edges (Mike Tyson, Michael Jordan)."""
FRINGE_AGE = 45.0
"""From this apparent age a bald crown is taken to keep a fringe of hair at the sides and
back (the horseshoe balding leaves); a younger bald head is taken as shaved bare. The
edge of the age band 45-59, set before it was tried (no label tells a fringe)."""
SHADE_HUE = 20.0
"""Degrees of CIELAB hue within which a darker pixel may be the skin in shadow."""
SHADE_CHROMA = 0.75
"""The least chroma per unit of L*, relative to the skin's, of the skin in shadow."""


def shaded_skin(lab: NDArray[np.float64], skin: ColorMeasure) -> NDArray[np.bool_]:
    """Mask of the pixels of ``lab`` that may be the skin in shadow: shading darkens a
    color but keeps its hue, and its chroma falls with its lightness (so chroma per unit
    of L* stays near the skin's), where dark hair is duller for its lightness. A bald
    head's crown curves away from the light and falls dark along its top edge; on dark
    skin that shadow read as dark hair (Cory Booker's portrait, and 3 of the face set's
    bald photos). The two limits are round numbers set before they were tried, not fitted."""
    ref = np.asarray(skin.lab, np.float64)
    hue_gap = np.abs((hue_deg(lab) - float(hue_deg(ref)) + 180.0) % 360.0 - 180.0)
    per_light = chroma(lab) / np.maximum(lab[..., 0], 1.0)
    skin_per_light = max(float(chroma(ref)) / max(float(ref[0]), 1.0), 1e-3)
    return (hue_gap < SHADE_HUE) & (per_light > SHADE_CHROMA * skin_per_light)


def scalp(chip: Chip, skin: ColorMeasure, skin_like: NDArray[np.bool_],
          person: NDArray[np.float32], hair_p: NDArray[np.float32] | None = None,
          skin_p: NDArray[np.float32] | None = None) -> Scalp:
    """Measure the crown: the person's pixels (probability over 0.5, less the outline's
    :data:`RIM`) above the brows (less 0.2 IOD) within :data:`_CROWN_HALF` IOD of the
    nose, and the band :data:`_TOP_BAND` IOD deep under the head's top edge in each of
    those columns; and in how many of those columns that edge is the photo's own."""
    cx = chip.midline
    top = int(chip.brow_top - 0.2 * IOD)
    cols = np.arange(int(cx - _CROWN_HALF * IOD), int(cx + _CROWN_HALF * IOD))
    crown = np.zeros(chip.valid.shape, bool)
    crown[:top, cols] = True
    rim = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * RIM + 1, 2 * RIM + 1))
    crown &= cv2.erode(((person > 0.5) & chip.valid).astype(np.uint8), rim) > 0
    if crown.sum() < 10:
        return Scalp(0.0, 1.0, 1.0, 1.0)  # no head above the brows: nothing says bald
    dark = (~skin_like & (chip.lab[..., 0] < skin.lab[0] - _HAIR_DARKER)
            & ~shaded_skin(chip.lab, skin))
    edge = np.where(crown[:, cols].any(axis=0), crown[:, cols].argmax(axis=0), top)
    rows = np.arange(crown.shape[0])[:, None]
    band = np.zeros_like(crown)
    band[:, cols] = (rows >= edge) & (rows < edge + int(_TOP_BAND * IOD))
    band &= crown
    rest = crown & ~skin_like
    seen = crown[:, cols].any(axis=0)
    above = np.clip(edge - RIM - 2, 0, None)
    cut = ~chip.valid[above, cols]
    neutral = chroma(chip.lab) < SCALP_CHROMA * float(chroma(np.asarray(skin.lab)))
    light = ~skin_like & ~dark & neutral
    return Scalp(float((skin_like & ~neutral)[crown].mean()), float(dark[crown].mean()),
                 float(dark[band].mean()) if band.any() else 1.0,
                 float(np.median(chip.texture[rest])) if rest.any() else 0.0,
                 float(light[band].mean()) if band.any() else 0.0,
                 float(cut[seen].mean()) if seen.any() else 0.0,
                 float((hair_p > SURE)[crown].mean()) if hair_p is not None else 1.0,
                 float((skin_p > SURE)[crown].mean()) if skin_p is not None else 0.0)


def hair_region(chip: Chip, skin_like: NDArray[np.bool_], person: NDArray[np.float32],
                threshold: float = PERSON) -> NDArray[np.bool_]:
    """Chip mask of the hair: where ``person`` (the chip-frame person probability) is over
    ``threshold``, inside :func:`head_region` and above the eyes, minus the face (jaw and
    brows) and the ``skin_like`` pixels."""
    p = chip.landmarks
    rows = np.arange(chip.valid.shape[0])[:, None] < p[36:48, 1].mean()
    face = np.zeros(chip.valid.shape, np.uint8)
    outline = np.concatenate([p[0:17], p[26:16:-1] - [0, 0.1 * IOD]])
    cv2.fillPoly(face, [np.round(outline).astype(np.int32)], 1)
    return ((person > threshold) & head_region(chip) & rows & chip.valid
            & ~face.astype(bool) & ~skin_like)


@dataclass(frozen=True)
class HairNaming:
    """The thresholds of :func:`name_hair` (L* of the lit strands, see :func:`hair_color`):
    the name a color alone suggests. Photos are named by the learned model of
    :func:`decide_hair_name`, which named more right held out on every set but
    ``../shared`` (docs/benchmarks.md); these rules still decide dyed hair, which no
    labelled photo shows, and name colors where no model is fitted."""

    black: float = 10.0
    """Below this L* any hair is black."""
    black_dull: float = 45.0
    """Below this L* a near-neutral hair (C* under :attr:`dull_chroma`) is black: dark and
    colorless."""
    dull_chroma: float = 5.0
    """The chroma under which a dark hair counts as colorless."""
    blonde: float = 40.0
    """From this L* a warm hair is blonde (under it, brown)."""
    gray: float = 45.0
    """From this L* a hair with no warm hue is gray."""
    white: float = 80.0
    """From this L* a hair is white, whatever its tint: no pigmented hair is that light."""
    red_chroma: float = 22.0
    """From this C*, a hair whose hue is under :attr:`red_hue` is red or auburn."""
    red_hue: float = 60.0
    """See :attr:`red_chroma`."""
    dyed_chroma: float = 35.0
    """From this C*, a hair of no natural hue is dyed (``other``). Dyed hair is vivid; at
    20 (until 2026-12-01) all 11 labelled photos named ``other`` were undyed: blonde hair
    in greenish light, and sky or cap pixels read as hair."""


WARM_HUE = 115.0
"""The warm hues (35° up to this) of natural hair; blonde hair in greenish light measures
up to about 110° (100 until 2026-12-01 named such blondes dyed)."""


def name_hair(lab: tuple[float, float, float], naming: HairNaming = HairNaming()) -> str:
    """Name a hair color from its CIELAB ``(L, a, b)``: black, brown, blonde, red, ...

    Rules on lightness L*, chroma C* and hue angle h (degrees), in this order, with the
    thresholds of ``naming``:

    - L* ≥ ``white``: white (a warm or cool light tints white hair);
    - vivid (C* ≥ ``dyed_chroma``), neither warm (h 35–115°) nor reddish (h −15..55°):
      other (dyed);
    - not warm (or C* < 6) and L* ≥ ``gray``: gray;
    - L* < ``black``, or L* < ``black_dull`` with C* < 5: black;
    - C* ≥ 18 and reddish, or C* ≥ 10 with h 0..40°, or C* ≥ ``red_chroma`` with
      h < ``red_hue``, or C* ≥ 40 with h < 75°: red (L* ≥ 45) or auburn;
    - L* ≥ ``blonde``: blonde; the rest brown.
    """
    arr = np.array(lab, dtype=float)
    light, c, h = float(arr[0]), float(chroma(arr)), float(hue_deg(arr))
    warm = 35 <= h <= WARM_HUE and c >= 6
    reddish = -15 <= h < 55
    if light >= naming.white:
        return "white"
    if not warm and not reddish and c >= naming.dyed_chroma:
        return "other"  # blue, green, purple: dyed
    if not warm and light >= naming.gray:
        return "gray"
    if light < naming.black or (light < naming.black_dull and c < naming.dull_chroma):
        return "black"
    if ((c >= 18 and reddish) or (c >= 10 and 0 <= h < 40)
            or (c >= naming.red_chroma and h < naming.red_hue) or (c >= 40 and h < 75)):
        return "red" if light >= 45 else "auburn"
    if light >= naming.blonde:
        return "blonde"
    return "brown"


LIT = 50.0
"""The L* percentile at the middle of the lit strands (:func:`hair_color`); fitted with the
thresholds of :class:`HairNaming`. It was 60 while backdrop leaked into the hair mask."""


def hair_color(lab: NDArray[np.float64], confidence: float, lit: float = LIT) -> ColorMeasure:
    """The hair's color from its pixels ``(N, 3)``: the median of the lit strands, the
    pixels between the ``lit - 20`` and ``lit + 20`` percentiles of L*.

    Hair is seen by its lit strands: the shadows between them drag the lightness down and,
    being dark, have next to no chroma (measured: the median of all pixels made brown hair
    black); the brightest pixels are shine or background.
    """
    if len(lab) == 0:
        return lab_measure(lab, 0.0)
    lo, hi = np.percentile(lab[:, 0], [lit - 20, min(99.0, lit + 20)])
    return lab_measure(lab[(lab[:, 0] >= lo) & (lab[:, 0] <= hi)], confidence)


QUANTILES = (10.0, 25.0, 50.0, 75.0, 90.0)
LIT_STRANDS = slice(3 * len(QUANTILES), 3 * len(QUANTILES) + 3)
"""Where the lit strands' CIELAB color is in :func:`hair_features`."""
FOREHEAD = LIT_STRANDS.stop + 1
"""Where the forehead height is in :func:`hair_features` (after the hair's area)."""


def hair_features(chip: Chip, region: NDArray[np.bool_], forehead: float,
                  skin: ColorMeasure) -> NDArray[np.float64]:
    """The hair region's color statistics: the :data:`QUANTILES` of its pixels' L*, a* and
    b* (NaN-free: zeros when none were found), their lit-strand color, the hair's area and
    the forehead's height (both in IOD units), and the skin's color."""
    lab = chip.lab[region]
    stats = [np.percentile(lab[:, k], QUANTILES) if len(lab) else np.zeros(len(QUANTILES))
             for k in range(3)]
    lit = np.asarray(hair_color(lab, 1.0).lab) if len(lab) else np.zeros(3)
    area = region.sum() / (IOD * IOD)
    return np.concatenate([*stats, lit, [area, forehead], np.asarray(skin.lab)])


def _color(chip: Chip, hair: NDArray[np.bool_]) -> ColorMeasure:
    """The color of the ``hair`` pixels (:func:`hair_color`), surer the more of them (full
    from 2 IOD²)."""
    return hair_color(chip.lab[hair], min(1.0, hair.sum() / (IOD * IOD) / 2.0))


def receding_forehead(forehead: float, feminine: bool, age: float) -> bool:
    """Whether a ``forehead`` this high (IOD, brows to the hairline) is a receding
    hairline on a face that does or does not present as ``feminine``, of apparent ``age``
    (:data:`RECEDING_FOREHEAD`, :data:`RECEDING_FOREHEAD_OLDER`)."""
    older_man = not feminine and age >= RECEDING_AGE
    return forehead > (RECEDING_FOREHEAD_OLDER if older_man else RECEDING_FOREHEAD)


def measure_hair(chip: Chip, skin: ColorMeasure, person: NDArray[np.float32],
                 feminine: bool = False, age: float = np.inf,
                 grayscale: bool = False, hair_p: NDArray[np.float32] | None = None,
                 skin_p: NDArray[np.float32] | None = None) -> HairMeasure:
    """Find the hair (:func:`hair_region`) and measure its color; decide bald and receding.

    ``person`` is the person probability in the chip frame (:func:`.person.to_frame`),
    ``hair_p`` and ``skin_p`` the hair segmenter's probabilities of hair and of bare skin
    there (:mod:`.parts`; without them the hair is the :func:`hair_region`, and the crown
    is judged by its colors alone);
    ``feminine`` and ``age``: the face presents as a woman's, and looks that age, and
    ``grayscale``: the photo is black and white (see :class:`BaldRule`). Bald is
    :class:`BaldRule` on the crown (:func:`scalp`); a bald head from :data:`FRINGE_AGE`
    keeps a fringe, the hair found beside the crown, whose color is the hair's. Otherwise
    a forehead (brows to where the skin ends) over :data:`RECEDING_FOREHEAD` IOD high
    (:data:`RECEDING_FOREHEAD_OLDER` on a man from :data:`RECEDING_AGE`) is a receding
    hairline, and one up to :data:`BANGS_FOREHEAD` is under bangs (on a
    ``feminine`` face). The hair is named later (:func:`decide_hair_name`), once the brows
    and the face's age are known.
    """
    skin_like = skin_likeness(chip, skin)
    crown = scalp(chip, skin, skin_like, person, hair_p, skin_p)
    bald = BaldRule()(crown, feminine, age, grayscale)
    fringe = bald and age >= FRINGE_AGE
    line = hairline(chip, skin_like)
    forehead = float(chip.brow_top - np.median(line)) / IOD
    receding = fringe or (not bald and receding_forehead(forehead, feminine, age))
    bangs = feminine and not bald and forehead <= BANGS_FOREHEAD
    region = hair_region(chip, skin_like, person)
    features = hair_features(chip, region, forehead, skin)
    colored = region if hair_p is None else (hair_p > SURE) & chip.valid
    if not bald:
        hair, color_features = colored, hair_features(chip, colored, forehead, skin)
    elif fringe:
        beside = np.abs(np.arange(chip.valid.shape[1]) - chip.midline) > _CROWN_HALF * IOD
        hair = colored & beside[None, :]
        color_features = hair_features(chip, hair, forehead, skin)
    else:
        hair, color_features = np.zeros(chip.valid.shape, bool), features
    return HairMeasure(_color(chip, hair), bald, receding, hair, features, crown, skin_like,
                       color_features, bangs, fringe)


def hair_beside(chip: Chip, hair: HairMeasure, covered: NDArray[np.bool_],
                skin: ColorMeasure) -> tuple[ColorMeasure, NDArray[np.float64]]:
    """The hair's color and color statistics (as :func:`measure_hair` gives them) from its
    pixels outside ``covered`` (a hat's): what shows below a hat. Where under half an IOD²
    of hair shows, the color has confidence 0."""
    rest = hair.mask & ~covered
    features = hair_features(chip, rest, float(hair.features[FOREHEAD]), skin)
    if rest.sum() < 0.5 * IOD * IOD:
        return dataclasses.replace(hair.color, confidence=0.0), features
    return _color(chip, rest), features


def color_vector(hair: NDArray[np.float64], brows: ColorMeasure, age: float,
                 female: float) -> NDArray[np.float64]:
    """What the hair-color model reads: the hair's color statistics (:func:`hair_features`),
    its lit strands' chroma and that chroma's logarithm (near-colorless hair, gray or
    not, differs by a few units of chroma), the brows' CIELAB and chroma (brows keep the
    natural color that gray, dyed or sunlit hair hides), and the face's apparent age and
    how female it presents (:mod:`.age_gender`)."""
    lit_chroma = float(chroma(hair[LIT_STRANDS]))
    brows_lab = np.asarray(brows.lab, np.float64)
    return np.array([*hair, age, female, lit_chroma, *brows_lab, chroma(brows_lab),
                     np.log1p(lit_chroma)], np.float64)


COLORLESS_CHROMA = 4.0
"""Under this chroma (C*) of the lit strands a hair has no hue to name, so it is named
black, brown, gray or white (:func:`learned_name`). Refitted with 54 more faceset photos
(2026-12-02), the model called the neutral gray L* 62 of a recoloured photo blonde from
the face's age and light brows; 4 is the largest limit that changed no labelled photo's name
held out by person (149 of 697 photos under it; from 5 the faceset lost one)."""
COLORLESS = ("black", "brown", "gray", "white")
"""The names a colorless hair may get (see :data:`COLORLESS_CHROMA`)."""


REDS = ("red", "auburn")
"""The red family: one hair color that the names split in two (see :func:`learned_name`)."""


def learned_name(learned: LinearModel, vector: NDArray[np.float64],
                 lab: tuple[float, float, float]) -> tuple[str, float]:
    """The learned model's name over :func:`color_vector` for a hair whose lit strands are
    ``lab``, and its probability: among :data:`COLORLESS` only where the hair's chroma is
    under :data:`COLORLESS_CHROMA`.

    The :data:`REDS` compete with the other names as one color, and the likelier of the
    two names it: a copper head whose probability the model splits between red and
    auburn lost to brown though either was likelier than brown. Held out by person, this
    found 23 of the faceset's 43 red or auburn photos where the likeliest name found 19,
    for one more brown head named red (docs/benchmarks.md, "A hair segmenter")."""
    p = learned.probabilities(vector)
    if float(chroma(np.asarray(lab, np.float64))) < COLORLESS_CHROMA:
        p = np.where(np.isin(learned.classes, COLORLESS), p, 0.0)
    return family_choice(learned.classes, p / p.sum(), REDS)


SCALP_SHOWS_MONK = 6.0
"""From this Monk score, close-cropped hair named blonde is named black
(:func:`close_cropped_name`)."""
CLOSE_CROPPED = ("bald", "buzz", "short")
"""The measured hair lengths (:mod:`.hair_length`) through which the scalp shows."""


def close_cropped_name(name: str, monk: float, length: str) -> str:
    """The hair's name with the scalp's shine discounted: on dark skin (Monk
    :data:`SCALP_SHOWS_MONK` or darker) close-cropped hair (:data:`CLOSE_CROPPED`) lets the
    scalp's highlights into the hair pixels, and black hair measured so was named blonde
    (Mike Tyson's shaved head, drawn blond in a blind round; Keith Bogans, Abdoulaye Wade).
    No labelled photo of the three sets shows close-cropped blonde hair on Monk 5 or darker
    (their 4 blonde or light-brown heads on Monk 5–7 are past the chin), so a blonde name
    there is named black. Monk 6 is a round number set before it was tried."""
    if name == "blonde" and monk >= SCALP_SHOWS_MONK and length in CLOSE_CROPPED:
        return "black"
    return name


GRAYS = ("gray", "white")
"""The names of hair that has lost its color."""


def gray_share(color: ColorMeasure, vector: NDArray[np.float64], grayscale: bool = False
               ) -> float:
    """How gray the hair is, 0 to 1: the hair-color model's probability of
    :data:`GRAYS` for the features ``vector`` (:func:`color_vector`), 0 where no hair was
    seen or no model is fitted. Graying hair that is named by its darker color scores
    between: held out by person, the 44 labelled photos of hair labelled by its color
    whose notes name gray in it ("salt-and-pepper", "gray at temples") score 0.33 at the
    median (quartiles 0.10 and 0.51), the 579 others 0.00 (0.00 and 0.03), and the 134
    photos of gray or white hair 0.80 (docs/benchmarks.md, "Graying hair")."""
    if color.confidence == 0.0:
        return 0.0
    learned = model("hair_color", grayscale)
    if learned is None:
        return 0.0
    p = learned.probabilities(vector)
    return float(p[np.isin(learned.classes, GRAYS)].sum())


GRAYING_FROM = 0.25
"""From this gray share (:func:`gray_share`, a person's mean over their photos in
``generate``) hair named by a color is graying. Chosen on the faceset and ``../shared``:
held out by person, it flagged 8 of their 14 people with gray named in some photo or in
the notes and 4 of the 137 with none (0.2: 8 and 5; 0.3: 6 and 4); reported on the
portraits (docs/benchmarks.md, "Graying hair")."""


def graying_hair(name: str | None, share: float) -> bool:
    """Whether hair named ``name`` with gray share ``share`` is graying: a color's name
    (not gray, white or dyed) and a share of :data:`GRAYING_FROM` or more."""
    return share >= GRAYING_FROM and name not in (*GRAYS, "other")


GRAYSCALE_NAMES = ("black", "brown", "blonde", "gray", "white")
"""The names a black-and-white photo's hair may get: red shows there as brown or blonde."""


def decide_hair_name(color: ColorMeasure, vector: NDArray[np.float64],
                     grayscale: bool = False) -> tuple[str, float]:
    """The hair's name and how sure it is: ``other`` where no hair was seen (sure 0) or its
    color is vivid and unnatural (dyed, :func:`name_hair`); otherwise the learned model's
    (:func:`learned_name`, ``scripts/fit_measures.py``), or the rules' without one.

    A ``grayscale`` (black-and-white) photo's hair is named by the model fitted on the
    labelled photos' black-and-white copies (``hair_color_bw``, one of
    :data:`GRAYSCALE_NAMES`): the color model, which reads hue, named four in five of them
    black (docs/benchmarks.md, "Black-and-white photos")."""
    if color.confidence == 0.0:
        return "other", 0.0
    learned_bw = model("hair_color_bw") if grayscale else None
    if learned_bw is not None:
        return learned_bw.predict(vector)
    rule = name_hair(color.lab)
    learned = model("hair_color")
    if rule == "other" or learned is None:  # no labelled photo shows dyed hair to learn from
        return rule, color.confidence
    return learned_name(learned, vector, color.lab)
