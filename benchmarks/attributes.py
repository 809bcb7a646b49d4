"""Attribute accuracy and speed on the labelled photos of ../shared/data/faces.

    python benchmarks/attributes.py           # accuracy, timing and the list of misses
    python benchmarks/attributes.py --norms   # population mean/sd of the geometry ratios
    python benchmarks/attributes.py --light   # Monk tone of dim / tinted copies vs original
    python benchmarks/attributes.py --fit     # refit the hair thresholds and the skin gain,
                                              # in-sample and leave-one-person-out
    python benchmarks/attributes.py --scale 0.5  # the photos shrunk first: how accuracy
                                                 # depends on the face's size in pixels

Runs detection + landmarks (``facemoji.face.detect.detect_face``) and
``facemoji.face.attributes.measure`` on every photo of ``labels.csv``, on one core, and
compares with the labels by eye (the largest face; for group photos the labels describe the
named primary face, which is not always the largest).
Skips (exit 0) where the shared folder is absent.
"""

from __future__ import annotations

import argparse
import collections
import csv
import operator
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as in the target

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FACES = SHARED / "data" / "faces"

# the names a labelled color may get and still count as right (neighbours count)
ACCEPT = {
    "black": {"black"}, "dark_brown": {"black", "brown"}, "brown": {"brown"},
    "light_brown": {"brown", "blonde"}, "blonde": {"blonde"}, "red": {"red", "auburn"},
    "auburn": {"red", "auburn", "brown"}, "gray": {"gray"}, "white": {"white", "gray"},
    "bald": {"bald"},
}


def _rows() -> list[dict[str, str]]:
    with open(FACES / "labels.csv", newline="") as fh:
        return list(csv.DictReader(fh))


def _run(rows: list[dict[str, str]], scale: float = 1.0
         ) -> list[tuple[dict[str, str], object, float, float]]:
    """(row, attributes or None, ms for detection + landmarks + attributes, ms attributes);
    each photo shrunk by ``scale`` first (area averaging)."""
    import cv2
    import numpy as np

    from facemoji.errors import NoFaceFound
    from facemoji.face.attributes import measure
    from facemoji.face.detect import detect_face
    from facemoji.face.geometry import inter_ocular
    from facemoji.face.image import load_image

    cv2.setNumThreads(1)
    results, iods = [], []
    for row in rows:
        image = load_image(FACES / row["file"])
        if scale != 1.0:
            image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        start = time.perf_counter()
        try:
            detection, _ = detect_face(image, name=row["file"])
        except NoFaceFound:
            results.append((row, None, 0.0, 0.0))
            continue
        middle = time.perf_counter()
        attributes = measure(image, detection)
        end = time.perf_counter()
        results.append((row, attributes, (end - start) * 1000, (end - middle) * 1000))
        iods.append(inter_ocular(detection.landmarks))
    print(f"photos shrunk by {scale}: pixels between the eyes, median "
          f"{statistics.median(iods):.0f}, 10th percentile {np.percentile(iods, 10):.0f}")
    return results


def _pct(hits: int, total: int) -> str:
    return f"{hits}/{total} = {100 * hits / total:.1f}%" if total else "n/a"


MIN_PHOTOS = 3
"""The fewest photos of a person for the fused hair figure (generate is given several)."""


def _fused_hair(hair: list[tuple[dict[str, str], object]]) -> tuple[int, int]:
    """(hits, photos): each photo scored by the name of its person's fused hair color.

    ``generate`` merges a person's photos with ``match.initial.fuse`` (the median CIELAB);
    the avatar shows that one color, so this is the hair color a user sees.
    """
    from types import SimpleNamespace

    from facemoji.face.hair import name_hair
    from facemoji.match.initial import fuse

    people = collections.defaultdict(list)
    for row, attrs in hair:
        people[_person(row)].append((row, attrs))
    hits = total = 0
    for photos in people.values():
        if len(photos) < MIN_PHOTOS:
            continue
        lab = fuse([SimpleNamespace(attributes=a) for _, a in photos]).colors["hair"][0]
        name = name_hair(tuple(lab))
        hits += sum(name in ACCEPT[row["hair_color"]] for row, _ in photos)
        total += len(photos)
    return hits, total


def _tally(found: list, tag: str, column: str, measured, right, misses: list[str]) -> int:
    """How many photos of ``found`` (row, attributes) the measure is ``right`` about
    (``right(label in column, measured(attributes))``); a line for each miss goes to
    ``misses``."""
    hits = 0
    for row, attrs in found:
        if right(row[column], measured(attrs)):
            hits += 1
        else:
            misses.append(f"{tag:8} {row['file']}: label {row[column]}, "
                          f"got {measured(attrs)}")
    return hits


def report(results: list[tuple[dict[str, str], object, float, float]]) -> None:
    """Print the accuracy figures and the misses."""
    found = [(row, a) for row, a, _, _ in results if a is not None]
    misses: list[str] = []
    print(f"photos: {len(results)}; detection rate: {_pct(len(found), len(results))}")

    hair = [(r, a) for r, a in found if r["hair_color"] in ACCEPT]
    hair_ok = _tally(hair, "hair", "hair_color", lambda a: a.hair_name,
                     lambda label, got: got in ACCEPT[label], misses)
    print(f"hair color (neighbours count): {_pct(hair_ok, len(hair))}")
    fused_ok, fused_n = _fused_hair(hair)
    print(f"hair color fused over each person's photos as generate does, people with "
          f"{MIN_PHOTOS}+ photos: {_pct(fused_ok, fused_n)}")
    red = [(r, a) for r, a in found if r["hair_color"] in ("red", "auburn")]
    red_ok = sum(a.hair_name in ("red", "auburn") for r, a in red)
    print(f"red/auburn recall: {_pct(red_ok, len(red))}")

    errors = [(abs(a.monk - int(r["skin_tone"])), int(r["skin_tone"])) for r, a in found]
    dark = [e for e, t in errors if t >= 5]
    print(f"skin tone MAE (Monk steps): {statistics.mean(e for e, _ in errors):.2f} overall, "
          f"{statistics.mean(dark):.2f} for Monk >= 5 (n={len(dark)}), "
          f"within 1 step: {_pct(sum(e <= 1 for e, _ in errors), len(errors))}")
    for r, a in found:
        if abs(a.monk - int(r["skin_tone"])) >= 2:
            misses.append(f"skin     {r['file']}: label {r['skin_tone']}, got {a.monk}")

    glasses_ok = _tally(found, "glasses", "glasses", lambda a: a.glasses, operator.eq, misses)
    print(f"glasses: {_pct(glasses_ok, len(found))}")

    beard_ok = _tally(found, "facial", "facial_hair", lambda a: a.facial_hair,
                      lambda label, got: label == "stubble"
                      or (got != "none") == (label != "none"), misses)
    print(f"facial hair, none vs any (stubble either way): {_pct(beard_ok, len(found))}")

    hat_ok = _tally(found, "headwear", "headwear", lambda a: a.headwear,
                    lambda label, got: (got != "none") == (label != "none"), misses)
    print(f"headwear, none vs any: {_pct(hat_ok, len(found))}")
    total = sorted(ms for _, a, ms, _ in results if a is not None)
    own = sorted(ms for _, a, _, ms in results if a is not None)
    print(f"ms per photo, median (p90): detection + landmarks + attributes "
          f"{statistics.median(total):.0f} ({total[int(0.9 * len(total))]:.0f}); "
          f"attributes alone {statistics.median(own):.0f} ({own[int(0.9 * len(own))]:.0f})")
    print("\nmisses:")
    for line in sorted(misses):
        print("  " + line)


def norms(results: list[tuple[dict[str, str], object, float, float]]) -> None:
    """Print the mean and sd of each geometry ratio over the frontal photos."""
    from facemoji.face.geometry import KEYS

    frontal = [a for r, a, _, _ in results if a is not None and r["frontal"] == "yes"]
    print(f"geometry norms over {len(frontal)} frontal photos:")
    for key in KEYS:
        values = [a.geometry[key] for a in frontal]
        print(f'    "{key}": ({statistics.mean(values):.4g}, {statistics.stdev(values):.3g}),')


LIGHTS = {"dim x0.6": (0.6, 0.6, 0.6), "warm": (1.12, 1.0, 0.82), "cool": (0.85, 0.95, 1.15)}


def light(rows: list[dict[str, str]]) -> None:
    """Print how much the Monk tone moves on dimmed and tinted copies of each photo."""
    import numpy as np

    from facemoji.errors import NoFaceFound
    from facemoji.face.attributes import measure
    from facemoji.face.detect import detect_face
    from facemoji.face.image import load_image

    shifts: dict[str, list[int]] = {name: [] for name in LIGHTS}
    for row in rows:
        image = load_image(FACES / row["file"])
        try:
            detection, _ = detect_face(image, name=row["file"])
        except NoFaceFound:
            continue
        base = measure(image, detection).monk
        for name, gains in LIGHTS.items():
            copy = np.clip(image * np.array(gains), 0, 255).astype(np.uint8)
            shifts[name].append(abs(measure(copy, detection).monk - base))
    for name, values in shifts.items():
        print(f"{name}: mean |Monk shift| {statistics.mean(values):.2f}, "
              f"within 1 step {_pct(sum(v <= 1 for v in values), len(values))}")


# --fit: the grids searched for the fitted numbers (hair: the person segmenter's crop width
# and probability, the lit-strand percentile and three lightness thresholds; skin: the Monk
# lightness gain)
HAIR_GRID = {"crop": (5.0, 6.0, 8.0), "person": (0.5, 0.7, 0.9),
             "lit": (40.0, 50.0, 60.0, 70.0),
             "black": (10.0, 15.0, 20.0, 25.0),
             "black_dull": (25.0, 30.0, 35.0, 40.0, 45.0),
             "blonde": (40.0, 45.0, 50.0, 55.0, 60.0)}
_REGION = ("crop", "person", "lit")  # the grid keys that choose the hair pixels
GAINS = tuple(round(1.0 + 0.02 * i, 2) for i in range(31))
# skin tone measurement variants: (sclera strength, relative to the typical sclera tint or to
# gray, L* percentiles kept)
TONE_VARIANTS = tuple((strength, tinted, window) for strength in (0.0, 0.5, 1.0)
                      for tinted in (False, True)
                      for window in ((20.0, 90.0), (40.0, 95.0), (50.0, 90.0)))


def _person(row: dict[str, str]) -> str:
    """The group a photo is held out with: its person (group photos each on their own)."""
    folder = row["file"].split("/")[0]
    return row["file"] if folder.startswith("_") else folder


def _fit_samples(rows: list[dict[str, str]]) -> list[tuple[dict[str, str], object, dict]]:
    """Per photo: (row, {(crop width, person threshold): hair pixels in CIELAB, or None when
    bald},
    {tone variant: the skin tone's CIELAB}).

    The variant ``"held-out tint"`` is the default measurement with the typical sclera tint
    recomputed without the photo's person (the median cast of the other people's photos).
    """
    import numpy as np

    from facemoji.face.chip import CHIP_H, CHIP_W, make_chip
    from facemoji.face.detect import detect_face
    from facemoji.face.hair import hair_region, measure_hair, skin_likeness
    from facemoji.face.image import load_image
    from facemoji.face.person import CROP_IOD, person_probability, portrait_matrix, to_frame
    from facemoji.face.skin import (
        SCLERA_TINT,
        TONE_PERCENTILES,
        TONE_SCLERA_STRENGTH,
        measure_skin,
        sclera_cast,
        tone_color,
        white_balance_gains,
    )

    photos = []
    for row in rows:
        image = load_image(FACES / row["file"])
        landmarks = detect_face(image, name=row["file"])[0].landmarks
        photos.append((row, image, landmarks, sclera_cast(image, landmarks)))
    groups = [_person(row) for row, _, _, _ in photos]
    samples = []
    for (row, image, landmarks, cast), group in zip(photos, groups, strict=True):
        gains = white_balance_gains(image, cast)
        chip = make_chip(image, landmarks, gains)
        skin, _ = measure_skin(chip)
        skin_like = skin_likeness(chip, skin)
        persons = {}
        for width in HAIR_GRID["crop"]:
            crop = portrait_matrix(landmarks, width)
            persons[width] = to_frame(person_probability(image, crop), crop, chip.matrix,
                                      (CHIP_W, CHIP_H))
        bald = measure_hair(chip, skin, persons[CROP_IOD]).bald  # the segmenter plays no part
        hair = {(width, t): None if bald else chip.lab[hair_region(chip, skin_like, person, t)]
                for width, person in persons.items() for t in HAIR_GRID["person"]}
        tones = {}
        for strength, tinted, window in TONE_VARIANTS:
            tone = white_balance_gains(image, cast / SCLERA_TINT if tinted else cast, strength)
            tones[strength, tinted, window] = np.array(
                tone_color(chip, tone / gains, 1.0, window)[0].lab)
        tint = np.median([c for (_, _, _, c), g in zip(photos, groups, strict=True)
                          if g != group], axis=0)
        tone = white_balance_gains(image, cast / tint, TONE_SCLERA_STRENGTH)
        tones["held-out tint"] = np.array(tone_color(chip, tone / gains, 1.0,
                                                     TONE_PERCENTILES)[0].lab)
        samples.append((row, hair, tones))
    return samples


def _hair_lab(pixels: object, lit: float) -> object:
    """The hair color of ``pixels`` at the ``lit`` percentile, or the name it must get
    without a color (``bald``; ``other`` when nothing was found)."""
    from facemoji.face.hair import hair_color

    if pixels is None:
        return "bald"
    return hair_color(pixels, 1.0, lit).lab if len(pixels) else "other"


def _leave_one_person_out(groups: list[str], score, candidates: list,
                          picks: list | None = None) -> list[float]:
    """Per photo, its score under the candidates that score best on the other people.

    Where several candidates tie on the other people, the fold cannot tell them apart: the
    photo gets their mean score, so the figure does not depend on the grid's order. Each
    fold's tied best candidates are appended to ``picks`` (a list per fold) when given.
    """
    held = [0.0] * len(groups)
    for group in sorted(set(groups)):
        train = [i for i, g in enumerate(groups) if g != group]
        scores = [score(c, train) for c in candidates]
        tied = [c for c, s in zip(candidates, scores, strict=True) if s == max(scores)]
        if picks is not None:
            picks.append(tied)
        for i, g in enumerate(groups):
            if g == group:
                held[i] = sum(score(c, [i]) for c in tied) / len(tied)
    return held


def _choices(picks: list) -> str:
    """How often the folds chose each candidate (a tie counts for each tied), most often
    first."""
    counts = collections.Counter(str(c) for tied in picks for c in tied)
    ties = sum(len(tied) > 1 for tied in picks)
    return "; ".join(f"{n}x {c}" for c, n in counts.most_common()) + f" ({ties} folds tied)"


def fit(rows: list[dict[str, str]]) -> None:
    """Refit the hair naming thresholds and the skin gain; print in-sample and held-out."""
    import itertools

    import numpy as np
    from skimage.color import deltaE_ciede2000

    from facemoji.face.hair import LIT, PERSON, HairNaming, name_hair
    from facemoji.face.person import CROP_IOD
    from facemoji.face.skin import (
        _MONK_LAB,
        LIGHTNESS_GAIN,
        TONE_PERCENTILES,
        TONE_SCLERA_STRENGTH,
    )

    everything = _fit_samples(rows)
    samples = [s for s in everything if s[0]["hair_color"] in ACCEPT]
    groups = [_person(r) for r, _, _ in samples]
    colors = {(w, t, lit): [_hair_lab(hair[w, t], lit) for _, hair, _ in samples]
              for w in HAIR_GRID["crop"] for t in HAIR_GRID["person"] for lit in HAIR_GRID["lit"]}
    candidates = [dict(zip(HAIR_GRID, v, strict=True))
                  for v in itertools.product(*HAIR_GRID.values())]
    default = {"crop": CROP_IOD, "person": PERSON, "lit": LIT,
               **{k: getattr(HairNaming(), k) for k in HAIR_GRID if k not in _REGION}}

    def hair_name(c: dict[str, float], lab: object) -> str:
        if isinstance(lab, str):
            return lab
        return name_hair(lab, HairNaming(**{k: v for k, v in c.items() if k not in _REGION}))

    def right(c: dict[str, float]) -> np.ndarray:
        labs = colors[tuple(c[k] for k in _REGION)]
        return np.array([hair_name(c, lab) in ACCEPT[row["hair_color"]]
                         for lab, (row, _, _) in zip(labs, samples, strict=True)])

    hits = np.array([right(c) for c in candidates])  # (candidate, photo)
    n = len(samples)
    everyone = list(range(n))
    best = candidates[int(hits.sum(axis=1).argmax())]
    picks: list = []
    held = _leave_one_person_out(groups, lambda c, idx: hits[c, idx].sum(),
                                 list(range(len(candidates))), picks)
    picks = [[candidates[c] for c in tied] for tied in picks]
    print(f"hair names over {n} photos, {len(set(groups))} held-out groups")
    print(f"  defaults {default}: in-sample {_pct(int(right(default).sum()), n)}")
    print(f"  best of grid {best}: in-sample {_pct(int(right(best).sum()), n)}")
    print(f"  leave-one-person-out (grid refitted without each person, ties averaged): "
          f"{sum(held):.1f}/{n} = {100 * sum(held) / n:.1f}%")
    print(f"  folds chose: {_choices(picks)}")
    fused_held = fused_n = 0
    for group, tied in zip(sorted(set(groups)), picks, strict=True):
        idx = [i for i, g in enumerate(groups) if g == group]
        if len(idx) < MIN_PHOTOS:
            continue
        for pick in tied:  # ties share the fold's photos, as above
            labs = [colors[tuple(pick[k] for k in _REGION)][i] for i in idx]
            labs = [lab for lab in labs if not isinstance(lab, str)]
            name = hair_name(pick, tuple(np.median(labs, axis=0)) if labs else "other")
            fused_held += sum(name in ACCEPT[samples[i][0]["hair_color"]] for i in idx) / len(tied)
        fused_n += len(idx)
    print(f"  fused over each person's {MIN_PHOTOS}+ photos (as generate does), held out: "
          f"{fused_held:.1f}/{fused_n} = {100 * fused_held / fused_n:.1f}%")

    tones = np.array([int(r["skin_tone"]) for r, _, _ in everything])
    groups = [_person(r) for r, _, _ in everything]
    dark = tones >= 5
    errors = {}
    for variant in (*TONE_VARIANTS, "held-out tint"):
        for gain in GAINS:
            lab = np.array([t[variant] for _, _, t in everything])
            lab[:, 0] = np.minimum(100.0, lab[:, 0] * gain)
            near = deltaE_ciede2000(np.repeat(lab[:, None], 10, 1),
                                    np.broadcast_to(_MONK_LAB, (len(lab), 10, 3))).argmin(1) + 1
            errors[variant, gain] = np.abs(near - tones)

    def balanced(choice: tuple, idx: list[int]) -> float:
        # minus the mean of the light and the dark photos' MAE: the 91 light photos must
        # not decide alone
        e, d = errors[choice][idx], dark[idx]
        return -float(np.mean([e[m].mean() for m in (d, ~d) if m.any()]))

    everyone = list(range(len(tones)))
    default = ((TONE_SCLERA_STRENGTH, True, TONE_PERCENTILES),
               min(GAINS, key=lambda g: abs(g - LIGHTNESS_GAIN)))
    variants = [c for c in errors if c[0] != "held-out tint"]
    best = max(variants, key=lambda c: balanced(c, everyone))

    def held_out(choices: list, picks: list | None = None) -> np.ndarray:
        return -np.array(_leave_one_person_out(groups, balanced, choices, picks))

    gain_picks: list = []
    rows_out = [
        ("defaults " + str(default), errors[default]),
        ("best of grid " + str(best), errors[best]),
        ("leave-one-person-out, gain refitted",
         held_out([(default[0], g) for g in GAINS], gain_picks)),
        ("the same, sclera tint also refitted",
         held_out([("held-out tint", g) for g in GAINS])),
        ("leave-one-person-out, variant and gain refitted", held_out(variants)),
        ("previous method (0.5 of the cast to gray, 20-90th percentile), gain refitted",
         held_out([((0.5, False, (20.0, 90.0)), g) for g in GAINS])),
    ]
    for name, e in rows_out:
        print(f"skin tone, {name}: MAE {e.mean():.2f}, Monk >= 5 {e[dark].mean():.2f} "
              f"(n={dark.sum()}), within 1 step {_pct(int((e <= 1).sum()), len(e))}")
    print(f"  gain folds chose: {_choices([[g for _, g in tied] for tied in gain_picks])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--norms", action="store_true", help="print geometry norms instead")
    parser.add_argument("--light", action="store_true", help="Monk tone under dim/tinted light")
    parser.add_argument("--tone-strength", type=float, default=None,
                        help="override facemoji.face.skin.TONE_SCLERA_STRENGTH")
    parser.add_argument("--gain", type=float, default=None,
                        help="override facemoji.face.skin.LIGHTNESS_GAIN")
    parser.add_argument("--fit", action="store_true",
                        help="refit hair thresholds and skin gain, with a held-out check")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="shrink each photo by this factor first (area averaging)")
    parser.add_argument("--sclera-strength", type=float, default=None,
                        help="override facemoji.face.skin.SCLERA_STRENGTH (the chip's "
                             "white balance; the skin tone's is --tone-strength)")
    args = parser.parse_args()
    from facemoji.face import skin

    if args.sclera_strength is not None:
        skin.SCLERA_STRENGTH = args.sclera_strength
    if args.tone_strength is not None:
        skin.TONE_SCLERA_STRENGTH = args.tone_strength
    if args.gain is not None:
        skin.LIGHTNESS_GAIN = args.gain
    if not (FACES / "labels.csv").is_file():
        print(f"skipped: {FACES} not found")
        return 0
    if args.light:
        light(_rows())
        return 0
    if args.fit:
        fit(_rows())
        return 0
    results = _run(_rows(), args.scale)
    (norms if args.norms else report)(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
