"""Peak memory and time of one photo, per input, each in a fresh process.

For every input below, a new Python process loads the face models on a small photo (as a
web worker does when it starts), then runs ``facemoji.load_image`` or
``facemoji.analyze`` on the input, and reports its peak resident memory (``ru_maxrss``,
which includes the models) and the seconds (wall and CPU) the call took. The inputs are
made here, each by a process of its own (Linux keeps the peak memory of a process across
``exec``, so the parent must stay small), from scikit-image's astronaut and coffee and
from blank images, so anyone can rerun this:

- ``rgba_9400.png``, ``rgb_9400.png``, ``gray16_9400.png``: 9400 × 9400 all-zero PNGs
  (a few hundred KB each; 88 M pixels, over the limit);
- ``rgba_7000.png``: 7000 × 7000 all-zero RGBA PNG, just under the 50 M pixel limit
  (the most a PNG can cost);
- ``phone_12mp.jpg`` (about 10 MB) and ``phone_48mp.jpg``: the astronaut's face in a
  4032 × 3024 and an 8000 × 6000 noisy frame, as a phone camera writes them;
- ``face_smooth.jpg``: a smooth 4000 × 4000 JPEG of the face (about 1 MB);
- ``noface_12mp.jpg``: a 4032 × 3024 photo of a cup of coffee (no face: the detector's
  slowest case).

    .venv/bin/python benchmarks/memory.py [--only NAME ...] [--call load|analyze]

Results go to ``docs/benchmarks.md`` ("Memory per photo").
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
import numpy as np
import facemoji
from facemoji.errors import FacemojiError
from skimage import data

call, path = sys.argv[1], sys.argv[2]
facemoji.analyze(data.astronaut(), embed=True)          # models loaded, as in a warm worker
warm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start, cpu = time.perf_counter(), time.process_time()
try:
    if call == "load":
        shape = facemoji.load_image(path).shape
        outcome = f"loaded {shape[1]}x{shape[0]}"
    else:
        found = facemoji.analyze(path, embed=True)
        outcome = f"face {found.detection.box} in {found.image_size[0]}x{found.image_size[1]}"
except FacemojiError as exc:
    outcome = f"{type(exc).__name__}: {exc}"
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"warm_mb": round(warm), "peak_mb": round(peak), "seconds": round(seconds, 2),
                  "cpu": round(cpu, 2), "outcome": outcome[:100]}))
"""


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload)))


def _png(path: Path, size: int, mode: str) -> None:
    """An all-zero ``size`` × ``size`` PNG, compressed row by row (never held whole)."""
    channels, depth, color = {"RGBA": (4, 8, 6), "RGB": (3, 8, 2), "I;16": (1, 16, 0)}[mode]
    row = b"\0" * (1 + size * channels * depth // 8)  # filter byte + pixels
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(size)) + packer.flush()
    header = struct.pack(">IIBBBBB", size, size, depth, color, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body)
                     + _chunk(b"IEND", b""))


def _face_jpeg(path: Path, width: int, height: int, noise: float, quality: int,
               picture: str = "face") -> None:
    """The astronaut's face (or a cup of coffee), upscaled into a ``width`` × ``height``
    frame, with sensor-like noise (which is what makes phone JPEGs big)."""
    import cv2
    import numpy as np
    from PIL import Image
    from skimage import data

    face = data.astronaut()[:300, 100:400] if picture == "face" else data.coffee()
    side = int(height * 0.6)
    canvas = np.full((height, width, 3), 128, np.uint8)
    top, left = (height - side) // 3, (width - side) // 2
    canvas[top:top + side, left:left + side] = cv2.resize(face, (side, side),
                                                        interpolation=cv2.INTER_CUBIC)
    if noise:
        rng = np.random.default_rng(0)
        for y in range(0, height, 512):  # in strips: a 48 MP float frame would be 600 MB
            strip = canvas[y:y + 512].astype(np.int16)
            strip += rng.normal(0, noise, strip.shape).astype(np.int16)
            canvas[y:y + 512] = np.clip(strip, 0, 255).astype(np.uint8)
    Image.fromarray(canvas).save(path, quality=quality)


INPUTS = {
    "rgba_9400.png": lambda p: _png(p, 9400, "RGBA"),
    "rgb_9400.png": lambda p: _png(p, 9400, "RGB"),
    "gray16_9400.png": lambda p: _png(p, 9400, "I;16"),
    "rgba_7000.png": lambda p: _png(p, 7000, "RGBA"),
    "phone_12mp.jpg": lambda p: _face_jpeg(p, 4032, 3024, 20.0, 97),
    "phone_48mp.jpg": lambda p: _face_jpeg(p, 8000, 6000, 5.0, 90),
    "face_smooth.jpg": lambda p: _face_jpeg(p, 4000, 4000, 0.0, 95),
    "noface_12mp.jpg": lambda p: _face_jpeg(p, 4032, 3024, 6.0, 92, picture="coffee"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(INPUTS), help="Some inputs only.")
    parser.add_argument("--call", choices=("load", "analyze"), default="analyze",
                        help="What each process runs on the input.")
    parser.add_argument("--make", nargs=2, metavar=("NAME", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:  # the child that writes one input
        INPUTS[args.make[0]](Path(args.make[1]))
        return 0
    print(f"load: {os.getloadavg()[0]:.1f} (1-min average); call: {args.call}")
    print(f"{'input':<16} {'file':>8} {'warm MB':>8} {'peak MB':>8} {'s':>6} {'cpu s':>6}"
          "  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only or INPUTS:
            path = Path(tmp) / name
            subprocess.run([sys.executable, __file__, "--make", name, str(path)], check=True)
            size = path.stat().st_size
            done = subprocess.run([sys.executable, "-c", CHILD, args.call, str(path)],
                                  capture_output=True, text=True, check=False,
                                  env={**os.environ, "OMP_NUM_THREADS": "1"})
            if done.returncode:
                print(f"{name:<16} failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{name:<16} {size / 1e6:>6.1f}MB {row['warm_mb']:>8} {row['peak_mb']:>8} "
                  f"{row['seconds']:>6.2f} {row['cpu']:>6.2f}  {row['outcome']}", flush=True)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
