"""The score of an avatar against photos of a person: weighted terms, cached.

``score = w_identity · identity − w_color · ΔE/10 − w_geometry · |Δscalar|
− w_attributes · trait mismatches − w_prior · implausible options − w_rarity · rarity``
(higher is better):

- *identity*: similarity (see :mod:`.similarity`) between the references' face
  embeddings and the embedding of the avatar's chip, rendered straight into the
  embedder's aligned frame from the style's own landmarks (no detector, no warping);
- *color*: mean CIEDE2000 between the avatar's colors and the measured ones (skin and
  hair: their natural colors, :mod:`.natural`; brows only under gray or white hair,
  :data:`.natural.OWN_BROWS`, the others follow the hair);
- *geometry*: mean distance between the style's scalars and the calibrated values for the
  measured proportions (:mod:`.calibration`);
- *attributes*: the cost of visible traits the photos do not show (hair length and type,
  glasses, beard, headwear, smile, age, presentation; :mod:`.traits`);
- *prior*: options random sampling never draws (winks, tongues, …), plus *rarity*:
  the options' surprise ``−log(weight / max weight)`` in nats, summed over choices, so
  freckles or a mohawk need identity evidence to be chosen.

The cheap terms need no rendering; identity is computed on demand, in batches, and
cached per params, so searches can spend embeddings on promising candidates only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from skimage import color as skcolor  # its functions load on first use (SciPy: 0.2 s)

from ..avatar.color import hex_to_lab
from ..avatar.render import rasterize_svg, reframe_svg, svg_viewbox
from ..avatar.schema import Choice, Params
from ..avatar.style import Style
from ..errors import BadArgument
from ..types import RGBImage
from .mapping import mapping_for, natural_colors
from .mapping.base import scalar_values
from .measured import Measured, fuse
from .natural import OWN_BROWS
from .similarity import get_metric
from .traits import HINTS, mismatch

_RENDER_FRAME = 512  # pixel frame in which style landmarks are taken


def chip_svg(style: Style, params: Params, transform: np.ndarray, size: int) -> str:
    """The avatar's SVG drawn straight into an aligned ``size`` × ``size`` chip.

    ``transform`` (2, 3) maps pixels of a 512 × 512 render to chip pixels (what an
    embedder's ``align_transform`` returns for the style's landmarks at 512 px).
    """
    svg = style.svg(params)
    min_x, min_y, width, _ = svg_viewbox(svg)
    lin = np.asarray(transform, np.float64)[:, :2] * (_RENDER_FRAME / width)
    shift = np.asarray(transform, np.float64)[:, 2] - lin @ np.array([min_x, min_y])
    matrix = " ".join(f"{v:.6g}" for v in (lin[0, 0], lin[1, 0], lin[0, 1], lin[1, 1],
                                            shift[0], shift[1]))
    return reframe_svg(svg, (0, 0, size, size), transform=f"matrix({matrix})")


def render_chip(style: Style, params: Params, embedder: Any) -> RGBImage:
    """The avatar as the embedder's aligned input chip, RGB ``uint8`` (S, S, 3)."""
    transform = embedder.align_transform(style.landmarks(params, _RENDER_FRAME))
    size = int(embedder.input_size)
    return rasterize_svg(chip_svg(style, params, transform, size), size)


@dataclass(frozen=True)
class Weights:
    """Weights of the objective's terms (see the module docstring)."""

    identity: float = 10.0
    color: float = 0.3
    geometry: float = 0.5
    attributes: float = 1.0
    prior: float = 1.0
    rarity: float = 0.03


@dataclass(frozen=True)
class Evaluation:
    """One avatar's score and its terms (``identity`` is ``None`` when not computed)."""

    params: Params
    score: float
    terms: dict[str, float | None] = field(default_factory=dict)


class Objective:
    """Scores avatars of ``style`` against reference photos of one person.

    ``refs`` are ``FaceAnalysis`` objects (their ``.attributes`` and ``.embedding``
    are used); ``ref_embeddings`` (R, D) overrides their embeddings, e.g. for another
    embedder. ``embedder`` defaults to dlib's, loaded on first identity evaluation.
    Avatars are aligned by the style's own landmarks (aligning them by dlib's detected
    landmarks instead, as a user embedding the PNG would, was measured slower and worse:
    see docs/benchmarks.md).
    """

    def __init__(
        self,
        refs: Sequence[Any],
        style: Style,
        *,
        embedder: Any = None,
        metric: str = "cosine",
        weights: Weights | None = None,
        ref_embeddings: np.ndarray | None = None,
        measured: Measured | None = None,
    ) -> None:
        self.style = style
        self.schema = style.schema
        self.weights = weights or Weights()
        self.metric_name = metric
        self._metric = get_metric(metric)
        self._embedder = embedder
        self.measured = measured if measured is not None else fuse(refs)
        self.mapping = mapping_for(style.name)
        if ref_embeddings is None:
            found = [r.embedding for r in refs if getattr(r, "embedding", None) is not None]
            ref_embeddings = np.array(found, np.float32) if found else None
        self.ref_embeddings = ref_embeddings
        self._embeddings: dict[Params, np.ndarray] = {}
        self._by_chip: dict[bytes, np.ndarray] = {}  # chip pixels' digest → embedding
        # skin and hair are aimed at their natural colors (..natural), the rest as measured
        natural = natural_colors(self.measured)
        self._targets = {
            feature: (hex_to_lab(natural[name]) if name in natural else lab, conf)
            for name, feature in self.mapping.colors.items()
            if name in self.measured.colors and feature in self.schema
            and (name != "brows" or self.measured.hair_name in OWN_BROWS)
            for lab, conf in [self.measured.colors[name]]
        }
        self._charged_traits = {k: v for k, v in self.measured.traits.items()
                                if k not in HINTS}
        self._scalar_targets = {
            feature: value for feature, value in
            scalar_values(style.name, self.measured, self.mapping.scalars).items()
            if feature in self.schema
        }
        self.embed_count = 0
        self.eval_count = 0

    # -- identity ------------------------------------------------------------------------

    @property
    def has_identity(self) -> bool:
        """Whether the identity term is active (reference embeddings and a weight)."""
        return self.ref_embeddings is not None and len(self.ref_embeddings) > 0 \
            and self.weights.identity > 0

    @property
    def embedder(self) -> Any:
        """The embedder (dlib's unless one was given), loaded on first use."""
        if self._embedder is None:
            from ..face.embed import get_embedder

            self._embedder = get_embedder("dlib")
        return self._embedder

    def embeddings(self, params: Sequence[Params]) -> np.ndarray:
        """Embeddings (N, D) of the avatars' aligned chips (cached per params and per
        chip pixels; ``embed_count`` counts the embeddings actually computed)."""
        missing = list(dict.fromkeys(p for p in params if p not in self._embeddings))
        if missing:
            # params that differ only where the chip does not show (clothing, the color
            # of absent glasses, ...) give the same pixels: those are embedded once
            keys, pending = {}, {}
            for p in missing:
                chip = render_chip(self.style, p, self.embedder)
                keys[p] = hashlib.blake2b(chip.tobytes(), digest_size=16).digest()
                if keys[p] not in self._by_chip:
                    pending[keys[p]] = chip
            self.embed_count += len(pending)
            if pending:
                vectors = self.embedder.embed_chips(np.stack(list(pending.values())))
                for key, e in zip(pending, vectors, strict=True):
                    self._by_chip[key] = np.asarray(e, np.float32)
            for p, key in keys.items():
                self._embeddings[p] = self._by_chip[key]
        return np.stack([self._embeddings[p] for p in params])

    def identity(self, params: Sequence[Params]) -> tuple[np.ndarray, np.ndarray]:
        """``(mean (N,), per_reference (N, R))`` similarity of avatars to the references."""
        if self.ref_embeddings is None:
            raise BadArgument("no reference embeddings: the identity term is unavailable")
        per_ref = self._metric(self.embeddings(params), self.ref_embeddings)
        return per_ref.mean(axis=1), per_ref

    # -- cheap terms ---------------------------------------------------------------------

    def color_error(self, params: Params) -> dict[str, float]:
        """ΔE2000 between each measured color and the avatar's color feature."""
        if not self._targets:
            return {}
        names = list(self._targets)
        measured = np.array([self._targets[f][0] for f in names], np.float64)
        shown = np.array([hex_to_lab(params.color(f)) for f in names], np.float64)
        # one call for all the colors: scikit-image's per-call overhead dominates here
        return dict(zip(names, skcolor.deltaE_ciede2000(measured, shown).tolist(), strict=True))

    def cheap_terms(self, params: Params) -> dict[str, float]:
        """The terms that need no rendering: color, geometry, attributes, prior."""
        colors = self.color_error(params)
        conf = [self._targets[f][1] for f in colors]
        color = float(np.average(list(colors.values()), weights=conf)) if colors and \
            sum(conf) > 0 else 0.0
        geometry = float(np.mean([abs(params.scalar(f) - t)
                                  for f, t in self._scalar_targets.items()])) \
            if self._scalar_targets else 0.0
        attributes = mismatch(self.mapping.traits(params), self._charged_traits,
                              self.measured.confidence)
        weights = [(f.option(params.choice(f.name)).weight, max(o.weight for o in f.options))
                   for f in self.schema.features if isinstance(f, Choice)]
        prior = float(sum(w == 0 for w, _ in weights))
        rarity = float(sum(np.log(top / w) for w, top in weights if w > 0))
        return {"color": color, "geometry": geometry, "attributes": attributes, "prior": prior,
                "rarity": rarity}

    def cheap_score(self, params: Params) -> float:
        """The score without the identity term."""
        return self._combine(self.cheap_terms(params))

    def _combine(self, t: dict[str, float]) -> float:
        w = self.weights
        return -(w.color * t["color"] / 10.0 + w.geometry * t["geometry"]
                 + w.attributes * t["attributes"] + w.prior * t["prior"]
                 + w.rarity * t["rarity"])

    # -- full score ----------------------------------------------------------------------

    def evaluate(self, params: Sequence[Params], *, identity: bool = True) -> list[Evaluation]:
        """Score avatars; identity (batched, cached) only if ``identity`` and available."""
        use_id = identity and self.has_identity
        self.eval_count += len(params)
        ids = self.identity(params)[0] if use_id and params else None
        out = []
        for i, p in enumerate(params):
            cheap = self.cheap_terms(p)
            score = self._combine(cheap)
            terms: dict[str, float | None] = {**cheap, "identity": None}
            if ids is not None:
                terms["identity"] = float(ids[i])
                score += self.weights.identity * float(ids[i])
            out.append(Evaluation(p, float(score), terms))
        return out

    def __call__(self, params: Params) -> float:
        """The full score of one avatar."""
        return self.evaluate([params])[0].score
