"""skin-tone-classifier (``stone``) as a baseline for the Monk skin tone, in its own venv.

    python benchmarks/stone_skin.py                       # ../shared labelled photos
    python benchmarks/stone_skin.py --set faceset         # $FACEMOJI_FACESET (labels.csv)
    python benchmarks/stone_skin.py --labels L.csv --photos DIR   # any labelled folder
    python benchmarks/stone_skin.py --list                # also one line per photo

``stone`` (PyPI ``skin-tone-classifier``, GPL-3.0) needs ``opencv-python`` 4.x, which cannot
live beside facemoji's ``opencv-python-headless`` 5.x (both install ``cv2``), so it runs in a
side virtualenv (``--venv``, default ``.venv-stone`` at the repository root, git-ignored),
built on first use with ``python -m venv`` and::

    pip install skin-tone-classifier==1.2.6 opencv-python==4.14.0.94 colormath==3.0.0

(numpy is left to pip: 2.4.6 on 2026-11-30; stone patches ``np.asscalar`` back for
colormath). Nothing of stone is imported here: a short probe runs in that venv and prints
one JSON line per photo. Results are cached in ``<venv>/monk_cache.csv``, keyed by the
photo's path, size and mtime, so reruns only run stone on new or changed photos.

How stone is called: ``stone.process(path, image_type="color", tone_palette="monk",
tone_labels=["1", ..., "10"])``, its other defaults as shipped (resized to 250 px wide, the
biggest OpenCV Haar-cascade face of at least 90 × 90 px, kept if >= 15% of it is
skin-colored in HSV; two k-means skin colors, the swatch nearest by CIEDE2000 weighted by
their shares). Its ``"monk"`` palette lists the ten Monk swatches lightest first (checked
against ``facemoji.face.skin.MONK_HEX`` on every run), so label ``"k"`` is Monk k.
``image_type="color"`` is needed: with the default ``"auto"`` stone calls most color photos
black and white (its test sums pixel *indices*) and reads them with an Otsu mask. Where it
finds no face, stone still classifies the skin-colored pixels of the whole image; that is
reported as ``None`` by :func:`stone_monk` and kept apart as ``whole_image``. Its k-means
starts from random centers: the probe reseeds OpenCV's generator (``--seed``) before every
photo, so a photo's tone does not depend on which photos ran before it.

Skips (exit 0) where the labelled photos are absent; exits 1 with one line where the venv
cannot be built or stone fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_VENV = ROOT / ".venv-stone"
PINS = ("skin-tone-classifier==1.2.6", "opencv-python==4.14.0.94", "colormath==3.0.0")
CACHE_NAME = "monk_cache.csv"
CACHE_FIELDS = ("path", "size", "mtime_ns", "seed", "monk", "whole_image", "error")

# Runs inside the stone venv: paths as a JSON list on stdin; first line stone's Monk
# palette, then one JSON object per photo.
PROBE = r"""
import json, os, sys
os.environ["STONE_UPGRADE_FLAG"] = "1"  # stone asks PyPI for a newer version on import
import cv2, stone
from stone.image import DEFAULT_TONE_PALETTE
seed = int(sys.argv[1])
labels = [str(k) for k in range(1, 11)]
print(json.dumps({"palette": DEFAULT_TONE_PALETTE["monk"]}), flush=True)
for path in json.load(sys.stdin):
    cv2.setRNGSeed(seed)
    try:
        faces = stone.process(path, image_type="color", tone_palette="monk",
                              tone_labels=labels)["faces"]
        face = faces[0]
        found = face["face_id"] != "NA"
        tone = int(face["tone_label"])
        out = {"monk": tone if found else None, "whole_image": None if found else tone}
    except Exception as exc:
        out = {"monk": None, "whole_image": None, "error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps({"path": path, **out}), flush=True)
"""


class StoneUnavailable(RuntimeError):
    """The stone venv could not be built or stone could not run."""


@dataclass(frozen=True)
class StoneTone:
    """What stone says of one photo: ``monk`` from the face it found (``None``: no face),
    ``whole_image`` from all skin-colored pixels where it found none, ``error`` if it failed."""

    monk: int | None
    whole_image: int | None = None
    error: str = ""


def _python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_venv(venv: Path) -> Path:
    """Build the stone venv at ``venv`` unless it holds :data:`PINS`; its python."""
    marker = venv / ".stone-pins"
    if marker.exists() and marker.read_text() == "\n".join(PINS):
        return _python(venv)
    print(f"building {venv} ({' '.join(PINS)}); takes a few minutes", file=sys.stderr)
    for what, step in (("python -m venv", [sys.executable, "-m", "venv", str(venv)]),
                       ("pip install", [str(_python(venv)), "-m", "pip", "install", "-q",
                                        *PINS])):
        try:
            done = subprocess.run(step, capture_output=True, text=True)
        except OSError as exc:
            raise StoneUnavailable(f"cannot build {venv}: {what}: {exc}") from None
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise StoneUnavailable(f"cannot build {venv}: {what} failed: {last}")
    (venv / CACHE_NAME).unlink(missing_ok=True)  # read by other pins
    marker.write_text("\n".join(PINS))
    return _python(venv)


def _key(path: Path, seed: int) -> tuple[str, str, str, str]:
    stat = path.stat()
    return str(path.resolve()), str(stat.st_size), str(stat.st_mtime_ns), str(seed)


def _read_cache(cache: Path) -> dict[tuple[str, ...], StoneTone]:
    if not cache.exists():
        return {}
    with open(cache, newline="", encoding="utf-8") as fh:
        return {(r["path"], r["size"], r["mtime_ns"], r["seed"]): StoneTone(
            int(r["monk"]) if r["monk"] else None,
            int(r["whole_image"]) if r["whole_image"] else None, r["error"])
            for r in csv.DictReader(fh)}


def _run_probe(python: Path, paths: list[str], seed: int) -> dict[str, StoneTone]:
    from facemoji.face.skin import MONK_HEX

    done = subprocess.run([str(python), "-c", PROBE, str(seed)], input=json.dumps(paths),
                          capture_output=True, text=True)
    lines = done.stdout.splitlines()
    if done.returncode != 0 or not lines:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise StoneUnavailable(f"stone failed in {python.parents[1]}: {last}")
    palette = [h.lower() for h in json.loads(lines[0])["palette"]]
    if palette != [h.lower() for h in MONK_HEX]:
        raise StoneUnavailable(f"stone's monk palette {palette} is not the Monk scale")
    out = {}
    for line in lines[1:]:
        row = json.loads(line)
        out[row["path"]] = StoneTone(row["monk"], row["whole_image"], row.get("error", ""))
    return out


def stone_tones(paths: list[Path], venv: Path = DEFAULT_VENV, seed: int = 0
                ) -> dict[str, StoneTone]:
    """Stone's reading of each photo, keyed by ``str(path)``; cached in the venv.

    Raises :class:`StoneUnavailable` (one-line message) where the venv cannot be built.
    """
    venv = venv.resolve()
    cache = venv / CACHE_NAME
    known = _read_cache(cache)
    keys = {str(p): _key(p, seed) for p in paths}
    todo = sorted({k[0] for k in keys.values() if k not in known})
    if todo:
        fresh = _run_probe(ensure_venv(venv), todo, seed)
        new = not cache.exists()
        with open(cache, "a", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            if new:
                writer.writerow(CACHE_FIELDS)
            for key in {k for k in keys.values() if k not in known}:
                tone = fresh[key[0]]
                known[key] = tone
                writer.writerow([*key, tone.monk or "", tone.whole_image or "", tone.error])
    return {name: known[key] for name, key in keys.items()}


def stone_monk(paths: list[Path], venv: Path = DEFAULT_VENV) -> dict[str, int | None]:
    """The Monk tone (1–10) stone gives each photo's face, ``None`` where it finds none."""
    return {name: tone.monk for name, tone in stone_tones(paths, venv).items()}


def mae_line(pairs: list[tuple[int, int]]) -> str:
    """``MAE overall; Monk 1-4; Monk >= 5`` of (label, measured) pairs, with counts."""
    def mae(sel: list[tuple[int, int]]) -> str:
        if not sel:
            return "- (n=0)"
        return f"{statistics.mean(abs(m - t) for t, m in sel):.2f} (n={len(sel)})"

    return (f"MAE {mae(pairs)}; Monk 1-4 {mae([p for p in pairs if p[0] <= 4])}; "
            f"Monk >= 5 {mae([p for p in pairs if p[0] >= 5])}")


def _answers(pairs: list[tuple[int, int]]) -> list[str]:
    """How stone spreads its answers, and what its most common answer alone would score."""
    counts = Counter(m for _, m in pairs)
    mode = counts.most_common(1)[0][0]
    return [f"stone's answers: {', '.join(f'Monk {k}: {n}' for k, n in sorted(counts.items()))}",
            f"Monk {mode} (stone's most common answer) for every photo: "
            f"{mae_line([(t, mode) for t, _ in pairs])}"]


def beside(rows: list[tuple[Path, int, int | None]], venv: Path = DEFAULT_VENV) -> None:
    """Print facemoji's and stone's Monk MAE on the photos both find a face in.

    ``rows``: (photo, Monk label, facemoji's Monk or ``None``). Prints one line and returns
    where stone cannot run, so the caller's benchmark still completes.
    """
    try:
        tones = stone_monk([path for path, _, _ in rows], venv)
    except StoneUnavailable as exc:
        print(f"stone skipped: {exc}")
        return
    both = [(label, ours, tones[str(path)]) for path, label, ours in rows
            if ours is not None and tones[str(path)] is not None]
    print(f"\nskin tone beside skin-tone-classifier (stone {PINS[0].split('==')[1]}), "
          f"{len(both)} photos both find a face in (stone finds none in "
          f"{sum(t is None for t in tones.values())} of {len(rows)}):")
    print(f"  facemoji: {mae_line([(t, ours) for t, ours, _ in both])}")
    print(f"  stone:    {mae_line([(t, theirs) for t, _, theirs in both])}")


def _labelled(args: argparse.Namespace) -> list[tuple[str, Path, int]] | None:
    """(file, path, Monk label) of the chosen set; ``None`` where its photos are absent."""
    if args.labels:
        if not (args.labels.is_file() and args.photos and args.photos.is_dir()):
            return None
        with open(args.labels, newline="", encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(fh) if not r["file"].startswith("_")]
        return [(r["file"], args.photos / r["file"], int(r["skin_tone"])) for r in rows
                if r["skin_tone"].isdigit() and (args.photos / r["file"]).is_file()]
    from labelled import load

    photos = load(args.set)
    if photos is None:
        return None
    return [(p.file, p.path, int(p["skin_tone"])) for p in photos if p["skin_tone"].isdigit()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV, help="stone's virtualenv")
    parser.add_argument("--set", choices=("shared", "faceset"), default="shared",
                        help="labelled set (benchmarks/labelled.py)")
    parser.add_argument("--labels", type=Path, help="a labels CSV (file, skin_tone columns)")
    parser.add_argument("--photos", type=Path, help="the folder --labels' files are in")
    parser.add_argument("--seed", type=int, default=0, help="OpenCV RNG seed for k-means")
    parser.add_argument("--list", action="store_true", help="print one line per photo")
    args = parser.parse_args()
    rows = _labelled(args)
    if not rows:
        print(f"skipped: labelled photos of {args.labels or args.set} not found")
        return 0
    try:
        tones = stone_tones([path for _, path, _ in rows], args.venv, args.seed)
    except StoneUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    found = [(label, tones[str(path)].monk) for _, path, label in rows
             if tones[str(path)].monk is not None]
    either = [(label, tones[str(path)].monk or tones[str(path)].whole_image)
              for _, path, label in rows if not tones[str(path)].error]
    failed = [file for file, path, _ in rows if tones[str(path)].error]
    print(f"photos: {len(rows)}; stone found a face in {len(found)}, none in "
          f"{len(rows) - len(found) - len(failed)}; failed on {len(failed)}")
    print(f"stone, photos with a face: {mae_line(found)}")
    print(f"stone, whole-image tone where no face: {mae_line(either)}")
    for line in _answers(found):
        print(line)
    if args.list:
        for file, path, label in rows:
            t = tones[str(path)]
            print(f"  {file}: label {label}, stone {t.monk}"
                  + (f" (no face; whole image {t.whole_image})" if t.monk is None else "")
                  + (f" error {t.error}" if t.error else ""))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sys.exit(main())
