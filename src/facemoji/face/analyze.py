"""One call that runs the face pipeline on a photo: load, detect, align, embed, measure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..types import RGBImage
from .attributes import Attributes, measure
from .detect import Detection, align, detect_face
from .embed import get_embedder
from .image import ImageSource, describe, load_image

CHIP_SIZE = 150
"""Side of :attr:`FaceAnalysis.chip`, dlib's embedding chip."""


@dataclass(frozen=True, eq=False)
class FaceAnalysis:
    """Everything facemoji reads from one face in one photo.

    ``image_size`` is ``(width, height)`` of the upright photo as analysed: photos larger
    than :data:`~facemoji.face.image.WORK_SIDE` on their longer side are decoded at that
    size, and every coordinate here is in those pixels. ``faces`` is how many faces were
    found and ``face_index`` which one (largest first) this is; ``detection`` its box
    and 68 landmarks; ``chip`` the aligned ``(150, 150, 3)`` RGB face;
    ``embedding`` dlib's ``float32 (128,)`` descriptor (``None`` when not computed);
    ``attributes`` skin, hair, eyes, glasses, facial hair, headwear and geometry.
    """

    image_size: tuple[int, int]
    faces: int
    face_index: int
    detection: Detection
    chip: RGBImage
    embedding: np.ndarray | None
    attributes: Attributes

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``facemoji analyze --json`` (the CLI contract)."""
        det = self.detection
        return {
            "faces": self.faces,
            "face_index": self.face_index,
            "box": [int(v) for v in det.box],
            "landmarks": [[round(float(x), 1), round(float(y), 1)] for x, y in det.landmarks],
            "image_size": [int(v) for v in self.image_size],
            **_plain(self.attributes.to_dict()),
        }


def _plain(value: Any) -> Any:
    """``value`` with numpy scalars and arrays turned into JSON-ready Python values."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, np.ndarray | np.generic):
        return value.tolist()
    return value


def analyze(
    photo: ImageSource,
    *,
    face_index: int | None = None,
    embed: bool = True,
    method: str = "auto",
    name: str | None = None,
    stage: Callable[[str], None] | None = None,
) -> FaceAnalysis:
    """Analyse one face of ``photo`` (a path, bytes, PIL image or RGB array), at most
    :data:`~facemoji.face.image.WORK_SIDE` pixels on its longer side (see
    :func:`~facemoji.face.image.load_image`).

    ``face_index`` picks among several faces, largest first (default: the largest);
    ``embed=False`` leaves the dlib embedding out of the result (it is computed anyway:
    the skin tone reads it); ``method`` is the detector
    (``"auto"``, ``"hog"`` or ``"cnn"``, see :func:`~facemoji.face.detect.detect_faces`);
    ``name`` names the photo in messages (default: its path); ``stage`` is called with
    ``"detecting"`` before the photo is decoded and searched for faces, and with
    ``"measuring"`` before the face is aligned, embedded and measured.
    Raises :class:`~facemoji.errors.BadImage` for unreadable input,
    :class:`~facemoji.errors.NoFaceFound` when there is no face and
    :class:`~facemoji.errors.BadArgument` for a ``face_index`` out of range.
    """
    if stage is not None:
        stage("detecting")
    image = load_image(photo)
    detection, count = detect_face(image, face_index=face_index, method=method,
                                   name=name or describe(photo))
    if stage is not None:
        stage("measuring")
    chip = align(image, detection.landmarks, size=CHIP_SIZE)
    # the skin tone reads the descriptor too, so it is computed either way
    descriptor = get_embedder("dlib").embed_chips(chip[None])[0]
    embedding = descriptor if embed else None
    attributes = measure(image, detection, descriptor)
    height, width = image.shape[:2]
    return FaceAnalysis(
        image_size=(width, height),
        faces=count,
        face_index=0 if face_index is None else face_index,
        detection=detection,
        chip=chip,
        embedding=embedding,
        attributes=attributes,
    )


def preload_models(*, embed: bool = True) -> None:
    """Load every model :func:`analyze` uses now rather than on the first photo (worker
    processes call it once when they start), by analysing scikit-image's astronaut
    portrait; ``embed=False`` leaves the embedder out."""
    from skimage import data

    analyze(data.astronaut(), embed=embed)
