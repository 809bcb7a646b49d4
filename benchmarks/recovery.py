"""In-domain recovery: can facemoji find the params of an avatar from its picture?

Random avatars of a style are rendered and used as the "photos": each is analysed like a
photo (face detection, attributes, dlib embedding), then an avatar is generated from it.
Printed: how often each choice feature is recovered exactly and each trait category
(glasses, facial hair, baldness, headwear) matches, the mean scalar error and the color
ΔE2000, for each method next to random avatars. Then the lineup sanity check: each of
63 avatars is used as its own reference. With the original normalized dot every avatar
scores exactly 1.0 against itself, yet need not rank itself first (another avatar with
a longer embedding can score above 1.0: a property of that score, not a bug); with
cosine it scores 1.0 and must rank first.

    python benchmarks/recovery.py [--n 12] [--methods random attributes search]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def lineup_sanity(style: str, metric: str, n: int = 63) -> tuple[int, float, float]:
    """Each of ``n`` avatars as its own reference against the ``n``-avatar lineup:
    (how many rank themselves first, lowest self-score, highest score of another)."""
    from facemoji import get_style
    from facemoji.face.embed import get_embedder
    from facemoji.match.lineup import rank
    from facemoji.match.objective import render_chip

    embedder = get_embedder("dlib")
    chosen = get_style(style)
    chips = np.stack([render_chip(chosen, chosen.schema.random(seed=s), embedder)
                      for s in range(n)])
    embeddings = embedder.embed_chips(chips).astype(np.float64)
    firsts, worst_self, best_other = 0, np.inf, -np.inf
    for i in range(n):
        scores = rank(embeddings[i : i + 1], embeddings, metric)[:, 0]
        firsts += int(np.argmax(scores)) == i
        worst_self = min(worst_self, float(scores[i]))
        best_other = max(best_other, float(np.delete(scores, i).max()))
    return firsts, worst_self, best_other


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=12, help="avatars to recover")
    parser.add_argument("--style", default="facemoji")
    parser.add_argument("--methods", nargs="+", default=["random", "attributes", "search"])
    parser.add_argument("--budget", type=int, default=None)
    args = parser.parse_args()
    if not SHARED.is_dir():  # the same skip rule as the other benchmarks
        print(f"skipped: {SHARED} not found")
        return 0
    from skimage.color import deltaE_ciede2000

    from facemoji import get_style
    from facemoji.avatar.color import hex_to_lab
    from facemoji.avatar.render import render
    from facemoji.errors import NoFaceFound
    from facemoji.face.analyze import analyze
    from facemoji.match.generate import generate
    from facemoji.match.mapping import mapping_for

    chosen = get_style(args.style)
    schema = chosen.schema
    traits = mapping_for(args.style).traits
    truths = [schema.random(seed=1000 + i) for i in range(args.n)]
    analyses, misses = [], 0
    for params in truths:
        try:
            analyses.append(analyze(render(params, 512)))
        except NoFaceFound:
            analyses.append(None)
            misses += 1
    print(f"{args.n} random '{args.style}' avatars; analysis found no face in {misses}")
    choices = [f.name for f in schema.features if f.kind == "choice"]
    scalars = [f.name for f in schema.features if f.kind == "scalar"]
    colors = [f.name for f in schema.features if f.kind == "color" and f.follows is None]
    rows: dict[str, dict[str, float]] = {}
    for method in args.methods:
        hits: dict[str, list[float]] = defaultdict(list)
        seconds = []
        for i, (truth, analysis) in enumerate(zip(truths, analyses, strict=True)):
            if analysis is None:
                continue
            t0 = time.perf_counter()
            if method == "random":
                got = schema.random(seed=5000 + i)
            else:
                got = generate([analysis], style=args.style, method=method,
                               budget=args.budget, seed=i).params
            seconds.append(time.perf_counter() - t0)
            for name in choices:
                hits[name].append(float(got[name] == truth[name]))
            for key, value in traits(truth).items():
                hits[f"trait:{key}"].append(float(traits(got)[key] == value))
            hits["scalar |error|"].append(float(np.mean(
                [abs(got.scalar(s) - truth.scalar(s)) for s in scalars])))
            for name in colors:
                lab_got, lab_true = hex_to_lab(got.color(name)), hex_to_lab(truth.color(name))
                hits[f"ΔE {name}"].append(float(deltaE_ciede2000(lab_got, lab_true)))
        rows[method] = {k: float(np.mean(v)) for k, v in hits.items()}
        rows[method]["s/avatar"] = float(np.mean(seconds))
    print("\n| measure | " + " | ".join(args.methods) + " |")
    print("|---|" + "---|" * len(args.methods))
    for key in rows[args.methods[0]]:
        print(f"| {key} | " + " | ".join(f"{rows[m][key]:.2f}" for m in args.methods) + " |")
    print("\nlineup sanity (63 avatars, each its own reference):")
    for metric in ("normalized-dot", "cosine"):
        firsts, worst_self, best_other = lineup_sanity(args.style, metric)
        print(f"- {metric}: {firsts}/63 rank themselves first; lowest self-score "
              f"{worst_self:.4f}; highest score of another avatar {best_other:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
