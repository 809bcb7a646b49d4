"""Landmark heatmaps (numpy only)."""

from __future__ import annotations

import numpy as np
import pytest

from facemoji.gan.heatmaps import N_CHANNELS, REGIONS, landmark_heatmaps


def test_heatmaps_peak_at_the_points_of_their_region() -> None:
    pts = np.full((68, 2), np.nan)
    pts[36] = (10, 20)  # an eye corner: the "eyes" channel
    heat = landmark_heatmaps(pts, 32, sigma=1.5)
    assert heat.shape == (N_CHANNELS, 32, 32)
    eyes = [name for name, _ in REGIONS].index("eyes")
    assert heat[eyes, 20, 10] == pytest.approx(1.0)
    assert heat[eyes].argmax() == 20 * 32 + 10
    others = np.delete(heat, eyes, axis=0)
    assert np.all(others == -1.0)  # nan points are left out


def test_regions_cover_the_68_points_once() -> None:
    covered = sorted(i for _, indices in REGIONS for i in indices)
    assert covered == list(range(68))


def test_heatmaps_reject_other_shapes() -> None:
    with pytest.raises(ValueError, match="68"):
        landmark_heatmaps(np.zeros((5, 2)), 16)
