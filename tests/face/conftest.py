"""Fixtures shared by the face tests: the astronaut photo and its detection (computed once)."""

from __future__ import annotations

import numpy as np
import pytest
from skimage import data

from facemoji.face.detect import Detection, detect_faces


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    """``skimage.data.astronaut()``: 512×512 RGB, one frontal face (Eileen Collins)."""
    image = data.astronaut()
    image.setflags(write=False)
    return image


@pytest.fixture(scope="session")
def astronaut_detection(astronaut: np.ndarray) -> Detection:
    """The one face of the astronaut photo, detected with the default settings."""
    faces = detect_faces(astronaut)
    assert len(faces) == 1
    return faces[0]
