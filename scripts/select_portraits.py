"""Choose the photos of the portrait set (``benchmarks/data/portraits/manifest.csv``).

    python scripts/select_portraits.py --source /path/to/voteview/member_photos [--women 110]
        [--total 200] [--seed 7]

The portrait set is official portraits of members of the US Congress from
``voteview/member_photos`` (US federal government works, public domain): head and
shoulders, studio light, the framing users' own photos have, which the face set's LFW press
crops lack (they cut the hair at the chin). This script wrote its manifest once; it is kept
so that anyone can see, and repeat, how the photos were chosen:

- members whose last Congress was the 112th or later (color photos, 2011 on), with a
  ``bio_guide`` photo in which facemoji finds exactly one face;
- no one in the other labelled sets (``../shared``, the face set);
- never the 12 people of ``docs/likeness.png`` (that sheet must stay unseen by the fits)
  nor anyone whose photos judge the project (issue 10's list);
- ``--women`` photos the presentation model reads as a woman's (long hair on women was
  the measure that failed most on portraits), then men at random up to ``--total``;
- of those, left out: a member listed twice (under two ICPSR numbers: the same photo),
  black-and-white photos (90% of the pixels under C* 10) and painted portraits
  (:data:`PAINTED`), 10 of the 200 drawn.

The presentation model only chooses which photos to look at: every label is by eye, except
the age band, which ``scripts/faceset_merge_labels.py`` takes from the manifest's birth year
(``born``) at the start of the member's last Congress (``last_congress``).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "data" / "portraits" / "manifest.csv"
REPO = "voteview/member_photos"
LICENSE = ("official portrait of a member of the US Congress (Biographical Directory of the "
           "United States Congress); US federal government work, public domain")
PAINTED = ("BOEHNER, John", "SLAUGHTER, Louise", "HALL, Ralph")
"""Members whose ``bio_guide`` portrait is a painting, not a photo (seen while labelling)."""
NOT_THESE = ("RUMSFELD", "BLAIR", "CLOONEY", "JOHANSSON", "DORSEY", "BEZOS", "KALING",
             "LENNON", "CARELL", "LOWE, Rob", "HARINGTON", "LESLIE, Rose", "WHIGHAM")


def _git(source: Path, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={source}", *args], check=True,
                          capture_output=True).stdout


def slug(bioname: str) -> str:
    """``'BEATTY, Joyce'`` → ``'joyce_beatty'`` (first given name, then surname)."""
    last, _, given = bioname.partition(",")
    first = given.strip().split(" ")[0] if given.strip() else ""
    plain = unicodedata.normalize("NFKD", f"{first} {last}").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]+", "_", plain.lower()).strip("_")


def is_color_photo(blob: bytes) -> bool:
    """Whether a JPEG is in color: 10% of its pixels or more at CIELAB chroma 10 or over
    (black-and-white scans measure 3–5, the palest color portrait 15)."""
    import numpy as np
    from PIL import Image
    from skimage.color import rgb2lab

    lab = rgb2lab(np.asarray(Image.open(io.BytesIO(blob)).convert("RGB")))
    return float(np.percentile(np.hypot(lab[..., 1], lab[..., 2]), 90)) >= 10.0


def other_sets() -> set[str]:
    """The people of the other labelled sets (a person must be in one set only, or a fit
    held out by person would still have seen them)."""
    with open(ROOT / "benchmarks" / "data" / "faces" / "manifest.csv", newline="") as fh:
        people = {row["identity"] for row in csv.DictReader(fh)}
    shared = ROOT.parent / "shared" / "data" / "faces"
    return people | ({p.name for p in shared.iterdir()} if shared.is_dir() else set())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, required=True,
                        help="bare git directory (or checkout) of voteview/member_photos")
    parser.add_argument("--women", type=int, default=110)
    parser.add_argument("--total", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    source = args.source / ".git" if (args.source / ".git").is_dir() else args.source
    commit = _git(source, "rev-parse", "HEAD").decode().strip()
    members = json.loads(_git(source, "show", f"{commit}:config/database-raw.json"))
    photos = set(_git(source, "ls-tree", "-r", "--name-only", commit,
                      "images/bio_guide").decode().split())
    with open(ROOT / "docs" / "likeness_sources.csv", newline="") as fh:
        on_sheet = {row["source_path"] for row in csv.DictReader(fh)}
    others = other_sets()
    candidates = []
    for m in members:
        path = f"images/bio_guide/{int(m['icpsr']):06d}.jpg"
        if (m.get("congress", 0) >= 112 and path in photos and path not in on_sheet
                and not any(n.lower() in m["bioname"].lower() for n in NOT_THESE)
                and slug(m["bioname"]) not in others):
            candidates.append((m, path))
    random.Random(args.seed).shuffle(candidates)

    import numpy as np
    from PIL import Image

    from facemoji.errors import NoFaceFound
    from facemoji.face.age_gender import estimate
    from facemoji.face.detect import detect_faces

    women: list[tuple[dict, str, bytes]] = []
    men: list[tuple[dict, str, bytes]] = []
    for i, (m, path) in enumerate(candidates):
        if len(women) >= args.women and len(men) >= args.total - args.women:
            break
        blob = _git(source, "show", f"{commit}:{path}")
        image = np.asarray(Image.open(io.BytesIO(blob)).convert("RGB"))
        try:
            faces = detect_faces(image)
        except NoFaceFound:
            continue
        if len(faces) != 1:
            continue
        female = estimate(image, faces[0].landmarks).female >= 0.5
        (women if female else men).append((m, path, blob))
        if i % 50 == 0:
            print(f"  {i} looked at: {len(women)} women, {len(men)} men", file=sys.stderr)
    drawn = women[: args.women] + men[: args.total - args.women]
    chosen = [c for c in drawn if is_color_photo(c[2])
              and not any(c[0]["bioname"].startswith(p) for p in PAINTED)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    with open(OUT, "w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["file", "identity", "source_repo", "source_path", "source_commit",
                      "sha256", "license_note", "born", "last_congress"])
        for m, path, blob in sorted(chosen, key=lambda c: slug(c[0]["bioname"])):
            name = slug(m["bioname"])
            if name in seen:
                continue
            seen.add(name)
            out.writerow([f"{name}/01.jpg", name, REPO, path, commit,
                          hashlib.sha256(blob).hexdigest(), LICENSE, m.get("born") or "",
                          m["congress"]])
    print(f"{OUT}: {len(seen)} photos of the {len(drawn)} drawn "
          f"({min(len(women), args.women)} read as women's)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
