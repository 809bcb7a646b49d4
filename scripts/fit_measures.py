"""Fit face analysis's learned classifiers (``src/facemoji/data/measures.npz``).

    python scripts/fit_measures.py            # fit on every labelled set, report, write
    python scripts/fit_measures.py --check    # fit and report only
    python scripts/fit_measures.py --only age_band   # refit one model, keep the others
    python scripts/fit_measures.py --only hair_color --unseen shared   # a set never fitted on

Each classifier (:mod:`facemoji.face.learned`) is a multinomial logistic regression over a
measure's explainable features, which ``facemoji.face.attributes.measure`` keeps in
``Attributes.features``; the photos are measured by ``benchmarks/attributes.py`` (run it
first: this script reads the newest measurements it cached). Every photo weighs the same
(weighting the classes equally was tried and lost accuracy on the common classes). The L2
strength is chosen from :data:`STRENGTHS` by leave-one-person-out accuracy, which is what
the script prints, per set; a tie keeps the strength of the model being replaced.
The models for black-and-white photos (the hair color's, ``hair_color_bw``, and the
variants of :data:`GRAYSCALE_VARIANTS`) learn from the photos' black-and-white copies,
which the script measures (and caches) where no measurement of them is cached.

The hair-color name learns from soft targets: a label between two names (``dark_brown``,
``light_brown``) counts half for each, as the benchmark accepts either.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from labelled import SETS  # noqa: E402

OUT = ROOT / "src" / "facemoji" / "data" / "measures.npz"
STRENGTHS = (0.03, 0.3, 3.0, 30.0)


@dataclass
class Task:
    """One classifier: its ``classes``, which photos it learns from and their target
    distribution (``target(sample)`` → {class: weight}, ``None`` to leave the photo out),
    the feature vector (``features(attributes)``), when a prediction counts as right, and
    what analysis decides without the model (``overrule``)."""

    name: str
    classes: tuple[str, ...]
    target: Callable[[object], dict[str, float] | None]
    features: Callable[[object], np.ndarray]
    right: Callable[[object, str], bool]
    overrule: Callable[[object], str | None] = lambda s: None
    """A decision analysis makes before the model (``None``: the model decides)."""
    decide: Callable[[object, object, np.ndarray], str] | None = None
    """How analysis decides from the model, the sample and its features (``None``: the
    likeliest class)."""
    grayscale: bool = False
    """Fitted on the black-and-white copies of the photos (``measure_set(grayscale=True)``)."""


def bangs_features(a: object) -> np.ndarray:
    return a.features["bangs"]  # type: ignore[attr-defined]


def length_features(a: object) -> np.ndarray:
    from facemoji.face.hair_length import length_vector

    f = a.features  # type: ignore[attr-defined]
    person = a.age_gender  # type: ignore[attr-defined]
    return length_vector(f["length"], f["silhouette"], f["segmented"], person.female,
                         person.age)


def glasses_features(a: object) -> np.ndarray:
    from facemoji.face.accessories import glasses_kind_vector

    f = a.features  # type: ignore[attr-defined]
    return glasses_kind_vector(f["glasses"], f["frames"], f["eyewear"], f["glare"],
                               f["embedding"])


def frame_features(a: object) -> np.ndarray:
    from facemoji.face.accessories import glasses_vector

    f = a.features  # type: ignore[attr-defined]
    return glasses_vector(f["glasses"], f["frames"], f["eyewear"])


def frame_color_features(a: object) -> np.ndarray:
    return a.features["frame_color"]  # type: ignore[attr-defined]


def beard_features(a: object) -> np.ndarray:
    from facemoji.face.accessories import beard_vector

    return beard_vector(a.features["facial_hair"], a.monk_score)  # type: ignore[attr-defined]


def headwear_features(a: object) -> np.ndarray:
    from facemoji.face.headwear import headwear_vector

    f = a.features  # type: ignore[attr-defined]
    return headwear_vector(f["headwear"], f["hair"])


def smile_features(a: object) -> np.ndarray:
    from facemoji.face.expression import smile_vector

    return smile_vector(a.features["smile"])  # type: ignore[attr-defined]


def clothing_features(a: object) -> np.ndarray:
    from facemoji.face.clothing import jacket_vector

    f = a.features  # type: ignore[attr-defined]
    return jacket_vector(f["clothing"], f["tie"], f["chest"])


def tie_features(a: object) -> np.ndarray:
    return np.asarray(a.features["tie"], np.float64)  # type: ignore[attr-defined]


def hair_type_features(a: object) -> np.ndarray:
    from facemoji.face.hair_type import type_vector

    return type_vector(a.features["hair_type"], a.monk_score,  # type: ignore[attr-defined]
                       a.age_gender.female)  # type: ignore[attr-defined]


def curl_features(a: object) -> np.ndarray:
    from facemoji.face.hair_type import curl_vector

    return curl_vector(a.features["hair_type"], a.monk_score,  # type: ignore[attr-defined]
                       a.age_gender.female, a.features["hair_outline"],  # type: ignore[attr-defined]
                       a.grayscale)  # type: ignore[attr-defined]


def hair_up_features(a: object) -> np.ndarray:
    from facemoji.face.hair_up import up_vector

    return up_vector(a.features["hair_type"], length_features(a))  # type: ignore[attr-defined]


LENGTH_CLASSES = ("short", "chin", "shoulder", "long")
SMILES = ("none", "closed", "teeth")


def hair_color_features(a: object) -> np.ndarray:
    return a.features["hair_color"]  # type: ignore[attr-defined]


HAIR_NAMES = ("black", "brown", "blonde", "red", "auburn", "gray", "white")
HAIR_TARGETS = {"black": {"black": 1.0}, "dark_brown": {"black": 0.5, "brown": 0.5},
                "brown": {"brown": 1.0}, "light_brown": {"brown": 0.5, "blonde": 0.5},
                "blonde": {"blonde": 1.0}, "red": {"red": 1.0}, "auburn": {"auburn": 1.0},
                "gray": {"gray": 1.0}, "white": {"white": 1.0}}
"""Each labelled hair color's target over the names (:data:`HAIR_NAMES`)."""
GRAYSCALE_TARGETS = {**HAIR_TARGETS, "red": {"brown": 0.5, "blonde": 0.5},
                     "auburn": {"brown": 1.0}}
"""The targets of the black-and-white model (names :data:`GRAYSCALE_NAMES`): a red head
shows brown or blonde in black and white, auburn brown."""


GRAYSCALE_VARIANTS = ("facial_hair", "tie", "jacket", "hair_type")
"""The models that also get a variant fitted on the black-and-white copies (``NAME_bw``,
which analysis reads for a black-and-white photo). Held out by person on the copies, each
variant beat its color model on the faceset and on ``../shared`` without losing the
portraits (ties 96 → 135 of 181 faceset photos: in black and white the color model put
a tie on most jackets); the variants of the other models were no better, or worse on a
set (``benchmarks/grayscale_models.py``). The hair color has its own black-and-white model
(``hair_color_bw``), whose names differ."""


def eye_features(a: object) -> np.ndarray:
    from facemoji.face.iris import eye_vector

    return eye_vector(a.features["iris"], a.monk_score)  # type: ignore[attr-defined]


def age_band_features(a: object) -> np.ndarray:
    from facemoji.face.age_gender import band_vector

    return band_vector(a.age_gender, a.features["embedding"])  # type: ignore[attr-defined]


def tasks() -> list[Task]:
    """Every classifier fitted here."""
    from attributes import ACCEPT, CURLY, GRAYSCALE_ACCEPT, LONG, covers_head, smooth_past_chin
    from facemoji.face.accessories import (
        BEARDLESS_FEMALE,
        FRAME_COLOR_NAMES,
        FRAME_KINDS,
        FRAME_READ,
        white_mustache,
    )
    from facemoji.face.age_gender import AGE_BANDS
    from facemoji.face.hair import GRAYSCALE_NAMES, learned_name
    from facemoji.face.hair_length import LONG_LENGTHS
    from facemoji.face.hair_type import close_cropped_type
    from facemoji.face.iris import EYE_NAMES

    BANDS = tuple(name for _, name in AGE_BANDS)

    def length_target(s: object) -> dict[str, float] | None:
        label = s.label("hair_length")  # type: ignore[attr-defined]
        if not label or s.label("headwear") not in ("", "none"):  # type: ignore[attr-defined]
            return None
        return {label if label in LONG else "short": 1.0}

    def one(column: str, classes: Sequence[str]) -> Callable[[object], dict | None]:
        def target(s: object) -> dict[str, float] | None:
            label = s.label(column)  # type: ignore[attr-defined]
            return {label: 1.0} if label in classes else None
        return target

    def eye_target(s: object) -> dict[str, float] | None:  # a labelled color, irises seen
        if s.attributes.features.get("iris") is None:  # type: ignore[attr-defined]
            return None
        return one("eye_color", EYE_NAMES)(s)

    def frame_target(s: object) -> dict[str, float] | None:
        if s.label("glasses") != "eyeglasses":  # type: ignore[attr-defined]
            return None
        return one("glasses_frame", FRAME_KINDS)(s)

    def frame_color_target(s: object) -> dict[str, float] | None:
        # as analysis reads it: eyeglasses found in a color photo, their frame's pixels read
        a = s.attributes  # type: ignore[attr-defined]
        if (s.label("glasses") != "eyeglasses" or a.glasses != "eyeglasses"  # type: ignore[attr-defined]
                or a.grayscale or not a.features["frame_color"][FRAME_READ]):
            return None
        return one("frame_color", FRAME_COLOR_NAMES)(s)

    def any_beard(s: object) -> dict[str, float] | None:
        label = s.label("facial_hair")  # type: ignore[attr-defined]
        return {"none" if label == "none" else "any": 1.0} if label else None

    def jacket_target(s: object) -> dict[str, float] | None:
        label = s.label("jacket")  # type: ignore[attr-defined]
        return {"jacket" if label == "yes" else "none": 1.0} if label in ("yes", "no") else None

    def womans_face(s: object) -> bool:  # no beard and no tie on it, as analysis decides
        return s.attributes.age_gender.female >= BEARDLESS_FEMALE  # type: ignore[attr-defined]

    def tie_overrule(s: object) -> str | None:  # as facemoji.face.attributes does
        return "none" if womans_face(s) else None

    def tie_target(s: object) -> dict[str, float] | None:
        label = s.label("tie")  # type: ignore[attr-defined]
        return {"tie" if label == "yes" else "none": 1.0} if label in ("yes", "no") else None

    def hair_read(s: object) -> bool:  # False: bald, or under a hat (no texture features)
        return s.attributes.features.get("hair_type") is not None  # type: ignore[attr-defined]

    def texture(s: object) -> dict[str, float] | None:
        label = s.label("hair_type")  # type: ignore[attr-defined]
        if label not in ("straight", "wavy", "curly", "coily") or not hair_read(s):
            return None
        return {"curly" if label in CURLY else "straight": 1.0}

    def coiled(s: object) -> str | None:  # as facemoji.face.hair_type.close_cropped_type
        a = s.attributes  # type: ignore[attr-defined]
        kind, _ = close_cropped_type("straight", 0.0, a.monk_score, a.age_gender.female,
                                     a.hair_length.name)
        return "curly" if kind == "curly" else None

    def waves(s: object) -> dict[str, float] | None:  # straight or wavy, past the chin
        if not smooth_past_chin(s) or not hair_read(s):
            return None
        return {s.label("hair_type"): 1.0}  # type: ignore[attr-defined]

    def worn_up(s: object) -> dict[str, float] | None:
        label = s.label("hair_up")  # type: ignore[attr-defined]
        if label not in ("none", "bun", "ponytail", "braids") or not hair_read(s):
            return None
        return {"none" if label == "none" else "up": 1.0}

    def beardless(s: object) -> str | None:  # as accessories.decide_facial_hair does
        if womans_face(s):
            return "none"
        return "any" if white_mustache(s.attributes.features["facial_hair"]) else None  # type: ignore[attr-defined]

    def named_by_rule(s: object) -> str | None:  # as facemoji.face.hair.decide_hair_name
        name = s.attributes.hair_name  # type: ignore[attr-defined]
        return name if name in ("bald", "other") else None

    def hair_color_target(s: object) -> dict[str, float] | None:
        if named_by_rule(s):
            return None
        return HAIR_TARGETS.get(s.label("hair_color"))  # type: ignore[attr-defined]

    def grayscale_target(s: object) -> dict[str, float] | None:
        if named_by_rule(s):
            return None
        return GRAYSCALE_TARGETS.get(s.label("hair_color"))  # type: ignore[attr-defined]

    def fringe(s: object) -> dict[str, float] | None:  # bangs labelled, no hat over them
        label = s.label("bangs")  # type: ignore[attr-defined]
        if label not in ("yes", "no") or covers_head(s):
            return None
        return {"bangs" if label == "yes" else "none": 1.0}

    def covered(s: object) -> dict[str, float] | None:
        if not s.label("headwear"):  # type: ignore[attr-defined]
            return None
        return {"covered" if covers_head(s) else "none": 1.0}

    color = [
        Task("hair_color", HAIR_NAMES, hair_color_target, hair_color_features,
             lambda s, v: v in ACCEPT.get(s.label("hair_color"), ()), named_by_rule,
             lambda model, s, x: learned_name(model, x, s.attributes.hair.lab)[0]),  # type: ignore[attr-defined]
        Task("hair_color_bw", GRAYSCALE_NAMES, grayscale_target, hair_color_features,
             lambda s, v: v in GRAYSCALE_ACCEPT.get(s.label("hair_color"), ()), named_by_rule,
             grayscale=True),
        Task("hair_length", LENGTH_CLASSES, length_target, length_features,
             lambda s, v: (v in LONG) == (s.label("hair_length") in LONG),
             decide=lambda m, s, x: m.predict_family(x, LONG_LENGTHS)[0]),
        Task("glasses", ("none", "eyeglasses", "sunglasses"),
             one("glasses", ("none", "eyeglasses", "sunglasses")), glasses_features,
             lambda s, v: v == s.label("glasses")),
        Task("glasses_frame", FRAME_KINDS, frame_target, frame_features,
             lambda s, v: v == s.label("glasses_frame")),
        Task("glasses_color", FRAME_COLOR_NAMES, frame_color_target, frame_color_features,
             lambda s, v: v == s.label("frame_color")),
        Task("facial_hair", ("none", "any"), any_beard, beard_features,
             lambda s, v: (v != "none") == (s.label("facial_hair") != "none")
             or s.label("facial_hair") == "stubble", beardless),
        Task("headwear", ("none", "covered"), covered, headwear_features,
             lambda s, v: (v != "none") == covers_head(s)),
        Task("smile", SMILES, one("smile", SMILES), smile_features,
             lambda s, v: v == s.label("smile")),
        Task("jacket", ("none", "jacket"), jacket_target, clothing_features,
             lambda s, v: (v == "jacket") == (s.label("jacket") == "yes")),
        Task("tie", ("none", "tie"), tie_target, tie_features,
             lambda s, v: (v == "tie") == (s.label("tie") == "yes"), tie_overrule),
        Task("hair_type", ("straight", "curly"), texture, curl_features,
             lambda s, v: (v == "curly") == (s.label("hair_type") in CURLY), coiled),
        Task("hair_wave", ("straight", "wavy"), waves, hair_type_features,
             lambda s, v: v == s.label("hair_type")),
        Task("hair_up", ("none", "up"), worn_up, hair_up_features,
             lambda s, v: (v == "up") == (s.label("hair_up") not in ("", "none"))),
        Task("bangs", ("none", "bangs"), fringe, bangs_features,
             lambda s, v: (v == "bangs") == (s.label("bangs") == "yes")),
        Task("age_band", BANDS, one("age_band", BANDS), age_band_features,
             lambda s, v: v == s.label("age_band")),
        Task("eye_color", EYE_NAMES, eye_target, eye_features,
             lambda s, v: v == s.label("eye_color")),
    ]
    return color + [dataclasses.replace(t, name=f"{t.name}_bw", grayscale=True)
                    for t in color if t.name in GRAYSCALE_VARIANTS]


def fit(x: np.ndarray, y: np.ndarray, weights: np.ndarray, strength: float,
        classes: tuple[str, ...]) -> object:
    """A weighted, L2-regularized multinomial logistic regression on standardized
    ``x`` ``(N, F)`` against soft targets ``y`` ``(N, C)`` with photo ``weights``."""
    from facemoji.face.learned import LinearModel

    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    n, f = z.shape
    c = y.shape[1]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[: f * c].reshape(f, c), theta[f * c:]
        logits = z @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        p = np.exp(logp)
        value = -(weights[:, None] * y * logp).sum() / weights.sum()
        value += 0.5 / strength * (w * w).sum() / n
        g = weights[:, None] * (p * y.sum(axis=1, keepdims=True) - y) / weights.sum()
        grad_w = z.T @ g + w / strength / n
        return float(value), np.concatenate([grad_w.ravel(), g.sum(axis=0)])

    found = minimize(loss, np.zeros(f * c + c), jac=True, method="L-BFGS-B",
                     options={"maxiter": 500})
    w, b = found.x[: f * c].reshape(f, c), found.x[f * c:]
    return LinearModel(classes, mean, scale, w, b)


def choose_strength(scores: dict[float, float], shipped: float | None) -> float:
    """The strength with the best held-out accuracy in ``scores``; a tie keeps the
    ``shipped`` one: a refit that measures no better should not change what users get
    (with 54 photos added on 2026-12-02 the facial-hair model tied at 0.03 and 3, and 0.03
    dropped three bearded people's beards)."""
    return max(scores, key=lambda s: (scores[s], s == shipped))


def _data(task: Task, samples: list) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
    chosen, xs, ys = [], [], []
    for s in samples:
        if s.attributes is None:
            continue
        target = task.target(s)
        if target is None:
            continue
        chosen.append(s)
        xs.append(task.features(s.attributes))
        ys.append([target.get(c, 0.0) for c in task.classes])
    x, y = np.nan_to_num(np.array(xs, np.float64)), np.array(ys, np.float64)
    return chosen, x, y, np.ones(len(chosen))


def _without_each_person(task: Task, chosen: list, x: np.ndarray, y: np.ndarray,
                         w: np.ndarray, strength: float) -> Iterator[tuple[np.ndarray, object]]:
    """For each person among the photos ``chosen`` (:func:`_data`): which photos are the
    person's, and a model fitted without them."""
    people = np.array([s.person for s in chosen])
    for person in sorted(set(people)):
        mine = people == person
        yield mine, fit(x[~mine], y[~mine], w[~mine], strength, task.classes)


def held_out(task: Task, samples: list, strength: float) -> list[str]:
    """Each photo's prediction by a model fitted without its person."""
    chosen, x, y, w = _data(task, samples)
    out = [""] * len(chosen)
    for mine, model in _without_each_person(task, chosen, x, y, w, strength):
        for i in np.flatnonzero(mine):
            out[i] = _decide(task, model, chosen[i], x[i])
    return out


def held_out_probabilities(task: Task, samples: list, strength: float
                           ) -> tuple[list, np.ndarray]:
    """The photos ``task`` learns from and each one's class probabilities ``(N, C)`` by a
    model fitted without its person."""
    chosen, x, y, w = _data(task, samples)
    out = np.zeros((len(chosen), len(task.classes)))
    for mine, model in _without_each_person(task, chosen, x, y, w, strength):
        out[mine] = model.probabilities(x[mine])  # type: ignore[attr-defined]
    return chosen, out


def _decide(task: Task, model: object, sample: object, x: np.ndarray) -> str:
    """What analysis decides for ``sample``: the rule that overrules the model, or the
    ``model``'s class for its features ``x``."""
    ruled = task.overrule(sample)
    if ruled is not None:
        return ruled
    if task.decide is not None:
        return task.decide(model, sample, x)
    return model.predict(x)[0]  # type: ignore[attr-defined]


def _unseen(task: Task, chosen: list, x: np.ndarray, y: np.ndarray, w: np.ndarray,
            strength: float, unseen: str) -> str:
    """How many photos of set ``unseen`` a model fitted on the other sets gets right."""
    mine = np.array([s.set == unseen for s in chosen])
    if not mine.any() or mine.all():
        return "n/a"
    model = fit(x[~mine], y[~mine], w[~mine], strength, task.classes)
    ok = sum(task.right(chosen[i], _decide(task, model, chosen[i], x[i]))
             for i in np.flatnonzero(mine))
    return f"{ok}/{mine.sum()} = {100 * ok / mine.sum():.1f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fit and report, write nothing")
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS),
                        help="the labelled sets to fit on (default: every set here)")
    parser.add_argument("--only", nargs="+", metavar="MODEL",
                        help="fit only these models; keep the others as they are in the file")
    parser.add_argument("--unseen", choices=SETS,
                        help="also fit without this whole set and report on it (writes nothing)")
    args = parser.parse_args()
    from attributes import measure_set

    def photos(grayscale: bool) -> list:
        return [s for name in args.sets
                for s in measure_set(name, latest=True, grayscale=grayscale) or []]

    samples = {False: photos(False)}  # by grayscale
    if not samples[False]:
        print("no labelled photos here; nothing fitted")
        return 0
    arrays: dict[str, np.ndarray] = {}
    old: dict[str, np.ndarray] = {}
    if OUT.exists():
        with np.load(OUT) as saved:
            old = {k: saved[k] for k in saved.files}
    shipped = {k.split(".")[0]: float(v) for k, v in old.items() if k.endswith(".strength")}
    chosen_tasks = tasks()
    if args.only:
        unknown = set(args.only) - {t.name for t in chosen_tasks}
        if unknown:
            parser.error(f"no model named {', '.join(sorted(unknown))}")
        arrays = {k: v for k, v in old.items() if k.split(".")[0] not in args.only}
        chosen_tasks = [t for t in chosen_tasks if t.name in args.only]
    if any(task.grayscale for task in chosen_tasks):
        samples[True] = photos(True)
    for task in chosen_tasks:
        chosen, x, y, w = _data(task, samples[task.grayscale])
        preds = {strength: held_out(task, samples[task.grayscale], strength)
                 for strength in STRENGTHS}
        scores = {strength: np.mean([task.right(s, v) for s, v in zip(chosen, pred,
                                                                      strict=True)])
                  for strength, pred in preds.items()}
        strength = choose_strength(scores, shipped.get(task.name))
        pred = preds[strength]
        line = [f"{task.name}: strength {strength:g}"]
        for name in args.sets:
            idx = [i for i, s in enumerate(chosen) if s.set == name]
            if idx:
                ok = sum(task.right(chosen[i], pred[i]) for i in idx)
                line.append(f"{name} held out {ok}/{len(idx)} = {100 * ok / len(idx):.1f}%")
        print("; ".join(line))
        if args.unseen:
            result = _unseen(task, chosen, x, y, w, strength, args.unseen)
            print(f"  {args.unseen} unseen: {result}")
        arrays.update(fit(x, y, w, strength, task.classes).to_arrays(task.name))
        arrays[f"{task.name}.strength"] = np.array(strength)
    if not args.check and not args.unseen:
        np.savez(OUT, **arrays)
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
