"""The face mesh and blendshapes on the astronaut photo and copies the tests edit."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from facemoji.face import mesh
from facemoji.face.detect import detect_faces
from facemoji.face.mesh import (
    BLENDSHAPES,
    DLIB68,
    LEFT_EYE,
    LEFT_IRIS,
    RIGHT_EYE,
    RIGHT_IRIS,
    SIZE,
    Mesh,
    blendshapes,
    crop_matrix,
    face_mesh,
    mesh_at,
    mesh_matrix,
)


def _iod(landmarks: np.ndarray) -> float:
    return float(np.linalg.norm(landmarks[42:48].mean(axis=0) - landmarks[36:42].mean(axis=0)))


def _apply(matrix: np.ndarray, points: np.ndarray) -> np.ndarray:
    return points[:, :2] @ matrix[:, :2].T + matrix[:, 2]


def _pull(image: np.ndarray, at: np.ndarray, shift: tuple[float, float], radius: float
          ) -> np.ndarray:
    """``image`` with the pixels near ``at`` moved by ``shift`` (a Gaussian bump)."""
    h, w = image.shape[:2]
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    bump = np.exp(-((xx - at[0]) ** 2 + (yy - at[1]) ** 2) / (2 * radius**2))
    return cv2.remap(image, (xx - shift[0] * bump).astype(np.float32),
                     (yy - shift[1] * bump).astype(np.float32), cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE)


def _smile(m: Mesh) -> float:
    return (m.blendshapes["mouthSmileLeft"] + m.blendshapes["mouthSmileRight"]) / 2


@pytest.fixture(scope="module")
def landmarks(astronaut_detection) -> np.ndarray:
    return astronaut_detection.landmarks


@pytest.fixture(scope="module")
def face(astronaut: np.ndarray, landmarks: np.ndarray) -> Mesh:
    return face_mesh(astronaut, landmarks)


def test_the_crop_is_upright_square_and_holds_the_face(landmarks: np.ndarray) -> None:
    m = crop_matrix(landmarks)
    crop = _apply(m, landmarks)
    assert crop[36, 1] == pytest.approx(crop[45, 1], abs=1e-6)  # outer eye corners level
    assert np.linalg.det(m[:, :2]) > 0  # not mirrored
    # every dlib point inside, with the forehead's room above the brows
    assert crop.min() > 0.1 * SIZE and crop.max() < 0.9 * SIZE
    assert crop[17:27, 1].min() > 0.25 * SIZE


def test_the_crop_predicts_mediapipes_own(face: Mesh) -> None:
    """MediaPipe's rule on the mesh found in our crop gives back nearly the same crop."""
    ours, theirs = face.matrix, mesh_matrix(face.points)
    corners = np.array([[0.0, 0.0], [SIZE, 0.0], [0.0, SIZE], [SIZE, SIZE]])
    back = _apply(cv2.invertAffineTransform(theirs), corners)
    assert np.abs(_apply(ours, back) - corners).max() < 0.06 * SIZE


def test_the_mesh_lands_on_dlibs_landmarks(face: Mesh, landmarks: np.ndarray) -> None:
    iod = _iod(landmarks)
    for d, k in DLIB68.items():
        assert np.linalg.norm(face.points[k, :2] - landmarks[d]) < 0.06 * iod, (d, k)
    assert face.points.shape == (478, 3) and face.points.dtype == np.float64


def test_the_irises_are_inside_their_eyes(face: Mesh, landmarks: np.ndarray) -> None:
    iod = _iod(landmarks)
    for eye, iris in ((RIGHT_EYE, RIGHT_IRIS), (LEFT_EYE, LEFT_IRIS)):
        lids = face.points[list(eye), :2]
        centre, rim = face.points[iris[0], :2], face.points[list(iris[1:]), :2]
        assert cv2.pointPolygonTest(lids.astype(np.float32), tuple(map(float, centre)),
                                    False) > 0
        # the whole iris lies between the eye's corners (the lids may hide its top)
        assert lids[:, 0].min() < rim[:, 0].min() and rim[:, 0].max() < lids[:, 0].max()
        # an iris is about 12 mm across, eyes about 63 mm apart
        assert 0.07 * iod < np.linalg.norm(rim - centre, axis=1).mean() < 0.12 * iod
    # the person's right eye is the one on the left of the photo
    assert face.points[RIGHT_IRIS[0], 0] < face.points[LEFT_IRIS[0], 0]


def test_the_nose_tip_is_nearest_the_camera(face: Mesh) -> None:
    z = face.points[:, 2]
    assert z[mesh.NOSE_TIP] < np.percentile(z, 2)
    assert z[list(mesh.FACE_OVAL)].mean() > np.median(z)


@pytest.mark.parametrize("angle, scale, shift", [
    (0.0, 1.0, (37.0, 21.0)),   # moved
    (20.0, 1.0, (0.0, 0.0)),    # turned about the face
    (0.0, 0.6, (0.0, 0.0)),     # shrunk
])
def test_moving_the_photo_moves_the_mesh(astronaut: np.ndarray, landmarks: np.ndarray,
                                         face: Mesh, angle: float, scale: float,
                                         shift: tuple[float, float]) -> None:
    centre = tuple(landmarks[27])
    m = cv2.getRotationMatrix2D(centre, angle, scale)
    m[:, 2] += shift
    size = (round(astronaut.shape[1] * max(scale, 1.0)) + 40,) * 2
    photo = cv2.warpAffine(astronaut, m, size, flags=cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_REPLICATE)
    moved = face_mesh(photo, _apply(m, landmarks))
    error = np.linalg.norm(moved.points[:, :2] - _apply(m, face.points), axis=1)
    iod = _iod(landmarks) * scale
    assert error.mean() < 0.02 * iod and error.max() < 0.08 * iod
    # depth scales with the photo: the nose stands out by as much, in IOD
    relief = face.points[:, 2].max() - face.points[:, 2].min()
    assert np.ptp(moved.points[:, 2]) == pytest.approx(relief * scale, rel=0.05)
    assert moved.presence > 0.9


def test_a_mirrored_photo_mirrors_the_mesh_and_the_half_smile(astronaut: np.ndarray,
                                                              landmarks: np.ndarray) -> None:
    """Pull the person's left mouth corner (right in the photo) down: that side's smile
    drops, and in the mirrored photo it is the other side's."""
    half = _pull(astronaut, landmarks[54], (0.0, 0.25 * _iod(landmarks)), 0.3 * _iod(landmarks))
    mirrored = np.ascontiguousarray(half[:, ::-1])
    m = face_mesh(half, landmarks)
    (found,) = detect_faces(mirrored)
    w = face_mesh(mirrored, found.landmarks)
    assert m.blendshapes["mouthSmileLeft"] < m.blendshapes["mouthSmileRight"] - 0.2
    assert w.blendshapes["mouthSmileRight"] < w.blendshapes["mouthSmileLeft"] - 0.2
    # the mirrored mesh: each outer eye corner and mouth corner where the other side's was
    iod = _iod(landmarks)
    for a, b in ((33, 263), (61, 291)):
        for i, j in ((a, b), (b, a)):
            seen = np.array([astronaut.shape[1] - 1 - w.points[i, 0], w.points[i, 1]])
            assert np.linalg.norm(seen - m.points[j, :2]) < 0.08 * iod


def test_the_smile_fades_when_the_mouth_corners_drop(astronaut: np.ndarray,
                                                     landmarks: np.ndarray, face: Mesh) -> None:
    iod = _iod(landmarks)
    neutral = astronaut
    for corner in (48, 54):
        neutral = _pull(neutral, landmarks[corner], (0.0, 0.25 * iod), 0.3 * iod)
    assert _smile(face) > 0.7  # she smiles
    assert _smile(face_mesh(neutral, landmarks)) < _smile(face) - 0.3


def test_presence_is_high_on_the_face_and_low_elsewhere(astronaut: np.ndarray,
                                                        landmarks: np.ndarray,
                                                        face: Mesh) -> None:
    assert face.presence > 0.95
    chest = crop_matrix(landmarks)
    chest[1, 2] -= SIZE  # one crop further down: her suit
    assert mesh_at(astronaut, chest).presence < 0.2
    noise = np.random.default_rng(0).integers(0, 256, astronaut.shape, dtype=np.uint8)
    assert face_mesh(noise, landmarks).presence < 0.2


def test_blendshapes_are_52_scores_that_ignore_position_and_scale(face: Mesh) -> None:
    assert list(face.blendshapes) == list(BLENDSHAPES) and len(BLENDSHAPES) == 52
    assert all(0.0 <= v <= 1.0 for v in face.blendshapes.values())
    assert 0.0 <= face.tongue_out < 0.2
    moved = blendshapes(face.points * 2.5 + 100.0)
    assert max(abs(moved[k] - face.blendshapes[k]) for k in BLENDSHAPES) < 1e-3


def test_the_debug_image_outlines_the_mesh(astronaut: np.ndarray, astronaut_detection,
                                           face: Mesh) -> None:
    from types import SimpleNamespace

    from facemoji.face.attributes import measure
    from facemoji.face.debug import OVAL_RGB, draw_debug

    analysis = SimpleNamespace(detection=astronaut_detection,
                               attributes=measure(astronaut, astronaut_detection))
    out = draw_debug(astronaut, analysis)[:, : astronaut.shape[1]].astype(int)
    # halfway along the sides of the face's outline, the outline's colour (bar a few that
    # dlib's jaw points cover)
    oval = face.points[list(mesh.FACE_OVAL), :2]
    hits = 0
    for a, b in zip(oval, np.roll(oval, -1, axis=0), strict=True):
        x, y = np.round((a + b) / 2).astype(int)
        near = out[y - 1:y + 2, x - 1:x + 2].reshape(-1, 3)
        hits += np.abs(near - OVAL_RGB).sum(axis=1).min() < 60
    assert hits >= 0.6 * len(oval)
