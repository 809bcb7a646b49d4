"""Fixtures shared by every test folder."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    """scikit-image's public-domain NASA portrait (RGB uint8, 512 × 512)."""
    from skimage import data

    return np.ascontiguousarray(data.astronaut())
