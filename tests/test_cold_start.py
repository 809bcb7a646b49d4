"""A photo without a face fails before the heavy parts of facemoji load (issue 11: a
no-face photo must fail fast from a cold start; the timing is in benchmarks/cold_cli.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
from PIL import Image


def test_no_face_fails_before_scipy_loads(tmp_path) -> None:
    photo = tmp_path / "noise.png"
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 256, (240, 320, 3), dtype=np.uint8)).save(photo)
    code = textwrap.dedent(f"""
        import sys
        from facemoji.cli import main
        codes = [main(["analyze", {str(photo)!r}]),
                 main(["generate", {str(photo)!r}, "-o", {str(tmp_path / "out")!r}])]
        heavy = sorted(m for m in ("scipy.linalg", "skimage.color.colorconv") if m in sys.modules)
        print(codes, heavy)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "no face found" in done.stderr
    # both commands exit 2, and neither loaded SciPy or scikit-image's color conversions
    assert done.stdout.strip() == "[2, 2] []", done.stdout
