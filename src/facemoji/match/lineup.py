"""Rank a gallery of avatars against reference photos (the original experiment's lineup).

The gallery is either N avatars of a style (embedded from chips rendered straight from
the style's landmarks) or a folder of avatar files: params ``.json`` (rendered the same
way) or images (the face is detected as for a photo; images without a detectable face
rank last with score ``-inf``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..avatar.render import render
from ..avatar.schema import Params
from ..avatar.style import get_style, load_params
from ..errors import BadArgument
from ..report import contact_sheet
from ..types import RGBImage
from .objective import render_chip
from .similarity import get_metric

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


@dataclass(frozen=True)
class Entry:
    """One gallery avatar: its ``label``, mean ``score`` and per-reference scores."""

    label: str
    score: float
    per_ref: list[float]
    image: RGBImage | None = None
    params: Params | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (no pixels)."""
        return {"label": self.label,
                "score": None if math.isinf(self.score) else self.score,
                "per_ref": self.per_ref}


@dataclass(frozen=True)
class Lineup:
    """Gallery entries ranked best first, the metric, and the references' thumbnails."""

    entries: list[Entry]
    metric: str
    references: list[RGBImage] = field(default_factory=list)

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        """The ``lineup --json`` document."""
        return {"metric": self.metric,
                "ranking": [e.to_dict() for e in self.entries[:top]]}

    def sheet(self, top: int = 10) -> RGBImage:
        """A contact sheet: the references, then the ``top`` avatars with their scores."""
        images = list(self.references) + [e.image for e in self.entries[:top]
                                           if e.image is not None]
        labels = [f"reference {i + 1}" for i in range(len(self.references))]
        labels += [f"{i + 1}. {e.label} {e.score:.3f}" for i, e in enumerate(self.entries[:top])
                   if e.image is not None]
        return contact_sheet(images, labels, columns=min(8, len(images)),
                             title=f"lineup ({self.metric}): references, then the best {top}")


def rank(ref_embeddings: np.ndarray, embeddings: np.ndarray, metric: str) -> np.ndarray:
    """Per-reference scores (N, R) of gallery ``embeddings`` (NaN rows score ``-inf``)."""
    scores = np.full((len(embeddings), len(ref_embeddings)), -np.inf)
    ok = ~np.isnan(embeddings).any(axis=1)
    if ok.any():
        scores[ok] = get_metric(metric)(embeddings[ok], ref_embeddings)
    return scores


def _folder(path: Path) -> list[Path]:
    if not path.is_dir():
        raise BadArgument(f"gallery {path} is not a folder")
    files = sorted(p for p in path.iterdir()
                   if p.suffix.lower() in (*IMAGE_SUFFIXES, ".json"))
    if not files:
        raise BadArgument(f"gallery {path} holds no .json params or images")
    return files


def _embed_image(image: RGBImage, embedder: Any) -> np.ndarray:
    from ..face.detect import detect_faces

    faces = detect_faces(image, method="auto")
    if not faces:
        return np.full(embedder.dim, np.nan, np.float32)
    return np.asarray(embedder.embed_batch([image], [faces[0].landmarks])[0], np.float32)


def lineup(
    refs: Sequence[Any],
    gallery: str | Path | Sequence[Params] | None = None,
    *,
    style: str = "facemoji",
    n: int = 63,
    seed: int = 0,
    metric: str = "cosine",
    embedder: Any = None,
    ref_embeddings: np.ndarray | None = None,
    image_size: int = 160,
) -> Lineup:
    """Rank a gallery against reference photos of one person, best first.

    ``refs``: photos (paths, arrays, …) or ``FaceAnalysis`` objects; or pass
    ``ref_embeddings`` (R, D) directly. ``gallery``: a folder, a list of params, or
    ``None`` for ``n`` random avatars of ``style`` (seeds ``seed`` … ``seed + n - 1``).
    """
    if embedder is None:
        from ..face.embed import get_embedder

        embedder = get_embedder("dlib")
    thumbs: list[RGBImage] = []
    if ref_embeddings is None:
        from .generate import _analyze, _thumbnail

        analyses = [_analyze(r) for r in refs]
        ref_embeddings = np.array([a.embedding for a in analyses], np.float32)
        thumbs = [t for t in (_thumbnail(a) for a in analyses) if t is not None]
    if len(ref_embeddings) == 0:
        raise BadArgument("lineup needs at least one reference")
    labels: list[str] = []
    items: list[Params | RGBImage] = []
    if gallery is None or isinstance(gallery, (list, tuple)):
        chosen = list(gallery) if gallery is not None else [
            get_style(style).schema.random(seed=seed + i) for i in range(n)]
        items += chosen
        labels += [f"seed {seed + i}" if gallery is None else f"#{i}"
                   for i in range(len(chosen))]
    else:
        from ..face.image import load_image

        for path in _folder(Path(gallery)):
            labels.append(path.stem)
            if path.suffix.lower() == ".json":
                items.append(load_params(path.read_text(encoding="utf-8")))
            else:
                items.append(load_image(path))
    embeddings, images = [], []
    for item in items:
        if isinstance(item, Params):
            chip = render_chip(get_style(item.style), item, embedder)
            embeddings.append(embedder.embed_chips(chip[None])[0])
            images.append(render(item, image_size))
        else:
            embeddings.append(_embed_image(item, embedder))
            images.append(item)
    per_ref = rank(np.asarray(ref_embeddings), np.array(embeddings, np.float64), metric)
    mean = per_ref.mean(axis=1)
    order = np.argsort(-mean, kind="stable")
    entries = [
        Entry(labels[i], float(mean[i]), [float(s) for s in per_ref[i]], images[i],
              items[i] if isinstance(items[i], Params) else None)
        for i in order
    ]
    return Lineup(entries, metric, thumbs)
