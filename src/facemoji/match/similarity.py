"""Similarity between embeddings, averaged over several reference photos.

Three metrics, all "higher is more alike":

- ``normalized-dot``: the original Memoji experiment's score, ``a·r / r·r`` for each
  reference ``r``: a reference scores exactly 1.0 against itself, but need not rank
  itself first, since a longer embedding in nearly the same direction scores more
  (with dlib, 24 of 63 random avatars did: docs/benchmarks.md);
- ``cosine``: ``a·r / (|a| |r|)`` in ``[-1, 1]``;
- ``euclidean``: ``-|a - r|`` (dlib's own metric: 0.6 is its usual same-person
  threshold, i.e. a score above -0.6).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..errors import UnknownName

Metric = Callable[[NDArray[np.floating], NDArray[np.floating]], NDArray[np.float64]]
"""``metric(a (N, D), refs (R, D)) -> (N, R)`` scores, higher is more alike."""


def normalized_dot(a: NDArray[np.floating], refs: NDArray[np.floating]) -> NDArray[np.float64]:
    """The original score: ``a·r / r·r`` per reference."""
    refs = np.asarray(refs, np.float64)
    return np.asarray(a, np.float64) @ refs.T / np.einsum("rd,rd->r", refs, refs)


def cosine(a: NDArray[np.floating], refs: NDArray[np.floating]) -> NDArray[np.float64]:
    """Cosine similarity per reference."""
    a = np.asarray(a, np.float64)
    refs = np.asarray(refs, np.float64)
    a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)
    refs = refs / np.maximum(np.linalg.norm(refs, axis=1, keepdims=True), 1e-12)
    return a @ refs.T


def euclidean(a: NDArray[np.floating], refs: NDArray[np.floating]) -> NDArray[np.float64]:
    """Negated euclidean distance per reference."""
    a = np.asarray(a, np.float64)
    refs = np.asarray(refs, np.float64)
    return -np.linalg.norm(a[:, None, :] - refs[None, :, :], axis=2)


METRICS: dict[str, Metric] = {
    "normalized-dot": normalized_dot,
    "cosine": cosine,
    "euclidean": euclidean,
}


def get_metric(name: str) -> Metric:
    """The metric called ``name``; :class:`UnknownName` lists the valid ones."""
    try:
        return METRICS[name]
    except KeyError:
        raise UnknownName(
            f"unknown similarity {name!r}; valid: {', '.join(METRICS)}"
        ) from None


@dataclass(frozen=True)
class Similarity:
    """Scores of N candidates against R references: ``mean`` (N,) and ``per_ref`` (N, R)."""

    mean: NDArray[np.float64]
    per_ref: NDArray[np.float64]


def similarity(
    embeddings: NDArray[np.floating], refs: NDArray[np.floating], metric: str = "cosine"
) -> Similarity:
    """Score candidate ``embeddings`` (N, D) (or one (D,)) against ``refs`` (R, D).

    Returns the per-reference scores and their mean over references.
    """
    a = np.atleast_2d(np.asarray(embeddings))
    r = np.atleast_2d(np.asarray(refs))
    if a.shape[1] != r.shape[1]:
        raise ValueError(f"embedding sizes differ: {a.shape[1]} vs {r.shape[1]}")
    per_ref = get_metric(metric)(a, r)
    return Similarity(mean=per_ref.mean(axis=1), per_ref=per_ref)
