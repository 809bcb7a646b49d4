"""How long the default ``facemoji.generate`` takes for three photos of one person.

    taskset -c 1 python benchmarks/generate_speed.py            # one core, as in the target
    taskset -c 1 python benchmarks/generate_speed.py --people 8

The people of ``../shared/data/faces`` with at least three single-face photos, in name
order; each person's first three photos go through ``facemoji.generate`` with the
defaults (analysis included). The first call in the process also loads the models and is
reported on its own; the rest are "warm", the case of a server or a batch. Skips (exit 0)
where ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from labelled import load


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=6, help="how many people (default 6)")
    args = parser.parse_args()
    photos = load("shared", single_face=True)
    if photos is None:
        print("../shared/data/faces is not here; nothing measured")
        return 0
    by_person: dict[str, list[Path]] = {}
    for photo in photos:
        by_person.setdefault(photo.person, []).append(photo.path)
    people = sorted(p for p, paths in by_person.items() if len(paths) >= 3)[: args.people]

    import cv2

    cv2.setNumThreads(1)
    start = time.perf_counter()
    import facemoji

    imported = time.perf_counter() - start
    seconds = []
    for person in people:
        start = time.perf_counter()
        facemoji.generate([str(p) for p in sorted(by_person[person])[:3]])
        seconds.append(time.perf_counter() - start)
        print(f"{person}: {seconds[-1]:.2f} s", flush=True)
    warm = seconds[1:]
    print(f"\nimport {imported:.2f} s; first generate in the process {seconds[0]:.2f} s "
          f"(model loading); warm, {len(warm)} people: median {statistics.median(warm):.2f} s, "
          f"{min(warm):.2f}-{max(warm):.2f} s; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
