"""Face detection, 68-point landmarks and alignment, with dlib.

Detection runs dlib's HOG detector (upsampled for small faces) and falls back to its
CNN (MMOD) detector when HOG finds nothing and MediaPipe's BlazeFace (:mod:`.blazeface`)
sees something face-like. Each detection gets the 68 iBUG landmarks and
passes sanity checks that reject false positives. Alignment is dlib's face-chip geometry
computed from the 5 points taken out of the 68 (:func:`facemoji.types.five_point`); it is
the one alignment used everywhere (embeddings, styles' renders).

Models load on first use, once per process, from the ``face_recognition_models`` package.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

import cv2
import dlib
import numpy as np

from ..errors import BadArgument, BadImage, MissingExtra, NoFaceFound
from ..types import Box, Landmarks, RGBImage, five_point
from .image import ImageSource, describe, load_image

log = logging.getLogger(__name__)

Method = Literal["auto", "hog", "cnn"]
METHODS: tuple[str, ...] = ("auto", "hog", "cnn")

MAX_SIDE = 1600
"""Images whose longer side exceeds this are downscaled for detection."""
CNN_MAX_SIDE = 384
"""The CNN detector (the fallback for faces HOG misses, mostly turned or tilted ones) runs
on images downscaled to at most this: about 1 s on one CPU core at 384 × 288. It finds
faces from about :data:`CNN_MIN_FACE` px at upsample 0, so from 21% of the photo's longer
side. (At 800 px, it made a photo without a face take 5-11 s; at 512 px, 2.75 s. On half
of ``../shared``'s photos turned 35° and set in canvases 1-2× their size, it found 10, 9
and 8 faces at 384 px where it found 5, 9 and 7 at 512.)"""
CNN_MIN_FACE = 80
"""The smallest face the CNN finds at upsample 0; on images shorter than this it is
not run (dlib's network also fails on images of about 10 px)."""
MIN_FACE = 20
"""Smallest face kept, in original-image pixels (box width); smaller images (or images
so thin that they are under this once downscaled for detection) are refused."""
UPSAMPLE_BELOW = 1024
"""HOG upsamples once by default when the (downscaled) image's longer side is at most this;
for larger images the upsampled retry (when nothing was found) runs on a copy of this
size."""
FLAT_RANGE = 8
"""An image whose pixel values all lie within this range is blank: no face to find."""
CNN_GATE = (0.2, 0.02)
"""With ``method="auto"``, the CNN runs only where one of BlazeFace's three best boxes
(:mod:`.blazeface`) has at least the first face probability and the face mesh network
sees a face in it with at least the second presence: a photo without a face then fails
about 0.7 s sooner. Chosen by ``benchmarks/detector_gate.py`` on half the people of the
labelled sets (every face that only the CNN found there kept) and checked on the others."""


def max_drift(method: str, score: float) -> float:
    """Landmark stability limit for a detection (see :func:`landmark_drift`).

    On a real face the landmarks stay put when the box moves; on a false positive they
    follow it (drift near 1). Measured with HOG at upsample 1: the astronaut's mission patch
    0.89 (mirrored) and 1.28 at scores 0.12-0.13; real faces in the dev photos at most 0.75,
    and 1.05 for one small, blurred group-photo face at score 0.92. Confident HOG
    detections are allowed more drift.
    """
    if method == "cnn":
        return 1.0
    return 0.8 + 0.3 * min(max(score, 0.0), 2.0)


@dataclass(frozen=True, eq=False)
class Detection:
    """One face found in an image.

    ``box`` is ``(x0, y0, x1, y1)`` in the original image's pixels (clipped to it),
    ``score`` the detector's confidence (HOG: SVM margin, usually 0..3; CNN: MMOD
    confidence), ``landmarks`` the ``(68, 2)`` float64 iBUG points ``(x, y)`` in the original
    image's pixels and ``method`` the detector that found it (``"hog"`` or ``"cnn"``).
    Detections compare by identity (they hold an array).
    """

    box: Box
    score: float
    landmarks: Landmarks
    method: str

    @property
    def landmarks5(self) -> Landmarks:
        """dlib's 5-point landmarks ``(5, 2)`` (see :func:`facemoji.types.five_point`)."""
        return five_point(self.landmarks)

    @property
    def width(self) -> int:
        """Box width in pixels."""
        return self.box[2] - self.box[0]


@functools.cache
def models_dir() -> Path:
    """The folder holding dlib's model files (from the ``face_recognition_models`` package).

    Located without importing the package (its ``__init__`` needs ``pkg_resources``).
    """
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        raise MissingExtra(
            "dlib's face models are missing: install them with "
            "`pip install face-recognition-models`"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "models"


@functools.cache
def _hog() -> dlib.fhog_object_detector:
    """dlib's frontal face detector, loaded from the copy facemoji ships (2 ms;
    ``scripts/save_hog_detector.py`` saved it and checked it finds what dlib's own does),
    or rebuilt by dlib (0.4 s) where that file is missing."""
    shipped = resources.files("facemoji") / "data" / "hog_face_detector.svm"
    if shipped.is_file():
        with resources.as_file(shipped) as path:
            return dlib.fhog_object_detector(str(path))
    return dlib.get_frontal_face_detector()


@functools.cache
def _cnn() -> dlib.cnn_face_detection_model_v1:
    return dlib.cnn_face_detection_model_v1(str(models_dir() / "mmod_human_face_detector.dat"))


@functools.cache
def _predictor() -> dlib.shape_predictor:
    return dlib.shape_predictor(str(models_dir() / "shape_predictor_68_face_landmarks.dat"))


def detect_faces(
    image: RGBImage, *, method: str = "auto", upsample: int | None = None,
    name: str = "the image",
) -> list[Detection]:
    """Find the faces in ``image`` (RGB uint8 ``(H, W, 3)``), largest first.

    ``method``: ``"hog"`` (fast, frontal faces), ``"cnn"`` (dlib's MMOD detector: slower,
    finds more poses) or ``"auto"`` (HOG, upsampled once more if it found nothing at
    upsample 0 (on a copy of at most :data:`UPSAMPLE_BELOW` px), then the CNN only if HOG
    still finds nothing and, unless ``upsample`` is given, BlazeFace sees something
    face-like: :data:`CNN_GATE`).
    ``upsample``: how many times the image is doubled before detecting (finds smaller
    faces, costs about 4× per step); by default HOG upsamples once for images up to
    :data:`UPSAMPLE_BELOW` pixels and the CNN not at all. Images larger than
    :data:`MAX_SIDE` (HOG) or :data:`CNN_MAX_SIDE` (CNN) are downscaled first; boxes and
    landmarks are always in the original image's pixels.
    Detections whose landmarks are implausible (false positives) are dropped. A blank
    image has no faces. Raises :class:`~facemoji.errors.BadImage` (naming ``name``) for
    an image too small or too thin to hold a face of :data:`MIN_FACE` pixels.
    """
    if method not in METHODS:
        raise BadArgument(f"unknown detection method {method!r}; use one of {', '.join(METHODS)}")
    if upsample is not None and not 0 <= upsample <= 3:
        raise BadArgument(f"upsample must be 0..3, got {upsample}")
    image = _as_rgb(image)
    height, width = image.shape[:2]
    if min(height, width) * min(1.0, MAX_SIDE / max(height, width)) < MIN_FACE:
        raise BadImage(f"{name}: the image is too small or too thin to hold a face "
                       f"({width}×{height} pixels; a face needs {MIN_FACE}×{MIN_FACE})")
    if int(image.max()) - int(image.min()) < FLAT_RANGE:
        log.info("a blank image: no face")
        return []
    found: list[Detection] = []
    if method in ("auto", "hog"):
        work, scale = _working_copy(image, MAX_SIDE)
        hog_upsample = upsample
        if hog_upsample is None:
            hog_upsample = 1 if max(work.shape[:2]) <= UPSAMPLE_BELOW else 0
        found = _detect(image, work, scale, "hog", hog_upsample)
        if not found and method == "auto" and hog_upsample == 0 and upsample is None:
            work, scale = _working_copy(image, UPSAMPLE_BELOW)
            found = _detect(image, work, scale, "hog", 1)
    if method == "cnn" or (method == "auto" and not found):
        work, scale = _working_copy(image, CNN_MAX_SIDE)
        # the gate only with the default upsampling: BlazeFace's 128 px view misses the
        # small faces an upsampled CNN is asked to find
        gated = method == "auto" and not upsample
        if (min(work.shape[:2]) * 2 ** (upsample or 0) >= CNN_MIN_FACE
                and not (gated and _looks_faceless(image))):
            found = _detect(image, work, scale, "cnn", upsample or 0)
    return sorted(found, key=lambda d: (-d.width * (d.box[3] - d.box[1]), -d.score))


def _looks_faceless(image: RGBImage) -> bool:
    """BlazeFace sees nothing like a face in ``image`` (see :data:`CNN_GATE`)."""
    from .blazeface import face_found

    return not face_found(image, *CNN_GATE)


def detect_face(
    image: ImageSource,
    *,
    face_index: int | None = None,
    method: str = "auto",
    name: str | None = None,
) -> tuple[Detection, int]:
    """Detect the faces in ``image`` and return ``(chosen face, number of faces found)``.

    ``image`` is anything :func:`~facemoji.face.image.load_image` accepts. ``face_index``
    picks among the faces, largest first (default 0, the largest). ``name`` names the photo
    in messages. Raises :class:`~facemoji.errors.NoFaceFound` when there is no face and
    :class:`~facemoji.errors.BadArgument` for a ``face_index`` out of range.
    """
    name = name or describe(image)
    pixels = image if isinstance(image, np.ndarray) else load_image(image)
    faces = detect_faces(pixels, method=method, name=name)
    if not faces:
        raise NoFaceFound(f"no face found in {name}: use a frontal, well-lit photo")
    index = 0 if face_index is None else face_index
    if not 0 <= index < len(faces):
        raise BadArgument(
            f"face index {index} is out of range: {len(faces)} face(s) found in {name} "
            f"(valid: 0..{len(faces) - 1}, largest first)"
        )
    return faces[index], len(faces)


def align(
    image: RGBImage, landmarks: Landmarks, size: int = 150, padding: float = 0.25
) -> RGBImage:
    """The aligned face chip ``(size, size, 3)``: dlib's ``get_face_chip`` from 5 points.

    ``landmarks`` are 68-point (the 5 are taken out) or already dlib's 5 points.
    ``padding`` is the margin around the face as a fraction of the face size (dlib's).
    """
    chip = dlib.get_face_chip(_as_rgb(image), _five_point_detection(landmarks), size, padding)
    return np.asarray(chip, dtype=np.uint8)


def align_transform(landmarks: Landmarks, size: int = 150, padding: float = 0.25) -> np.ndarray:
    """The ``(2, 3)`` affine map from image ``(x, y)`` to chip ``(x, y)`` used by :func:`align`.

    ``cv2.warpAffine(image, M, (size, size))`` reproduces :func:`align` (up to
    interpolation), and ``M @ [x, y, 1]`` maps any image point into the chip.
    """
    details = dlib.get_face_chip_details(_five_point_detection(landmarks), size, padding)
    rect = details.rect
    left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    center = np.array([(left + right) / 2, (top + bottom) / 2])
    cos, sin = np.cos(details.angle), np.sin(details.angle)
    rotation = np.array([[cos, -sin], [sin, cos]])
    # dlib rotates the chip rectangle about its center, then maps three corners
    corners = np.array([[left, top], [right, top], [right, bottom]])
    src = (corners - center) @ rotation.T + center
    dst = np.array(
        [[0, 0], [details.cols - 1, 0], [details.cols - 1, details.rows - 1]], dtype=np.float64
    )
    return cv2.getAffineTransform(src.astype(np.float32), dst.astype(np.float32))


def warp_chip(image: RGBImage, matrix: np.ndarray, size: int) -> RGBImage:
    """Warp ``image`` by the ``(2, 3)`` affine ``matrix`` (e.g. from :func:`align_transform`)
    into a ``(size, size, 3)`` chip; big reductions are area-averaged first, since a warp
    alone aliases. Outside the photo is black."""
    matrix = np.asarray(matrix, dtype=np.float64)
    scale = float(np.sqrt(abs(np.linalg.det(matrix[:, :2]))))
    if scale < 0.5:
        image = cv2.resize(image, None, fx=2 * scale, fy=2 * scale, interpolation=cv2.INTER_AREA)
        matrix = matrix @ np.diag([1 / (2 * scale), 1 / (2 * scale), 1.0])
    return cv2.warpAffine(image, matrix, (size, size), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT)


def _five_point_detection(landmarks: Landmarks) -> dlib.full_object_detection:
    points = np.asarray(landmarks, dtype=np.float64)
    if points.shape not in ((68, 2), (5, 2)):
        raise BadArgument(f"landmarks must be (68, 2) or (5, 2), got {points.shape}")
    if points.shape[0] == 68:
        points = five_point(points)
    if not np.all(np.isfinite(points)):
        raise BadArgument("landmarks for alignment must be finite")
    # dlib points are integers; its own predictor's output is too
    parts = [dlib.point(round(x), round(y)) for x, y in points]
    x0, y0 = points.min(axis=0)
    x1, y1 = points.max(axis=0)
    rect = dlib.rectangle(int(x0), int(y0), int(np.ceil(x1)), int(np.ceil(y1)))
    return dlib.full_object_detection(rect, parts)


def _as_rgb(image: RGBImage) -> RGBImage:
    arr = np.asarray(image)
    if arr.dtype != np.uint8 or arr.ndim != 3 or arr.shape[2] != 3:
        raise BadArgument(
            f"expected an RGB uint8 (H, W, 3) image, got {arr.dtype} {arr.shape} "
            "(use facemoji.load_image)"
        )
    return np.ascontiguousarray(arr)


def _working_copy(image: RGBImage, max_side: int) -> tuple[RGBImage, float]:
    """The image to detect on (downscaled when very large) and its scale to the original."""
    longest = max(image.shape[:2])
    if longest <= max_side:
        return image, 1.0
    scale = max_side / longest
    size = (round(image.shape[1] * scale), round(image.shape[0] * scale))
    return np.ascontiguousarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA)), scale


def _detect(
    image: RGBImage, work: RGBImage, scale: float, method: str, upsample: int
) -> list[Detection]:
    if method == "hog":
        rects, scores, _ = _hog().run(work, upsample, 0.0)
        found = list(zip(rects, scores, strict=True))
    else:
        found = [(m.rect, m.confidence) for m in _cnn()(work, upsample)]
    height, width = image.shape[:2]
    out = []
    for rect, score in found:
        points = _landmarks(work, rect)
        if not _plausible(rect, points) or landmark_drift(work, rect, points) > max_drift(
            method, score
        ):
            log.info("dropping an implausible %s detection at %s (score %.2f)", method, rect, score)
            continue
        # pixel centers: x_orig + 0.5 = (x_work + 0.5) / scale
        landmarks = (points + 0.5) / scale - 0.5
        box = (
            max(0, round(rect.left() / scale)),
            max(0, round(rect.top() / scale)),
            min(width, round((rect.right() + 1) / scale)),
            min(height, round((rect.bottom() + 1) / scale)),
        )
        if box[2] - box[0] < MIN_FACE or box[3] - box[1] < MIN_FACE:
            continue
        out.append(Detection(box=box, score=float(score), landmarks=landmarks, method=method))
    log.info("%s (upsample %d): %d face(s)", method, upsample, len(out))
    return out


def _landmarks(work: RGBImage, rect: dlib.rectangle) -> Landmarks:
    shape = _predictor()(work, rect)
    return np.array([(p.x, p.y) for p in shape.parts()], dtype=np.float64)


def _plausible(rect: dlib.rectangle, points: Landmarks) -> bool:
    """Whether the landmarks look like a face: eyes, nose, mouth and chin in order and in
    proportion."""
    width = max(rect.width(), 1)
    left_eye, right_eye = points[36:42].mean(axis=0), points[42:48].mean(axis=0)
    iod = float(np.linalg.norm(right_eye - left_eye))
    if not 0.15 * width <= iod <= 0.8 * width:
        return False
    across = (right_eye - left_eye) / iod
    down = np.array([-across[1], across[0]])  # perpendicular, pointing to the chin
    eyes = (left_eye + right_eye) / 2
    nose, mouth, chin = ((p - eyes) @ down / iod for p in
                         (points[33], points[48:68].mean(axis=0), points[8]))
    return bool(0.3 < nose < mouth < chin < 4.0)


def landmark_drift(work: RGBImage, rect: dlib.rectangle, points: Landmarks) -> float:
    """How far the landmarks follow the box when it moves by 15% of its width in 8
    directions: the median landmark displacement over the box displacement, averaged."""
    step = 0.15 * rect.width()
    diag = step * np.sqrt(0.5)
    moves = [(step, 0), (-step, 0), (0, step), (0, -step),
             (diag, diag), (-diag, diag), (diag, -diag), (-diag, -diag)]
    drift = []
    for dx, dy in moves:
        moved = dlib.rectangle(round(rect.left() + dx), round(rect.top() + dy),
                               round(rect.right() + dx), round(rect.bottom() + dy))
        again = _landmarks(work, moved)
        drift.append(np.median(np.linalg.norm(again - points, axis=1)) / step)
    return float(np.mean(drift))
