"""Skin color from cheeks and forehead, white balance, and the Monk skin-tone scale.

The Monk tone (:func:`estimate_monk`) is a learned estimate: press photos are so often over-
or under-exposed that the skin's measured lightness alone misjudged darker skin by two
steps. A ridge regression reads the skin patches' color statistics (lightness, a*, b* and
chromaticity quantiles, with and without the sclera's color cast; :func:`tone_features`)
together with dlib's 128-number face descriptor, which encodes how a face looks under
many lights. It was fitted by ``scripts/fit_skin_tone.py`` on the labelled photos of both
sets, weighting Monk 1–4 and 5–10 equally, and is shipped as
``facemoji/data/skin_tone.npz``; its error held out by person is in docs/benchmarks.md.
"""

from __future__ import annotations

import functools
import math
from importlib.resources import files

import numpy as np
from numpy.typing import NDArray

from .chip import IOD, Chip, make_chip
from .color import ColorMeasure, lab_measure, polygon_mask, to_lab

MONK_HEX: tuple[str, ...] = (
    "#f6ede4", "#f3e7db", "#f7ead0", "#eadaba", "#d7bd96",
    "#a07e56", "#825c43", "#604134", "#3a312a", "#292420",
)
"""The ten Monk Skin Tone swatches, MST 1 (lightest) to 10."""

SCLERA_STRENGTH = 0.5
"""How much of the sclera's color cast :func:`white_balance_gains` removes from the chip that
hair, eyes and the other measures see. Measured on the labelled photos with
``benchmarks/attributes.py --sclera-strength``: 1 (all) costs the hair names (a sclera is
never quite white); 0.5 is the compromise (docs/benchmarks.md)."""
SCLERA_TINT = np.array([0.886, 1.036, 1.111])
""":func:`sclera_cast` of a typical sclera in good light (the median over the labelled
photos): a sclera is a little yellow, not white. The skin tone removes only the cast
beyond it (:func:`tone_gains`)."""
TONE_SCLERA_STRENGTH = 0.5
"""How much of that remaining cast the skin tone removes: all of it keeps tinted copies of a
photo at the same tone but costs accuracy on the labelled photos (`--fit`)."""
TONE_PERCENTILES = (50.0, 90.0)
"""The L* percentiles of the skin pixels kept for the tone: the lit half, highlights dropped."""


def sclera_cast(image: NDArray[np.uint8], landmarks: NDArray[np.floating]
                ) -> NDArray[np.float64]:
    """Per-channel gains that make the sclera gray: the light's color cast, inverted.

    The sclera (the brightest 15% of the eye pixels) is near white under any light; ones
    when the eyes are too small to tell.
    """
    eyes = polygon_mask(image.shape, landmarks[36:42]) | polygon_mask(image.shape, landmarks[42:48])
    px = image[eyes].astype(np.float64)
    if len(px) < 10:
        return np.ones(3)
    bright = px[px.sum(axis=1) >= np.percentile(px.sum(axis=1), 85)].mean(axis=0)
    return bright.mean() / np.maximum(bright, 1.0)


def white_balance_gains(image: NDArray[np.uint8], cast: NDArray[np.float64],
                        strength: float | None = None) -> NDArray[np.float64]:
    """Per-channel gains that neutralize the light: ``strength`` (default
    :data:`SCLERA_STRENGTH`) of the sclera ``cast`` (:func:`sclera_cast`), and a level from
    a white patch (the 99th percentile of brightness), so that a dim copy of a photo
    measures like the original. Gray world over the background and clothing was tried first
    and did worse on the labelled photos: backgrounds are too often colored.
    """
    gains = cast ** (SCLERA_STRENGTH if strength is None else strength)
    step = math.ceil(math.sqrt(image.shape[0] * image.shape[1] / 32768))  # ~32k pixels
    brightest = (image[::step, ::step].reshape(-1, 3) * gains).max(axis=1)
    level = np.percentile(brightest, 99) / 255.0
    return gains / max(level, 0.2)


def tone_gains(image: NDArray[np.uint8], cast: NDArray[np.float64]) -> NDArray[np.float64]:
    """White-balance gains for the skin tone: :data:`TONE_SCLERA_STRENGTH` of the sclera
    ``cast`` beyond :data:`SCLERA_TINT`, and the white patch's level."""
    return white_balance_gains(image, cast / SCLERA_TINT, TONE_SCLERA_STRENGTH)


def skin_patches(chip: Chip) -> NDArray[np.bool_]:
    """Chip mask of both cheeks (below the eyes, beside the nose) and the mid forehead."""
    p = chip.landmarks
    u = IOD
    masks = []
    for eye, jaw, wing, sign in ((slice(36, 42), 2, 31, -1), (slice(42, 48), 14, 35, 1)):
        eye_bottom = p[eye][:, 1].max() + 0.18 * u
        cx_in = p[wing, 0] + sign * 0.12 * u
        cx_out = p[jaw, 0] - sign * 0.2 * u
        bottom = p[wing, 1] + 0.05 * u
        masks.append(polygon_mask(chip.valid.shape, np.array(
            [[cx_in, eye_bottom], [cx_out, eye_bottom], [cx_out, bottom], [cx_in, bottom]])))
    brow_top = chip.brow_top
    x0, x1 = p[20, 0], p[23, 0]
    masks.append(polygon_mask(chip.valid.shape, np.array(
        [[x0, brow_top - 0.4 * u], [x1, brow_top - 0.4 * u], [x1, brow_top - 0.08 * u],
         [x0, brow_top - 0.08 * u]])))
    return np.logical_or.reduce(masks) & chip.valid


def _robust(lab: NDArray[np.float64], lo: float, hi: float
            ) -> tuple[NDArray[np.bool_], NDArray[np.float64]]:
    """Which skin pixels to keep: L* within the ``lo``–``hi`` percentiles (no shadows or
    highlights), then none far in color from their median (beard, glasses, hair). Also
    returns each pixel's distance from that median."""
    a, b = np.percentile(lab[:, 0], [lo, hi])
    keep = (lab[:, 0] >= a) & (lab[:, 0] <= b)
    med = np.median(lab[keep], axis=0)
    dist = np.linalg.norm((lab - med) * (0.5, 1, 1), axis=1)
    return keep & (dist < max(3.0 * float(np.median(dist[keep])), 4.0)), dist


def measure_skin(chip: Chip) -> tuple[ColorMeasure, NDArray[np.bool_]]:
    """Robust skin color in the chip's colors and the chip mask of the pixels it used.

    Drops shadows and highlights (L* outside the 20th–90th percentile) and then pixels
    far in color from the median (beard, glasses, hair over the forehead). This is the
    reference the hair, glasses and beard measures compare with; the reported skin color
    and Monk tone come from :func:`tone_color`.
    """
    region = skin_patches(chip)
    lab = chip.lab[region]
    if len(lab) < 30:
        return lab_measure(lab, 0.0), region
    keep, dist = _robust(lab, 20, 90)
    used = np.zeros_like(region)
    used[region] = keep
    spread = float(np.median(dist[keep])) if keep.any() else 99.0
    confidence = keep.mean() * 1.6 * min(1.0, 6.0 / max(spread, 1e-6))
    return lab_measure(lab[keep], confidence), used


def tone_color(chip: Chip, regain: NDArray[np.floating], confidence: float,
               percentiles: tuple[float, float] = TONE_PERCENTILES
               ) -> tuple[ColorMeasure, NDArray[np.bool_]]:
    """The skin color behind the Monk tone and the chip mask of the pixels it used: the
    skin patches' pixels between the L* ``percentiles`` (by default the lit half), with the
    chip's white balance swapped for the tone's.

    ``regain`` is the per-channel ratio of the tone's gains (:func:`tone_gains`) to the
    chip's; ``confidence`` is passed through (from :func:`measure_skin`).
    """
    region = skin_patches(chip)
    if region.sum() < 30:
        return lab_measure(chip.lab[region], 0.0), region
    lab = to_lab(np.clip(chip.rgb[region][None] * np.asarray(regain), 0.0, 1.0))[0]
    keep, _ = _robust(lab, *percentiles)
    used = np.zeros_like(region)
    used[region] = keep
    return lab_measure(lab[keep], confidence), used


QUANTILES = (10.0, 25.0, 50.0, 75.0, 90.0)
"""The percentiles of each color statistic in :func:`tone_features`."""


def _linear(rgb: NDArray[np.floating]) -> NDArray[np.float64]:
    rgb = np.asarray(rgb, np.float64)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def tone_features(image: NDArray[np.uint8], landmarks: NDArray[np.floating],
                  embedding: NDArray[np.floating]) -> NDArray[np.float64]:
    """The Monk model's input: the :data:`QUANTILES` of the skin patches' L*, a*, b*, of
    their linear-RGB chromaticity (r and b shares), and of that chromaticity with the
    sclera's cast removed (35 numbers, photo as taken, no white balance), then dlib's
    ``embedding`` (128)."""
    lm = np.asarray(landmarks, np.float64)
    chip = make_chip(image, lm, np.ones(3))
    region = skin_patches(chip)
    if region.sum() < 30:
        region = chip.valid
    lab = chip.lab[region]
    linear = _linear(chip.rgb[region])
    shares = linear / np.maximum(linear.sum(axis=1, keepdims=True), 1e-6)
    balanced = linear * sclera_cast(image, lm)
    balanced /= np.maximum(balanced.sum(axis=1, keepdims=True), 1e-6)
    columns = (lab[:, 0], lab[:, 1], lab[:, 2], shares[:, 0], shares[:, 2], balanced[:, 0],
               balanced[:, 2])
    stats = [np.percentile(c, QUANTILES) for c in columns]
    return np.concatenate([*stats, np.asarray(embedding, np.float64).ravel()])


@functools.cache
def _model(grayscale: bool = False) -> dict[str, NDArray[np.float64]]:
    name = "skin_tone_bw.npz" if grayscale else "skin_tone.npz"
    with (files("facemoji") / "data" / name).open("rb") as fh:
        data = np.load(fh)
        return {k: data[k] for k in ("mean", "scale", "weights", "bias")}


def estimate_monk(features: NDArray[np.floating],
                  model: dict[str, NDArray[np.float64]] | None = None,
                  grayscale: bool = False) -> float:
    """The Monk tone (1.0–10.0, fractional) that the shipped model (or ``model``: ``mean``,
    ``scale``, ``weights`` and ``bias``) reads from :func:`tone_features`. A ``grayscale``
    (black-and-white) photo's is read by the model fitted on the labelled photos'
    black-and-white copies (``skin_tone_bw.npz``): read by the color model, whose skin
    statistics lose their hue there, Monk 5–10 skin came out a step lighter."""
    m = model or _model(grayscale)
    z = (np.asarray(features, np.float64) - m["mean"]) / m["scale"]
    return float(np.clip(z @ m["weights"] + float(m["bias"]), 1.0, 10.0))


def skin_a(features: NDArray[np.floating]) -> float:
    """The skin patches' median a* (as the photo was taken) out of :func:`tone_features`."""
    return float(features[len(QUANTILES) + len(QUANTILES) // 2])
