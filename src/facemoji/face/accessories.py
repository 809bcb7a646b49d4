"""Glasses and facial hair from simple, explainable image features.

Every feature lives in the chip frame (inter-ocular distance 64 px), so its thresholds
are in fixed units; they were chosen on the labelled photos (docs/benchmarks.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from .chip import IOD, Chip
from .color import UNKNOWN, ColorMeasure, chroma, lab_measure, polygon_mask


def _box(a: NDArray, x0: float, x1: float, y0: float, y1: float) -> NDArray:
    return a[int(max(0, y0)): int(max(0, y1)), int(max(0, x0)): int(max(0, x1))]


def _cheek(a: NDArray, p: NDArray[np.float64]) -> NDArray:
    """``a`` over the cheek under the image-left eye (0.6–0.9 IOD below its lower lid):
    bare skin, the reference the eye area's features are measured against."""
    return _box(a, p[36, 0], p[39, 0], p[41, 1] + 0.6 * IOD, p[41, 1] + 0.9 * IOD)


def _line_cover(edges: NDArray[np.bool_], axis: int) -> float:
    """Longest straight edge run across a box, as a fraction of its width (axis=1: rows)
    or height (axis=0: columns); edges may wander by one pixel."""
    if edges.size == 0:
        return 0.0
    kernel = np.ones((3, 1) if axis == 1 else (1, 3), np.uint8)
    return float(cv2.dilate(edges.astype(np.uint8), kernel).mean(axis=axis).max())


@dataclass(frozen=True)
class GlassesFeatures:
    """Features of the eye area, all in 0..1-ish units independent of photo contrast.

    ``peak``: the strongest row of vertical gradient across the nose bridge over the median
    row (a frame's bridge is one sharp line, the skin's shading is smooth). ``bridge``:
    how much of the bridge's width one horizontal edge line covers. ``rim``: the same below
    each eye (lower rims), the weaker eye. ``dark``: eye-area lightness over skin lightness.
    ``temple``: the same for the band from each eye's outer corner to the face's edge, where
    the arms run (rimless glasses have arms and a bridge but no rims), the weaker side.
    ``rim_contrast``: the strongest lower-rim row's vertical gradient over the cheek's (thick
    frames are dark and sharp, thin metal ones faint).
    """

    peak: float
    bridge: float
    rim: float
    dark: float
    temple: float = 0.0
    rim_contrast: float = 0.0


def glasses_features(chip: Chip, skin: ColorMeasure) -> GlassesFeatures:
    """Compute :class:`GlassesFeatures` on the chip."""
    p = chip.landmarks
    gray = chip.gray()
    gy = np.abs(cv2.Sobel(gray.astype(np.float32), cv2.CV_32F, 0, 1, ksize=3))
    edges = cv2.Canny(cv2.GaussianBlur(gray, (3, 3), 0), 40, 100) > 0
    eye_y = float(p[36:48, 1].mean())
    bridge_box = (p[39, 0] + 0.08 * IOD, p[42, 0] - 0.08 * IOD, eye_y - 0.45 * IOD,
                  eye_y + 0.1 * IOD)
    rows = _box(gy, *bridge_box).mean(axis=1)
    peak = float(rows.max() / (np.median(rows) + 5.0)) if rows.size else 0.0
    bridge = _line_cover(_box(edges, *bridge_box), axis=1)
    rim = min(_line_cover(_box(edges, p[a, 0], p[b, 0], p[lid, 1] + 0.1 * IOD,
                               p[lid, 1] + 0.55 * IOD), axis=1)
              for a, b, lid in ((36, 39, 41), (42, 45, 46)))
    temple = min(_line_cover(_box(edges, x0, x1, eye_y - 0.25 * IOD, eye_y + 0.1 * IOD),
                             axis=1)
                 for x0, x1 in ((p[0, 0] + 0.05 * IOD, p[36, 0] - 0.1 * IOD),
                                (p[45, 0] + 0.1 * IOD, p[16, 0] - 0.05 * IOD)))
    cheek = _cheek(gy, p)
    rim_rows = _box(gy, p[36, 0], p[45, 0], p[41, 1] + 0.1 * IOD, p[41, 1] + 0.55 * IOD)
    rim_contrast = float(rim_rows.mean(axis=1).max() / (cheek.mean() + 5.0)) \
        if rim_rows.size and cheek.size else 0.0
    region = np.zeros(chip.valid.shape, bool)
    for idx in (slice(36, 42), slice(42, 48)):
        c = p[idx].mean(axis=0)
        region |= polygon_mask(region.shape, (p[idx] - c) * 1.6 + c)
    lab = chip.lab[region & chip.valid]
    dark = float(np.median(lab[:, 0])) / max(skin.lab[0], 1.0) if len(lab) else 1.0
    return GlassesFeatures(peak, bridge, rim, dark, temple, rim_contrast)


def _ring(shape: tuple[int, ...], contour: NDArray[np.float64], inner: float, outer: float
          ) -> NDArray[np.bool_]:
    """The band between the ``contour`` scaled ``inner`` and ``outer`` times about its
    center."""
    c = contour.mean(axis=0)
    return (polygon_mask(shape, (contour - c) * outer + c)
            & ~polygon_mask(shape, (contour - c) * inner + c))


def frame_features(chip: Chip, eyes: tuple[NDArray[np.float64], NDArray[np.float64]],
                   corners: NDArray[np.float64], skin: ColorMeasure) -> NDArray[np.float64]:
    """Where frames sit, from the face mesh's eye contours (in the chip frame): for the
    band around each eye (1.35–2.2 times the eye's outline, where rims are), its edge
    density, mean vertical-and-horizontal gradient over the cheek's, and lightness over the
    skin's; the lens area's (1.0–1.35) lightness over the skin's; the edge density between
    the eyes (the bridge) and beside them (the temples, toward the ears). Each eye's
    numbers are given as the mean and the minimum of the two. ``corners`` are the inner
    (2) then outer (2) eye corners."""
    gray = chip.gray()
    edges = cv2.Canny(cv2.GaussianBlur(gray, (3, 3), 0), 30, 90) > 0
    gx = cv2.Sobel(gray.astype(np.float32), cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(gray.astype(np.float32), cv2.CV_32F, 0, 1, ksize=3)
    grad = np.hypot(gx, gy)
    shape = chip.valid.shape
    p = chip.landmarks
    cheek = _cheek(grad, p)
    cheek_g = float(cheek.mean()) + 5.0 if cheek.size else 5.0
    skin_l = max(float(skin.lab[0]), 1.0)
    per_eye = []
    for contour in eyes:
        ring = _ring(shape, contour, 1.35, 2.2) & chip.valid
        lens = _ring(shape, contour, 1.0, 1.35) & chip.valid
        if ring.sum() < 10 or lens.sum() < 5:
            per_eye.append([0.0, 0.0, 1.0, 1.0])
            continue
        per_eye.append([float(edges[ring].mean()), float(grad[ring].mean()) / cheek_g,
                        float(np.median(chip.lab[ring][:, 0])) / skin_l,
                        float(np.median(chip.lab[lens][:, 0])) / skin_l])
    eye_stats = np.array(per_eye)
    (ix0, iy0), (ix1, iy1), (ox0, oy0), (ox1, oy1) = corners
    y = (iy0 + iy1) / 2
    bridge = _box(edges, min(ix0, ix1) + 0.05 * IOD, max(ix0, ix1) - 0.05 * IOD,
                  y - 0.45 * IOD, y + 0.1 * IOD)
    temples = [_box(edges, x0, x1, y0 - 0.3 * IOD, y0 + 0.15 * IOD) for x0, x1, y0 in
               ((ox0 - 0.7 * IOD, ox0 - 0.1 * IOD, oy0), (ox1 + 0.1 * IOD, ox1 + 0.7 * IOD, oy1))]
    temple = [float(t.mean()) if t.size else 0.0 for t in temples]
    return np.concatenate([eye_stats.mean(axis=0), eye_stats.min(axis=0),
                           [float(bridge.mean()) if bridge.size else 0.0,
                            float(np.mean(temple)), float(min(temple))]])


def lens_glare(chip: Chip, eyes: tuple[NDArray[np.float64], NDArray[np.float64]]
               ) -> NDArray[np.float64]:
    """A lens's reflections: the share of the band around each eye (1.0–2.2 times its
    outline, where a lens sits) brighter than the cheek's brightest skin, which bare skin
    around an eye is not; the mean and the larger of the two eyes (a glint often lights
    one lens)."""
    cheek = _cheek(chip.lab[..., 0], chip.landmarks)
    if not cheek.size:
        return np.zeros(2)
    glint = float(np.percentile(cheek, 98)) + 5.0
    shares = []
    for contour in eyes:
        band = _ring(chip.valid.shape, contour, 1.0, 2.2) & chip.valid
        shares.append(float((chip.lab[band][:, 0] > glint).mean()) if band.sum() >= 10
                      else 0.0)
    return np.array([np.mean(shares), max(shares)])


def classify_glasses(f: GlassesFeatures) -> tuple[str, float]:
    """``none | eyeglasses | sunglasses`` and a confidence in 0..1.

    Sunglasses: the eye area under a quarter of the skin's lightness. Eyeglasses: a sharp
    (peak ≥ 3), long (≥ 75% of the width) edge across the nose bridge and a lower-rim line
    over half of each eye's width. Thin rimless frames are missed (see the benchmark).
    """
    if f.dark < 0.25:
        return "sunglasses", min(1.0, 0.6 + (0.25 - f.dark) * 2)
    margins = (f.peak / 3.0 - 1.0, f.bridge / 0.75 - 1.0, f.rim / 0.5 - 1.0)
    if min(margins) >= 0:
        return "eyeglasses", min(1.0, 0.6 + min(margins))
    return "none", min(1.0, 0.6 + max(0.0, -min(margins)))


@dataclass(frozen=True)
class Region:
    """A lower-face region against the cheeks: ``darkening`` (cheek L* minus region L*),
    ``chroma`` (region C* over cheek C*; hair is less saturated than skin, shadow is not)
    and ``texture`` (:attr:`.Chip.texture`: hairs make edges that smooth skin and soft
    shadow do not, whatever their color)."""

    darkening: float
    chroma: float
    texture: float = 1.0

    def hairy(self) -> bool:
        """Darker by 12 L* and at most 85% of the skin's chroma."""
        return self.darkening >= 12.0 and self.chroma <= 0.85


@dataclass(frozen=True)
class FacialHairFeatures:
    """The mustache, chin and left/right jaw regions."""

    mustache: Region
    chin: Region
    left: Region
    right: Region


def lower_face(chip: Chip) -> dict[str, NDArray[np.float64]]:
    """The chip polygons of the mustache, chin and left/right jaw regions."""
    p, u = chip.landmarks, IOD
    return {
        "mustache": np.array([p[31] + [0, 0.1 * u], p[35] + [0, 0.1 * u],
                              p[53] - [0, 0.05 * u], p[49] - [0, 0.05 * u]]),
        "chin": np.array([p[58] + [0, 0.1 * u], p[56] + [0, 0.1 * u], p[9] - [0, 0.1 * u],
                          p[7] - [0, 0.1 * u]]),
        "left": np.array([p[48] - [0.15 * u, 0], p[4] + [0.15 * u, 0],
                          p[6] + [0.1 * u, -0.1 * u]]),
        "right": np.array([p[54] + [0.15 * u, 0], p[12] - [0.15 * u, 0],
                           p[10] - [0.1 * u, 0.1 * u]]),
    }


def facial_hair_features(chip: Chip, skin: ColorMeasure) -> FacialHairFeatures:
    """Compute :class:`FacialHairFeatures` on the chip."""
    shape = chip.valid.shape
    skin_chroma = max(float(chroma(np.array(skin.lab))), 1.0)

    def region(poly: NDArray[np.float64]) -> Region:
        inside = polygon_mask(shape, poly) & chip.valid
        lab = chip.lab[inside]
        if len(lab) < 10:
            return Region(0.0, 1.0)
        return Region(skin.lab[0] - float(np.median(lab[:, 0])),
                      float(np.median(chroma(lab))) / skin_chroma,
                      float(np.median(chip.texture[inside])))

    return FacialHairFeatures(**{name: region(poly)
                                 for name, poly in lower_face(chip).items()})


BEARD_DE = 15.0
"""A lower-face pixel this far (ΔE*ab) from the skin's color is taken for facial hair when
its color is measured (:func:`facial_hair_color`)."""
BEARD_SHARE = 0.3
"""Under this share of such pixels, the facial hair's color is not measured."""


def facial_hair_color(chip: Chip, skin: ColorMeasure) -> ColorMeasure:
    """The color of the facial hair: the median of the lower face's pixels (the regions of
    :func:`facial_hair_features`) that are :data:`BEARD_DE` or more from the skin's color,
    as sure as their share; confidence 0 under :data:`BEARD_SHARE`. The regions also hold
    skin and shadow, so this is only a rough color: the avatar uses it to tell a gray or
    white beard under darker hair (see ``facemoji.match.mapping.facemoji``)."""
    inside = np.zeros(chip.valid.shape, bool)
    for poly in lower_face(chip).values():
        inside |= polygon_mask(chip.valid.shape, poly)
    lab = chip.lab[inside & chip.valid]
    hairy = lab[np.linalg.norm(lab - np.asarray(skin.lab), axis=1) >= BEARD_DE]
    share = len(hairy) / max(len(lab), 1)
    if len(hairy) < 10 or share < BEARD_SHARE:
        return UNKNOWN
    return lab_measure(hairy, share)


def classify_facial_hair(f: FacialHairFeatures) -> tuple[str, float]:
    """``none | stubble | mustache | goatee | beard`` and a confidence in 0..1.

    Facial hair is present when two regions look hairy, or the mustache and chin are both
    much darker than the cheeks. Then: hairy jaw and chin (or mustache) is a beard; chin
    without jaw a goatee; mustache alone a mustache; otherwise stubble.
    """
    regions = (f.mustache, f.chin, f.left, f.right)
    hairy = sum(r.hairy() for r in regions)
    dark = f.mustache.darkening >= 20 and f.chin.darkening >= 14
    if hairy < 2 and not dark:
        return "none", 0.6 + 0.2 * (hairy == 0)
    jaw = f.left.hairy() or f.right.hairy()
    confidence = 0.5 + 0.1 * hairy
    if jaw and (f.chin.hairy() or f.mustache.hairy()):
        return "beard", confidence
    if f.chin.hairy() or (dark and not jaw):
        return "goatee", confidence
    if f.mustache.hairy():
        return "mustache", confidence
    return "stubble", 0.5


def glasses_vector(f: GlassesFeatures, frames: NDArray[np.float64],
                   eyewear: NDArray[np.float64]) -> NDArray[np.float64]:
    """The glasses models' input (:mod:`.learned`): the chip's bridge, rim and temple
    features, the mesh's frame bands (:func:`frame_features`) and what the hair segmenter
    sees around the eyes (:func:`.parts.eyewear_features`, with the logarithms of its mean
    and 90th percentile: a rimless frame's probabilities are a tenth of a thick one's yet
    ten times a bare face's). Held out by person, the segmenter's view took the rimless and
    thin frames found on the faceset from 59 to 63 of 78 and the frame kind from 70% to 77%
    (docs/benchmarks.md, "The segmenter sees glasses")."""
    return np.concatenate([[f.peak, f.bridge, f.rim, f.dark, f.temple, f.rim_contrast],
                           frames, eyewear, np.log(eyewear[:2] + 1e-3)])


def beard_vector(f: FacialHairFeatures, monk: float) -> NDArray[np.float64]:
    """The facial-hair model's input (:mod:`.learned`): each lower-face region's darkening
    and chroma against the cheeks, how far its lightness is from the cheeks' either way
    (gray and white hair lightens the skin it covers), and the log of its texture (a dark
    mustache on dark skin darkens it little); then the skin's Monk score and each region's
    darkening times it, so that the model can ask a beard on dark skin for less darkening.
    Held out by person, with them, the beards, goatees and mustaches found on Monk 5–10
    faces went from 15 to 22 of 33 (docs/benchmarks.md, "Facial hair on dark skin")."""
    regions = (f.mustache, f.chin, f.left, f.right)
    return np.array([*(v for r in regions for v in (r.darkening, r.chroma, abs(r.darkening))),
                     *(np.log(max(r.texture, 1e-3)) for r in regions),
                     monk, *(monk * r.darkening for r in regions)])


def glasses_kind_vector(f: GlassesFeatures, frames: NDArray[np.float64],
                        eyewear: NDArray[np.float64], glare: NDArray[np.float64],
                        embedding: NDArray[np.floating]) -> NDArray[np.float64]:
    """The glasses-kind model's input: :func:`glasses_vector`, the :func:`lens_glare` and
    the face's dlib descriptor (128 numbers). The descriptor sees the whole eye area at
    once, thin frames included, where the edge features see a line or not; with it the
    kind is right on 90% of the faceset's photos held out by person, 87% without; the
    glare finds rimless and thin frames whose edges barely show (docs/benchmarks.md).
    The frame model reads :func:`glasses_vector` alone: the descriptor did not help it."""
    return np.concatenate([glasses_vector(f, frames, eyewear), glare,
                           np.asarray(embedding, np.float64)])


def decide_glasses(f: GlassesFeatures, frames: NDArray[np.float64],
                   eyewear: NDArray[np.float64], glare: NDArray[np.float64],
                   embedding: NDArray[np.floating]) -> tuple[str, float, str]:
    """``(none | eyeglasses | sunglasses, confidence, frame)`` with ``frame`` one of
    ``none | thick | thin | rimless``: the learned models of :mod:`.learned` on
    :func:`glasses_kind_vector` and :func:`glasses_vector` (before they are fitted,
    :func:`classify_glasses`, thick frames). ``eyewear`` is what the hair segmenter sees
    around the eyes (:func:`.parts.eyewear_features`), ``glare`` the :func:`lens_glare`,
    ``embedding`` the face's dlib descriptor."""
    from .learned import model

    kind_model, frame_model = model("glasses"), model("glasses_frame")
    if kind_model is None or frame_model is None:
        kind, confidence = classify_glasses(f)
        return kind, confidence, "none" if kind == "none" else "thick"
    kind, confidence = kind_model.predict(glasses_kind_vector(f, frames, eyewear, glare,
                                                              embedding))
    if kind == "none":
        return kind, confidence, "none"
    return kind, confidence, frame_model.predict(glasses_vector(f, frames, eyewear))[0]


FRAME_COLOR_NAMES = ("black", "tortoise", "gold", "silver", "clear")
"""The frame colors :func:`decide_frame_color` tells apart: the native style's glasses
presets that the labelled photos hold at least seven times (red frames: three photos,
navy: none)."""
FRAME_SURE = 0.5
"""A pixel around the eyes is the frame's where the hair segmenter gives something worn
(:func:`.parts.hair_skin_worn`) at least this probability."""
FRAME_MIN_PIXELS = 15
"""Under this many such pixels the frame's color is not read (a thin frame the
segmenter barely sees)."""
FRAME_KINDS = ("thick", "thin", "rimless")
"""The frame kinds (:func:`decide_glasses`) the frame-color model reads, one-hot."""
FRAME_READ = 8
"""Where :func:`frame_color_vector` says whether the frame's pixels were read (1) or
too few (0)."""


def frame_color_vector(chip: Chip, worn: NDArray[np.float32], skin: ColorMeasure,
                       frame: str) -> NDArray[np.float64]:
    """The frame-color model's input, 12 numbers: the median CIELAB of the frame's pixels
    less the skin's (3), their median chroma (1), their median CIELAB (3), the log of their
    count and whether there are :data:`FRAME_MIN_PIXELS` (:data:`FRAME_READ`), and the
    measured ``frame`` kind as one-hot (:data:`FRAME_KINDS`; 3); the first seven are zeros
    where too few pixels were read. The frame's pixels are those the segmenter sees as worn
    (:data:`FRAME_SURE`) in a box from 0.55 IOD above the eyes to 0.5 below and 0.5 IOD
    beyond their corners. Thin metal frames blend with the skin they cross, so the color
    is read against the skin's: gold frames measure about 1 b* yellower than the skin,
    silver 1.5 bluer, clear plastic 3.5 (medians over the labelled photos)."""
    eyes = chip.landmarks[36:48]
    y = float(eyes[:, 1].mean())
    box = (eyes[:, 0].min() - 0.5 * IOD, eyes[:, 0].max() + 0.5 * IOD,
           y - 0.55 * IOD, y + 0.5 * IOD)
    lab = _box(chip.lab, *box)[_box(chip.valid, *box) & (_box(worn, *box) >= FRAME_SURE)]
    kind = [float(frame == k) for k in FRAME_KINDS]
    if len(lab) < FRAME_MIN_PIXELS:
        return np.array([0.0] * 7 + [np.log1p(len(lab)), 0.0] + kind)
    median = np.median(lab, axis=0)
    return np.array([*(median - np.asarray(skin.lab)), float(np.median(chroma(lab))),
                     *median, np.log1p(len(lab)), 1.0, *kind])


def decide_frame_color(vector: NDArray[np.float64]) -> tuple[str | None, float]:
    """One of :data:`FRAME_COLOR_NAMES` and the learned model's probability of it
    (:mod:`.learned` on :func:`frame_color_vector`); ``None`` where the frame's pixels were
    too few to read (the avatar then takes the color by kind) or before the model is
    fitted."""
    from .learned import model

    colors = model("glasses_color")
    if colors is None or not vector[FRAME_READ]:
        return None, 0.0
    return colors.predict(vector)


BEARDLESS_FEMALE = 0.5
"""From this probability that a face presents as a woman's (:mod:`.age_gender`), no facial
hair is found: none of the 217 labelled photos of women has any, where the model had
found some on 5 of them (faceset held out by person: 88.7% → 90.6% right, with the
model's L2 strength chosen again under this rule; ``../shared`` unchanged;
docs/benchmarks.md)."""


WHITE_MUSTACHE_LIGHTER = 10.0
WHITE_MUSTACHE_CHROMA = 0.5


def white_mustache(f: FacialHairFeatures) -> bool:
    """Whether the region over the lip holds a white or gray mustache: lighter than the
    cheeks by :data:`WHITE_MUSTACHE_LIGHTER` L* or more, with at most
    :data:`WHITE_MUSTACHE_CHROMA` of their chroma (light, colorless hairs over skin). The
    learned model, fitted on mostly dark facial hair, calls such a mustache none. Round
    limits, not fitted: on the three labelled sets (723 photos) they pick out all four of
    John Bolton's photos and no other (the nearest others, two women's faces, are 8 L*
    lighter than their cheeks)."""
    return (f.mustache.darkening <= -WHITE_MUSTACHE_LIGHTER
            and f.mustache.chroma <= WHITE_MUSTACHE_CHROMA)


def decide_facial_hair(f: FacialHairFeatures, monk: float, female: float = 0.0,
                       grayscale: bool = False) -> tuple[str, float]:
    """``none | stubble | mustache | goatee | beard`` and a confidence: none on a face that
    presents as a woman's (``female`` ≥ :data:`BEARDLESS_FEMALE`; sure as that
    probability); otherwise whether there is facial hair at all by the learned model of
    :mod:`.learned` on :func:`beard_vector` (with the skin's ``monk`` score),
    its kind by :func:`classify_facial_hair`. Where that saw none, the kind is a beard when
    the chin is lighter than the cheeks (a gray or white beard, which the darkening rules
    cannot see), a mustache when the region over the lip is the darkest of the four, else
    stubble: this named 8 of the 13 mustaches of the labelled photos that had been called
    stubble, beard or goatee, and 3 gray beards (a learned model of the kind did worse
    held out by person than these rules). A :func:`white_mustache` is a mustache whatever
    the model says. A ``grayscale`` photo's presence is decided by the model fitted on
    black-and-white copies (:func:`.learned.model`)."""
    from .learned import model

    if female >= BEARDLESS_FEMALE:
        return "none", float(female)
    if white_mustache(f):
        return "mustache", 0.6
    kind, confidence = classify_facial_hair(f)
    presence = model("facial_hair", grayscale)
    if presence is None:
        return kind, confidence
    found, sure = presence.predict(beard_vector(f, monk))
    if found == "none":
        return "none", sure
    return (kind if kind != "none" else _faint_kind(f)), sure


def _faint_kind(f: FacialHairFeatures) -> str:
    """The kind of facial hair that no region showed clearly (see
    :func:`decide_facial_hair`)."""
    if f.chin.darkening < 0:  # lighter than the cheeks: a gray or white beard
        return "beard"
    darkest = max(f.chin.darkening, f.left.darkening, f.right.darkening)
    return "mustache" if f.mustache.darkening >= darkest else "stubble"
