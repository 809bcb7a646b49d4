"""Small learned classifiers over explainable features.

Several measures (hair color name, hair length, glasses, facial hair) compute a handful
of features that each mean something (the hair's lightness percentiles, the share of hair
beside the neck, edges around the eyes, …) and let a multinomial logistic regression,
fitted on the labelled photos of the three sets, draw the lines between the classes: hand-set
thresholds fitted on one small set did not generalize. ``scripts/fit_measures.py`` fits
them (class-balanced, L2-regularized, the strength chosen held out by person) and writes
``facemoji/data/measures.npz``; docs/benchmarks.md has their held-out accuracy.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression: ``classes``, the features' ``mean`` and ``scale``
    (standardization) and ``weights`` ``(F, C)`` and ``bias`` ``(C,)``."""

    classes: tuple[str, ...]
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    weights: NDArray[np.float64]
    bias: NDArray[np.float64]

    def probabilities(self, features: NDArray[np.floating]) -> NDArray[np.float64]:
        """Class probabilities ``(C,)`` for one feature vector (or ``(N, C)`` for ``(N, F)``)."""
        z = (np.nan_to_num(np.asarray(features, np.float64)) - self.mean) / self.scale
        logits = z @ self.weights + self.bias
        logits = logits - logits.max(axis=-1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(axis=-1, keepdims=True)

    def predict(self, features: NDArray[np.floating]) -> tuple[str, float]:
        """The likeliest class of one feature vector and its probability."""
        p = self.probabilities(features)
        best = int(np.argmax(p))
        return self.classes[best], float(p[best])

    def predict_family(self, features: NDArray[np.floating], family: tuple[str, ...]
                       ) -> tuple[str, float]:
        """:func:`family_choice` over one feature vector's class probabilities."""
        return family_choice(self.classes, self.probabilities(features), family)

    def to_arrays(self, name: str) -> dict[str, NDArray]:
        """The model as named arrays, for :func:`numpy.savez` (see :func:`model`)."""
        return {f"{name}.classes": np.array(self.classes), f"{name}.mean": self.mean,
                f"{name}.scale": self.scale, f"{name}.weights": self.weights,
                f"{name}.bias": self.bias}


def family_choice(classes: tuple[str, ...], p: NDArray[np.float64], family: tuple[str, ...]
                  ) -> tuple[str, float]:
    """The class and its probability from class probabilities ``p`` where the classes in
    ``family`` compete as one against each other class: where their summed probability
    beats every other class's, the likeliest of them, sure as the sum. Two names of one
    thing (red and auburn hair; chin, shoulder and long hair) otherwise split its
    probability and lose to a third class that is likelier than either but not than both
    (docs/benchmarks.md)."""
    inside = np.isin(classes, family)
    if inside.any() and p[inside].sum() > np.max(p[~inside], initial=0.0):
        best = int(np.argmax(np.where(inside, p, -1.0)))
        return classes[best], float(p[inside].sum())
    best = int(np.argmax(p))
    return classes[best], float(p[best])


@functools.cache
def _models() -> dict[str, NDArray]:
    path = files("facemoji") / "data" / "measures.npz"
    if not path.is_file():
        return {}
    with path.open("rb") as fh, np.load(fh) as data:
        return {k: data[k] for k in data.files}


def model(name: str, grayscale: bool = False) -> LinearModel | None:
    """The shipped model ``name`` (``None`` when it has not been fitted); for a
    ``grayscale`` (black-and-white) photo its variant fitted on the black-and-white copies
    of the labelled photos, ``NAME_bw``, where there is one."""
    arrays = _models()
    if grayscale and f"{name}_bw.classes" in arrays:
        name = f"{name}_bw"
    if f"{name}.classes" not in arrays:
        return None
    return LinearModel(tuple(str(c) for c in arrays[f"{name}.classes"]),
                       arrays[f"{name}.mean"], arrays[f"{name}.scale"],
                       arrays[f"{name}.weights"], arrays[f"{name}.bias"])
