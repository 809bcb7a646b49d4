"""How far the hair falls: ``bald | buzz | short | chin | shoulder | long``.

Hair that reaches below the ears shows beside the face and the neck, where short hair
leaves background, ears or neck. So the photo is seen in a tall portrait view
(:mod:`.portrait`), and, row band by row band going down from the cheeks, this module
measures the share of the pixels *beside* the face and neck that are the person's
(:mod:`.person`) and colored like their hair rather than their skin: the **lateral hair
profile**. Hair ends where the profile first drops under :data:`GAP`; clothing further
down (a dark suit is hair-colored too) lies below that gap and is ignored. Where the photo
ends before the hair does, the length is "at least" what was seen, with less confidence.

The length's name is a learned model's (:mod:`.learned`) reading of the profile, of the
lateral person share (the silhouette) and of the hair segmenter's lateral hair share
(:func:`segmented_profile`, down to 3.5 IOD below the eyes), fitted on the three labelled
sets by
``scripts/fit_measures.py``; the rule on :data:`GAP` and :data:`ENDS` names it before that
model is fitted and still gives where the hair ends (``end``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from .color import ColorMeasure
from .parts import SURE
from .person import CROP_IOD
from .portrait import SIZE, PortraitView

BANDS = np.arange(0.5, 4.5, 0.25)
"""Tops of the row bands, in IOD below the eyes (each 0.25 IOD tall)."""
NECK = 0.65
"""Half the width (IOD) of the column under the face left out as neck."""
OUTER = 2.0
"""How far out (IOD from the face's middle) the lateral bands reach."""
HAIR_DE = 18.0
"""A pixel is hair-colored when its distance to the hair color (ΔE*ab with L* halved) is
under this and under its distance to the skin color."""
GAP = 0.15
"""A band whose lateral hair share is under this ends the hair."""
ENDS = (("short", 1.5), ("chin", 2.5), ("shoulder", 3.5), ("long", np.inf))
"""Length names by where the hair ends (IOD below the eyes; exclusive upper bounds)."""
LENGTHS = ("bald", "buzz", "short", "chin", "shoulder", "long")
"""Every length name, shortest first."""
LONG_LENGTHS = ("chin", "shoulder", "long")
"""The lengths past the jaw, which the learned model weighs as one against short hair
(:func:`.learned.family_choice`): held out by person, short against long was right for
87.1% of the face set's photos where the likeliest of the four classes got 85.0%
(portraits and ``../shared`` unchanged; docs/benchmarks.md)."""


@dataclass(frozen=True)
class HairLength:
    """``name`` (one of :data:`LENGTHS`), ``confidence`` 0..1, ``end`` (IOD below the eyes
    where the hair stops, ``None`` when bald), the lateral hair ``profile`` per band of
    :data:`BANDS` (NaN where the photo shows too little of the band) and the same bands'
    ``silhouette``: the share that is the person at all, whatever its color."""

    name: str
    confidence: float
    end: float | None
    profile: NDArray[np.float64]
    silhouette: NDArray[np.float64] | None = None
    segmented: NDArray[np.float64] | None = None
    """:func:`segmented_profile`, where the hair segmenter ran."""

    @property
    def long(self) -> bool:
        """Whether the hair reaches the jaw or further (chin, shoulder or long)."""
        return self.name in LONG_LENGTHS


def lateral_profile(view: PortraitView, hair: ColorMeasure, skin: ColorMeasure
                    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The lateral hair share and the lateral person share per band of :data:`BANDS` (see
    the module docstring); NaN where the photo shows too little of a band."""
    weight = np.array([0.5, 1.0, 1.0])
    to_hair = np.linalg.norm((view.lab - np.asarray(hair.lab)) * weight, axis=2)
    to_skin = np.linalg.norm((view.lab - np.asarray(skin.lab)) * weight, axis=2)
    hairy = (view.person > 0.5) & (to_hair < HAIR_DE) & (to_hair < to_skin)
    face = np.zeros((SIZE, SIZE), np.uint8)
    cv2.fillPoly(face, [np.round(view.points[0:17]).astype(np.int32)], 1)
    off = view.off_center()
    lateral = ((off > NECK) & (off < OUTER))[None, :] & ~face.astype(bool)
    rows = [slice(view.below_eyes(top), view.below_eyes(top + 0.25)) for top in BANDS]
    out, person = _band_shares((hairy, view.person > 0.5), lateral, view.inside, rows)
    return out, person


SEEN = 0.3
"""A band is read where the photo shows at least this share of its lateral pixels."""


def _band_shares(masks: tuple[NDArray[np.bool_], ...], lateral: NDArray[np.bool_],
                 inside: NDArray[np.bool_], rows: list[slice]) -> NDArray[np.float64]:
    """Per row band (``rows``), each of ``masks``' share of the band's ``lateral`` pixels
    that the photo shows (``inside``), ``(len(masks), len(rows))``; NaN where it shows
    under :data:`SEEN` of them."""
    lateral = np.broadcast_to(lateral, inside.shape)
    out = np.full((len(masks), len(rows)), np.nan)
    for i, band_rows in enumerate(rows):
        band = lateral[band_rows]
        seen = band & inside[band_rows]
        if seen.sum() >= SEEN * band.sum() > 0:
            out[:, i] = [float(mask[band_rows][seen].mean()) for mask in masks]
    return out


SEEN_BANDS = np.arange(0.5, 3.5, 0.25)
"""The bands (tops, IOD below the eyes) that the hair segmenter's crop shows
(:data:`.person.CROP_IOD` wide, the eyes :data:`.person.EYE_Y` down: 3.5 IOD below them)."""


def segmented_profile(hair_p: NDArray[np.float32], inside: NDArray[np.bool_],
                      points: NDArray[np.float64]) -> NDArray[np.float64]:
    """The lateral hair share per band of :data:`SEEN_BANDS`, by the hair segmenter
    (:mod:`.parts`): ``hair_p`` its hair probability over the :func:`.person.portrait`
    crop, ``inside`` where that crop shows the photo, ``points`` the 68 landmarks in it.
    The same lateral columns as :func:`lateral_profile`'s, where the segmenter tells hair
    from clothes and from a backdrop of the hair's color; NaN where the crop shows too
    little of a band."""
    size = hair_p.shape[0]
    unit = size / CROP_IOD
    eye_y = float(points[36:48, 1].mean())
    off = np.abs(np.arange(size) - points[27, 0]) / unit
    lateral = ((off > NECK) & (off < OUTER))[None, :]
    rows = [slice(max(0, int(eye_y + top * unit)), min(size, int(eye_y + (top + 0.25) * unit)))
            for top in SEEN_BANDS]
    return _band_shares((hair_p > SURE,), lateral, inside, rows)[0]


def hair_end(profile: NDArray[np.float64], gap: float = GAP) -> tuple[float, bool]:
    """Where the hair ends (IOD below the eyes) and whether the photo showed that end
    (``False``: the profile ran out of the photo first, so the hair is at least that long)."""
    for i, share in enumerate(profile):
        if np.isnan(share):
            return float(BANDS[i]), False
        if share < gap:
            return float(BANDS[i]), True
    return float(BANDS[-1] + 0.25), False


def classify_length(profile: NDArray[np.float64], *, bald: bool, receding: bool,
                    gap: float = GAP, ends: tuple[tuple[str, float], ...] = ENDS
                    ) -> HairLength:
    """Name the hair length from the lateral ``profile`` (and the head's ``bald`` /
    ``receding`` hairline, which :mod:`.hair` decides)."""
    if bald:
        return HairLength("bald", 0.8, None, profile)
    end, seen = hair_end(profile, gap)
    name = next(n for n, top in ends if end < top)
    # how clear the decision is: the share just above the end against the gap, and how
    # far the end is from the class edges; an end the photo did not show is less sure
    edges = [top for _, top in ends if np.isfinite(top)]
    margin = min(abs(end - e) for e in edges) / 0.5
    confidence = float(np.clip(0.5 + 0.5 * min(margin, 1.0), 0.0, 1.0)) * (1.0 if seen else 0.7)
    if name == "short" and receding:
        confidence *= 0.9
    return HairLength(name, confidence, end, profile)


def measure_length(view: PortraitView, hair: ColorMeasure, skin: ColorMeasure,
                   segmented: NDArray[np.float64], *, bald: bool, receding: bool,
                   female: float = 0.5, age: float = 40.0) -> HairLength:
    """The hair length of the face in the portrait ``view``, given its measured ``hair``
    and ``skin`` colors, its :func:`segmented_profile`, the probability ``female`` that it
    presents as a woman's and its apparent ``age`` (:mod:`.age_gender`; the learned model
    reads them, see :func:`length_vector`)."""
    from .learned import model

    profile, silhouette = lateral_profile(view, hair, skin)
    found = classify_length(profile, bald=bald, receding=receding)
    learned = model("hair_length")
    if bald or learned is None:
        return HairLength(found.name, found.confidence, found.end, profile, silhouette,
                          segmented)
    name, confidence = learned.predict_family(
        length_vector(profile, silhouette, segmented, female, age), LONG_LENGTHS)
    return HairLength(name, confidence, found.end, profile, silhouette, segmented)


def _carry(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """NaNs replaced by the last value seen above them (0 before any)."""
    out = np.array(values, np.float64)
    last = 0.0
    for i, v in enumerate(out):
        if np.isnan(v):
            out[i] = last
        else:
            last = v
    return out


PRESENTATION_AGE = 60.0
"""The apparent age from which presentation no longer informs the hair length (see
:func:`length_vector`): 4 of the labelled sets' 8 photos of women over 60 have short hair,
against 8 of 226 of younger women's."""


def length_vector(profile: NDArray[np.float64], silhouette: NDArray[np.float64],
                  segmented: NDArray[np.float64], female: float, age: float
                  ) -> NDArray[np.float64]:
    """The hair-length model's input (:mod:`.learned`): the lateral hair and person
    profiles, bands the photo did not show carried down from the last one it did, how
    many bands it did not show, and the probability that the face presents as a woman's
    (0 from :data:`PRESENTATION_AGE`); then the same profiles and presentation again, kept
    only where the photo ends above the lowest band (a *cropped* photo).

    Presentation is a strong prior where the photo is cropped: hair pulled back, or fallen
    behind the shoulders, leaves the profile of a short cut, and most such photos are of
    women. In a head-and-shoulders portrait, where the photo shows where the hair ends,
    the profile itself is the better witness (the portrait set's short-haired women were
    drawn long). The cropped copies let one linear model weigh the two kinds of photo
    apart: held out by person, short vs long is right on 90% of the face set's photos,
    97% of the portrait set's and 98% of ``../shared``'s (91%, 87% unseen, 99% with the
    model fitted on the first two sets without the copies; docs/benchmarks.md)."""
    presents = female if age < PRESENTATION_AGE else 0.0
    missing = float(np.isnan(profile).sum())
    cropped = float(missing > 0)
    shown = np.concatenate([_carry(profile), _carry(silhouette), _carry(segmented)])
    return np.concatenate([shown, [missing, presents, presents * missing,
                                   presents * cropped], cropped * shown])
