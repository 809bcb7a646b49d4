"""Training data: synthesized avatar chips, and clear errors for unusable folders."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from facemoji.errors import BadArgument
from facemoji.gan.data import LANDMARKS_FILE, load_avatars, prepare_photos, synthesize_avatars


def test_synthesized_avatars_are_chips_with_landmarks_inside(tmp_path: Path) -> None:
    assert synthesize_avatars("facemoji", 3, tmp_path, 64, seed=5) == 3
    files = sorted(p.name for p in tmp_path.glob("*.png"))
    assert files == ["facemoji_000005.png", "facemoji_000006.png", "facemoji_000007.png"]
    domain = load_avatars(tmp_path, 32, need_landmarks=True)
    assert domain.images.shape == (3, 32, 32, 3)
    assert domain.landmarks is not None and domain.landmarks.shape == (3, 68, 2)
    pts = domain.landmarks[~np.isnan(domain.landmarks).any(axis=2)]
    assert pts.min() > 0 and pts.max() < 32  # the whole face lies inside the chip
    # eyes level and centred: the chips are aligned like photo chips
    eyes = domain.landmarks[:, 36:48].reshape(3, 2, 6, 2).mean(axis=2)
    assert np.allclose(eyes[:, 0, 1], eyes[:, 1, 1], atol=1.0)
    assert np.allclose(eyes[:, :, 0].mean(axis=1), 16, atol=1.5)


def test_missing_and_empty_folders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BadArgument, match="is not a folder"):
        prepare_photos(tmp_path / "nope", tmp_path / "cache", 32)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no images here")
    with pytest.raises(BadArgument, match="holds no images"):
        prepare_photos(tmp_path / "empty", tmp_path / "cache", 32)


def test_photos_without_faces_or_unreadable_are_counted(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    cv2.imwrite(str(folder / "wall.png"), np.full((80, 80, 3), 200, np.uint8))
    (folder / "broken.jpg").write_bytes(b"not a jpeg at all")
    with pytest.raises(BadArgument, match=r"no usable face in 2 photos \(1 without a face, "
                                          r"1 unreadable\)"):
        prepare_photos(folder, tmp_path / "cache", 32)


def test_avatar_folder_without_landmarks_is_refused_for_conditioning(tmp_path: Path) -> None:
    cv2.imwrite(str(tmp_path / "a.png"), np.zeros((40, 40, 3), np.uint8))
    assert load_avatars(tmp_path, 32).landmarks is None
    with pytest.raises(BadArgument, match=r"no landmarks for a\.png"):
        load_avatars(tmp_path, 32, need_landmarks=True)
    (tmp_path / LANDMARKS_FILE).write_text(json.dumps({"a.png": [[20.0, 20.0]] * 68}))
    domain = load_avatars(tmp_path, 32, need_landmarks=True)
    assert domain.landmarks is not None
    assert domain.landmarks[0, 0].tolist() == [16.0, 16.0]  # scaled 40 → 32 px
