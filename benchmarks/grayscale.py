"""Black-and-white photos: are they found, and do they spoil a person's colors?

Each labelled photo's black-and-white copy (its luma, ``PIL.Image.convert("L")``) is
analysed beside the photo itself. Reported, per set:

- how many color photos and how many black-and-white copies ``is_grayscale`` calls black
  and white, and the least and the most ``color_spread`` of each;
- for people with two or more photos (their first three, as ``generate`` might get them),
  all in color, with the first one black and white, and all black and white: the fused
  hair-color name right against the photos' labels (``benchmarks/attributes.py``'s
  ``ACCEPT``; ``GRAYSCALE_ACCEPT`` when all are black and white, where red shows as
  brown or blonde), the fused eye color gray (chroma under 4), and the fused Monk
  score's error;
- for single photos, the hair color's name of the black-and-white copy (how many named
  black, the color model's answer to most of them before the black-and-white model), and
  the Monk score's error in color and in black and white.

Both are measured, and cached, by ``benchmarks/attributes.py``'s ``measure_set`` (the
copies with ``grayscale=True``). Run it with the code to judge on ``PYTHONPATH`` to
compare versions::

    python benchmarks/grayscale.py                      # faceset, portraits, shared
    PYTHONPATH=/tmp/old/src python benchmarks/grayscale.py

The hair-color names of the copies are also given held out by person (the
black-and-white model refitted without each person, over the copies of every set given),
where the code has that model. Sets whose photos are absent are skipped.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attributes import ACCEPT, GRAYSCALE_ACCEPT, Sample, held_out_predictions, measure_set
from labelled import black_and_white

GRAY_EYES = 4.0
"""Under this chroma a fused eye color is gray."""


@dataclass(frozen=True)
class Photo:
    """What ``facemoji.match.measured.fuse`` reads of one photo's analysis."""

    attributes: Any


def _spreads(sample: Sample) -> tuple[float, float]:
    """The color spread of ``sample``'s photo and of its black-and-white copy (NaN where the
    code has no ``color_spread``)."""
    from facemoji.face import image as images

    photo = images.load_image(sample.photo.path)
    gray = black_and_white(photo)
    spread = getattr(images, "color_spread", lambda _: float("nan"))
    return spread(photo), spread(gray)


def _monk_label(photos: list[Sample]) -> float | None:
    tones = [float(s.label("skin_tone")) for s in photos if s.label("skin_tone")]
    return statistics.mean(tones) if tones else None


def _hair_label(photos: list[Sample]) -> str | None:
    names = Counter(s.label("hair_color") for s in photos if s.label("hair_color") in ACCEPT)
    return names.most_common(1)[0][0] if names else None


def held_out_names(copies: list[Sample]) -> dict[tuple[str, str], Any]:
    """Per copy (``(set, file)``), its attributes with the hair's name that the
    black-and-white model refitted without the person gives (``held_out_predictions``);
    empty where the code has no such model."""
    from facemoji.face.learned import model

    if model("hair_color_bw") is None:
        return {}
    names = held_out_predictions("hair_color_bw", copies)
    return {key: dataclasses.replace(s.attributes, hair_name=names[key])
            for s in copies if (key := (s.set, s.photo.file)) in names}


def report(name: str, samples: list[Sample], bw_samples: list[Sample],
           held: dict[tuple[str, str], Any]) -> list[str]:
    """The lines for set ``name``: its photos, their black-and-white copies and the copies
    with held-out hair names (:func:`held_out_names`; photos it lacks keep theirs)."""
    from facemoji.match.measured import fuse

    found = [s for s in samples if s.attributes is not None]
    copies = {s.photo.file: s.attributes for s in bw_samples}
    held_copies = {f: held.get((name, f), a) for f, a in copies.items()}
    spreads = np.array([_spreads(s) for s in found])
    called = sum(bool(getattr(s.attributes, "grayscale", False)) for s in found)
    copies_called = sum(bool(getattr(c, "grayscale", False)) for c in copies.values() if c)
    lines = [f"{name}: color photos called black and white {called}/{len(found)} (color "
             f"spread {spreads[:, 0].min():.0f}–{spreads[:, 0].max():.0f}); black-and-white "
             f"copies called so {copies_called}/{sum(c is not None for c in copies.values())}"
             f" (spread {spreads[:, 1].min():.0f}–{spreads[:, 1].max():.0f})"]
    people: dict[str, list[Sample]] = defaultdict(list)
    for s in found:
        people[s.photo.person].append(s)
    variant_names = ("all in color", "first black and white", "all black and white",
                     "all black and white, names held out")
    tally: dict[str, Counter[str]] = {v: Counter() for v in variant_names}
    monk_errors: dict[str, list[float]] = {v: [] for v in variant_names}
    for photos in people.values():
        photos = photos[:3]
        if len(photos) < 2 or copies[photos[0].photo.file] is None:
            continue
        hair, monk = _hair_label(photos), _monk_label(photos)
        variants = {"all in color": [Photo(s.attributes) for s in photos],
                    "first black and white": [Photo(copies[photos[0].photo.file]),
                                              *(Photo(s.attributes) for s in photos[1:])],
                    "all black and white": [Photo(copies[s.photo.file]) for s in photos
                                            if copies[s.photo.file] is not None]}
        if held:
            variants["all black and white, names held out"] = [
                Photo(held_copies[s.photo.file]) for s in photos
                if held_copies[s.photo.file] is not None]
        for variant, analyses in variants.items():
            fused = fuse(analyses)
            t = tally[variant]
            t["people"] += 1
            if hair is not None:
                accept = GRAYSCALE_ACCEPT if variant.startswith("all black") else ACCEPT
                t["hair labelled"] += 1
                t["hair right"] += fused.hair_name in accept[hair]
            if "eyes" in fused.colors:
                t["eyes"] += 1
                t["gray eyes"] += float(np.hypot(*fused.colors["eyes"][0][1:])) < GRAY_EYES
            if monk is not None and fused.monk is not None:
                monk_errors[variant].append(abs(fused.monk - monk))
    for variant, t in tally.items():
        if t["people"]:
            lines.append(
                f"  {variant}: hair color right {t['hair right']}/{t['hair labelled']}, "
                f"eyes gray {t['gray eyes']}/{t['eyes']}, Monk error "
                f"{statistics.mean(monk_errors[variant] or [np.nan]):.2f} "
                f"({t['people']} people)")
    for which, analyses in (("", copies), (", names held out", held_copies if held else {})):
        named = [(s.label("hair_color"), analyses[s.photo.file].hair_name) for s in found
                 if analyses.get(s.photo.file) is not None
                 and s.label("hair_color") in GRAYSCALE_ACCEPT and s.label("hair_color") != "bald"]
        if named:
            right = sum(got in GRAYSCALE_ACCEPT[label] for label, got in named)
            lines.append(f"  one photo in black and white{which}: hair color right "
                         f"{right}/{len(named)} (black "
                         f"{sum(got == 'black' for _, got in named)}/{len(named)})")
    errors: dict[str, list[float]] = {"color": [], "black and white": []}
    for s in found:
        copy = copies[s.photo.file]
        if copy is None or not s.label("skin_tone"):
            continue
        label = float(s.label("skin_tone"))
        errors["color"].append(abs(s.attributes.monk_score - label))
        errors["black and white"].append(abs(copy.monk_score - label))
    lines.append("  one photo, Monk error: " + ", ".join(
        f"{k} {statistics.mean(v):.2f}" for k, v in errors.items() if v)
        + f" ({len(errors['color'])} photos)")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["faceset", "portraits", "shared"])
    args = parser.parse_args()
    here = {name: measure_set(name) for name in args.sets}
    copies = {name: measure_set(name, grayscale=True) or [] for name, got in here.items()
              if got is not None}
    held = held_out_names([s for got in copies.values() for s in got])
    for name, samples in here.items():
        if samples is None:
            print(f"{name}: photos absent, skipped")
            continue
        print("\n".join(report(name, samples, copies[name], held)), flush=True)
    if not copies:
        print("no labelled photos here; nothing measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
