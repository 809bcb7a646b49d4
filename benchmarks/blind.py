"""The blind-judge protocol: can someone who knows only photos tell whose avatar is whose?

``make`` picks people of a labelled set (``benchmarks/labelled.py``), makes each one's avatar
from up to three photos and keeps one *other* photo of them back. People are shuffled into
groups (12 by default); for each group it writes two sheets, ``groupN_photos.png`` (the
held-back photos, lettered A, B, …) and ``groupN_avatars.png`` (the avatars, numbered 1, 2,
… in another order), plus ``INSTRUCTIONS.md`` and an ``answers.csv`` to fill in. The key
goes to a separate file (``key.json``, by default *outside* the folder the reviewer sees).

A fresh reviewer who sees only the sheets and the instructions fills in, for every avatar,
the photo letter it shows and a recognisability score 1–10. ``score`` then prints how many
were matched right and the mean recognisability, per group and overall.

    python benchmarks/blind.py make --set shared --out /tmp/blind --key /tmp/blind.key.json
    python benchmarks/blind.py score /tmp/blind/answers.csv --key /tmp/blind.key.json

``make`` also takes ``--people N`` (default: everyone with ≥ 2 usable photos),
``--skin-tone LO-HI`` (only people whose labelled Monk tone is in that range), ``--label
COLUMN=VALUE`` (only people most of whose photos are labelled so), ``--group``,
``--method`` (default: facemoji's default), ``--style`` and ``--seed`` (which people, which
photo is held back, the order on the sheets), and ``--grayscale`` (each avatar made from
black-and-white copies of its photos, the held-back photo in color: how a user's old
photos fare), ``--tint warm|cool`` (each avatar made from copies of its photos under
that colored light, ``labelled.CASTS``, the held-back photo as taken). It keeps each
avatar's PNG beside the key (``KEY.avatars/``). Skips (exit 0) where the set's photos are
absent.

Matching one to one cannot see a small change: two reviewers of the same sheets differ
by 4–5 people in 24. To compare two versions (of the code, a setting, the art), ``pair``
takes two keys made with the same set and seed (so the same people and held-back photos)
and writes one sheet per group of rows: the held-back photo beside the two versions'
avatars, left and right at random (people whose two avatars look the same, no pixel more
than ``--same-within`` levels apart, are left out). The reviewer says for each row which
avatar looks more like the person (or that neither does); ``score-pair`` counts the wins
of each version and gives a two-sided sign test.

    python benchmarks/blind.py pair --a old.key.json --b new.key.json \\
        --out /tmp/ab --key /tmp/ab.key.json
    python benchmarks/blind.py score-pair /tmp/ab/answers.csv --key /tmp/ab.key.json

A change to how one option is drawn, or to which option a measure leads to, touches few
people of a set's review seed. ``swap`` looks at every person of the three labelled sets
(the portrait set too): each person's first fit from their measured photos
(``initial_params``; ``benchmarks/attributes.py``'s cached measurements), and for every
avatar that takes an option NEW of ``--swap NEW=OLD`` (``--feature``, default ``hair``;
for a color feature, its presets by id), a row of one of their photos beside that avatar
(version b) and the same avatar with OLD (version a). The photo is one the avatar was
measured on: the rows compare two drawings of one measurement. ``score-pair`` scores it as above.

    python benchmarks/blind.py swap --swap bob_swept=bob --swap long_swept=long_bangs \\
        --out /tmp/sw --key /tmp/sw.key.json

``swap --unmeasured TRAIT`` (repeatable) asks what measuring a trait does: version a is
each person's first fit with TRAIT left out of their measurements, version b the fit with
it, one row for every person whose first fit the trait changes.

    python benchmarks/blind.py swap --unmeasured hair_top --out /tmp/top --key /tmp/top.json

``swap --without CUT`` (repeatable) asks what a new hair option does: version a is each
person's first fit without CUT among the hair options, version b the fit with it, one row
for every person who takes CUT.

    python benchmarks/blind.py swap --without long_wavy_center --out /tmp/w --key /tmp/w.json
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import string
import sys
import time
from dataclasses import replace
from pathlib import Path
from unittest.mock import patch

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import CASTS, SETS, by_person, copy_of, load

CELL = 240
AVATAR_PHOTOS = 3

INSTRUCTIONS = """# Blind likeness review

You see {n} groups. In each group there are two sheets: `groupN_photos.png` shows photos
of up to {k} different people ({sizes}), lettered A, B, …; `groupN_avatars.png` shows as
many cartoon avatars, numbered 1, 2, …, one of each of those people, in another order.

For every avatar, write in `answers.csv`:
- `photo`: the letter of the photo of the person you think the avatar shows. Each letter
  belongs to exactly one avatar in its group.
- `recognisability`: 1–10, how recognisable the person is in the avatar on its own, as a
  friend of theirs would judge it (1: could be anyone; 10: unmistakably them). Judge hair
  (length, color, style), skin, glasses, beard, age, expression.
- `note` (optional): what gave it away, or what is wrong.

Judge from the sheets alone. Do not open any other file in this folder's parents.
"""


def _photo_tile(path: Path) -> np.ndarray:
    image = Image.open(path).convert("RGB")
    image.thumbnail((CELL, CELL), Image.Resampling.LANCZOS)
    return np.asarray(image)


def _avatar_tile(png: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return np.asarray(image.resize((CELL, CELL), Image.Resampling.LANCZOS))


def _in_range(photos: list, tones: tuple[float, float] | None) -> bool:
    """Whether the person's mean labelled Monk tone is within ``tones`` (``None``: any)."""
    if tones is None:
        return True
    labelled = [float(p["skin_tone"]) for p in photos if p["skin_tone"]]
    return bool(labelled) and tones[0] <= float(np.mean(labelled)) <= tones[1]


def _labelled(photos: list, wanted: list[tuple[str, str]]) -> bool:
    """Whether most of the person's photos carry every ``(column, value)`` label (a value
    ``a|b``: either)."""
    return all(sum(p[column] in value.split("|") for p in photos) > len(photos) / 2
               for column, value in wanted)


def _label(text: str) -> tuple[str, str]:
    """``COLUMN=VALUE`` as a pair; an argparse type."""
    column, sep, value = text.partition("=")
    if not sep or not column or not value:
        raise argparse.ArgumentTypeError(f"expected COLUMN=VALUE, e.g. gender=female, got {text!r}")
    return column, value


def _tone_range(text: str) -> tuple[float, float]:
    """``LO-HI`` (Monk tones) as a pair; an argparse type."""
    try:
        lo, hi = (float(x) for x in text.split("-"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LO-HI, e.g. 3-5.5, got {text!r}") from None
    if not 1 <= lo <= hi <= 10:
        raise argparse.ArgumentTypeError(f"expected 1 <= LO <= HI <= 10, got {text!r}")
    return lo, hi


def _as_given(path: Path, grayscale: bool, tint: str | None) -> str | np.ndarray:
    """What ``generate`` gets for a photo: its path, or its black-and-white or tinted copy."""
    return str(path) if not grayscale and tint is None else copy_of(path, grayscale, tint)


def make(args: argparse.Namespace) -> int:
    """Write the sheets, the instructions, the answer form and the key."""
    from facemoji import generate
    from facemoji.match.generate import DEFAULT_METHOD
    from facemoji.report import contact_sheet, save_image

    photos = load(args.set, single_face=True)
    if photos is None:
        print(f"the {args.set} photos are not here; skipping")
        return 0
    rng = random.Random(args.seed)
    people = {p: v for p, v in by_person(photos).items() if len(v) >= 2
              and _in_range(v, args.skin_tone) and _labelled(v, args.label)}
    chosen = sorted(people)
    rng.shuffle(chosen)
    chosen = chosen[: args.people] if args.people else chosen
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    key_path = Path(args.key) if args.key else out.parent / f"{out.name}.key.json"
    method = args.method or DEFAULT_METHOD
    made: list[dict] = []
    for i, person in enumerate(chosen):
        shots = list(people[person])
        held = shots.pop(rng.randrange(len(shots)))
        used = shots[:AVATAR_PHOTOS]
        t0 = time.perf_counter()
        inputs = [_as_given(p.path, args.grayscale, args.tint) for p in used]
        try:
            result = generate(inputs, style=args.style, method=method, workers=0)
        except Exception as exc:  # a person whose photos fail is reported, not fatal
            print(f"  {person}: no avatar ({exc})", file=sys.stderr)
            continue
        print(f"[{i + 1}/{len(chosen)}] {person}: {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
        made.append({"person": person, "held_out": held.file, "used": [p.file for p in used],
                     "params": result.params.to_dict(), "photo": _photo_tile(held.path),
                     "avatar": _avatar_tile(result.png), "png": result.png})
    groups = [made[i: i + args.group] for i in range(0, len(made), args.group)]
    key: dict = {"set": args.set, "method": method, "style": args.style, "seed": args.seed,
                 "grayscale": args.grayscale, "tint": args.tint, "groups": []}
    rows = []
    for g, members in enumerate(groups, start=1):
        letters = string.ascii_uppercase[: len(members)]
        order = list(range(len(members)))
        rng.shuffle(order)  # avatar number n shows members[order[n - 1]]
        save_image(contact_sheet([m["photo"] for m in members], list(letters), cell=CELL,
                                 title=f"group {g}: photos"), str(out / f"group{g}_photos.png"))
        save_image(contact_sheet([members[j]["avatar"] for j in order],
                                 [str(n + 1) for n in range(len(members))], cell=CELL,
                                 title=f"group {g}: avatars"), str(out / f"group{g}_avatars.png"))
        key["groups"].append({
            "group": g,
            "photos": {letters[j]: members[j]["person"] for j in range(len(members))},
            "avatars": {str(n + 1): members[j]["person"] for n, j in enumerate(order)},
            "people": [{k: m[k] for k in ("person", "held_out", "used", "params")}
                       for m in members],
        })
        rows += [{"group": g, "avatar": n + 1, "photo": "", "recognisability": "", "note": ""}
                 for n in range(len(members))]
    (out / "INSTRUCTIONS.md").write_text(
        INSTRUCTIONS.format(n=len(groups), k=args.group,
                            sizes=", ".join(f"group {i}: {len(g)}"
                                            for i, g in enumerate(groups, 1))),
        encoding="utf-8")
    with open(out / "answers.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["group"])
        writer.writeheader()
        writer.writerows(rows)
    key_path.write_text(json.dumps(key, indent=1) + "\n", encoding="utf-8")
    pngs = _avatar_folder(key_path)
    pngs.mkdir(exist_ok=True)
    for m in made:
        (pngs / f"{m['person']}.png").write_bytes(m["png"])
    print(f"{len(made)} people in {len(groups)} groups: sheets in {out}, key in {key_path}")
    return 0


def _avatar_folder(key_path: Path) -> Path:
    """Where ``make`` keeps the avatars of the key at ``key_path``."""
    return key_path.with_suffix("").with_suffix(".avatars")


PAIR_INSTRUCTIONS = """# Which avatar looks more like the person?

Each sheet `groupN.png` has rows numbered 1, 2, …: in each row a photo of a person and two
cartoon avatars, L (left) and R (right). For every row, write in `answers.csv`:
- `choice`: `L` or `R`, the avatar that looks more like the person in the photo, as a
  friend of theirs would judge it (hair length, color and style, skin, glasses, beard,
  age, expression); `=` only when you truly cannot choose.
- `note` (optional): what decided it.

Judge from the sheets alone. Do not open any other file in this folder's parents.
"""
PAIR_ROWS = 8


SAME_WITHIN = 4
"""Two avatars whose pixels nowhere differ by more than this many levels of 255 (per
channel) look the same: in the paired reviews of 2026-12-03, rows differing by 2–5 levels
of skin were the reviewers' coin flips or "=" (docs/benchmarks.md, "Skin tone under colored
light")."""


def looks_same(a_png: bytes, b_png: bytes, within: int = SAME_WITHIN) -> bool:
    """Whether two avatar PNGs are the same picture to the eye: the same size, and no pixel
    more than ``within`` levels apart in any channel (0: identical)."""
    if a_png == b_png:
        return True
    a, b = (np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"), np.int16)
            for png in (a_png, b_png))
    return a.shape == b.shape and int(np.abs(a - b).max()) <= within


def _write_pairs(rows: list[tuple[str, Path, bytes, bytes]], out: Path, key: Path,
                 seed: int, versions: dict[str, str]) -> int:
    """Write the pair sheets, instructions, answer form and key for ``rows`` of ``(person,
    photo, version a's avatar PNG, version b's)``, shuffled by ``seed``, each version left
    or right at random; ``versions`` names a and b in the key. Returns the rows written."""
    from facemoji.report import contact_sheet, save_image

    rows = list(rows)
    rng = random.Random(seed)
    rng.shuffle(rows)
    out.mkdir(parents=True, exist_ok=True)
    tiles, labels, answers, key_rows = [], [], [], []
    for n, (person, photo, a_png, b_png) in enumerate(rows):
        group, row = n // PAIR_ROWS + 1, n % PAIR_ROWS + 1
        a_left = rng.random() < 0.5
        sides = ("a", "b") if a_left else ("b", "a")
        avatars = {"a": _avatar_tile(a_png), "b": _avatar_tile(b_png)}
        tiles += [_photo_tile(photo), avatars[sides[0]], avatars[sides[1]]]
        labels += [f"{row}: photo", f"{row}: L", f"{row}: R"]
        answers.append({"group": group, "row": row, "choice": "", "note": ""})
        key_rows.append({"group": group, "row": row, "person": person, "left": sides[0]})
        if row == PAIR_ROWS or n == len(rows) - 1:
            save_image(contact_sheet(tiles, labels, cell=CELL, columns=3,
                                     title=f"group {group}: photo, then avatars L and R"),
                       str(out / f"group{group}.png"))
            tiles, labels = [], []
    (out / "INSTRUCTIONS.md").write_text(PAIR_INSTRUCTIONS, encoding="utf-8")
    with open(out / "answers.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["group", "row", "choice", "note"])
        writer.writeheader()
        writer.writerows(answers)
    key.write_text(json.dumps({**versions, "rows": key_rows}, indent=1) + "\n",
                   encoding="utf-8")
    return len(rows)


def pair(args: argparse.Namespace) -> int:
    """Write side-by-side sheets of two versions' avatars of the same people."""
    keys = [json.loads(Path(k).read_text(encoding="utf-8")) for k in (args.a, args.b)]
    if (keys[0]["set"], keys[0]["seed"]) != (keys[1]["set"], keys[1]["seed"]):
        print("the two keys must come from the same --set and --seed", file=sys.stderr)
        return 2
    people = [{p["person"]: p for g in k["groups"] for p in g["people"]} for k in keys]
    shared = [p for p in people[0] if p in people[1]
              and people[0][p]["held_out"] == people[1][p]["held_out"]]
    photos = {p.file: p.path for p in load(keys[0]["set"], single_face=True) or []}
    if not photos:
        print(f"the {keys[0]['set']} photos are not here (see --set in make --help)",
              file=sys.stderr)
        return 2
    folders = [_avatar_folder(Path(k)) for k in (args.a, args.b)]
    pngs = {p: tuple((f / f"{p}.png").read_bytes() for f in folders) for p in shared}
    # a row whose two avatars look the same asks the reviewer nothing
    same = {p for p in shared if looks_same(*pngs[p], args.same_within)}
    rows = [(p, photos[people[0][p]["held_out"]], *pngs[p]) for p in shared if p not in same]
    written = _write_pairs(rows, Path(args.out), Path(args.key), args.seed,
                           {"a": args.a, "b": args.b})
    print(f"{written} people in {-(-written // PAIR_ROWS)} sheets in {args.out} "
          f"({len(same)} left out: both versions' avatars within {args.same_within} levels "
          f"of each other), key in {args.key}")
    return 0


def _option(text: str) -> tuple[str, str]:
    """``NEW=OLD`` (two options of one feature) as a pair; an argparse type."""
    new, sep, old = text.partition("=")
    if not sep or not new or not old:
        raise argparse.ArgumentTypeError(f"expected NEW=OLD, e.g. bob_swept=bob, got {text!r}")
    return new, old


def swap(args: argparse.Namespace) -> int:
    """Write side-by-side sheets of one option swapped (see the module docstring)."""
    from collections import defaultdict
    from types import SimpleNamespace

    from attributes import measure_set
    from facemoji.avatar import get_style
    from facemoji.avatar.render import render_png
    from facemoji.avatar.schema import Choice, Color
    from facemoji.errors import InvalidParams
    from facemoji.match.mapping import facemoji as native
    from facemoji.match.mapping import initial_params
    from facemoji.match.measured import fuse

    schema = get_style("facemoji").schema
    try:
        feature = schema.feature(args.feature)
        if isinstance(feature, Color):  # options are its presets, by id
            presets = {p.id: p.hex for p in feature.presets}
            for option in (o for pair in args.swap or () for o in pair):
                feature.preset_hex(option)
        elif isinstance(feature, Choice):
            presets = {}
            for option in (o for pair in args.swap or () for o in pair):
                feature.option(option)
        else:
            raise InvalidParams(f"{args.feature} is neither a choice nor a color")
        for option in args.without or ():
            schema.feature("hair").option(option)
    except InvalidParams as exc:
        print(exc, file=sys.stderr)
        return 2
    swaps = dict(args.swap or ())
    rows = []
    for name in SETS:
        people: dict[str, list] = defaultdict(list)
        for sample in measure_set(name) or []:
            if sample.attributes is not None:
                people[sample.person].append(sample)
        for person, shots in sorted(people.items()):
            measured = fuse([SimpleNamespace(attributes=s.attributes) for s in shots])
            params = initial_params(measured, schema)
            shown = (params.choice(args.feature) if not presets else
                     next((k for k, v in presets.items() if v == params.color(args.feature)),
                          None))
            if args.unmeasured:
                traits = {k: v for k, v in measured.traits.items() if k not in args.unmeasured}
                before = initial_params(replace(measured, traits=traits), schema)
            elif args.without:
                if params.choice("hair") not in args.without:
                    continue
                kept = {k: v for k, v in native.HAIR.items() if k not in args.without}
                with patch.dict(native.HAIR, kept, clear=True):
                    before = initial_params(measured, schema)
            elif shown in swaps:
                before = params.set(args.feature, presets.get(swaps[shown], swaps[shown]))
            else:
                continue
            # measuring a trait may change more than the feature (a part's side: the flip)
            if before != params:
                rows.append((person, shots[-1].photo.path, render_png(before, CELL),
                             render_png(params, CELL)))
    if not rows:
        print(f"no one's {args.feature} changes (or no labelled set is here)")
        return 0
    if args.unmeasured:
        left_out = ", ".join(args.unmeasured)
        versions = {"a": f"{left_out} unmeasured", "b": f"{left_out} measured"}
    elif args.without:
        cuts = ", ".join(args.without)
        versions = {"a": f"without {cuts}", "b": f"with {cuts}"}
    else:
        versions = {"a": ", ".join(f"{args.feature}={o}" for o in swaps.values()),
                    "b": ", ".join(f"{args.feature}={n}" for n in swaps)}
    written = _write_pairs(rows, Path(args.out), Path(args.key), args.seed, versions)
    print(f"{written} people in {-(-written // PAIR_ROWS)} sheets in {args.out}, "
          f"key in {args.key}")
    return 0


def score_pair(args: argparse.Namespace) -> int:
    """Count each version's wins in a filled-in pair answer form (two-sided sign test)."""
    from scipy.stats import binomtest

    key = json.loads(Path(args.key).read_text(encoding="utf-8"))
    left = {(r["group"], r["row"]): r["left"] for r in key["rows"]}
    wins = {"a": 0, "b": 0, "=": 0}
    with open(args.answers, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            choice = row["choice"].strip().upper()
            side = left[(int(row["group"]), int(row["row"]))]
            if choice == "=":
                wins["="] += 1
            elif choice in ("L", "R"):
                wins[side if choice == "L" else ("b" if side == "a" else "a")] += 1
    decided = wins["a"] + wins["b"]
    p = binomtest(wins["b"], decided).pvalue if decided else 1.0
    print(f"a ({key['a']}): {wins['a']}, b ({key['b']}): {wins['b']}, neither: {wins['=']}; "
          f"sign test p = {p:.2f}")
    return 0


def score(args: argparse.Namespace) -> int:
    """Score a filled-in answer form against the key."""
    key = json.loads(Path(args.key).read_text(encoding="utf-8"))
    groups = {g["group"]: g for g in key["groups"]}
    with open(args.answers, newline="", encoding="utf-8") as fh:
        answers = list(csv.DictReader(fh))
    per_group: dict[int, list[tuple[bool, float | None]]] = {}
    for row in answers:
        g = groups[int(row["group"])]
        truth = g["avatars"][str(int(row["avatar"]))]
        guess = g["photos"].get(row["photo"].strip().upper())
        rating = float(row["recognisability"]) if row["recognisability"].strip() else None
        per_group.setdefault(int(row["group"]), []).append((guess == truth, rating))
    total = right = 0
    ratings: list[float] = []
    print(f"set {key['set']}, method {key['method']}, style {key['style']}")
    for g, marks in sorted(per_group.items()):
        hits = sum(ok for ok, _ in marks)
        rated = [r for _, r in marks if r is not None]
        total += len(marks)
        right += hits
        ratings += rated
        mean = f"{np.mean(rated):.1f}" if rated else "-"
        print(f"group {g}: {hits}/{len(marks)} matched, recognisability {mean}")
    mean = f"{np.mean(ratings):.2f}" if ratings else "-"
    print(f"overall: {right}/{total} matched ({right / max(total, 1):.0%}), "
          f"recognisability {mean} / 10")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make", help="make the sheets, the answer form and the key")
    m.add_argument("--set", choices=[s for s in SETS if s != "portraits"], default="shared",
                   help="a set with several photos of each person (the portrait set has one)")
    m.add_argument("--out", required=True, help="folder for the reviewer")
    m.add_argument("--key", help="the key file (default: beside --out, outside it)")
    m.add_argument("--people", type=int, default=0, help="how many people (0: all)")
    m.add_argument("--group", type=int, default=12, help="people per matching group")
    m.add_argument("--method", help="generate's method (default: facemoji's default)")
    m.add_argument("--style", default="facemoji")
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--skin-tone", type=_tone_range, metavar="LO-HI",
                   help="only people whose mean labelled Monk tone is in LO-HI (e.g. 3-5.5): "
                        "an A/B review of a skin change sees only the people it affects")
    m.add_argument("--grayscale", action="store_true",
                   help="make the avatars from black-and-white copies of the photos (the "
                        "held-back photo stays in color)")
    m.add_argument("--tint", choices=sorted(CASTS),
                   help="make the avatars from copies of the photos under this colored light "
                        "(the held-back photo as taken)")
    m.add_argument("--label", type=_label, action="append", default=[], metavar="COLUMN=VALUE",
                   help="only people most of whose photos are labelled so (e.g. gender=female,"
                        " or hair_type=curly|coily for either; repeatable)")
    s = sub.add_parser("score", help="score a filled-in answers.csv")
    s.add_argument("answers")
    s.add_argument("--key", required=True)
    p = sub.add_parser("pair", help="side-by-side sheets of two versions (two make keys)")
    p.add_argument("--a", required=True, help="the first version's key")
    p.add_argument("--b", required=True, help="the second version's key")
    p.add_argument("--out", required=True, help="folder for the reviewer")
    p.add_argument("--key", required=True, help="the pair key (keep it outside --out)")
    p.add_argument("--seed", type=int, default=0, help="row order and sides")
    p.add_argument("--same-within", type=int, default=SAME_WITHIN, metavar="LEVELS",
                   help="leave out people whose two avatars differ nowhere by more than "
                        f"LEVELS of 255 (default {SAME_WITHIN}; 0: only identical pictures)")
    w = sub.add_parser("swap", help="side-by-side sheets of one option swapped (every set)")
    what = w.add_mutually_exclusive_group(required=True)
    what.add_argument("--swap", type=_option, action="append", metavar="NEW=OLD",
                      help="show each avatar that takes option NEW beside it with OLD "
                           "(a color feature's presets by id; repeatable)")
    what.add_argument("--unmeasured", action="append", metavar="TRAIT",
                      help="show each avatar beside the one fitted without TRAIT "
                           "(where the fit differs; repeatable)")
    what.add_argument("--without", action="append", metavar="CUT",
                      help="show each avatar with hair CUT beside the one fitted without "
                           "that option (repeatable)")
    w.add_argument("--feature", default="hair",
                   help="the options' feature, a choice or a color (default: hair)")
    w.add_argument("--out", required=True, help="folder for the reviewer")
    w.add_argument("--key", required=True, help="the pair key (keep it outside --out)")
    w.add_argument("--seed", type=int, default=0, help="row order and sides")
    sp = sub.add_parser("score-pair", help="score a filled-in pair answers.csv")
    sp.add_argument("answers")
    sp.add_argument("--key", required=True)
    args = parser.parse_args()
    commands = {"make": make, "score": score, "pair": pair, "swap": swap,
                "score-pair": score_pair}
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
