"""Does a nonlinear model name hair colors better than the shipped linear one?

    python benchmarks/hair_color_models.py

The hair-color model (``scripts/fit_measures.py``, ``hair_color``) is a multinomial
logistic regression over the hair's color statistics. This fits, on the same features and
soft targets, scikit-learn's gradient-boosted trees and small neural networks beside it,
and scores each held out by person in 10 folds (people shuffled with seed 0, so every
model sees the same folds), deciding a name as analysis does
(:func:`facemoji.face.hair.learned_name`: red and auburn compete as one color, colorless
hair gets a colorless name). Prints, per labelled set, the photos named right, the red or
auburn heads named red or auburn and the other heads named red.

scikit-learn comes with facemoji's dependencies (nevergrad needs it) but facemoji does not
use it: this script only asks whether it should. Reads the measurements
``benchmarks/attributes.py`` cached; skips a set it cannot find.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

FOLDS = 10
Model = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
"""Fit on features and soft targets, return the class probabilities of other features."""


def _hard(y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Soft targets as weighted rows: which row, which class, what weight."""
    rows, labels = np.nonzero(y > 0)
    return rows, labels, y[rows, labels]


def _spread(p: np.ndarray, seen: np.ndarray, classes: int) -> np.ndarray:
    """Probabilities over the classes a model saw, as ``(N, classes)``."""
    out = np.zeros((len(p), classes))
    out[:, seen] = p
    return out


@dataclass(frozen=True)
class Given:
    """Stands in for a fitted model where analysis decides a name
    (:func:`facemoji.face.hair.learned_name`): its ``probabilities`` are the given ones,
    whatever the features."""

    classes: tuple[str, ...]
    p: np.ndarray

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        return self.p


def linear(strength: float) -> Model:
    """The shipped kind of model (``fit_measures.fit``) at L2 ``strength``."""
    import fit_measures

    def run(x: np.ndarray, y: np.ndarray, xv: np.ndarray) -> np.ndarray:
        names = tuple(str(i) for i in range(y.shape[1]))
        return fit_measures.fit(x, y, np.ones(len(x)), strength, names).probabilities(xv)

    return run


def boosted(rate: float, rounds: int) -> Model:
    """Gradient-boosted trees, depth 3."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    def run(x: np.ndarray, y: np.ndarray, xv: np.ndarray) -> np.ndarray:
        rows, labels, w = _hard(y)
        model = HistGradientBoostingClassifier(learning_rate=rate, max_iter=rounds, max_depth=3,
                                               l2_regularization=1.0, random_state=0)
        model.fit(x[rows], labels, sample_weight=w)
        return _spread(model.predict_proba(xv), model.classes_, y.shape[1])

    return run


def network(hidden: int, alpha: float) -> Model:
    """One hidden layer, L2 ``alpha``, on standardized features."""
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    def run(x: np.ndarray, y: np.ndarray, xv: np.ndarray) -> np.ndarray:
        rows, labels, _ = _hard(y)
        scale = StandardScaler().fit(x)
        model = MLPClassifier((hidden,), alpha=alpha, max_iter=2000, random_state=0)
        model.fit(scale.transform(x[rows]), labels)
        return _spread(model.predict_proba(scale.transform(xv)), model.classes_, y.shape[1])

    return run


MODELS: dict[str, Model] = {
    "linear, strength 0.3 (shipped)": linear(0.3),
    "boosted trees, rate 0.05, 200 rounds": boosted(0.05, 200),
    "boosted trees, rate 0.1, 100 rounds": boosted(0.1, 100),
    "network, 16 hidden, alpha 1": network(16, 1.0),
    "network, 32 hidden, alpha 3": network(32, 3.0),
    "network, 16 hidden, alpha 10": network(16, 10.0),
}


def main() -> int:
    import fit_measures

    from attributes import measure_set
    from facemoji.face.hair import REDS, learned_name

    samples = [s for name in ("faceset", "portraits", "shared")
               for s in measure_set(name, latest=True) or []]
    if not samples:
        print("no labelled photos here; nothing to compare")
        return 0
    task = next(t for t in fit_measures.tasks() if t.name == "hair_color")
    chosen, x, y, _ = fit_measures._data(task, samples)
    people = sorted({(s.set, s.person) for s in chosen})
    fold_of = dict(zip(people, np.random.default_rng(0).permutation(len(people)) % FOLDS,
                       strict=True))
    fold = np.array([fold_of[(s.set, s.person)] for s in chosen])
    for label, model in MODELS.items():
        p = np.zeros((len(chosen), len(task.classes)))
        for k in range(FOLDS):
            mine = fold == k
            p[mine] = model(x[~mine], y[~mine], x[mine])
        names = [learned_name(Given(task.classes, p[i]), x[i], s.attributes.hair.lab)[0]
                 for i, s in enumerate(chosen)]
        line = []
        for set_name in ("faceset", "portraits", "shared"):
            idx = [i for i, s in enumerate(chosen) if s.set == set_name]
            if not idx:
                continue
            right = sum(task.right(chosen[i], names[i]) for i in idx)
            red = [i for i in idx if chosen[i].label("hair_color") in REDS]
            found = sum(names[i] in REDS for i in red)
            false = sum(names[i] in REDS for i in idx if i not in red)
            line.append(f"{set_name} {right}/{len(idx)}, red {found}/{len(red)} "
                        f"(+{false} false)")
        print(f"{label}: " + "; ".join(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
