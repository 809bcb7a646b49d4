"""Face embedders: a protocol, a small base class and a registry.

An embedder maps aligned face chips to vectors whose distances say how alike two faces
look. Built in: ``"dlib"`` (dlib's ResNet, 128-d, the default) and ``"vgg-face"`` (the
VGG-Face network, needs ``facemoji[vgg]`` and weights; see :mod:`facemoji.face.vgg`).
Third parties register more through the ``facemoji.embedders`` entry-point group.

A new embedder subclasses :class:`BaseEmbedder` and implements :meth:`~BaseEmbedder.embed_chips`;
the base class aligns photos (:meth:`~BaseEmbedder.align_transform`, the one dlib 5-point
geometry) and gives :meth:`~BaseEmbedder.embed_batch` and :meth:`~BaseEmbedder.embed`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np

from ..errors import BadArgument
from ..registry import Registry
from ..types import Landmarks, RGBImage
from . import detect
from .onnx import session


@runtime_checkable
class Embedder(Protocol):
    """What every embedder provides. Chips are RGB ``uint8`` ``(N, S, S, 3)`` with
    ``S = input_size``; embeddings are ``float32`` ``(N, dim)``."""

    name: str
    dim: int
    input_size: int

    def align_transform(self, landmarks: Landmarks) -> np.ndarray:
        """The ``(2, 3)`` affine map from image ``(x, y)`` to this embedder's input chip."""
        ...

    def embed_chips(self, chips: np.ndarray) -> np.ndarray:
        """Embed aligned chips ``(N, S, S, 3)`` uint8 → ``float32 (N, dim)``."""
        ...

    def embed_batch(
        self, images: Sequence[RGBImage], landmarks: Sequence[Landmarks]
    ) -> np.ndarray:
        """Align each image by its landmarks (68 or 5 points), then embed: ``(N, dim)``."""
        ...


class BaseEmbedder(ABC):
    """Base class: subclasses set ``name``, ``dim``, ``input_size`` and implement
    :meth:`embed_chips`; alignment uses dlib's chip geometry with ``padding``."""

    name: str
    dim: int
    input_size: int
    padding: ClassVar[float] = 0.25

    def align_transform(self, landmarks: Landmarks) -> np.ndarray:
        """The ``(2, 3)`` affine map from image ``(x, y)`` to this embedder's input chip."""
        return detect.align_transform(landmarks, self.input_size, self.padding)

    def align(self, image: RGBImage, landmarks: Landmarks) -> RGBImage:
        """The aligned ``(input_size, input_size, 3)`` chip; downscaling is antialiased."""
        return detect.warp_chip(image, self.align_transform(landmarks), self.input_size)

    @abstractmethod
    def embed_chips(self, chips: np.ndarray) -> np.ndarray:
        """Embed aligned chips ``(N, S, S, 3)`` uint8 → ``float32 (N, dim)``."""

    def embed_batch(
        self, images: Sequence[RGBImage], landmarks: Sequence[Landmarks]
    ) -> np.ndarray:
        """Align each image by its landmarks (68 or 5 points), then embed: ``(N, dim)``."""
        if len(images) != len(landmarks):
            raise BadArgument(f"{len(images)} images but {len(landmarks)} sets of landmarks")
        if not images:
            return np.zeros((0, self.dim), dtype=np.float32)
        chips = np.stack([self.align(im, lm) for im, lm in zip(images, landmarks, strict=True)])
        return self.embed_chips(chips)

    def embed(self, image: RGBImage, landmarks: Landmarks) -> np.ndarray:
        """Embed one face: ``float32 (dim,)``."""
        return self.embed_batch([image], [landmarks])[0]

    def _check_chips(self, chips: np.ndarray) -> np.ndarray:
        chips = np.asarray(chips)
        expected = (self.input_size, self.input_size, 3)
        if chips.dtype != np.uint8 or chips.ndim != 4 or chips.shape[1:] != expected:
            raise BadArgument(
                f"{self.name} embeds uint8 chips of shape (N, {', '.join(map(str, expected))}), "
                f"got {chips.dtype} {chips.shape}"
            )
        return chips


EMBEDDERS: Registry[Embedder] = Registry("embedder", "facemoji.embedders", builtins=__name__)


def get_embedder(name: str = "dlib") -> Embedder:
    """The embedder registered as ``name`` (one shared instance per process).

    Raises :class:`~facemoji.errors.UnknownName` listing the valid names.
    """
    return EMBEDDERS.get(name)


def list_embedders() -> list[str]:
    """The registered embedder names, sorted."""
    return EMBEDDERS.names()


@EMBEDDERS.register("dlib")
class DlibEmbedder(BaseEmbedder):
    """dlib's ResNet face descriptor: 128-d, 150 px chips; faces of one person are usually
    within 0.6 euclidean distance of each other (dlib's threshold). The network runs on
    onnxruntime (``facemoji/data/face_descriptor.onnx``, converted from the
    ``face-recognition-models`` package by ``scripts/convert_face_descriptor.py``; equal to
    dlib's own ``compute_face_descriptor`` within 1e-6): about 7 ms per face on one CPU
    thread, where dlib's code takes over 90."""

    name = "dlib"
    dim = 128
    input_size = 150

    def align(self, image: RGBImage, landmarks: Landmarks) -> RGBImage:
        """The chip exactly as dlib's ``get_face_chip`` cuts it (what the network expects)."""
        return detect.align(image, landmarks, self.input_size, self.padding)

    def embed_chips(self, chips: np.ndarray) -> np.ndarray:
        """Embed 150×150 chips → ``float32 (N, 128)``."""
        chips = self._check_chips(chips)
        if len(chips) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        (vectors,) = session("face_descriptor.onnx").run(
            None, {"chips": np.ascontiguousarray(chips, dtype=np.uint8)})
        return np.asarray(vectors, dtype=np.float32)


@EMBEDDERS.register("vgg-face")
def _vgg_face() -> Embedder:
    # torch loads only when this embedder is asked for
    from .vgg import VggFaceEmbedder

    return VggFaceEmbedder()
