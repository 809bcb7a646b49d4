"""What an avatar needs from a photo: skin, hair, eyes, brows, glasses, facial hair,
headwear and face proportions.

:func:`measure` is the entry point. It warps the face into one aligned, white-balanced
frame (:mod:`.chip`) and runs small, explainable measurements there: :mod:`.skin` (color
and Monk tone), :mod:`.hair` (the person segmenter's pixels around the head, color name,
bald, receding), :mod:`.features` (iris, brows), :mod:`.accessories` (glasses, facial
hair, headwear) and :mod:`.geometry` (ratios of the 68 landmarks). Accuracy on labelled
photos is in ``docs/benchmarks.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import BadImage
from . import accessories, geometry
from .age_gender import AgeGender, estimate
from .chip import CHIP_H, CHIP_W, make_chip, mask_to_image
from .color import UNKNOWN, ColorMeasure
from .features import measure_brows, measure_eyes
from .hair import measure_hair
from .hair_length import HairLength, measure_length
from .person import person_probability, portrait_matrix, to_frame
from .skin import measure_skin, monk_tone, sclera_cast, tone_color, tone_gains, white_balance_gains

if TYPE_CHECKING:
    from .detect import Detection

__all__ = ["Attributes", "ColorMeasure", "measure"]


def _r(value: float, digits: int = 3) -> float:
    return round(float(value), digits)


@dataclass(frozen=True)
class Attributes:
    """Measured attributes of one face.

    Colors are :class:`ColorMeasure` (sRGB uint8, CIELAB D65, confidence 0..1), measured
    after white balance; ``skin`` is the lit half of the cheeks and forehead under the skin
    tone's own white balance (:func:`.skin.tone_color`). ``monk`` is the Monk Skin Tone 1
    (lightest) .. 10. ``hair_name``
    is one of ``black brown blonde red auburn gray white bald other``. ``brow_thickness``
    is the brow height over the inter-ocular distance. ``glasses`` is ``none | eyeglasses
    | sunglasses``; ``facial_hair`` ``none | stubble | mustache | goatee | beard``;
    ``headwear`` ``none | hat | headscarf`` (best effort). ``geometry`` holds the raw ratios
    of :mod:`facemoji.face.geometry`, ``geometry_z`` the same standardized by population
    norms. ``hair_mask`` is a bool ``(H, W)`` mask over the photo (not serialized).
    """

    skin: ColorMeasure
    monk: int
    hair: ColorMeasure
    hair_name: str
    bald: bool
    receding: bool
    eyes: ColorMeasure
    brows: ColorMeasure
    brow_thickness: float
    glasses: str
    glasses_confidence: float
    facial_hair: str
    facial_hair_confidence: float
    headwear: str
    headwear_confidence: float
    geometry: dict[str, float]
    geometry_z: dict[str, float]
    hair_length: HairLength | None = None
    age_gender: AgeGender | None = None
    hair_mask: np.ndarray | None = None
    skin_mask: np.ndarray | None = None
    """Bool ``(H, W)`` mask of the photo pixels the skin color came from (for debugging)."""

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dict (the ``facemoji analyze --json`` contract); masks are left out."""
        return {
            "skin": {**self.skin.to_dict(), "monk": self.monk},
            "hair": {**self.hair.to_dict(), "name": self.hair_name, "bald": self.bald,
                     "receding": self.receding, **self._length()},
            "eyes": self.eyes.to_dict(),
            "brows": {**self.brows.to_dict(), "thickness": _r(self.brow_thickness)},
            "glasses": self.glasses,
            "glasses_confidence": _r(self.glasses_confidence, 2),
            "facial_hair": self.facial_hair,
            "facial_hair_confidence": _r(self.facial_hair_confidence, 2),
            "headwear": self.headwear,
            "headwear_confidence": _r(self.headwear_confidence, 2),
            **({"age_gender": self.age_gender.to_dict()} if self.age_gender else {}),
            "geometry": {k: _r(v) for k, v in self.geometry.items()},
            "geometry_z": {k: _r(v, 2) for k, v in self.geometry_z.items()},
        }


    @property
    def age(self) -> float | None:
        """Apparent age in years (``None`` when not estimated)."""
        return None if self.age_gender is None else self.age_gender.age

    @property
    def female(self) -> float | None:
        """Probability of a feminine presentation (``None`` when not estimated)."""
        return None if self.age_gender is None else self.age_gender.female

    def traits(self) -> dict[str, tuple[Any, float]]:
        """The visible traits (``facemoji.match.traits`` names them) with a confidence each:
        what an avatar of this face should show."""
        out: dict[str, tuple[Any, float]] = {
            "glasses": (self.glasses, self.glasses_confidence),
            "facial_hair": (self.facial_hair, self.facial_hair_confidence),
            "headwear": (self.headwear, self.headwear_confidence),
            "receding": (self.receding, 0.6),
        }
        if self.hair_length is not None:
            out["hair_length"] = (self.hair_length.name, self.hair_length.confidence)
        if self.age_gender is not None:
            out["age_band"] = (self.age_gender.age_band, 0.6)
            out["gender"] = (self.age_gender.gender, abs(2 * self.age_gender.female - 1))
        return out

    def _length(self) -> dict[str, object]:
        if self.hair_length is None:
            return {}
        end = self.hair_length.end
        return {"length": self.hair_length.name,
                "length_confidence": _r(self.hair_length.confidence, 2),
                "length_end_iod": None if end is None else _r(end, 2)}


def measure(image: np.ndarray, detection: Detection) -> Attributes:
    """Measure the attributes of the face ``detection`` found in ``image``.

    ``image`` is RGB uint8 ``(H, W, 3)``; ``detection`` needs ``landmarks`` ``(68, 2)``
    ``(x, y)`` in the image's pixels. Raises :class:`~facemoji.errors.BadImage` when the
    image or the landmarks are unusable.
    """
    image = np.asarray(image)
    landmarks = np.asarray(detection.landmarks, dtype=np.float64)
    if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
        raise BadImage(f"expected an RGB uint8 image (H, W, 3), got {image.dtype} {image.shape}")
    if landmarks.shape != (68, 2) or not np.isfinite(landmarks).all():
        raise BadImage("attributes need 68 finite landmarks")
    if geometry.inter_ocular(landmarks) < 8:
        raise BadImage("the face is too small to measure (eyes under 8 px apart)")

    cast = sclera_cast(image, landmarks)
    gains = white_balance_gains(image, cast)
    chip = make_chip(image, landmarks, gains)
    skin, _ = measure_skin(chip)  # the reference in the chip's colors, for the measures below
    tone, skin_px = tone_color(chip, tone_gains(image, cast) / gains, skin.confidence)
    crop = portrait_matrix(landmarks)
    person = to_frame(person_probability(image, crop), crop, chip.matrix, (CHIP_W, CHIP_H))
    hair = measure_hair(chip, skin, person)
    glasses, glasses_conf = accessories.classify_glasses(accessories.glasses_features(chip, skin))
    eyes = measure_eyes(chip) if glasses != "sunglasses" else UNKNOWN
    brows, thickness = measure_brows(chip, skin)
    facial_hair, facial_hair_conf = accessories.classify_facial_hair(
        accessories.facial_hair_features(chip, skin))
    headwear, headwear_conf = accessories.classify_headwear(chip, hair.mask, skin)
    ratios = geometry.ratios(landmarks, thickness)
    length = measure_length(image, landmarks, hair.color, skin, bald=hair.bald,
                            receding=hair.receding)
    return Attributes(
        skin=tone, monk=monk_tone(tone),
        hair=hair.color, hair_name=hair.name, bald=hair.bald, receding=hair.receding,
        eyes=eyes, brows=brows, brow_thickness=thickness,
        glasses=glasses, glasses_confidence=glasses_conf,
        facial_hair=facial_hair, facial_hair_confidence=facial_hair_conf,
        headwear=headwear, headwear_confidence=headwear_conf,
        geometry=ratios, geometry_z=geometry.standardize(ratios),
        hair_length=length, age_gender=estimate(image, landmarks),
        hair_mask=mask_to_image(chip, hair.mask, image.shape),
        skin_mask=mask_to_image(chip, skin_px, image.shape),
    )
