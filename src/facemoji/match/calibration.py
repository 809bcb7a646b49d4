"""Geometry scalars calibrated on the avatar's own landmarks.

A person's face proportions are measured as ratios of their 68 landmarks and standardized
by human norms (``facemoji.face.geometry``: z-scores). An avatar's scalar (``face_width``
in −1..1, …) moves its drawing, and the style's :meth:`landmarks` report where the drawing
put the same 68 points. So the scalar for a person is the one whose avatar shows the same
ratio **z-score among avatars** as the person's among people: this module measures, per
style, how each ratio responds to its scalar (the others at 0) and how it spreads over
random avatars, and inverts that — instead of a hand-set ``scalar = z / 2``.
"""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from typing import Any

import numpy as np

from ..avatar.schema import Scalar
from ..avatar.style import get_style
from ..face.geometry import ratios

GRID = np.linspace(-1.0, 1.0, 21)
"""The scalar values at which each ratio's response is measured."""
SAMPLES = 200
"""Random avatars (seeds 0..199) over which each ratio's spread is measured."""
EXAGGERATION = 1.5
"""How much further from average an avatar's proportions go than the person's: cartoons
caricature, and a blind reviewer found faces at their true proportions "the same template
every time"."""
AT_REST = ("mouth",)
"""Features held at their defaults in the random avatars whose spread the norms measure: an
expression's own widening (a grin is drawn 28% wider) is drawn on top of the measured
proportions, so the spread a proportion's scalar must reproduce is the one at rest."""
PIXEL_MEASURED = frozenset({"brow_thickness", "forehead"})
"""Ratios measured from pixels, not landmarks: calibrated as ``z / 2``."""


def _ratios(style_name: str, params: object) -> dict[str, float]:
    style = get_style(style_name)
    return ratios(style.landmarks(params, 512), 0.0)  # type: ignore[arg-type]


def table(style_name: str) -> dict[str, Any]:
    """What calibration measures on a style's own landmarks: the ``(mean, sd)`` of every
    ratio over :data:`SAMPLES` random avatars with :data:`AT_REST` at rest (``norms``),
    and every ratio of a default avatar at each :data:`GRID` value of each scalar
    (``responses``, by scalar, a list of ratio dicts). About a second of rendering
    landmarks; ``scripts/calibration_tables.py`` ships it for the built-in styles so that a
    new process need not measure it."""
    schema = get_style(style_name).schema
    base = schema.defaults()
    rest = {name: base[name] for name in AT_REST if name in schema}
    values = [_ratios(style_name, schema.random(seed=i).update(rest)) for i in range(SAMPLES)]
    norms = {k: [float(np.mean([v[k] for v in values])), float(np.std([v[k] for v in values]))]
             for k in values[0]}
    # a scalar of a narrower range (``hair_gray``, 0 to 1) at the grid's values clipped to it
    responses = {f.name: [_ratios(style_name, base.set(f.name, f.clip(float(s)))) for s in GRID]
                 for f in schema.features if isinstance(f, Scalar)}
    return {"style": style_name, "norms": norms, "responses": responses}


@functools.cache
def _table(style_name: str) -> dict[str, Any]:
    """The shipped table of a built-in style (``facemoji/data/calibration_<style>.json``),
    or the table measured now for any other."""
    shipped = files("facemoji") / "data" / f"calibration_{style_name}.json"
    if shipped.is_file():
        return json.loads(shipped.read_text())
    return table(style_name)


@functools.cache
def avatar_norms(style_name: str) -> dict[str, tuple[float, float]]:
    """``(mean, sd)`` of every landmark ratio over :data:`SAMPLES` random avatars."""
    return {k: (mean, sd) for k, (mean, sd) in _table(style_name)["norms"].items()}


def response(style_name: str, feature: str, key: str) -> tuple[np.ndarray, np.ndarray]:
    """Ratio ``key`` of a default avatar at each :data:`GRID` value of scalar ``feature``."""
    return GRID, np.array([r[key] for r in _table(style_name)["responses"][feature]])


def scalar_for(style_name: str, feature: str, key: str, z: float) -> float:
    """The value of scalar ``feature`` whose avatar shows ratio ``key`` at z-score ``z``
    times :data:`EXAGGERATION` among avatars (clipped to −1..1); that z-score over 2 for
    ratios that do not move with it."""
    z = z * EXAGGERATION
    if key in PIXEL_MEASURED:
        return float(np.clip(z / 2.0, -1.0, 1.0))
    grid, values = response(style_name, feature, key)
    mean, sd = avatar_norms(style_name)[key]
    if np.ptp(values) < 1e-6 or sd < 1e-9:
        return float(np.clip(z / 2.0, -1.0, 1.0))
    target = mean + z * sd
    order = np.argsort(values)
    return float(np.clip(np.interp(target, values[order], grid[order]), -1.0, 1.0))
