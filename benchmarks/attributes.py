"""How well face analysis measures what people see, on the labelled photo sets.

    python benchmarks/attributes.py              # every measure, every set, held out by person
    python benchmarks/attributes.py --misses     # and the list of misses
    python benchmarks/attributes.py --set faceset --stone .venv-stone   # one set; stone too

The sets (``benchmarks/labelled.py``): ``shared`` (``../shared/data/faces``), ``faceset``
(the larger, balanced set of ``benchmarks/data/faces``; photos in ``$FACEMOJI_FACESET``) and
``portraits`` (official portraits, ``benchmarks/data/portraits``; photos in
``$FACEMOJI_PORTRAITS``).
Every photo gets the full ``facemoji.face.attributes.measure`` of its largest face, timed on
one core (``OMP_NUM_THREADS=1``); results are cached in ``benchmarks/.cache`` (keyed by
facemoji's source, so a code change measures again; ``--refresh`` forces it).

Each measure is reported twice:

- **as shipped**: facemoji's own decisions: the learned models fitted on every labelled
  person of the three sets, the hand-written rules' thresholds chosen on ``shared`` and
  ``faceset`` (in-sample for those people; the portrait set is unseen by the rules);
- **held out by person**: for each person in turn, the learned models are fitted again
  and the thresholds chosen again on everyone else (the same fit or grid search that
  chose the shipped ones) and the person's photos are judged with those
  (leave-one-person-out; where several settings tie on the others, the person's score is
  their mean, so the figure does not depend on grid order).

Subgroups: Monk 1–4 / 5–10 (labelled), hair length (short: bald·buzz·short, long:
chin·shoulder·long), glasses frame. Skips (exit 0) where no set is here.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import pickle
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as in the target

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import ROOT, SETS, Photo, copy_of, load

CACHE = ROOT / "benchmarks" / ".cache"

# the names a labelled hair color may get and still count as right (neighbours count)
ACCEPT = {
    "black": {"black"}, "dark_brown": {"black", "brown"}, "brown": {"brown"},
    "light_brown": {"brown", "blonde"}, "blonde": {"blonde"}, "red": {"red", "auburn"},
    "auburn": {"red", "auburn", "brown"}, "gray": {"gray"}, "white": {"white", "gray"},
    "bald": {"bald"},
}
GRAYSCALE_ACCEPT = {**ACCEPT, "red": {"brown", "blonde"}, "auburn": {"brown", "black"}}
"""The names accepted for a black-and-white photo's hair: red shows there as brown or
blonde, auburn as brown or black."""
LONG = {"chin", "shoulder", "long"}
CURLY = {"curly", "coily"}
BEARDS = {"beard", "goatee", "mustache"}
"""Facial hair a person is drawn with (stubble counts either way)."""
COVERING = {"hat", "cap", "other"}
FRAME_SHADES = {"black", "tortoise", "gold", "silver", "clear", "red", "navy"}
"""The frame colors a label may name (the native style's glasses presets)."""
DARK_FRAMES = {"black", "tortoise", "red", "navy"}
LIGHT_EYES = {"blue", "green"}
"""Eye colors a friend calls light (hazel counts with brown)."""


def smooth_past_chin(s: Sample) -> bool:
    """Labelled straight or wavy hair past the chin: the photos the wave model is for."""
    return s.label("hair_type") in ("straight", "wavy") and s.label("hair_length") in LONG


def covers_head(s: Sample) -> bool:
    """Whether the photo's headwear hides the top of the head (a hat, cap, scarf or
    turban; not a headband, tiara or skull cap, which the face set labels ``band`` and
    ``../shared`` labels ``other`` with a note that says so)."""
    return s.label("headwear") in COVERING and "headband" not in s.label("notes")


@dataclass
class Sample:
    """One labelled photo and what facemoji measured on it (``attributes`` is ``None``
    when no face was found)."""

    photo: Photo
    set: str
    attributes: Any
    ms: float
    ms_attributes: float

    @property
    def person(self) -> str:
        return f"{self.set}:{self.photo.person}"

    def label(self, column: str) -> str:
        return self.photo[column]


# --- measuring (cached) ----------------------------------------------------------------


def _fingerprint() -> str:
    """A digest of facemoji's face-analysis code and models: the cache's key."""
    import facemoji

    root = Path(facemoji.__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*root.glob("face/*.py"), *root.glob("data/*.onnx"),
                        *root.glob("data/*.npz")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def measure_set(name: str, refresh: bool = False, latest: bool = False,
                grayscale: bool = False, tint: str | None = None) -> list[Sample] | None:
    """Measure every labelled photo of set ``name`` (``None`` where it is absent).

    ``latest`` takes the newest cache of the set whatever code made it (the model fitting
    scripts read the features, which the fitted models do not change); ``grayscale``
    measures each photo's black-and-white copy (its luma, as ``PIL`` converts it to "L")
    instead of the photo, ``tint`` its copy under a colored light (``labelled.CASTS``)."""
    import cv2

    from facemoji.errors import NoFaceFound
    from facemoji.face.attributes import measure
    from facemoji.face.detect import detect_face

    photos = load(name)
    if photos is None:
        return None
    kind = f"{name}-bw" if grayscale else f"{name}-{tint}" if tint else name
    cache = CACHE / f"attributes-{kind}-{_fingerprint()}.pkl"
    if latest:
        found = sorted(CACHE.glob(f"attributes-{kind}-????????????????.pkl"),
                       key=lambda p: p.stat().st_mtime)
        if found:
            cache = found[-1]
            print(f"  {name}: using the measurements in {cache.name}", file=sys.stderr)
    done: dict[str, tuple[Any, float, float]] = {}
    if cache.exists() and not refresh:
        with open(cache, "rb") as fh:
            done = pickle.load(fh)
    cv2.setNumThreads(1)
    before = len(done)
    for i, photo in enumerate(photos):
        if photo.file in done:
            continue
        image = copy_of(photo.path, grayscale, tint)
        start = time.perf_counter()
        try:
            detection, _ = detect_face(image, name=photo.file)
        except NoFaceFound:
            done[photo.file] = (None, 0.0, 0.0)
            continue
        middle = time.perf_counter()
        attributes = measure(image, detection)
        end = time.perf_counter()
        done[photo.file] = (attributes, (end - start) * 1000, (end - middle) * 1000)
        if i % 50 == 0:
            print(f"  {name}: {i}/{len(photos)} photos measured", file=sys.stderr)
    if len(done) > before:
        # written whole, then renamed: another job reading the cache never sees half of it
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(partial, "wb") as fh:
            pickle.dump(done, fh)
        partial.replace(cache)
    return [Sample(p, name, *done[p.file]) for p in photos]


# --- scoring and holding out -------------------------------------------------------------


def pct(hits: float, total: int) -> str:
    return f"{hits:.0f}/{total} = {100 * hits / total:.1f}%" if total else "n/a"


RULE_SETS = ("shared", "faceset")
"""The sets the hand-written rules' thresholds (bald) were chosen on; the
portrait set came later and stays unseen by them, so only these people choose a setting
held out."""


def leave_one_person_out(samples: Sequence[Sample], table: Any) -> list[float]:
    """Per sample, its score under the settings that score best on the other people of
    :data:`RULE_SETS`.

    ``table[g, i]`` is sample ``i``'s score (higher is better) under setting ``g``. Ties on
    the others share the held-out sample's score (their mean).
    """
    import numpy as np

    table = np.asarray(table, np.float64)
    people = np.array([s.person for s in samples])
    choosing = np.array([s.set in RULE_SETS for s in samples])
    total = table[:, choosing].sum(axis=1)
    held = np.zeros(len(samples))
    for person in np.unique(people):
        mine = people == person
        others = total - table[:, mine & choosing].sum(axis=1)
        tied = np.isclose(others, others.max())
        held[mine] = table[tied][:, mine].mean(axis=0)
    return held.tolist()


@dataclass
class Measure:
    """One reported measure: which samples it applies to, whether facemoji got one right
    (``right(sample, value)``), facemoji's value as shipped (``shipped(sample)``) and, for
    the held-out figure, the grid of settings and the value under a setting
    (``refit(sample, setting)``; ``None``: nothing is fitted, held out = as shipped)."""

    name: str
    applies: Callable[[Sample], bool]
    shipped: Callable[[Sample], Any]
    right: Callable[[Sample, Any], float]
    grid: Sequence[Any] = ()
    refit: Callable[[Sample, Any], Any] | None = None
    target: str = ""
    learned: str = ""
    """The learned model (``scripts/fit_measures.py``) the held-out figure refits."""
    counted: Callable[[Sample], bool] | None = None
    """Which of the samples it applies to are reported (``None``: all); the others still
    take part in choosing the setting held out."""


def evaluate(measure: Measure, samples: list[Sample], misses: list[str]
             ) -> list[tuple[Sample, float, float]]:
    """Per reported photo: the photo, whether it is right as shipped and held out."""
    chosen = [s for s in samples if s.attributes is not None and measure.applies(s)]
    shipped = [measure.right(s, measure.shipped(s)) for s in chosen]
    counted = measure.counted or (lambda s: True)
    for s, ok in zip(chosen, shipped, strict=True):
        if ok < 1 and counted(s):
            misses.append(f"{measure.name:<14} {s.set}:{s.photo.file}: got "
                          f"{measure.shipped(s)}")
    if measure.learned:
        held = _learned_held_out(measure, chosen, samples)
    elif measure.refit is not None and measure.grid:
        table = [[measure.right(s, measure.refit(s, g)) for s in chosen] for g in measure.grid]
        held = leave_one_person_out(chosen, table)
    else:
        held = shipped
    return [(s, ok, out) for s, ok, out in zip(chosen, shipped, held, strict=True)
            if counted(s)]


def tally(rows: list[tuple[Sample, float, float]], key: Callable[[Sample], str | None]
          ) -> dict[str, tuple[float, float, int]]:
    """:func:`evaluate`'s rows summed per ``key(sample)`` (``None``: left out):
    ``(hits as shipped, hits held out, photos)``."""
    out: dict[str, tuple[float, float, int]] = {}
    for s, ok, held in rows:
        group = key(s)
        if group is not None:
            hits, kept, n = out.get(group, (0.0, 0.0, 0))
            out[group] = (hits + ok, kept + held, n + 1)
    return out


def skin_group(s: Sample) -> str | None:
    """The photo's labelled Monk tone as a subgroup: ``Monk 1–4`` or ``Monk 5–10``."""
    tone = s.label("skin_tone")
    return None if not tone else "Monk 1–4" if float(tone) < 5 else "Monk 5–10"


def held_out_predictions(model: str, samples: list[Sample], strength: float | None = None
                         ) -> dict[tuple[str, str], str]:
    """Per ``(set, file)`` of the samples learned model ``model`` learns from, its class
    when refitted without that photo's person (``scripts/fit_measures.py``), at
    ``strength`` (default: the one chosen for the shipped model)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from fit_measures import _data, held_out, tasks

    from facemoji.face.learned import _models

    task = next(t for t in tasks() if t.name == model)
    if strength is None:
        strength = float(_models()[f"{task.name}.strength"])
    fitted, _, _, _ = _data(task, samples)
    return dict(zip(((s.set, s.photo.file) for s in fitted),
                    held_out(task, samples, strength), strict=True))


def _learned_held_out(measure: Measure, chosen: list[Sample], samples: list[Sample]
                      ) -> list[float]:
    """Per chosen sample: right or not under the learned model refitted without its person
    (:func:`held_out_predictions`)."""
    predicted = held_out_predictions(measure.learned, samples)
    out = []
    for s in chosen:
        value = predicted.get((s.set, s.photo.file))
        # photos the model does not learn from (e.g. under a hat for hair length) keep
        # the shipped decision
        out.append(measure.right(s, measure.shipped(s) if value is None else value))
    return out


# --- the measures -------------------------------------------------------------------------


def hair_named(s: Sample) -> str:
    """The hair's name as analysis gives it. A bald head that keeps a fringe is named by
    the fringe's color, so where the label names no color (``bald``) the head's measured
    baldness is what counts."""
    a = s.attributes
    return "bald" if a.bald and s.label("hair_color") == "bald" else a.hair_name


def _hairline(s: Sample, setting: Any = None) -> str:
    """The hairline as shipped, or with bald decided by ``BaldRule(*setting)``."""
    from facemoji.face.hair import FOREHEAD, BaldRule, receding_forehead

    a = s.attributes
    if setting is None:
        return "bald" if a.bald else "receding" if a.receding else "normal"
    if BaldRule(*setting)(a.features["scalp"], a.age_gender.female >= 0.5, a.age_gender.age,
                          getattr(a, "grayscale", False)):
        return "bald"
    female = a.age_gender.female >= 0.5
    return ("receding" if receding_forehead(a.features["hair"][FOREHEAD], female,
                                            a.age_gender.age) else "normal")


def _bangs(s: Sample) -> str:
    return "bangs" if s.attributes.bangs else "none"


def _glasses(s: Sample) -> str:
    return s.attributes.glasses


GRAY_BEARDS = {"gray", "white"}
DARK_BEARDS = {"black", "dark_brown", "brown"}


def beard_shade(s: Sample) -> str:
    """``gray`` or ``dark``: how the avatar paints this photo's facial hair. It follows
    the hair (gray where the hair is named gray or white) unless
    ``facemoji.match.mapping.facemoji.gray_beard`` gives it its own gray."""
    from facemoji.match.mapping.facemoji import gray_beard

    a = s.attributes
    beard = a.facial_hair_color
    if beard.confidence > 0 and gray_beard(beard.lab, a.hair.lab, a.age_gender.age):
        return "gray"
    return "gray" if a.hair_name in ("gray", "white") else "dark"


def shaded(s: Sample) -> bool:
    """Facial hair labelled dark or gray, found, under hair named by its color (not a bald
    head or one the analysis could not read, whose color the beard does not follow)."""
    return (s.label("beard_color") in GRAY_BEARDS | DARK_BEARDS
            and s.attributes.facial_hair != "none"
            and s.attributes.hair_name not in ("bald", "other"))


def measures() -> list[Measure]:
    """Every reported measure, with its held-out grid."""
    from facemoji import get_style
    from facemoji.face import bangs, hair_part, hair_top, iris
    from facemoji.face.hair import BaldRule
    from facemoji.match.mapping.facemoji import EYE_FAMILY_OF, eye_paint, frame_paint

    def labelled(column: str, *skip: str) -> Callable[[Sample], bool]:
        return lambda s: bool(s.label(column)) and s.label(column) not in skip

    def framed(s: Sample) -> bool:  # eyeglasses with a frame color labelled
        return s.label("glasses") == "eyeglasses" and s.label("frame_color") in FRAME_SHADES

    def frame_color(s: Sample) -> str | None:  # the avatar's: measured, or by the frame kind
        a = s.attributes
        return frame_paint(a.glasses, a.glasses_frame, a.glasses_color)

    def bare_forehead(s: Sample) -> bool:  # bangs labelled, and no hat over them
        return bool(s.label("bangs")) and not covers_head(s)

    def bangs_right(s: Sample, found: Any) -> float:  # found: "bangs" or "none"
        return float((found == "bangs") == (s.label("bangs") == "yes"))

    def up_right(s: Sample, found: Any) -> float:  # found: True, False, None or "up"/"none"
        return float((found in (True, "up")) == (s.label("hair_up") != "none"))

    def curly_right(s: Sample, found: Any) -> float:
        return float((found == "curly") == (s.label("hair_type") in CURLY))

    def long_smooth(s: Sample) -> bool:  # straight or wavy hair past the chin, read
        return smooth_past_chin(s) and s.attributes.features.get("hair_type") is not None

    def wave_right(s: Sample, found: Any) -> float:
        return float((found == "wavy") == (s.label("hair_type") == "wavy"))

    def fringe_shape(s: Sample) -> bool:  # a fringe labelled blunt or swept, and measured
        return s.label("fringe") in ("blunt", "swept") and "fringe" in s.attributes.features

    def fringe_at(s: Sample, setting: tuple[float, float]) -> str:
        return bangs.decide_fringe(s.attributes.features["fringe"], *setting)

    def topped(s: Sample) -> bool:  # short hair labelled close, medium or full, and measured
        return s.label("hair_top") in hair_top.TOPS and "hair_top" in s.attributes.features

    def top_at(s: Sample, setting: tuple[float, float]) -> str | None:
        return hair_top.decide_top(s.attributes.features["hair_top"], *setting)

    def top_shipped(s: Sample) -> str | None:
        return top_at(s, (hair_top.CLOSE_BELOW, hair_top.FULL_ABOVE))

    def top_right(s: Sample, found: Any) -> float:
        return float(found == s.label("hair_top"))

    def eyes_labelled(s: Sample) -> bool:  # an eye color labelled (both passes agree)
        return s.label("eye_color") in iris.EYE_NAMES

    eye_feature = get_style("facemoji").schema.feature("eye_color")

    def unnamed_eyes(s: Sample) -> str:  # the avatar's eye color without the name
        eyes = s.attributes.eyes
        if eyes.confidence <= 0:
            return "brown"  # the style's default
        return EYE_FAMILY_OF[eye_paint(eye_feature, eyes.lab, None).id]

    def parted(s: Sample) -> bool:  # long hair labelled with a part, and measured
        return s.label("hair_part") in hair_part.PARTS and "hair_part" in s.attributes.features

    def part_at(s: Sample, setting: tuple[float, float]) -> str | None:  # None: not read
        if s.attributes.hair_part is None:  # short, bangs, a hat: analysis reads no part
            return None
        return hair_part.decide_part(s.attributes.features["hair_part"], *setting)

    def part_shipped(s: Sample) -> str | None:
        return part_at(s, (hair_part.PEAK_OFF, hair_part.SLANT))

    def part_right(s: Sample, found: Any) -> float:
        return float(found == s.label("hair_part"))

    def side_right(s: Sample, found: Any) -> float:  # center against either side
        centered = s.label("hair_part") == "center"
        return float(found is not None and (found == "center") == centered)

    part_grid = list(itertools.product((0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
                                       (0.1, 0.15, 0.2, 0.3, 9.0)))
    assert (hair_part.PEAK_OFF, hair_part.SLANT) in part_grid
    top_grid = list(itertools.product((0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6),
                                      (0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.1, 1.2)))
    assert (hair_top.CLOSE_BELOW, hair_top.FULL_ABOVE) in top_grid
    fringe_grid = list(itertools.product((0.06, 0.08, 0.1, 0.12, 0.15, 0.2),
                                         (0.5, 0.55, 0.6, 0.65, 0.7, 0.75)))
    assert (bangs.BLUNT_ASYMMETRY, bangs.BLUNT_COVER) in fringe_grid
    bald_grid = list(itertools.product((0.5, 0.6, 0.7, 0.8, 0.9), (0.02, 0.04, 0.08),
                                       (0.1, 0.2, 0.3, 1.0), (0.0, 45.0, 55.0, 65.0),
                                       (0.4, 0.6, 0.8), (0.3, 1.0), (0.5, 1.0)))
    rule = BaldRule()
    assert (rule.skin, rule.dark, rule.top_dark, rule.shine_age, rule.shine,
            rule.top_light, rule.cut) in bald_grid
    return [
        Measure("hair color", lambda s: s.label("hair_color") in ACCEPT, hair_named,
                lambda s, v: float(v in ACCEPT[s.label("hair_color")]), target="≥ 85%",
                learned="hair_color"),
        Measure("red/auburn", lambda s: s.label("hair_color") in ("red", "auburn"),
                hair_named, lambda s, v: float(v in ("red", "auburn")), target="≥ 90%",
                learned="hair_color"),
        Measure("hair length", labelled("hair_length"), lambda s: s.attributes.hair_length.name,
                lambda s, v: float((v in LONG) == (s.label("hair_length") in LONG)),
                target="≥ 90% (short vs long)", learned="hair_length"),
        Measure("hair type", labelled("hair_type", "na"), lambda s: s.attributes.hair_type,
                curly_right, target="(straight·wavy vs curly·coily)", learned="hair_type"),
        Measure("curly found", labelled("hair_type", "na"), lambda s: s.attributes.hair_type,
                curly_right, target="(of the curly or coily)", learned="hair_type",
                counted=lambda s: s.label("hair_type") in CURLY),
        Measure("hair wave", long_smooth, lambda s: s.attributes.hair_type, wave_right,
                target="(straight vs wavy, hair past the chin)", learned="hair_wave"),
        Measure("wavy found", long_smooth, lambda s: s.attributes.hair_type, wave_right,
                target="(of the wavy)", learned="hair_wave",
                counted=lambda s: s.label("hair_type") == "wavy"),
        Measure("hair up", labelled("hair_up"), lambda s: s.attributes.hair_up, up_right,
                target="(a bun, ponytail or braids, or down)", learned="hair_up"),
        Measure("up found", labelled("hair_up"), lambda s: s.attributes.hair_up, up_right,
                target="(of those worn up)", learned="hair_up",
                counted=lambda s: s.label("hair_up") != "none"),
        Measure("bald/receding", labelled("hairline"), _hairline,
                lambda s, v: float((v != "normal") == (s.label("hairline") != "normal")),
                bald_grid, _hairline, "≥ 85%"),
        Measure("bald", labelled("hairline"), _hairline,
                lambda s, v: float((v == "bald") == (s.label("hairline") == "bald")),
                bald_grid, _hairline, "(bald vs not)"),
        Measure("bald found", labelled("hairline"), _hairline,
                lambda s, v: float((v == "bald") == (s.label("hairline") == "bald")),
                bald_grid, _hairline, "(of the bald)",
                counted=lambda s: s.label("hairline") == "bald"),
        Measure("glasses", labelled("glasses"), _glasses,
                lambda s, v: float(v == s.label("glasses")), target="≥ 90%",
                learned="glasses"),
        # eyeglasses only: thin-framed sunglasses are found as sunglasses, which is right
        # (until 2026-12-02 they counted here as misses: 12 of the faceset's 90 photos)
        Measure("rimless/thin", lambda s: s.label("glasses") == "eyeglasses"
                and s.label("glasses_frame") in ("rimless", "thin"),
                _glasses, lambda s, v: float(v == "eyeglasses"), target="≥ 80%",
                learned="glasses"),
        Measure("glasses frame", lambda s: s.label("glasses") == "eyeglasses",
                lambda s: s.attributes.glasses_frame,
                lambda s, v: float(v == s.label("glasses_frame")),
                target="(thick, thin, rimless)", learned="glasses_frame"),
        Measure("frame color", framed, frame_color,
                lambda s, v: float(v == s.label("frame_color")),
                target="(the avatar's frame color)", learned="glasses_color"),
        Measure("frame dark/light", framed, frame_color,
                lambda s, v: float((v in DARK_FRAMES) == (s.label("frame_color") in DARK_FRAMES)),
                target="(black, tortoise, red, navy vs the rest)", learned="glasses_color"),
        Measure("tie", lambda s: s.label("tie") in ("yes", "no"),
                lambda s: "tie" if s.attributes.tie else "none",
                lambda s, v: float((v == "tie") == (s.label("tie") == "yes")),
                target="(a necktie or not, photos with a jacket and men's portraits)",
                learned="tie"),
        Measure("facial hair", labelled("facial_hair"), lambda s: s.attributes.facial_hair,
                lambda s, v: float((v != "none") == (s.label("facial_hair") != "none")
                                   or s.label("facial_hair") == "stubble"),
                target="≥ 90% (none vs any; stubble either way)", learned="facial_hair"),
        Measure("gray facial hair found", labelled("facial_hair"),
                lambda s: s.attributes.facial_hair,
                lambda s, v: float((v != "none") == (s.label("facial_hair") != "none")
                                   or s.label("facial_hair") == "stubble"),
                target="(of the gray or white, found at all; stubble counts)",
                learned="facial_hair", counted=lambda s: s.label("beard_color") in GRAY_BEARDS),
        Measure("beard shade", shaded, beard_shade,
                lambda s, v: float((v == "gray") == (s.label("beard_color") in GRAY_BEARDS)),
                target="(drawn dark or gray, where facial hair was found under named hair)"),
        Measure("facial hair kind",
                lambda s: s.label("facial_hair") in ("stubble", "mustache", "goatee", "beard")
                and s.attributes.facial_hair != "none",
                lambda s: s.attributes.facial_hair,
                lambda s, v: float(v == s.label("facial_hair")),
                target="(stubble, mustache, goatee, beard; where some was found)"),
        Measure("smile", labelled("smile"), lambda s: s.attributes.smile,
                lambda s, v: float(v == s.label("smile")),
                target="≥ 85% (none, closed, teeth)", learned="smile"),
        Measure("smiling", labelled("smile"), lambda s: s.attributes.smile,
                lambda s, v: float((v != "none") == (s.label("smile") != "none")),
                target="(smile or not)", learned="smile"),
        Measure("jacket", labelled("jacket", "unsure"),
                lambda s: "jacket" if s.attributes.jacket else "none",
                lambda s, v: float((v == "jacket") == (s.label("jacket") == "yes")),
                target="(a jacket over a shirt or not)", learned="jacket"),
        Measure("bangs", bare_forehead, _bangs, bangs_right,
                target="(hair over the forehead or not)", learned="bangs"),
        Measure("bangs found", bare_forehead, _bangs, bangs_right,
                target="(of those with bangs)", counted=lambda s: s.label("bangs") == "yes",
                learned="bangs"),
        Measure("fringe shape", fringe_shape,
                lambda s: bangs.decide_fringe(s.attributes.features["fringe"]),
                lambda s, v: float(v == s.label("fringe")), fringe_grid, fringe_at,
                "(blunt vs swept, of the labelled fringes)"),
        Measure("blunt found", fringe_shape,
                lambda s: bangs.decide_fringe(s.attributes.features["fringe"]),
                lambda s, v: float(v == s.label("fringe")), fringe_grid, fringe_at,
                "(of the blunt)", counted=lambda s: s.label("fringe") == "blunt"),
        Measure("hair top", topped, top_shipped, top_right, top_grid, top_at,
                "(close, medium, full: short-haired men; unmeasured counts as wrong)"),
        Measure("full top found", topped, top_shipped, top_right, top_grid, top_at,
                "(of the full)", counted=lambda s: s.label("hair_top") == "full"),
        Measure("close top found", topped, top_shipped, top_right, top_grid, top_at,
                "(of the close)", counted=lambda s: s.label("hair_top") == "close"),
        Measure("hair part", parted, part_shipped, part_right, part_grid, part_at,
                "(center, image left or right: hair past the chin without bangs)"),
        Measure("side part or not", parted, part_shipped, side_right, part_grid, part_at,
                "(center against either side)"),
        Measure("eye color", eyes_labelled, lambda s: s.attributes.eye_color,
                lambda s, v: float(v == s.label("eye_color")),
                target="(brown, hazel, green, blue; irises not seen count as wrong)",
                learned="eye_color"),
        Measure("eyes light/dark", eyes_labelled, lambda s: s.attributes.eye_color,
                lambda s, v: float((v in LIGHT_EYES) == (s.label("eye_color") in LIGHT_EYES)),
                target="(blue or green vs brown or hazel)", learned="eye_color"),
        Measure("light eyes found", eyes_labelled, lambda s: s.attributes.eye_color,
                lambda s, v: float(v in LIGHT_EYES), target="(of the blue or green)",
                learned="eye_color", counted=lambda s: s.label("eye_color") in LIGHT_EYES),
        Measure("eyes unnamed", eyes_labelled, unnamed_eyes,
                lambda s, v: float((v in LIGHT_EYES) == (s.label("eye_color") in LIGHT_EYES)),
                target="(light or dark, the nearest preset to the irises' color: no name)"),
        Measure("unnamed light found", eyes_labelled, unnamed_eyes,
                lambda s, v: float(v in LIGHT_EYES), target="(of the blue or green, no name)",
                counted=lambda s: s.label("eye_color") in LIGHT_EYES),
        Measure("headwear", labelled("headwear"), lambda s: s.attributes.headwear,
                lambda s, v: float((v != "none") == covers_head(s)),
                target="(covering the head or not)", learned="headwear"),
        Measure("headwear found", labelled("headwear"), lambda s: s.attributes.headwear,
                lambda s, v: float((v != "none") == covers_head(s)),
                target="(of those covering the head)", learned="headwear",
                counted=covers_head),
        Measure("gender", labelled("gender"), lambda s: s.attributes.age_gender.gender,
                lambda s, v: float(v == s.label("gender"))),
        Measure("age band", labelled("age_band"), lambda s: s.attributes.age_gender.age_band,
                lambda s, v: float(v == s.label("age_band")), learned="age_band"),
    ]


def skin_table(samples: list[Sample], stone: dict[str, int | None] | None) -> list[str]:
    """Monk mean absolute error per set and subgroup (and stone's, when given)."""
    lines = ["| set | photos | MAE Monk 1–4 | MAE Monk 5–10 | MAE all | stone 1–4 | "
             "stone 5–10 | stone all |", "|---|---|---|---|---|---|---|---|"]
    for name in sorted({s.set for s in samples}):
        chosen = [s for s in samples if s.set == name and s.attributes is not None
                  and s.label("skin_tone")]
        truth = [float(s.label("skin_tone")) for s in chosen]
        ours = [abs(s.attributes.monk - t) for s, t in zip(chosen, truth, strict=True)]
        cells = []
        for values in (ours, None):
            for group in (lambda t: t < 5, lambda t: t >= 5, lambda t: True):
                if values is None:
                    got = [(stone or {}).get(str(s.photo.path)) for s in chosen]
                    errs = [abs(g - t) for g, t in zip(got, truth, strict=True)
                            if g is not None and group(t)]
                else:
                    errs = [e for e, t in zip(values, truth, strict=True) if group(t)]
                cells.append(f"{statistics.mean(errs):.2f}" if errs else "-")
        lines.append(f"| {name} | {len(chosen)} | " + " | ".join(cells) + " |")
    return lines


def brow_table(samples: list[Sample]) -> list[str]:
    """Median measured L* of the hair and of the brows per labelled hair color, per set:
    how much lighter thin brows photograph than the hair (``match.natural.OWN_BROWS``)."""
    lines = ["| set | labelled hair | photos | hair L* | brows L* |", "|---|---|---|---|---|"]
    for name in sorted({s.set for s in samples}):
        for color in ("black", "dark_brown", "brown", "blonde", "gray"):
            found = [s.attributes for s in samples if s.set == name and s.attributes is not None
                     and s.label("hair_color") == color and s.attributes.hair.confidence > 0
                     and s.attributes.brows.confidence > 0]
            if found:
                hair = statistics.median(a.hair.lab[0] for a in found)
                brows = statistics.median(a.brows.lab[0] for a in found)
                lines.append(f"| {name} | {color} | {len(found)} | {hair:.0f} | {brows:.0f} |")
    return lines


def _majority(photos: list[Sample], label: Callable[[Sample], str]) -> str:
    return Counter(label(s) for s in photos).most_common(1)[0][0]


def _count(tally: list[int], drawn: bool, labelled: bool) -> None:
    """Add a person to ``tally``: [labelled and drawn, labelled, others drawn, others]."""
    tally[0 if labelled else 2] += drawn
    tally[1 if labelled else 3] += 1


def _count_most(tally: list[int], photos: list[Sample], column: str,
                has: Callable[[Sample], bool], drawn: bool) -> None:
    """:func:`_count` a person by whether ``has`` holds for most of their ``photos`` with a
    ``column`` label (none labelled: not counted)."""
    labelled = [s for s in photos if s.label(column)]
    if labelled:
        _count(tally, drawn, sum(map(has, labelled)) > len(labelled) / 2)


def _by_person(samples: list[Sample], keep: Callable[[Sample], bool]
               ) -> dict[tuple[str, str], list[Sample]]:
    """The measured samples that ``keep`` accepts, by ``(set, person)``."""
    people: dict[tuple[str, str], list[Sample]] = defaultdict(list)
    for s in samples:
        if s.attributes is not None and keep(s):
            people[(s.set, s.photo.person)].append(s)
    return people


def per_person(samples: list[Sample]) -> list[str]:
    """Per set, what ``generate`` would draw, each person's photos fused by the same vote
    (``facemoji.match.measured.fuse``): how many bald people (most photos labelled bald)
    come out bald and how many others do, the same for people whose head is covered
    (a hat, cap, scarf or turban) in at least half their photos, and for people with curly
    or coily hair in most of their photos, for people with wavy (not straight) hair past
    the chin in most of those photos, for people with hair past the chin in most
    of their photos (drawn with a chin, shoulder or long cut), with a beard, goatee or
    mustache in most (drawn with facial hair), with glasses in most, and with bangs in
    most of the photos that show their forehead."""
    from types import SimpleNamespace

    from facemoji.match.measured import fuse

    people = _by_person(samples, lambda s: True)
    lines = []
    for name in sorted({key[0] for key in people}):
        bald, hat, curly, long, beard, glasses, bangs, wavy = ([0, 0, 0, 0] for _ in range(8))
        for (set_name, _), photos in people.items():
            if set_name != name:
                continue
            traits = fuse([SimpleNamespace(attributes=s.attributes) for s in photos]).traits
            bare = [s for s in photos if s.label("hairline") and not covers_head(s)]
            if bare:
                _count(bald, traits.get("hair_length") == "bald",
                       _majority(bare, lambda s: s.label("hairline")) == "bald")
            _count_most(long, [s for s in photos if not covers_head(s)], "hair_length",
                        lambda s: s.label("hair_length") in LONG,
                        traits.get("hair_length") in LONG)
            _count_most(bangs, [s for s in photos if not covers_head(s)], "bangs",
                        lambda s: s.label("bangs") == "yes", traits.get("bangs") is True)
            _count_most(beard, photos, "facial_hair",
                        lambda s: s.label("facial_hair") in BEARDS,
                        traits.get("facial_hair") not in (None, "none"))
            _count_most(glasses, photos, "glasses", lambda s: s.label("glasses") != "none",
                        traits.get("glasses") not in (None, "none"))
            _count_most(curly, photos, "hair_type", lambda s: s.label("hair_type") in CURLY,
                        "curly" in (traits.get("hair_type") or ()))
            _count_most(wavy, [s for s in photos if smooth_past_chin(s)], "hair_type",
                        lambda s: s.label("hair_type") == "wavy",
                        traits.get("hair_type") == "wavy")
            worn = [s for s in photos if s.label("headwear")]
            if worn:
                _count(hat, traits.get("headwear") not in (None, "none"),
                       sum(map(covers_head, worn)) >= len(worn) / 2)
        lines.append(f"{name}: {bald[0]} of {bald[1]} bald people drawn bald (all their "
                     f"photos voting, as generate does); {bald[2]} of {bald[3]} others drawn "
                     f"bald; {hat[0]} of {hat[1]} people with their head covered in half "
                     f"their photos or more drawn with headwear; {hat[2]} of {hat[3]} others; "
                     f"{curly[0]} of {curly[1]} people with curly or coily hair in most photos "
                     f"drawn curly; {curly[2]} of {curly[3]} others; {wavy[0]} of {wavy[1]} "
                     f"people with wavy hair past the chin in most photos drawn wavy; "
                     f"{wavy[2]} of {wavy[3]} with straight hair there; {long[0]} of {long[1]} "
                     f"people with hair past the chin in most photos drawn so; {long[2]} of "
                     f"{long[3]} others; {beard[0]} of {beard[1]} people with a beard, goatee "
                     f"or mustache in most photos drawn with facial hair; {beard[2]} of "
                     f"{beard[3]} others; {glasses[0]} of {glasses[1]} people with glasses in "
                     f"most photos drawn with them; {glasses[2]} of {glasses[3]} others; "
                     f"{bangs[0]} of {bangs[1]} people with bangs in most photos drawn with "
                     f"them; {bangs[2]} of {bangs[3]} others")
    return lines


def _held_back(samples: list[Sample], column: str
               ) -> dict[str, list[tuple[Sample, Any]]]:
    """Per set, each photo of a person with a ``column`` label and 2+ photos, with what
    ``generate`` makes of the person's other photos (the first three, fused as
    ``generate`` fuses them: ``facemoji.match.measured.fuse``)."""
    from types import SimpleNamespace

    from facemoji.match.measured import fuse

    out: dict[str, list[tuple[Sample, Any]]] = defaultdict(list)
    for (set_name, _), photos in _by_person(samples, lambda s: bool(s.label(column))).items():
        if len(photos) < 2:
            continue
        for held in photos:
            used = [s for s in photos if s is not held][:3]
            drawn = fuse([SimpleNamespace(attributes=s.attributes) for s in used])
            out[set_name].append((held, (drawn, used)))
    return out


def held_back_smile(samples: list[Sample]) -> list[str]:
    """Per set, how often the smile ``generate`` draws (smiling or not) matches a photo it
    did not see (:func:`_held_back`); beside it, drawing a smile whenever any of the
    photos used smiles, and always drawing one."""
    lines = []
    for name, rows in sorted(_held_back(samples, "smile").items()):
        fused = anyone = always = 0
        for held, (drawn, used) in rows:
            truth = held.label("smile") != "none"
            fused += (drawn.traits.get("smile", "none") != "none") == truth
            anyone += any(s.attributes.smile != "none" for s in used) == truth
            always += truth
        lines.append(f"{name}: a held-back photo's smile (smiling or not) drawn right "
                     f"{pct(fused, len(rows))} by the fused vote, {pct(anyone, len(rows))} by "
                     f"smiling when any photo used smiles, {pct(always, len(rows))} by always "
                     "smiling")
    return lines


def held_back_hair(samples: list[Sample]) -> list[str]:
    """Per set, how often the hair-color name ``generate`` draws matches a photo it did not
    see (:func:`_held_back`; neighbouring names count, as for the hair color measure)."""
    lines = []
    for name, rows in sorted(_held_back(samples, "hair_color").items()):
        rows = [(held, got) for held, got in rows if held.label("hair_color") in ACCEPT]
        right = sum(drawn.hair_name in ACCEPT[held.label("hair_color")]
                    for held, (drawn, _) in rows)
        lines.append(f"{name}: a held-back photo's hair color named right {pct(right, len(rows))}"
                     " by the fused vote (as shipped)")
    return lines


GRAYING_NOTE = re.compile(r"salt|graying|greying|gr[ae]y at|with gr[ae]y|some gr[ae]y|"
                          r"gray streak|dark gray|brownish gray|brown-gray|gray-blonde")
"""What a photo's notes say of hair that is graying but labelled by its color ("salt-and-pepper",
"gray at temples", "brown with gray"; not "beard with gray" nor a gray-haired bystander)."""


def graying_lines(samples: list[Sample]) -> list[str]:
    """Per set, how many people ``generate`` draws gray or graying (the mean of their
    photos' gray share at ``GRAYING_FROM`` or more; each photo's share from the hair-color
    model refitted without its person): of the people with gray or white hair in most
    photos, of those with it in some photo or in the notes (:data:`GRAYING_NOTE`), and of
    the rest."""
    import numpy as np

    sys.path.insert(0, str(ROOT / "scripts"))
    from fit_measures import held_out_probabilities, tasks

    from facemoji.face.hair import GRAYING_FROM, GRAYS
    from facemoji.face.learned import _models

    task = next(t for t in tasks() if t.name == "hair_color")
    chosen, p = held_out_probabilities(task, samples, float(_models()["hair_color.strength"]))
    shares = p[:, np.isin(task.classes, GRAYS)].sum(axis=1)
    share = {(s.set, s.photo.file): float(v) for s, v in zip(chosen, shares, strict=True)}
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for (set_name, _), photos in _by_person(chosen, lambda s: True).items():
        grays = sum(s.label("hair_color") in GRAYS for s in photos)
        noted = any(GRAYING_NOTE.search(s.label("notes").lower()) for s in photos)
        group = ("gray" if grays > len(photos) / 2 else "graying" if grays or noted
                 else "other")
        tally = counts[set_name][group]
        tally[0] += np.mean([share[(s.set, s.photo.file)] for s in photos]) >= GRAYING_FROM
        tally[1] += 1
    words = {"gray": "people with gray hair in most photos",
             "graying": "people with gray in some photo or in the notes", "other": "others"}
    return [f"{name}: drawn gray or graying (gray share ≥ {GRAYING_FROM:g}, held out by "
            "person): " + "; ".join(f"{c[g][0]} of {c[g][1]} {words[g]}"
                                    for g in ("gray", "graying", "other") if c[g][1])
            for name, c in sorted(counts.items())]


def shirt_lines(samples: list[Sample]) -> list[str]:
    """Per set, for how many photos in a jacket (as measured) the top under it got a color,
    and for how many of those it is the jacket's own (``clothing.SAME_TOP``)."""
    lines = []
    for name in sorted({s.set for s in samples}):
        worn = [s.attributes for s in samples
                if s.set == name and s.attributes is not None and s.attributes.jacket]
        known = [a for a in worn if a.shirt_color.confidence > 0]
        same = sum(a.shirt_color.lab == a.clothing.lab for a in known)
        lines.append(f"{name}: the top under a jacket colored for {len(known)} of {len(worn)} "
                     f"photos in one ({same} of them in the jacket's own color)")
    return lines


def report(samples: list[Sample], stone: dict[str, int | None] | None,
           show_misses: bool) -> None:
    """Print every measure's table, the skin table, timing and (optionally) the misses."""
    misses: list[str] = []
    sets = sorted({s.set for s in samples})
    print("| measure | target | " + " | ".join(f"{n} as shipped | {n} held out" for n in sets)
          + " |")
    print("|---|---|" + "---|---|" * len(sets))
    by_skin = []
    for measure in measures():
        rows = evaluate(measure, samples, misses)
        result = tally(rows, lambda s: s.set)
        cells = []
        for name in sets:
            ok, held, n = result.get(name, (0, 0, 0))
            cells += [pct(ok, n), pct(held, n)]
        print(f"| {measure.name} | {measure.target} | " + " | ".join(cells) + " |")
        tones = tally(rows, skin_group)
        by_skin.append(f"| {measure.name} | " + " | ".join(
            pct(tones.get(g, (0, 0, 0))[1], tones.get(g, (0, 0, 0))[2])
            for g in ("Monk 1–4", "Monk 5–10")) + " |")
    print("\nHeld out, all sets together, by the labelled skin tone:\n")
    print("| measure | Monk 1–4 | Monk 5–10 |\n|---|---|---|")
    print("\n".join(by_skin))
    print()
    print("\n".join(skin_table(samples, stone)))
    print()
    print("\n".join(per_person(samples)))
    print("\n".join(held_back_smile(samples)))
    print("\n".join(held_back_hair(samples)))
    print("\n".join(graying_lines(samples)))
    print("\n".join(shirt_lines(samples)))
    print()
    print("\n".join(brow_table(samples)))
    found = [s for s in samples if s.attributes is not None]
    total = sorted(s.ms for s in found)
    own = sorted(s.ms_attributes for s in found)
    print(f"\nfaces found: {len(found)}/{len(samples)}; ms per photo, median (p90): detection "
          f"+ landmarks + attributes {statistics.median(total):.0f} "
          f"({total[int(0.9 * len(total))]:.0f}); attributes alone "
          f"{statistics.median(own):.0f} ({own[int(0.9 * len(own))]:.0f})")
    if show_misses:
        print("\nmisses:")
        for line in sorted(misses):
            print("  " + line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--refresh", action="store_true", help="measure again, no cache")
    parser.add_argument("--stone", metavar="VENV",
                        help="also score skin-tone-classifier from this virtualenv "
                             "(benchmarks/stone_skin.py builds it)")
    args = parser.parse_args()
    names = SETS if args.set == "all" else (args.set,)
    samples: list[Sample] = []
    for name in names:
        got = measure_set(name, args.refresh)
        if got is None:
            print(f"the {name} photos are not here; skipping that set")
            continue
        samples += got
    if not samples:
        return 0
    stone = None
    if args.stone:
        from stone_skin import stone_monk

        stone = stone_monk([s.photo.path for s in samples], Path(args.stone))
    report(samples, stone, args.misses)
    counts = Counter(s.set for s in samples)
    people = defaultdict(set)
    for s in samples:
        people[s.set].add(s.photo.person)
    print("\n" + "; ".join(f"{n}: {counts[n]} photos of {len(people[n])} people"
                           for n in sorted(counts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
