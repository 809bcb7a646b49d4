"""Identity on real photos: is a person's avatar recognisable as that person?

For every person in ``../shared/data/faces`` with at least 4 single-face photos, an avatar
is generated from 3 photos; the avatar PNG is then treated as a user would: the face is
detected in it (HOG, then CNN; no face = a miss) and embedded with dlib. Each remaining
photo of the person is assigned to the nearest avatar (euclidean); top-1 is the fraction
assigned to their own person's avatar. Printed per method with chance, random avatars
and the original method (greedy over choices by normalized dot only, from defaults) as
baselines, plus face-detection rate in avatars, skin/hair ΔE2000 to the measurement and
seconds per person (wall, and CPU time including generate's embedding workers: the
machine may be shared; run under ``taskset -c 0`` for one core). Photo analysis is done
once beforehand and is not included.

    python benchmarks/identity.py [--methods random original attributes search greedy
                                   greedy-all greedy-shape] [--shape F1,F2,...]
                                  [--style facemoji] [--people N] [--budget N]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FACES = SHARED / "data" / "faces"


def people(min_photos: int = 4) -> dict[str, list[Path]]:
    """person → sorted single-face photo paths, for people with enough photos."""
    by_person: dict[str, list[Path]] = defaultdict(list)
    with open(FACES / "labels.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["face_count"] == "1" and not row["file"].startswith("_"):
                by_person[row["file"].split("/")[0]].append(FACES / row["file"])
    return {p: sorted(f) for p, f in sorted(by_person.items()) if len(f) >= min_photos}


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (generate's embedding
    workers, on a machine with more than one usable core)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def avatar_embedding(png: np.ndarray, embedder: Any) -> np.ndarray | None:
    """Embed an avatar image as a user would: detect the face first (None: no face)."""
    from facemoji.face.detect import detect_faces

    faces = detect_faces(png, method="auto")
    if not faces:
        return None
    return embedder.embed_batch([png], [faces[0].landmarks])[0]


def make_avatar(
    method: str, analyses: list[Any], style: str, budget: int | None, seed: int,
    shape: list[str] | None = None,
) -> tuple[Any, float]:
    """(params, wall seconds) for one person by ``method`` (or a baseline).

    ``greedy-all`` is greedy with the identity term for every feature (the default
    before it was limited to the style's shape features); ``greedy-shape`` gives it to
    the features in ``shape`` only. Both shortlist 3 options per feature, one round.
    """
    from facemoji import get_style
    from facemoji.match.generate import GREEDY_SHORTLIST, generate
    from facemoji.match.greedy import greedy
    from facemoji.match.mapping import initial_params
    from facemoji.match.objective import Objective, Weights

    t0 = time.perf_counter()
    if method == "random":
        return get_style(style).schema.random(seed=seed), 0.0
    if method == "original":
        chosen = get_style(style)
        objective = Objective(analyses, chosen, metric="normalized-dot",
                              weights=Weights(identity=1.0, color=0.0, geometry=0.0, attributes=0.0,
                                              prior=0.0, rarity=0.0))
        choices = [f.name for f in chosen.schema.features if f.kind == "choice"]
        found = greedy(objective, chosen.schema.defaults(), order=choices, rounds=1)
        return found.params, time.perf_counter() - t0
    if method in ("greedy-all", "greedy-shape"):
        chosen = get_style(style)
        objective = Objective(analyses, chosen)
        names = chosen.schema.names if method == "greedy-all" else shape or []
        found = greedy(objective, initial_params(objective.measured, chosen.schema), rounds=1,
                       shortlist=dict.fromkeys(names, GREEDY_SHORTLIST))
        return found.params, time.perf_counter() - t0
    result = generate(analyses, style=style, method=method, budget=budget, seed=seed)
    return result.params, result.seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--methods", nargs="+",
                        default=["random", "original", "attributes", "search", "greedy"])
    parser.add_argument("--style", default="facemoji")
    parser.add_argument("--people", type=int, default=0, help="at most N people (0: all)")
    parser.add_argument("--budget", type=int, default=None)
    parser.add_argument("--shape", default="",
                        help="greedy-shape: comma-separated features that get identity")
    args = parser.parse_args()
    if not FACES.is_dir():
        print(f"skipped: {FACES} not found")
        return 0
    from skimage.color import deltaE_ciede2000

    from facemoji.avatar.color import hex_to_lab
    from facemoji.avatar.render import render
    from facemoji.face.analyze import analyze
    from facemoji.face.embed import get_embedder
    from facemoji.match.mapping import mapping_for
    from facemoji.match.measured import fuse

    embedder = get_embedder("dlib")
    chosen = people()
    if args.people:
        chosen = dict(list(chosen.items())[: args.people])
    names = list(chosen)
    print(f"{len(names)} people with >= 4 photos; chance top-1 = {1 / len(names):.3f}")
    t0 = time.perf_counter()
    refs, probes = {}, {}
    for name in names:
        analyses = [analyze(str(p)) for p in chosen[name]]
        refs[name], probes[name] = analyses[:3], [a.embedding for a in analyses[3:]]
    print(f"analysed {sum(len(v) for v in chosen.values())} photos in "
          f"{time.perf_counter() - t0:.0f} s")
    mapping = mapping_for(args.style)
    print("\n| method | style | top-1 | faces found in avatars | skin ΔE | hair ΔE | s/person "
          "| CPU s/person |")
    print("|---|---|---|---|---|---|---|---|")
    for method in args.methods:
        embs, seconds, cpu, d_skin, d_hair = {}, [], [], [], []
        for i, name in enumerate(names):
            c0 = cpu_seconds()
            params, secs = make_avatar(method, refs[name], args.style, args.budget, seed=i,
                                       shape=[f for f in args.shape.split(",") if f])
            cpu.append(cpu_seconds() - c0)
            seconds.append(secs)
            embs[name] = avatar_embedding(render(params, 512), embedder)
            measured = fuse(refs[name])
            for key, out in (("skin", d_skin), ("hair", d_hair)):
                if key in measured.colors and key in mapping.colors:
                    lab = hex_to_lab(params.color(mapping.colors[key]))
                    out.append(float(deltaE_ciede2000(lab, measured.colors[key][0])))
        found = [n for n in names if embs[n] is not None]
        hits = total = 0
        for name in names:
            for probe in probes[name]:
                total += 1
                if name not in found:
                    continue
                d = [np.linalg.norm(embs[n] - probe) for n in found]
                hits += found[int(np.argmin(d))] == name
        fmt = lambda v: f"{np.median(v):.1f} (max {np.max(v):.1f})" if v else "n/a"  # noqa: E731
        print(f"| {method} | {args.style} | {hits / total:.2f} ({hits}/{total}) | "
              f"{len(found)}/{len(names)} | {fmt(d_skin)} | {fmt(d_hair)} | "
              f"{np.mean(seconds):.2f} | {np.mean(cpu):.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
