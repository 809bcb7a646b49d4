"""Photo → cartoon translation with an exported generator, through onnxruntime only.

No torch needed: this is what ``facemoji gan translate`` and ``facemoji generate
--via-gan`` use.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ..errors import BadArgument
from ..types import Landmarks, RGBImage
from .align import photo_chip, warp_chip
from .heatmaps import landmark_heatmaps

METADATA_KEY = "facemoji.gan"


class Translator:
    """A photo → cartoon generator exported by ``facemoji gan export``.

    ``size`` is its chip side in pixels, ``padding`` the face margin of its chips,
    ``landmarks`` whether it reads landmark heatmaps. The onnxruntime session is
    created once, on construction.
    """

    def __init__(self, model_path: str | Path, *, threads: int | None = None) -> None:
        import onnxruntime as ort

        path = Path(model_path)
        if not path.is_file():
            raise BadArgument(f"model {path} does not exist")
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        try:
            self.session = ort.InferenceSession(str(path), options,
                                                providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own unexported error types
            raise BadArgument(f"{path} is not a usable ONNX model: {exc}") from None
        meta: dict[str, Any] = json.loads(
            self.session.get_modelmeta().custom_metadata_map.get(METADATA_KEY, "null") or "null")
        if meta is None:
            raise BadArgument(f"{path} was not exported by `facemoji gan export`")
        self.size = int(meta["size"])
        self.padding = float(meta["padding"])
        self.landmarks = bool(meta["landmarks"])
        self.sigma = float(meta["heatmap_sigma"])
        self.input_name = self.session.get_inputs()[0].name

    def translate_aligned(self, chip: RGBImage, landmarks: Landmarks | None = None) -> RGBImage:
        """Translate an aligned face chip (RGB uint8, any square size) to a cartoon
        ``(size, size, 3)`` uint8.

        A model with landmark conditioning needs the chip's 68 ``landmarks`` (in chip
        pixels); without them it is fed empty heatmaps.
        """
        chip = np.asarray(chip)
        if chip.ndim != 3 or chip.shape[2] != 3 or chip.shape[0] != chip.shape[1]:
            raise BadArgument(f"expected a square RGB chip (S, S, 3), got {chip.shape}")
        scale = self.size / chip.shape[0]
        if chip.shape[0] != self.size:
            interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
            chip = cv2.resize(chip, (self.size, self.size), interpolation=interp)
        x = chip.astype(np.float32).transpose(2, 0, 1)[None] / 127.5 - 1.0
        if self.landmarks:
            pts = (np.full((68, 2), np.nan) if landmarks is None
                   else np.asarray(landmarks, dtype=np.float64) * scale)
            x = np.concatenate([x, landmark_heatmaps(pts, self.size, self.sigma)[None]], axis=1)
        (y,) = self.session.run(None, {self.input_name: x})
        return ((np.clip(y[0], -1, 1) + 1) * 127.5).round().astype(np.uint8).transpose(1, 2, 0)

    def translate_photo(self, image: RGBImage, landmarks: Landmarks | None = None
                        ) -> tuple[RGBImage, Landmarks | None]:
        """Detect the face in a photo (unless its 68 ``landmarks`` are given), align it
        and translate it.

        Returns the cartoon ``(size, size, 3)`` and the face's 68 landmarks in the
        cartoon's pixels (the translation keeps the face's layout). Raises
        :class:`~facemoji.errors.NoFaceFound` when the photo has no face.
        """
        if landmarks is None:
            chip, chip_landmarks = photo_chip(image, self.size, self.padding)
        else:
            chip, chip_landmarks = warp_chip(image, landmarks, self.size, self.padding)
        return self.translate_aligned(chip, chip_landmarks), chip_landmarks


def cartoon_targets(photos: Sequence[str | Path], folder: Path) -> list[Path]:
    """Where the cartoon of each photo goes: ``folder/<photo's stem>.png``. Raises
    :class:`~facemoji.errors.BadArgument` when two photos would share a file."""
    targets = [folder / f"{Path(photo).stem}.png" for photo in photos]
    clashes = sorted({t.name for t in targets if targets.count(t) > 1})
    if clashes:
        raise BadArgument(f"several photos would be written as {', '.join(clashes)}; "
                          "translate them into separate folders")
    return targets
