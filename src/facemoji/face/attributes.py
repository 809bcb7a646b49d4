"""What an avatar needs from a photo: skin, hair, eyes, brows, glasses, facial hair,
headwear and face proportions.

:func:`measure` is the entry point. It warps the face into one aligned, white-balanced
frame (:mod:`.chip`) and runs small, explainable measurements there: :mod:`.skin` (color
and Monk tone), :mod:`.hair` (the person segmenter's pixels around the head, color name,
bald, receding), :mod:`.iris` (eye color), :mod:`.features` (brows),
:mod:`.accessories` (glasses, facial hair, headwear) and :mod:`.geometry` (ratios of the
landmarks and the face mesh). Accuracy on labelled photos is in ``docs/benchmarks.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import BadImage
from . import accessories, geometry
from .age_gender import AgeGender, estimate, with_band
from .bangs import (
    FRINGE_CONFIDENCE,
    bangs_vector,
    decide_bangs,
    decide_fringe,
    fringe_shape,
    fringe_side,
)
from .chip import CHIP_H, CHIP_W, make_chip, mask_to_image
from .clothing import measure_clothing
from .color import UNKNOWN, ColorMeasure, lab_measure
from .expression import decide_smile, lipstick, smile_features
from .features import measure_brows
from .hair import (
    FOREHEAD,
    close_cropped_name,
    color_vector,
    decide_hair_name,
    gray_share,
    hair_beside,
    measure_hair,
)
from .hair_length import HairLength, length_vector, measure_length, segmented_profile
from .hair_part import PART_CONFIDENCE, decide_part, part_shape
from .hair_top import TOP_CONFIDENCE, decide_top, top_thickness
from .hair_type import (
    TYPE_GROUPS,
    close_cropped_type,
    decide_hair_type,
    decide_wave,
    side_hair,
    type_features,
)
from .hair_up import UP_DOS, decide_hair_up
from .headwear import decide_headwear, hat, headwear_features
from .image import is_grayscale
from .iris import decide_eye_color, iris_color, iris_features, iris_pixels
from .mesh import LEFT_EYE, LEFT_IRIS, RIGHT_EYE, RIGHT_IRIS, face_mesh
from .parts import (
    chest_features,
    eyewear_features,
    hair_outline_features,
    hair_skin_worn,
    part_probabilities,
)
from .person import portrait, portrait_matrix, segment, to_frame
from .portrait import portrait_view
from .skin import (
    estimate_monk,
    measure_skin,
    sclera_cast,
    skin_a,
    tone_color,
    tone_features,
    tone_gains,
    white_balance_gains,
)

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
    tone's own white balance (:func:`.skin.tone_color`). ``monk_score`` is the Monk Skin
    Tone the skin model estimates (1.0 lightest .. 10.0, :func:`.skin.estimate_monk`),
    ``monk`` the same rounded. ``hair_name`` is one of ``black brown blonde red auburn
    gray white bald other`` (:func:`.hair.decide_hair_name`, then
    :func:`.hair.close_cropped_name`; ``hair_name_confidence`` the model's probability of
    it; ``hair_gray`` how gray the hair is, 0 to 1, :func:`.hair.gray_share`); a bald head
    that keeps a fringe is ``bald`` and ``receding``, and its name and
    ``hair`` color are the fringe's); ``hair_length`` how far the hair falls
    (:mod:`.hair_length`);
    ``bangs`` whether hair covers the forehead (:mod:`.bangs`; ``bangs_confidence`` how
    sure) and ``fringe`` how it falls: ``blunt`` or ``swept`` (``None`` without bangs;
    :func:`.bangs.decide_fringe`), ``fringe_side`` the side of the image a swept one falls
    to (``left``, ``right``; :func:`.bangs.fringe_side`); ``hair_top`` how full the hair
    is on top, ``close``, ``medium`` or ``full`` (:mod:`.hair_top`; ``None`` on a bald or
    covered head, a face presenting as a woman's, or where it was not seen); ``hair_part``
    where hair to the chin or longer without bangs is parted, ``center`` or off center on
    the image's ``left`` or ``right`` (:mod:`.hair_part`);
    ``hair_type`` ``straight``, ``wavy`` (hair past the chin only) or ``curly`` (or
    coily) with ``hair_type_confidence`` the model's probability of it (for ``wavy``, the
    probability of not curly times that of wavy) and ``hair_up`` whether
    it is worn up (a bun, ponytail or braids), ``None`` where no hair was read
    (:mod:`.hair_type`, :mod:`.hair_up`).
    ``eyes`` is the irises' color and ``eye_color`` its name, ``brown``, ``hazel``,
    ``green`` or ``blue``, with ``eye_color_confidence`` the model's probability of it
    (:mod:`.iris`; ``None`` behind sunglasses, in a black-and-white photo, or where too
    little iris shows). ``brow_thickness`` is the brow height over the inter-ocular
    distance. ``glasses`` is
    ``none | eyeglasses | sunglasses`` and ``glasses_frame`` ``none | thick | thin |
    rimless``, ``glasses_color`` the frame's color for eyeglasses in a color photo (one of
    :data:`.accessories.FRAME_COLOR_NAMES`, ``None`` otherwise;
    :func:`.accessories.decide_frame_color`; ``glasses_color_confidence`` the model's
    probability); ``facial_hair`` ``none | stubble | mustache | goatee | beard`` and
    ``facial_hair_color`` its rough color (UNKNOWN without facial hair;
    :func:`.accessories.facial_hair_color`); ``headwear`` ``none | hat | headscarf`` and
    ``headwear_color`` its color (UNKNOWN without headwear; with it, the hair's color and
    name come from the hair that shows outside the hat); ``smile``
    ``none | closed | teeth`` (:mod:`.expression`); ``age_gender`` the apparent age and
    presentation (:mod:`.age_gender`); ``clothing`` the main clothing color and ``jacket``
    whether it is a jacket over a shirt or top, ``tie`` whether a necktie shows and
    ``tie_color`` its color (UNKNOWN without one; :mod:`.clothing`), ``shirt_color`` the color
    of what shows under a jacket (UNKNOWN without one). ``geometry`` holds the
    raw ratios of :mod:`facemoji.face.geometry`, ``geometry_z`` the same standardized by
    population norms. ``grayscale``: the photo is black and white
    (:func:`.image.is_grayscale`), so its colors are not the person's: its eye color is
    UNKNOWN, and :func:`facemoji.match.measured.fuse` takes a person's colors from their
    color photos where there are any. ``hair_mask`` is a bool ``(H, W)`` mask over the photo (not
    serialized).
    """

    skin: ColorMeasure
    monk: int
    monk_score: float
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
    glasses_frame: str = "none"
    glasses_color: str | None = None
    glasses_color_confidence: float = 0.0
    smile: str | None = None
    smile_confidence: float = 0.0
    clothing: ColorMeasure = UNKNOWN
    jacket: bool = False
    tie: bool = False
    tie_color: ColorMeasure = UNKNOWN
    shirt_color: ColorMeasure = UNKNOWN
    headwear_color: ColorMeasure = UNKNOWN
    bangs: bool = False
    bangs_confidence: float = 0.5
    fringe: str | None = None
    fringe_side: str | None = None
    hair_top: str | None = None
    hair_part: str | None = None
    hair_type: str | None = None
    hair_type_confidence: float = 0.0
    hair_name_confidence: float = 0.0
    hair_gray: float = 0.0
    hair_up: bool | None = None
    hair_up_confidence: float = 0.0
    facial_hair_color: ColorMeasure = UNKNOWN
    eye_color: str | None = None
    eye_color_confidence: float = 0.0
    grayscale: bool = False
    features: dict[str, Any] = field(default_factory=dict, repr=False)
    """The raw features behind the decisions (not serialized), so that
    ``benchmarks/attributes.py`` can refit the thresholds without measuring again."""
    hair_mask: np.ndarray | None = None
    skin_mask: np.ndarray | None = None
    """Bool ``(H, W)`` mask of the photo pixels the skin color came from (for debugging)."""

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dict (the ``facemoji analyze --json`` contract); masks are left out."""
        return {
            "skin": {**self.skin.to_dict(), "monk": self.monk},
            "hair": {**self.hair.to_dict(), "name": self.hair_name,
                     "name_confidence": _r(self.hair_name_confidence, 2),
                     "gray": _r(self.hair_gray, 2), "bald": self.bald,
                     "receding": self.receding, "bangs": self.bangs,
                     **({"fringe": self.fringe} if self.fringe else {}),
                     **({"fringe_side": self.fringe_side} if self.fringe_side else {}),
                     **({"top": self.hair_top} if self.hair_top else {}),
                     **({"part": self.hair_part} if self.hair_part else {}),
                     **self._hair_cues()},
            "eyes": {**self.eyes.to_dict(),
                     **({"name": self.eye_color,
                         "name_confidence": _r(self.eye_color_confidence, 2)}
                        if self.eye_color else {})},
            "brows": {**self.brows.to_dict(), "thickness": _r(self.brow_thickness)},
            "glasses": self.glasses,
            "glasses_confidence": _r(self.glasses_confidence, 2),
            "glasses_frame": self.glasses_frame,
            "glasses_color": self.glasses_color,
            "glasses_color_confidence": _r(self.glasses_color_confidence, 2),
            "facial_hair": self.facial_hair,
            "facial_hair_confidence": _r(self.facial_hair_confidence, 2),
            "facial_hair_color": self.facial_hair_color.to_dict(),
            "headwear": self.headwear,
            "headwear_confidence": _r(self.headwear_confidence, 2),
            "headwear_color": self.headwear_color.to_dict(),
            **({"age_gender": self.age_gender.to_dict()} if self.age_gender else {}),
            **({"smile": self.smile, "smile_confidence": _r(self.smile_confidence, 2)}
               if self.smile else {}),
            "clothing": {**self.clothing.to_dict(), "jacket": self.jacket, "tie": self.tie,
                         "tie_color": self.tie_color.to_dict(),
                         "shirt_color": self.shirt_color.to_dict()},
            "geometry": {k: _r(v) for k, v in self.geometry.items()},
            "geometry_z": {k: _r(v, 2) for k, v in self.geometry_z.items()},
            "grayscale": self.grayscale,
        }


    @property
    def age(self) -> float | None:
        """Apparent age in years (``None`` when not estimated)."""
        return None if self.age_gender is None else self.age_gender.age

    @property
    def female(self) -> float | None:
        """Probability of a feminine presentation (``None`` when not estimated)."""
        return None if self.age_gender is None else self.age_gender.female

    @property
    def mouth_gap(self) -> float | None:
        """How far apart the inner lips are, over the distance between the irises (``None``
        where the face mesh did not measure it): a toothy grin's lips part a little, a
        laugh's wide."""
        smile = self.features.get("smile")
        return None if smile is None or not np.isfinite(smile.gap) else float(smile.gap)

    @property
    def lips(self) -> ColorMeasure:
        """The lips' color as the photo shows them (UNKNOWN when they were not seen)."""
        smile = self.features.get("smile")
        if smile is None or np.isnan(smile.lips[0]):
            return UNKNOWN
        return lab_measure(np.array([smile.lips]), 1.0)

    def traits(self) -> dict[str, tuple[Any, float]]:
        """The visible traits (``facemoji.match.traits`` names them) with a confidence each:
        what an avatar of this face should show."""
        out: dict[str, tuple[Any, float]] = {
            "glasses": (self.glasses, self.glasses_confidence),
            "glasses_frame": (self.glasses_frame, 0.6 * self.glasses_confidence),
            "facial_hair": (self.facial_hair, self.facial_hair_confidence),
            "headwear": (self.headwear, self.headwear_confidence),
            "receding": (self.receding, 0.6),
        }
        if self.glasses_color is not None:
            out["glasses_color"] = (self.glasses_color, self.glasses_color_confidence)
        if not self.bald and self.headwear == "none":  # a hat hides the forehead's hair
            out["bangs"] = (self.bangs, self.bangs_confidence)
            if self.fringe is not None:
                out["fringe"] = (self.fringe, FRINGE_CONFIDENCE)
            if self.fringe_side is not None:
                out["fringe_side"] = (self.fringe_side, FRINGE_CONFIDENCE)
            if self.hair_top is not None:
                out["hair_top"] = (self.hair_top, TOP_CONFIDENCE)
            if self.hair_part is not None:
                out["hair_part"] = ("center" if self.hair_part == "center" else "side",
                                    PART_CONFIDENCE)
                if self.hair_part != "center":
                    out["part_side"] = (self.hair_part, PART_CONFIDENCE)
        if self.hair_length is not None:
            out["hair_length"] = (self.hair_length.name, self.hair_length.confidence)
        if self.hair_type is not None:  # surer the further the model is from 0.5
            out["hair_type"] = (TYPE_GROUPS[self.hair_type],
                                max(0.0, 2 * self.hair_type_confidence - 1))
        if self.hair_up is not None and self.headwear == "none":
            out["hair_up"] = (UP_DOS if self.hair_up else "none",
                              abs(2 * self.hair_up_confidence - 1))
        if self.smile is not None:
            out["smile"] = (self.smile, self.smile_confidence)
        if self.eye_color is not None:
            out["eye_color"] = (self.eye_color, self.eye_color_confidence)
        smile_f, tone_f = self.features.get("smile"), self.features.get("tone")
        if smile_f is not None and tone_f is not None:
            colored, sure = lipstick(smile_f, skin_a(tone_f))
            if sure > 0:
                out["lipstick"] = (colored, sure)
        if self.clothing.confidence > 0:
            out["jacket"] = (self.jacket, 0.7 * self.clothing.confidence)
            out["tie"] = (self.tie, 0.7 * self.clothing.confidence)
        if self.age_gender is not None:
            out["age_band"] = (self.age_gender.age_band, self.age_gender.band_confidence)
            out["gender"] = (self.age_gender.gender, abs(2 * self.age_gender.female - 1))
        return out

    def _hair_cues(self) -> dict[str, object]:
        """The hair's type, up-do and length for :meth:`to_dict` (each where measured)."""
        cues: dict[str, object] = {}
        if self.hair_type is not None:
            cues.update(type=self.hair_type, type_confidence=_r(self.hair_type_confidence, 2))
        if self.hair_up is not None:
            cues.update(up=self.hair_up, up_confidence=_r(self.hair_up_confidence, 2))
        if self.hair_length is None:
            return cues
        end = self.hair_length.end
        return {**cues, "length": self.hair_length.name,
                "length_confidence": _r(self.hair_length.confidence, 2),
                "length_end_iod": None if end is None else _r(end, 2)}


def measure(image: np.ndarray, detection: Detection,
            embedding: np.ndarray | None = None) -> Attributes:
    """Measure the attributes of the face ``detection`` found in ``image``.

    ``image`` is RGB uint8 ``(H, W, 3)``; ``detection`` needs ``landmarks`` ``(68, 2)``
    ``(x, y)`` in the image's pixels; ``embedding`` is the face's dlib descriptor where it
    is already known (the skin tone reads it; computed here otherwise). Raises
    :class:`~facemoji.errors.BadImage` when the image or the landmarks are unusable.
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
    if embedding is None:
        from .detect import align
        from .embed import get_embedder

        embedding = get_embedder("dlib").embed_chips(align(image, landmarks)[None])[0]
    tone_f = tone_features(image, landmarks, embedding)
    grayscale = is_grayscale(image)
    monk = estimate_monk(tone_f, grayscale=grayscale)
    crop = portrait_matrix(landmarks)
    crop_image, crop_inside = portrait(image, crop)
    person = to_frame(segment(crop_image), crop, chip.matrix, (CHIP_W, CHIP_H))
    crop_parts = part_probabilities(crop_image)
    crop_hair, crop_skin, crop_worn = hair_skin_worn(crop_parts)
    in_crop = landmarks @ crop[:, :2].T + crop[:, 2]
    hair_p, skin_p, worn_p = (to_frame(p, crop, chip.matrix, (CHIP_W, CHIP_H))
                              for p in (crop_hair, crop_skin, crop_worn))
    segmented = segmented_profile(crop_hair, crop_inside, in_crop)
    eyewear_f = eyewear_features(crop_parts, in_crop)
    chest_f = chest_features(crop_parts, crop_inside, in_crop)
    outline_f = hair_outline_features(crop_hair)
    age_gender = with_band(estimate(image, landmarks), embedding)
    feminine = age_gender.female >= 0.5
    hair = measure_hair(chip, skin, person, feminine=feminine,
                        age=age_gender.age, grayscale=grayscale, hair_p=hair_p,
                        skin_p=skin_p)
    bangs_f = bangs_vector(chip, hair.color, skin, hair.skin_like, person,
                           float(hair.features[FOREHEAD]), age_gender.female, hair_p,
                           skin_p)
    bangs, bangs_conf = decide_bangs(bangs_f, hair.bangs)
    fringe_f = fringe_shape(chip, hair_p)
    top_f = top_thickness(chip, hair_p)
    part_f = part_shape(chip, hair_p)
    mesh = face_mesh(image, landmarks)
    in_chip = mesh.points[:, :2] @ chip.matrix[:, :2].T + chip.matrix[:, 2]
    glasses_f = accessories.glasses_features(chip, skin)
    eye_contours = (in_chip[list(RIGHT_EYE)], in_chip[list(LEFT_EYE)])
    frames_f = accessories.frame_features(chip, eye_contours, in_chip[[133, 362, 33, 263]], skin)
    glare_f = accessories.lens_glare(chip, eye_contours)
    glasses, glasses_conf, frame = accessories.decide_glasses(glasses_f, frames_f, eyewear_f,
                                                               glare_f, embedding)
    frame_color_f = accessories.frame_color_vector(chip, worn_p, skin, frame)
    glasses_color, glasses_color_conf = (
        accessories.decide_frame_color(frame_color_f)
        if glasses == "eyeglasses" and not grayscale else (None, 0.0))
    eyes_seen = glasses != "sunglasses" and not grayscale
    iris_px = (iris_pixels(chip.lab, chip.valid,
                           (in_chip[list(RIGHT_IRIS)], in_chip[list(LEFT_IRIS)]), eye_contours)
               if eyes_seen else np.empty((0, 3)))
    iris_f = iris_features(iris_px, skin.lab)
    eye_name, eye_name_conf = decide_eye_color(iris_f, monk)
    eyes = iris_color(iris_px)
    brows, thickness = measure_brows(chip, skin)
    facial_hair_f = accessories.facial_hair_features(chip, skin)
    facial_hair, facial_hair_conf = accessories.decide_facial_hair(facial_hair_f, monk,
                                                                   age_gender.female, grayscale)
    beard_color = UNKNOWN if facial_hair == "none" else accessories.facial_hair_color(chip, skin)
    headwear_f = headwear_features(chip, skin, brows, hair.skin_like, person, hair_p, worn_p)
    headwear, headwear_conf = decide_headwear(headwear_f, hair.features)
    headwear_color, hair_color, hair_f = UNKNOWN, hair.color, hair.color_features
    bald = hair.bald and headwear == "none"  # a hat hides the crown the bald rule reads
    top_hair = hair.mask
    if headwear != "none":  # what was taken for hair is mostly the hat
        covered, headwear_color = hat(chip, headwear, skin, hair.skin_like, person, gains,
                                      headwear_conf)
        hair_color, hair_f = hair_beside(chip, hair, covered, skin)
        top_hair = hair.mask & ~covered
    color_f = color_vector(hair_f, brows, age_gender.age, age_gender.female)
    # a bald head's fringe is named by its color; a bare one is named bald
    hair_name, hair_name_conf = (("bald", 1.0) if bald and not hair.fringe
                                 else decide_hair_name(hair_color, color_f, grayscale))
    hair_gray = 0.0 if hair_name == "bald" else gray_share(hair_color, color_f, grayscale)
    type_f = None if bald else type_features(
        chip, top_hair, side_hair(chip, person, hair_color, skin),
        geometry.inter_ocular(landmarks))
    hair_type, hair_type_conf = decide_hair_type(type_f, monk, age_gender.female, outline_f,
                                                 grayscale)
    ratios = geometry.ratios(landmarks, thickness, mesh.points)
    view = portrait_view(image, landmarks)
    length = measure_length(view, hair_color, skin, segmented, bald=bald,
                            receding=hair.receding,
                            female=age_gender.female, age=age_gender.age)
    hair_name = close_cropped_name(hair_name, monk, length.name)
    hair_type, hair_type_conf = close_cropped_type(hair_type, hair_type_conf, monk,
                                                   age_gender.female, length.name)
    if hair_type == "straight" and length.long:
        wavy, wave_conf = decide_wave(type_f, monk, age_gender.female)
        if wavy:  # as sure as not curly and, if not, wavy: curls the type model missed
            # read as waves, and sure waves outvoted the photo that saw Carlos Vives's curls
            hair_type, hair_type_conf = "wavy", hair_type_conf * wave_conf
    hair_up, hair_up_conf = decide_hair_up(type_f, length_vector(
        length.profile, length.silhouette, segmented, age_gender.female, age_gender.age))
    over_shoulders = length.end is not None and length.end > 2.5
    clothing = measure_clothing(view, skin, chest_f, hair_color if over_shoulders else None,
                                grayscale)
    smile_f = smile_features(image, mesh)
    smile, smile_conf = decide_smile(smile_f)
    # as for facial hair: no tie on a face that presents as a woman's (the tie model drew
    # ties on 10 of the 30 labelled women in jackets, none of whom wore one)
    tie = clothing.tie and age_gender.female < accessories.BEARDLESS_FEMALE
    shows_bangs = bangs and not bald and headwear == "none"
    fringe = decide_fringe(fringe_f) if shows_bangs else None
    parted = length.long and not (bald or shows_bangs) and headwear == "none"
    return Attributes(
        skin=tone, monk=round(monk), monk_score=monk,
        hair=hair_color, hair_name=hair_name, hair_name_confidence=hair_name_conf,
        hair_gray=hair_gray,
        bald=bald, receding=hair.receding,
        bangs=shows_bangs, bangs_confidence=bangs_conf,
        fringe=fringe, fringe_side=fringe_side(fringe_f) if fringe == "swept" else None,
        # the labels that chose its thresholds are men's; on women it moved pixies to layers
        hair_top=None if bald or headwear != "none" or feminine else decide_top(top_f),
        hair_part=decide_part(part_f) if parted else None,
        hair_type=hair_type, hair_type_confidence=hair_type_conf,
        hair_up=hair_up, hair_up_confidence=hair_up_conf,
        eyes=eyes, eye_color=eye_name, eye_color_confidence=eye_name_conf,
        brows=brows, brow_thickness=thickness,
        glasses=glasses, glasses_confidence=glasses_conf, glasses_frame=frame,
        glasses_color=glasses_color, glasses_color_confidence=glasses_color_conf,
        facial_hair=facial_hair, facial_hair_confidence=facial_hair_conf,
        facial_hair_color=beard_color, grayscale=grayscale,
        headwear=headwear, headwear_confidence=headwear_conf, headwear_color=headwear_color,
        geometry=ratios, geometry_z=geometry.standardize(ratios, mesh=True),
        hair_length=length, age_gender=age_gender,
        smile=smile, smile_confidence=smile_conf,
        clothing=clothing.color, jacket=clothing.jacket, tie=tie,
        tie_color=clothing.tie_color if tie else UNKNOWN, shirt_color=clothing.shirt,
        features={"tone": tone_f, "embedding": embedding, "glasses": glasses_f, "frames": frames_f,
                  "glare": glare_f, "eyewear": eyewear_f, "frame_color": frame_color_f,
                  "chest": chest_f,
                  "hair_outline": outline_f,
                  "facial_hair": facial_hair_f, "smile": smile_f, "hair": hair.features,
                  "bangs": bangs_f, "fringe": fringe_f, "hair_top": top_f,
                  "hair_part": part_f, "iris": iris_f,
                  "hair_color": color_f,
                  "scalp": hair.scalp, "headwear": headwear_f,
                  "length": length.profile, "silhouette": length.silhouette,
                  "segmented": segmented,
                  "clothing": clothing.features, "tie": clothing.tie_features,
                  "hair_type": type_f},
        hair_mask=mask_to_image(chip, hair.mask, image.shape),
        skin_mask=mask_to_image(chip, skin_px, image.shape),
    )
