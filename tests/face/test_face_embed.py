"""Embedders: the registry, the base class contract and dlib's ResNet on the astronaut."""

from __future__ import annotations

import sys

import cv2
import numpy as np
import pytest

from facemoji.errors import BadArgument, FacemojiError, MissingExtra, UnknownName
from facemoji.face.detect import Detection, align, detect_faces
from facemoji.face.embed import (
    BaseEmbedder,
    DlibEmbedder,
    Embedder,
    get_embedder,
    list_embedders,
)


@pytest.fixture(scope="module")
def dlib_embedder() -> Embedder:
    return get_embedder("dlib")


@pytest.fixture(scope="module")
def astronaut_embedding(
    dlib_embedder: Embedder, astronaut: np.ndarray, astronaut_detection: Detection
) -> np.ndarray:
    return dlib_embedder.embed_batch([astronaut], [astronaut_detection.landmarks])[0]


def test_registry_lists_builtins_and_rejects_unknown_names() -> None:
    assert {"dlib", "vgg-face"} <= set(list_embedders())
    assert get_embedder() is get_embedder("dlib")
    with pytest.raises(UnknownName, match="dlib"):
        get_embedder("facenet-xl")


def test_dlib_embedder_contract(dlib_embedder: Embedder, astronaut_embedding: np.ndarray) -> None:
    assert isinstance(dlib_embedder, Embedder) and isinstance(dlib_embedder, DlibEmbedder)
    assert (dlib_embedder.name, dlib_embedder.dim, dlib_embedder.input_size) == ("dlib", 128, 150)
    assert astronaut_embedding.shape == (128,) and astronaut_embedding.dtype == np.float32
    assert 0.5 < np.linalg.norm(astronaut_embedding) < 1.5  # dlib's vectors are about unit
    empty = dlib_embedder.embed_batch([], [])
    assert empty.shape == (0, 128) and empty.dtype == np.float32


def test_the_shipped_network_gives_dlibs_own_descriptors(
        dlib_embedder: Embedder, astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    """The ONNX conversion (scripts/convert_face_descriptor.py) against dlib's own code
    on a face chip, its mirror image and a darker copy, as one batch."""
    import dlib

    from facemoji.face.detect import models_dir

    chip = align(astronaut, np.asarray(astronaut_detection.landmarks, float), 150, 0.25)
    chips = np.stack([chip, chip[:, ::-1], (chip * 0.6).astype(np.uint8)])
    recognizer = dlib.face_recognition_model_v1(
        str(models_dir() / "dlib_face_recognition_resnet_model_v1.dat"))
    expected = np.array([np.asarray(v) for v in
                         recognizer.compute_face_descriptor(list(np.ascontiguousarray(chips)))])
    assert np.abs(dlib_embedder.embed_chips(chips) - expected).max() < 1e-5


def test_embed_batch_is_align_then_embed_chips(
    dlib_embedder: Embedder, astronaut: np.ndarray, astronaut_detection: Detection,
    astronaut_embedding: np.ndarray,
) -> None:
    chip = align(astronaut, astronaut_detection.landmarks)
    from_chip = dlib_embedder.embed_chips(chip[None])[0]
    assert np.allclose(from_chip, astronaut_embedding, atol=1e-5)


def test_same_face_is_close_and_altered_face_is_far(
    dlib_embedder: Embedder, astronaut: np.ndarray, astronaut_detection: Detection,
    astronaut_embedding: np.ndarray,
) -> None:
    # the same photo, shifted and shrunk: same person, different pixels
    moved = np.full_like(astronaut, 255)
    small = cv2.resize(astronaut, (440, 440), interpolation=cv2.INTER_AREA)
    moved[30:470, 50:490] = small
    (face,) = detect_faces(moved)
    same = dlib_embedder.embed_batch([moved], [face.landmarks])[0]
    near = float(np.linalg.norm(same - astronaut_embedding))
    assert near < 0.3
    # the same chip with its colors inverted no longer looks like her
    chip = align(astronaut, astronaut_detection.landmarks)
    inverted = dlib_embedder.embed_chips((255 - chip)[None])[0]
    far = float(np.linalg.norm(inverted - astronaut_embedding))
    assert far > 0.45 and far > 2 * near


def test_embed_chips_checks_its_input(dlib_embedder: Embedder) -> None:
    with pytest.raises(BadArgument, match="150"):
        dlib_embedder.embed_chips(np.zeros((1, 100, 100, 3), np.uint8))
    with pytest.raises(BadArgument, match="landmarks"):
        dlib_embedder.embed_batch([np.zeros((10, 10, 3), np.uint8)], [])


class _MeanColor(BaseEmbedder):
    """A fake embedder: the chip's mean color."""

    name = "mean-color"
    dim = 3
    input_size = 32

    def embed_chips(self, chips: np.ndarray) -> np.ndarray:
        return self._check_chips(chips).reshape(len(chips), -1, 3).mean(axis=1).astype(np.float32)


def test_base_class_aligns_with_the_shared_geometry(
    astronaut: np.ndarray, astronaut_detection: Detection
) -> None:
    fake = _MeanColor()
    chip = fake.align(astronaut, astronaut_detection.landmarks)
    assert chip.shape == (32, 32, 3)
    # antialiased downscale ≈ dlib's own chip resized to 32 px
    reference = cv2.resize(align(astronaut, astronaut_detection.landmarks),
                           (32, 32), interpolation=cv2.INTER_AREA)
    assert np.abs(chip.astype(int) - reference).mean() < 12
    vectors = fake.embed_batch([astronaut, astronaut], [astronaut_detection.landmarks] * 2)
    assert vectors.shape == (2, 3) and np.allclose(vectors[0], chip.reshape(-1, 3).mean(axis=0))
    assert np.allclose(fake.embed(astronaut, astronaut_detection.landmarks5), vectors[0])


def test_vgg_face_without_torch_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` fail
    with pytest.raises(MissingExtra, match=r"facemoji\[vgg\]"):
        get_embedder("vgg-face")


def test_vgg_face_without_weights_says_how_to_get_them(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("torch")
    monkeypatch.delenv("FACEMOJI_VGG_WEIGHTS", raising=False)
    with pytest.raises(FacemojiError, match="FACEMOJI_VGG_WEIGHTS"):
        get_embedder("vgg-face")


# dlib's 5 points of a face about 100 px wide
_FIVE_POINTS = [(255, 105), (237, 106), (195, 101), (212, 104), (224, 134)]


@pytest.mark.parametrize("name", list_embedders())
def test_every_registered_embedder_keeps_its_contract(name: str) -> None:
    try:
        embedder = get_embedder(name)
    except FacemojiError as exc:  # an optional extra or weights this machine lacks
        pytest.skip(f"{name}: {exc}")
    assert isinstance(embedder, Embedder) and embedder.name == name
    chips = np.full((2, embedder.input_size, embedder.input_size, 3), 128, np.uint8)
    out = embedder.embed_chips(chips)
    assert out.shape == (2, embedder.dim) and out.dtype == np.float32
    assert embedder.align_transform(np.array(_FIVE_POINTS)).shape == (2, 3)

