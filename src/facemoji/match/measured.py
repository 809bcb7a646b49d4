"""What the photos of one person show, fused over the photos.

:func:`fuse` merges the attributes of several ``FaceAnalysis`` of one person into a
:class:`Measured`: median colors, confidence-weighted votes on the visible traits
(:mod:`.traits`), mean geometry, age and gender presentation; the clothing's colors from one
photo (:data:`OUTFIT`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..avatar.color import lab_to_hex
from ..face.hair import FOREHEAD
from .traits import LONG_HAIR, Traits, mouth_opening

COLOR_NAMES = ("skin", "hair", "eyes", "brows", "clothing", "lips", "headwear_color",
               "facial_hair_color", "tie_color", "shirt_color")
"""The colors face analysis measures."""
OUTFIT = ("clothing", "shirt_color", "tie_color")
"""Colors worn together: taken from one photo (:func:`_outfit_photo`), not each the median
over photos, so that a white blazer from one photo never meets a black shirt from another."""


@dataclass(frozen=True)
class Measured:
    """What the photos of one person show.

    ``colors`` maps ``skin``/``hair``/``eyes``/``brows``/``clothing``/``lips`` to ``(lab
    (3,), confidence)``; ``traits`` holds the visible traits (:mod:`.traits`) and
    ``confidence`` how sure the photos are of each (0..1); ``hair_name`` the hair color's
    name; ``monk`` the Monk skin tone (fractional: the mean over photos); ``age`` in years
    and ``female`` the probability of a feminine presentation (``None`` when not
    measured); ``geometry_z`` z-scores keyed like the native style's scalars;
    ``grayscale``: every photo is black and white, so the colors are grays;
    ``hair_gray`` how gray the hair is, 0 to 1 (the mean of the photos that saw hair,
    ``facemoji.face.hair.gray_share``; ``None`` where none did).
    """

    colors: Mapping[str, tuple[np.ndarray, float]] = field(default_factory=dict)
    traits: Traits = field(default_factory=dict)
    confidence: Mapping[str, float] = field(default_factory=dict)
    hair_name: str | None = None
    monk: float | None = None
    age: float | None = None
    female: float | None = None
    geometry_z: Mapping[str, float] = field(default_factory=dict)
    grayscale: bool = False
    hair_gray: float | None = None

    def hex(self, name: str) -> str | None:
        """The measured color ``name`` as ``#rrggbb`` (``None`` if not measured)."""
        if name not in self.colors:
            return None
        return lab_to_hex(self.colors[name][0])

    def trait(self, name: str, default: Any = None) -> Any:
        """The measured trait ``name`` (``default`` where it was not measured)."""
        value = self.traits.get(name)
        return default if value is None else value


PRESENTATION_SURE = 0.8
"""How sure the presentation must be before it overrules a measured lipstick or beard."""
SHAPE_Z = 0.8
"""How far (in standard deviations of the population norms) a proportion must be from the
average to count as big or small: about a fifth of faces on each side. Not fitted: there
are no labels of eye or nose shape; it splits the measured spread evenly."""


def shape_traits(z: Mapping[str, float]) -> Traits:
    """Eye, brow and nose traits read off the geometry z-scores: ``eye_shape`` (round,
    narrow, upturned, downturned, almond), ``brow_weight`` (thin, medium, thick) and
    ``nose_shape`` (wide, narrow, long, short, average)."""
    def side(key: str, high: str, low: str, middle: str) -> str | None:
        if key not in z:
            return None
        return high if z[key] > SHAPE_Z else low if z[key] < -SHAPE_Z else middle

    eye = side("eye_size", "round", "narrow", "")
    if eye == "":
        eye = side("eye_tilt", "upturned", "downturned", "almond")
    nose = side("nose_width", "wide", "narrow", "")
    if nose == "":
        nose = side("nose_length", "long", "short", "average")
    return {"eye_shape": eye, "brow_weight": side("brow_thickness", "thick", "thin", "medium"),
            "nose_shape": nose}


def _vote(found: Sequence[tuple[Any, float]]) -> tuple[Any, float]:
    """The value with the most confidence behind it, and how sure the vote is: the
    winner's share of all the confidence, times the mean confidence of its voters."""
    weight: dict[Any, float] = defaultdict(float)
    count: dict[Any, int] = defaultdict(int)
    for value, conf in found:
        weight[value] += max(float(conf), 1e-3)
        count[value] += 1
    winner = max(weight, key=lambda v: (weight[v], count[v]))
    share = weight[winner] / sum(weight.values())
    return winner, float(share * weight[winner] / count[winner])


def _vote_sides(found: Sequence[tuple[Any, float]], side: Callable[[Any], bool]
                ) -> tuple[Any, float]:
    """A vote in two steps: first the two sides of ``side(value)``, with all the confidence
    on each, then :func:`_vote` among the winning side's photos. A plain vote lets a side's
    photos split their weight over its values: Geraldine Chaplin's chin, long and long hair
    (1.36 in all) lost to one sure short (0.95), and Sourav Ganguly's sunglasses and
    eyeglasses (1.12) to one bare face (0.99)."""
    weight: dict[bool, float] = defaultdict(float)
    for value, conf in found:
        weight[side(value)] += max(float(conf), 1e-3)
    won = weight[True] > weight[False]
    winner, sure = _vote([(value, conf) for value, conf in found if side(value) == won])
    return winner, sure * weight[won] / sum(weight.values())


SIDES: dict[str, Callable[[Any], bool]] = {
    "hair_length": lambda value: value in LONG_HAIR,
    "glasses": lambda value: value != "none",
}
"""The traits voted on in two steps (:func:`_vote_sides`): short against long hair, and
glasses against none. Not facial hair: there it drew as a beard the stubble that three
photos of six read as a beard or goatee (Ben Affleck's), which blind reviewers named."""


HAIR_NEIGHBOURS = frozenset(frozenset(pair) for pair in (
    ("black", "brown"), ("brown", "blonde"), ("brown", "auburn"), ("auburn", "red"),
    ("blonde", "red"), ("blonde", "white"), ("gray", "white")))
"""Hair-color names a photo's light or white balance may turn into each other: one step
apart for :func:`_central_name`; any other two names are two steps apart."""


def _central_name(found: Sequence[tuple[str, float]]) -> str:
    """The hair-color name closest to all the photos' names, each weighted by its
    confidence (one step to a :data:`HAIR_NEIGHBOURS` name, two to any other); a tie goes
    to the name with more weight behind it. A plain vote let one photo's outlier win when
    each photo named the hair differently: brown, black and, in warm light, red drew Jerry
    Seinfeld red-haired (blind round 17). Held back, a photo's labelled hair color is
    named right for 348 of 460 faceset photos and 69 of 91 ``../shared`` ones (344 and 67
    by the vote)."""
    weight: dict[str, float] = defaultdict(float)
    for name, conf in found:
        weight[name] += max(float(conf), 1e-3)

    def steps(a: str, b: str) -> int:
        return 0 if a == b else 1 if frozenset((a, b)) in HAIR_NEIGHBOURS else 2

    return min(weight, key=lambda c: (sum(w * steps(c, n) for n, w in weight.items()),
                                      -weight[c]))


def _most_photos(count: int, photos: int) -> bool:
    """Whether ``count`` of ``photos`` showing a hat is enough to draw one: half of them,
    and at least two where there are two."""
    return count >= max(photos / 2, min(2, photos)) > 0


def _traits_of(attributes: Any) -> dict[str, tuple[Any, float]]:
    traits = getattr(attributes, "traits", None)
    return dict(traits()) if callable(traits) else {}


def _fuse_length(lengths: Sequence[tuple[Any, float]],
                 photos: Sequence[dict[str, tuple[Any, float]]], traits: Traits,
                 confidence: dict[str, float]) -> None:
    """Bald from half the photos or more seeing a bald crown, with the fringe those
    photos saw (``photos``: each photo's traits); fewer bald crowns vote as close-cropped
    hair."""
    bald = sum(value == "bald" for value, _ in lengths)
    if bald and bald >= len(lengths) / 2:
        # the crown rule misses many bald photos (a shaved head's stubble, a shadow) but
        # rarely calls hair bald (25 of 38 faceset bald photos found, 6 of 456 others
        # called bald): half the photos seeing a bald crown outweigh surer "short"
        # readings. One photo of two is enough: of the faceset's pairs of photos of one
        # person, that draws 41 of 49 bald pairs bald instead of 25, for 21 of 625 others
        # instead of 1, nearly all older men with receding hair, whose bald crown is drawn
        # with its fringe (blind reviewers named bald men drawn with hair in every round)
        traits["hair_length"], confidence["hair_length"] = "bald", bald / len(lengths)
        # a fringe (receding) is seen only on a bald crown: the photos that saw one decide
        fringes = [photo["receding"] for photo in photos
                   if photo.get("hair_length", (None,))[0] == "bald" and "receding" in photo]
        if fringes:
            traits["receding"], confidence["receding"] = _vote(fringes)
    elif bald:
        # too few bald crowns to draw the person bald still say the hair is close-cropped:
        # they vote as buzz (one bald photo of two outweighed by a "chin" read off the
        # backdrop drew Andre Agassi with a bob)
        traits["hair_length"], confidence["hair_length"] = _vote_sides(
            [("buzz" if value == "bald" else value, conf) for value, conf in lengths],
            SIDES["hair_length"])


COILY_MONK = 4.0
"""On skin of this Monk tone or lighter no coily cut is drawn (close-cropped coils, an
afro, cornrows, box braids, locs): the faceset and the portrait set hold 43 photos of
curly hair labelled Monk 1–4 and no coily hair there (coily from Monk 4.5: 2 photos, 36
from Monk 6). Chosen on those two sets; on ``../shared``, which it was not chosen on, the
same holds: 6 curly photos on Monk 1–4 and no coily (5 from Monk 4.5, 5 from Monk 6).
Analysis tells curls from straight hair but not curly from coily
(``facemoji.face.hair_type``), and a doubtful "straight" let the identity term draw Nick
Nolte's gray hair as an afro."""
SPREAD_BANDS = slice(0, 4)
"""The bands of the lateral person profile (:mod:`facemoji.face.hair_length`: 0.5 to
1.5 IOD below the eyes, 0.65 to 2 IOD from the face's middle) whose person share is the
hair's spread: long hair worn full fills them, hair worn flat or tucked behind the ears
leaves the neck and backdrop there."""
SPREAD_NORM = (0.64, 0.29)
"""Mean and standard deviation of that share over the photos labelled with hair past the
chin of the faceset and ``../shared`` (256 photos; ``benchmarks/hair_volume.py`` prints
them and reports on the portrait set, which they were not taken from)."""


def hair_spread(attributes: Any) -> float | None:
    """How full one photo's hair is beside the face (:data:`SPREAD_BANDS`), ``None``
    where the photo shows none of those bands or the head is bald."""
    length = getattr(attributes, "hair_length", None)
    silhouette = getattr(length, "silhouette", None)
    if silhouette is None or length.name == "bald":
        return None
    bands = np.asarray(silhouette, np.float64)[SPREAD_BANDS]
    return float(np.nanmean(bands)) if np.isfinite(bands).any() else None


def _median_z(values: Sequence[float | None], norm: tuple[float, float]) -> float | None:
    """The median of the photos' ``values`` that were measured, as a z-score under
    ``norm`` (mean, standard deviation); ``None`` where no photo measured it."""
    found = [v for v in values if v is not None]
    return None if not found else (float(np.median(found)) - norm[0]) / norm[1]


def _spread_z(attrs: Sequence[Any], traits: Traits) -> float | None:
    """The median :func:`hair_spread` of the photos as a z-score (:data:`SPREAD_NORM`),
    for hair past the chin only: shorter hair leaves ears, neck and collar there."""
    if traits.get("hair_length") not in LONG_HAIR:
        return None
    return _median_z([hair_spread(a) for a in attrs], SPREAD_NORM)


FOREHEAD_NORM = (0.785, 0.189)
"""Mean and standard deviation of the forehead's height (IOD from the eyes to the
hairline, :func:`facemoji.face.hair.hairline`) over the 530 photos of the faceset and the
portrait set that show it (no bald crown, receding hairline, bangs or hat;
``benchmarks/forehead.py`` prints them, 2026-12-02); ``../shared`` is not among them."""


def forehead_height(attributes: Any) -> float | None:
    """How high one photo's forehead is (IOD), ``None`` where the hairline does not show
    it: a bald or receding head, bangs or a hat."""
    hair = (getattr(attributes, "features", None) or {}).get("hair")
    if hair is None or any(getattr(attributes, k, False) for k in ("bald", "receding", "bangs")):
        return None
    if getattr(attributes, "headwear", "none") != "none":
        return None
    return float(hair[FOREHEAD])


def _forehead_z(attrs: Sequence[Any], traits: Traits) -> float | None:
    """The median :func:`forehead_height` of the photos as a z-score
    (:data:`FOREHEAD_NORM`), where the person's hair is drawn with a hairline of its own
    (not bald, receding or under bangs)."""
    if traits.get("hair_length") == "bald" or traits.get("receding") or traits.get("bangs"):
        return None
    return _median_z([forehead_height(a) for a in attrs], FOREHEAD_NORM)


def _drop_rare_hat(hats: Sequence[tuple[Any, float]], traits: Traits,
                   confidence: dict[str, float]) -> None:
    """A hat is worn, not grown: drawn only when most photos show one (a pink hard hat in
    one of Oprah Winfrey's three photos covered her hair in her avatar)."""
    covered = sum(value != "none" for value, _ in hats)
    if traits.get("headwear", "none") != "none" and not _most_photos(covered, len(hats)):
        traits["headwear"], confidence["headwear"] = "none", 1.0 - covered / len(hats)


def _open_smile(attrs: Sequence[Any], traits: Traits, confidence: dict[str, float]) -> None:
    """How far a smile showing teeth opens: the median lip gap of the toothy photos."""
    if traits.get("smile") != "teeth":
        return
    gaps = [at.mouth_gap for at in attrs if getattr(at, "smile", None) == "teeth"
            and getattr(at, "mouth_gap", None) is not None]
    if gaps:
        traits["mouth_open"] = mouth_opening(float(np.median(gaps)))
        confidence["mouth_open"] = confidence["smile"]


def all_black_and_white(attrs: Sequence[Any]) -> bool:
    """Whether there are photos' attributes and every one is of a black-and-white photo."""
    return bool(attrs) and all(getattr(at, "grayscale", False) for at in attrs)


def _in_color(attrs: Sequence[Any]) -> Sequence[Any]:
    """The photos whose colors are the person's: the color photos where there are any
    (black-and-white photos are measured gray: hair, eyes, clothes)."""
    return [at for at in attrs if not getattr(at, "grayscale", False)] or attrs


def _measured_color(attributes: Any, name: str) -> Any:
    """The photo's color ``name`` where it was measured (with some confidence), else None
    (``None`` too for no photo)."""
    color = getattr(attributes, name, None)
    if color is None or getattr(color, "lab", None) is None:
        return None
    return color if float(getattr(color, "confidence", 1.0)) > 0 else None


def _outfit_photo(in_color: Sequence[Any]) -> Any:
    """The photo whose clothing color is nearest all the others' (the medoid; the surer
    of two), whose outfit the avatar wears; ``None`` where no photo measured clothing."""
    dressed = [at for at in in_color if _measured_color(at, "clothing") is not None]
    if not dressed:
        return None
    labs = np.array([np.asarray(at.clothing.lab, np.float64) for at in dressed])
    spread = np.linalg.norm(labs[:, None] - labs[None], axis=2).sum(axis=1)
    sureness = [float(getattr(at.clothing, "confidence", 1.0)) for at in dressed]
    return dressed[min(range(len(dressed)), key=lambda i: (spread[i], -sureness[i]))]


def fuse(analyses: Sequence[Any]) -> Measured:
    """Merge the ``.attributes`` of several ``FaceAnalysis`` of one person; colors and the
    hair color's name come from the color photos where there are any, the clothing's
    colors from one of them (:data:`OUTFIT`)."""
    attrs = [a.attributes for a in analyses if getattr(a, "attributes", None) is not None]
    in_color = _in_color(attrs)
    outfit = _outfit_photo(in_color)
    colors: dict[str, tuple[np.ndarray, float]] = {}
    for name in COLOR_NAMES:
        worn = _measured_color(outfit, name) if name in OUTFIT else None
        if worn is not None:
            colors[name] = (np.asarray(worn.lab, np.float64),
                            float(getattr(worn, "confidence", 1.0)))
            continue
        found = [_measured_color(at, name) for at in in_color]
        found = [c for c in found if c is not None]
        if found:
            labs = np.array([np.asarray(c.lab, np.float64) for c in found])
            conf = float(np.mean([float(getattr(c, "confidence", 1.0)) for c in found]))
            colors[name] = (np.median(labs, axis=0), conf)
    votes: dict[str, list[tuple[Any, float]]] = defaultdict(list)
    photo_traits = [_traits_of(at) for at in attrs]
    for photo in photo_traits:
        for name, (value, conf) in photo.items():
            if value is not None:
                votes[name].append((value, conf))
    traits: Traits = {}
    confidence: dict[str, float] = {}
    for name, found in votes.items():
        traits[name], confidence[name] = (_vote_sides(found, SIDES[name]) if name in SIDES
                                          else _vote(found))
    _fuse_length(votes.get("hair_length", []), photo_traits, traits, confidence)
    _drop_rare_hat(votes.get("headwear", []), traits, confidence)
    _open_smile(attrs, traits, confidence)
    keys = sorted({k for at in attrs for k in (getattr(at, "geometry_z", None) or {})})
    geometry = {
        k: float(np.mean([at.geometry_z[k] for at in attrs if k in (at.geometry_z or {})]))
        for k in keys
    }

    def mean(name: str) -> float | None:
        values = [float(getattr(at, name)) for at in attrs if getattr(at, name, None) is not None]
        return float(np.mean(values)) if values else None

    monk = mean("monk_score")
    if monk is not None and monk <= COILY_MONK:
        traits["coily"], confidence["coily"] = False, 1.0
    spread = _spread_z(attrs, traits)
    if spread is not None:
        geometry["hair_volume"] = spread
    forehead = _forehead_z(attrs, traits)
    if forehead is not None:
        geometry["forehead"] = forehead
    if "gender" in traits:  # a cut and brows are chosen to read as the person's presentation
        for cue in ("hair_presentation", "brow_presentation"):
            traits[cue], confidence[cue] = traits["gender"], confidence["gender"]
        # a man's reddish lips and a woman's shaded chin are rarely lipstick and stubble,
        # and drawn they read wrong (a blind reviewer's first complaint)
        if confidence["gender"] >= PRESENTATION_SURE:
            if traits["gender"] == "male" and traits.get("lipstick"):
                traits["lipstick"] = False
            if traits["gender"] == "female" and traits.get("facial_hair") not in (None, "none"):
                traits["facial_hair"] = "none"
    for name, value in shape_traits(geometry).items():
        if value is not None and name not in traits:
            traits[name], confidence[name] = value, 0.5
    # each photo's hair-color name weighs its hair measurement's confidence (how much
    # hair was seen) times the name's own probability (_central_name): a tie between two
    # photos goes to the one that saw more hair (a bright backdrop read as gray hair made
    # a dark-haired woman gray), and a doubtful name outweighs no sure one (Venus
    # Williams's one photo against a bright backdrop, named blonde at 0.55, outvoted a
    # black at 0.76)
    hair_names = [(getattr(at, "hair_name", None),
                   float(getattr(getattr(at, "hair", None), "confidence", 1.0))
                   * float(getattr(at, "hair_name_confidence", 1.0)))
                  for at in in_color]
    hair_names = [h for h in hair_names if h[0] is not None]
    grays = [float(getattr(at, "hair_gray", 0.0)) for at in in_color
             if getattr(at, "hair_name", None) not in (None, "bald", "other")]
    return Measured(
        colors=colors, traits=traits, confidence=confidence,
        hair_name=_central_name(hair_names) if hair_names else None,
        monk=monk, age=mean("age"), female=mean("female"), geometry_z=geometry,
        grayscale=all_black_and_white(attrs),
        hair_gray=float(np.mean(grays)) if grays else None,
    )
