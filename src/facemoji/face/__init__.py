"""Photos: loading, face detection and landmarks, alignment, embeddings, attributes.

Knows nothing of avatars. The names below import their module (and dlib or torch) on
first access, so ``import facemoji.face`` stays cheap::

    from facemoji.face import load_image, detect_face, align, get_embedder, analyze
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

# name -> module that defines it; imported on first attribute access
_LAZY = {
    "load_image": ".image",
    "Detection": ".detect",
    "detect_faces": ".detect",
    "detect_face": ".detect",
    "align": ".detect",
    "align_transform": ".detect",
    "Embedder": ".embed",
    "BaseEmbedder": ".embed",
    "get_embedder": ".embed",
    "list_embedders": ".embed",
    "FaceAnalysis": ".analyze",
    "analyze": ".analyze",
}

if TYPE_CHECKING:  # pragma: no cover
    from .analyze import FaceAnalysis, analyze
    from .detect import Detection, align, align_transform, detect_face, detect_faces
    from .embed import BaseEmbedder, Embedder, get_embedder, list_embedders
    from .image import load_image


__getattr__ = lazy_exports(__name__, _LAZY, globals())


__all__ = [
    "BaseEmbedder",
    "Detection",
    "Embedder",
    "FaceAnalysis",
    "align",
    "align_transform",
    "analyze",
    "detect_face",
    "detect_faces",
    "get_embedder",
    "list_embedders",
    "load_image",
]
