"""How long a whole ``facemoji`` command takes from a cold start, as a user's shell runs it.

    taskset -c 1 .venv/bin/python benchmarks/cold_cli.py [--runs 5]

Each run is a fresh ``facemoji analyze PHOTO`` or ``facemoji generate PHOTO -o DIR``
process (Python start-up, imports, model loads and the work itself), timed by wall clock;
the table gives the median and the range over ``--runs`` runs. The photos are made here
so anyone can rerun this: ``noface_12mp.jpg`` (a 4032 × 3024 photo of a cup of coffee, the
detector's slowest case, from ``benchmarks/memory.py``) and scikit-image's astronaut.
Issue 11's target: a photo without a face fails in at most 2 s.
Results go to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from skimage import data

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import INPUTS


def _facemoji() -> str:
    return str(Path(sys.executable).with_name("facemoji"))


def _time(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})
    return time.perf_counter() - start, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        noface = Path(tmp) / "noface_12mp.jpg"
        INPUTS[noface.name](noface)
        face = Path(tmp) / "astronaut.png"
        Image.fromarray(data.astronaut()).save(face)
        commands = {
            "analyze, no face (12 MP)": ["analyze", str(noface)],
            "generate, no face (12 MP)": ["generate", str(noface), "-o", f"{tmp}/out"],
            "analyze, astronaut": ["analyze", str(face)],
            "generate, astronaut": ["generate", str(face), "-o", f"{tmp}/out", "--force"],
        }
        print(f"load: {os.getloadavg()[0]:.1f} (1-min average); {args.runs} runs each")
        print(f"{'command':<28} {'median s':>9} {'min s':>6} {'max s':>6}  exit")
        for label, command in commands.items():
            runs = [_time([_facemoji(), *command]) for _ in range(args.runs)]
            seconds = [s for s, _ in runs]
            print(f"{label:<28} {statistics.median(seconds):>9.2f} {min(seconds):>6.2f} "
                  f"{max(seconds):>6.2f}  {sorted({rc for _, rc in runs})}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
