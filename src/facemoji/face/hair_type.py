"""Hair type: ``straight``, ``wavy`` or ``curly`` (curly or coily), from the hair's
texture and outline.

Straight hair is drawn by long, parallel strands: its gradients share one direction over a
neighbourhood (a coherent structure tensor). Curls and coils break that: the direction
turns within a curl, so the coherence falls. Coily hair also stands out from the head, so
its outline is higher and wider. :func:`type_features` measures these in the chip (64 px
per IOD) over the hair :mod:`.hair` found above the eyes and the hair-colored pixels of
the person beside the face; a learned model (:mod:`.learned`, fitted by
``scripts/fit_measures.py``) names the type from them and from the skin's Monk tone and the
face's presentation (:func:`type_vector`). Two classes, not four: held out by person,
a four-class model scored no better than always answering the commonest class
(``docs/benchmarks.md``). Hair past the chin that reads straight is then told straight
or wavy by a second model on the same input (:func:`decide_wave`): a third to a half of
the labelled long heads are wavy, and long waves show where short ones do not. No model,
or no hair to read: no type (``None``), and the avatar's hair type is left to the search.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from .chip import IOD, Chip
from .color import ColorMeasure

TYPES = ("straight", "curly")
"""The classes of the hair-type model; :func:`decide_wave` may turn a long ``straight``
into ``wavy``."""
TYPE_GROUPS: dict[str, str | tuple[str, ...]] = {"straight": "straight", "wavy": "wavy",
                                                  "curly": ("curly", "coily")}
"""The hair type (``facemoji.match.traits``) each measured type asks the avatar for. Most
straight-or-wavy heads are straight (212 of 291 faceset photos), so where the wave model
does not say ``wavy`` a wavy cut stays a step away (letting it in free drew wavy cuts for
straight hair, and cost the identity benchmark 5 of 31 probes); curly and coily are split
more evenly (46 and 29) and each suits some people better (close-cropped curls are
``short_coily``)."""
COHERENCE_SCALES = (1.5, 3.0, 6.0)
"""Integration scales (chip px) of the structure tensor: a strand, a wave, a curl."""
MIN_PIXELS = 0.25 * IOD * IOD
"""Under this much hair, the texture is not read."""
NECK = 0.65
"""Half the width (IOD) of the column under the face left out as neck."""
HAIR_DE = 20.0
"""A person pixel beside the face is hair when it is this close to the hair's color
(ΔE*ab with L* halved) and closer to it than to the skin's."""


def side_hair(chip: Chip, person: NDArray[np.float32], hair: ColorMeasure,
              skin: ColorMeasure) -> NDArray[np.bool_]:
    """Chip mask of the hair beside the face, from the eyes down to the chin: the person's
    pixels outside the jaw line and the neck that are colored like the hair rather than
    the skin."""
    p = chip.landmarks
    face = np.zeros(chip.valid.shape, np.uint8)
    cv2.fillPoly(face, [np.round(p[0:17]).astype(np.int32)], 1)
    rows = np.arange(chip.valid.shape[0])[:, None]
    band = (rows >= p[36:48, 1].mean()) & (rows <= p[8, 1])
    neck = np.abs(np.arange(chip.valid.shape[1]) - chip.midline) < NECK * IOD
    weight = np.array([0.5, 1.0, 1.0])
    to_hair = np.linalg.norm((chip.lab - np.asarray(hair.lab)) * weight, axis=2)
    to_skin = np.linalg.norm((chip.lab - np.asarray(skin.lab)) * weight, axis=2)
    return (band & ~neck[None, :] & (person > 0.5) & chip.valid & ~face.astype(bool)
            & (to_hair < HAIR_DE) & (to_hair < to_skin))


def _coherence(light: NDArray[np.float32], scale: float) -> NDArray[np.float32]:
    """Per pixel, how much the gradients around it share one direction (0..1)."""
    gx = cv2.Sobel(light, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(light, cv2.CV_32F, 0, 1, ksize=3)
    jxx = cv2.GaussianBlur(gx * gx, (0, 0), scale)
    jyy = cv2.GaussianBlur(gy * gy, (0, 0), scale)
    jxy = cv2.GaussianBlur(gx * gy, (0, 0), scale)
    spread = np.sqrt((jxx - jyy) ** 2 + 4 * jxy ** 2)
    return spread / np.maximum(jxx + jyy, 1e-3)


def _outline(region: NDArray[np.bool_], chip: Chip) -> list[float]:
    """How far the hair reaches above the brows and how wide it is just above them (IOD),
    and how full its outline is (area over its convex hull's)."""
    ys, xs = np.nonzero(region)
    brow = chip.brow_top
    level = np.abs(ys - (brow - 0.3 * IOD)) < 0.1 * IOD
    width = float(np.ptp(xs[level])) / IOD if level.any() else 0.0
    hull = cv2.contourArea(cv2.convexHull(np.stack([xs, ys], axis=1).astype(np.int32)))
    return [(brow - ys.min()) / IOD, width, float(region.sum()) / max(hull, 1.0)]


def type_features(chip: Chip, top: NDArray[np.bool_], side: NDArray[np.bool_],
                  photo_iod: float) -> NDArray[np.float64] | None:
    """The texture and outline of the hair in ``top`` (above the eyes, :mod:`.hair`) and
    ``side`` (:func:`side_hair`), or ``None`` when too little hair shows.

    In order: the hair's area (IOD²); per scale of :data:`COHERENCE_SCALES`, the mean
    coherence and its lower quartile; the outline (:func:`_outline`); and the photo's own
    inter-ocular distance ``photo_iod`` over the chip's (capped at 2): how much detail the
    photo had to give.
    """
    hair = cv2.erode((top | side).astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    if hair.sum() < MIN_PIXELS:
        return None
    light = chip.lab[..., 0].astype(np.float32)
    out = [float(hair.sum()) / IOD ** 2]
    for scale in COHERENCE_SCALES:
        coherence = _coherence(light, scale)[hair]
        out += [float(coherence.mean()), float(np.percentile(coherence, 25))]
    out += _outline(top if top.any() else hair, chip)
    out.append(min(photo_iod / IOD, 2.0))
    return np.array(out, np.float64)


def type_vector(features: NDArray[np.float64], monk: float, female: float
                ) -> NDArray[np.float64]:
    """The hair-type model's input: :func:`type_features`, the skin's Monk score and the
    face's presentation (0 male .. 1 female).

    The texture of close-cropped coils, at a press photo's resolution, reads like straight
    hair's; the skin tone is a prior for it. Held out by person it found 31 curly or coily
    faceset photos of 75 against 16, with 14 straight heads called curly against 9
    (relaxed hair on dark skin); held out by whole set it was as good or better on each
    (``docs/benchmarks.md``, "Hair type")."""
    return np.concatenate([features, [monk, female]])


def curl_vector(features: NDArray[np.float64], monk: float, female: float,
                outline: NDArray[np.float64], grayscale: bool = False) -> NDArray[np.float64]:
    """The curl model's input: :func:`type_vector` and the hair's extent and outline to the
    hair segmenter (:func:`.parts.hair_outline_features`; curly hair stands out from the
    head). Held out by person on the three sets, with them the model found 76 of 123 curly
    or coily photos against 66, for 26 straight heads called curly against 23
    (docs/benchmarks.md, "Curls by the hair's extent and outline"). A ``grayscale``
    photo's curl model reads :func:`type_vector` alone, as the wave model does: the
    outline did not help them (on the black-and-white copies it found 51 curly photos
    where they found 58)."""
    if grayscale:
        return type_vector(features, monk, female)
    return np.concatenate([type_vector(features, monk, female), outline])


def decide_hair_type(features: NDArray[np.float64] | None, monk: float, female: float,
                     outline: NDArray[np.float64], grayscale: bool = False
                     ) -> tuple[str | None, float]:
    """The hair type (one of :data:`TYPES`) and the model's probability of it, from
    :func:`curl_vector` (``None``, 0 without a fitted model or without hair to read); a
    ``grayscale`` photo's by the model fitted on black-and-white copies
    (:func:`.learned.model`)."""
    from .learned import model

    learned = model("hair_type", grayscale)
    if features is None or learned is None:
        return None, 0.0
    return learned.predict(curl_vector(features, monk, female, outline, grayscale))


COILED_MONK = 6.0
"""From this Monk score (measured), a man's close-cropped hair (buzz or short) that the
model reads straight is curly: the labelled photos of such hair on men labelled Monk 6 or
darker are coily in 28 of 28 on the faceset and the portraits (and 5 of 7 on ``../shared``,
which took no part: Sundar Pichai's wavy hair is the rest), where the texture of a crop
that close barely shows at a press photo's resolution. Held out of nothing (a rule), on
the measured Monk: faceset 10 more of those photos right and none wrong, portraits 1,
``../shared`` 1 (at 5.5 the faceset would lose 2 and ``../shared`` 3; at 6.5, 5 fewer
found; ``docs/benchmarks.md``)."""
COILED_SURE = 0.8
"""The rule's confidence in "curly" (a round number, surer than the model's doubtful
"straight" on such hair)."""


def close_cropped_type(kind: str | None, confidence: float, monk: float, female: float,
                       length: str) -> tuple[str | None, float]:
    """The hair type with :data:`COILED_MONK`'s rule applied: ``curly`` (as sure as
    :data:`COILED_SURE`) for a man's ``buzz`` or ``short`` hair read ``straight`` on skin of
    Monk ``monk`` ≥ :data:`COILED_MONK`; otherwise ``kind`` and ``confidence`` as given."""
    if kind == "straight" and female < 0.5 and length in ("buzz", "short") \
            and monk >= COILED_MONK:
        return "curly", COILED_SURE
    return kind, confidence


def decide_wave(features: NDArray[np.float64] | None, monk: float, female: float
                ) -> tuple[bool | None, float]:
    """Whether hair past the chin that reads straight is wavy, and the wave model's
    probability of that answer, from :func:`type_vector`'s input (``None``, 0 without a
    fitted model or without hair to read). Fitted on the labelled photos of straight or
    wavy hair past the chin (``scripts/fit_measures.py``): where the waves turn the strands
    their coherence falls, and wavy hair stands out wider."""
    from .learned import model

    learned = model("hair_wave")
    if features is None or learned is None:
        return None, 0.0
    name, probability = learned.predict(type_vector(features, monk, female))
    return name == "wavy", probability
