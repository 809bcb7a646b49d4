"""Detection, landmarks and alignment on skimage's astronaut (dlib models, run once)."""

from __future__ import annotations

from importlib import resources

import cv2
import numpy as np
import pytest

from facemoji.errors import BadArgument, BadImage, NoFaceFound
from facemoji.face.detect import Detection, align, align_transform, detect_face, detect_faces
from facemoji.types import five_point


def test_astronaut_has_one_plausible_face(astronaut_detection: Detection) -> None:
    # one face: the mission patch that HOG also fires on at upsample 1 is rejected
    det = astronaut_detection
    x0, y0, x1, y1 = det.box
    assert det.method == "hog" and det.score > 0.5
    assert 150 < x0 < x1 < 300 and 50 < y0 < y1 < 200  # the face, not the patch (y > 300)
    assert 70 < x1 - x0 < 130
    lm = det.landmarks
    assert lm.shape == (68, 2) and lm.dtype == np.float64
    assert ((lm[:, 0] > x0 - 20) & (lm[:, 0] < x1 + 20)).all()
    assert ((lm[:, 1] > y0 - 20) & (lm[:, 1] < y1 + 30)).all()
    eyes_y = lm[36:48, 1].mean()
    assert eyes_y < lm[33, 1] < lm[48:68, 1].mean() < lm[8, 1]  # eyes, nose, mouth, chin
    assert lm[36:42, 0].mean() < lm[42:48, 0].mean()  # the image-left eye is on the left
    assert np.array_equal(det.landmarks5, five_point(lm))


def test_blank_image_has_no_face() -> None:
    blank = np.full((160, 160, 3), 128, np.uint8)
    assert detect_faces(blank, method="hog") == []
    with pytest.raises(NoFaceFound, match="no face found in the image"):
        detect_face(blank, name=None)
    with pytest.raises(NoFaceFound, match=r"no face found in blank\.png"):
        detect_face(blank, name="blank.png", method="hog")


def test_two_faces_largest_first(astronaut: np.ndarray) -> None:
    small = cv2.resize(astronaut, (384, 384), interpolation=cv2.INTER_AREA)
    canvas = np.full((512, 512 + 384, 3), 255, np.uint8)
    canvas[:, :512] = astronaut
    canvas[:384, 512:] = small
    faces = detect_faces(canvas)
    assert len(faces) == 2
    assert faces[0].box[2] <= 512 and faces[1].box[0] >= 512  # big one first
    assert faces[0].width > faces[1].width
    second, count = detect_face(canvas, face_index=1)
    assert count == 2 and second.box == faces[1].box
    with pytest.raises(BadArgument, match="out of range"):
        detect_face(canvas, face_index=2)


def test_large_image_coordinates_are_in_the_original_frame(
    astronaut: np.ndarray, astronaut_detection: Detection
) -> None:
    big = cv2.resize(astronaut, (2048, 2048), interpolation=cv2.INTER_CUBIC)  # > MAX_SIDE
    faces = detect_faces(big)
    assert len(faces) == 1
    expected = (astronaut_detection.landmarks + 0.5) * 4 - 0.5
    assert np.median(np.linalg.norm(faces[0].landmarks - expected, axis=1)) < 8
    # HOG boxes come in pyramid steps: compare centers and sizes loosely
    box, small = np.array(faces[0].box, float), np.array(astronaut_detection.box, float) * 4
    assert np.allclose((box[:2] + box[2:]) / 2, (small[:2] + small[2:]) / 2, atol=24)
    assert 0.8 < (box[2] - box[0]) / (small[2] - small[0]) < 1.25


def test_bad_arguments(astronaut: np.ndarray) -> None:
    with pytest.raises(BadArgument, match="method"):
        detect_faces(astronaut, method="mtcnn")
    with pytest.raises(BadArgument, match="RGB uint8"):
        detect_faces(astronaut.astype(np.float32))
    with pytest.raises(BadArgument, match="landmarks"):
        align(astronaut, np.zeros((10, 2)))


def test_align_matches_warp_of_align_transform(
    astronaut: np.ndarray, astronaut_detection: Detection
) -> None:
    chip = align(astronaut, astronaut_detection.landmarks)
    matrix = align_transform(astronaut_detection.landmarks)
    assert chip.shape == (150, 150, 3) and chip.dtype == np.uint8
    assert matrix.shape == (2, 3)
    warped = cv2.warpAffine(astronaut, matrix, (150, 150), flags=cv2.INTER_LINEAR)
    assert np.abs(warped.astype(int) - chip).mean() < 2.0
    # the eyes come out level and mirror-symmetric about the chip's center
    five = np.c_[astronaut_detection.landmarks5, np.ones(5)] @ matrix.T
    right_eye, left_eye = five[0:2].mean(axis=0), five[2:4].mean(axis=0)
    assert abs(right_eye[1] - left_eye[1]) < 2
    assert abs((right_eye[0] + left_eye[0]) / 2 - 75) < 4
    # five points give the same chip as the 68 they come from
    assert np.array_equal(align(astronaut, astronaut_detection.landmarks5), chip)


def test_align_size_and_padding(astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    lm = astronaut_detection.landmarks
    big = align_transform(lm, size=300)
    assert np.allclose(big, align_transform(lm) * np.array([[2], [2]]), atol=0.02 * 300)
    tight, loose = align_transform(lm, padding=0.1), align_transform(lm, padding=0.5)
    assert np.linalg.det(tight[:, :2]) > np.linalg.det(loose[:, :2])  # less padding, bigger face
    assert align(astronaut, lm, size=224).shape == (224, 224, 3)


def test_the_shipped_hog_detector_is_dlibs_own(astronaut: np.ndarray) -> None:
    """facemoji loads dlib's frontal detector from a saved copy (2 ms, not 0.4 s)."""
    import dlib

    from facemoji.face import detect

    shipped = resources.files("facemoji") / "data" / "hog_face_detector.svm"
    assert shipped.is_file()
    for upsample in (0, 1):
        mine = detect._hog().run(astronaut, upsample, 0.0)
        theirs = dlib.get_frontal_face_detector().run(astronaut, upsample, 0.0)
        assert [str(r) for r in mine[0]] == [str(r) for r in theirs[0]]
        assert mine[1] == pytest.approx(theirs[1])
        assert len(mine[0]) >= 1


@pytest.mark.slow
def test_cnn_detector_finds_the_astronaut(
    astronaut: np.ndarray, astronaut_detection: Detection
) -> None:
    faces = detect_faces(astronaut, method="cnn")
    assert len(faces) == 1 and faces[0].method == "cnn"
    distance = np.linalg.norm(faces[0].landmarks - astronaut_detection.landmarks, axis=1)
    assert np.median(distance) < 5


@pytest.mark.parametrize("shape", [(1, 1), (9, 9), (20, 20000), (12, 3000), (19, 400)])
def test_tiny_or_thin_images_are_refused_clearly(shape: tuple[int, int]) -> None:
    """dlib's CNN raised a RuntimeError on these (issue 14: HTTP 500, CLI exit 1)."""
    rng = np.random.default_rng(0)
    image = rng.integers(0, 255, (*shape, 3), dtype=np.uint8)
    with pytest.raises(BadImage, match=r"strip\.png: the image is too small or too thin"):
        detect_face(image, name="strip.png")
    for method in ("cnn", "hog"):
        with pytest.raises(BadImage, match="too small"):
            detect_faces(image, method=method)


def test_small_images_skip_the_cnn_instead_of_failing() -> None:
    rng = np.random.default_rng(1)
    image = rng.integers(0, 255, (30, 2000, 3), dtype=np.uint8)  # 15 px tall once shrunk
    assert detect_faces(image, method="cnn") == []
    assert detect_faces(image) == []


def test_a_blank_photo_runs_no_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    from facemoji.face import detect

    def never(*args, **kwargs):
        raise AssertionError("a detector ran on a blank image")

    monkeypatch.setattr(detect, "_detect", never)
    assert detect.detect_faces(np.zeros((1200, 1600, 3), np.uint8)) == []
    with pytest.raises(NoFaceFound):
        detect.detect_face(np.full((1200, 1600, 3), 255, np.uint8))


def test_a_photo_without_a_face_costs_little_to_search(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    """The fallbacks run on small copies (issue 11: a photo without a face took 5-11 s:
    HOG upsampled at 1600 px, then the CNN at 800 px)."""
    from facemoji.face import detect

    passes: list[tuple[str, int, tuple[int, ...]]] = []

    def record(image, work, scale, method, upsample):
        passes.append((method, upsample, work.shape[:2]))
        return []

    monkeypatch.setattr(detect, "_detect", record)
    noise = np.random.default_rng(0).integers(0, 255, (1200, 1600, 3), dtype=np.uint8)
    monkeypatch.setattr(detect, "_looks_faceless", lambda image: False)
    assert detect.detect_faces(noise) == []
    assert passes == [("hog", 0, (1200, 1600)), ("hog", 1, (768, 1024)),
                      ("cnn", 0, (288, 384))]
    passes.clear()
    monkeypatch.undo()
    monkeypatch.setattr(detect, "_detect", record)
    assert detect.detect_faces(noise) == []
    assert passes == [("hog", 0, (1200, 1600)), ("hog", 1, (768, 1024))]
