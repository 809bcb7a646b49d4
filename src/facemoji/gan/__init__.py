"""Photo → cartoon translation with a CycleGAN (the Bitmoji experiment's method).

Optional extra ``facemoji[gan]`` (torch) for training and export; translating with an
exported model needs only onnxruntime. This package imports torch lazily, so
``import facemoji.gan`` works without it::

    from facemoji.gan import TrainConfig, synthesize_avatars, train, export_onnx, Translator

    synthesize_avatars("facemoji", 2000, Path("avatars"), size=128)
    train(TrainConfig(size=128, max_steps=600), Path("photos"), Path("avatars"), Path("run"))
    export_onnx(Path("run"), Path("model.onnx"))
    cartoon, landmarks = Translator("model.onnx").translate_photo(photo)

Domain A is photos, domain B cartoons; see ``docs/gan.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ..errors import missing_extra
from ..lazy import lazy_exports

# name -> module that defines it; imported on first attribute access
_LAZY = {
    "TrainConfig": "facemoji.gan.config",
    "synthesize_avatars": "facemoji.gan.data",
    "prepare_photos": "facemoji.gan.data",
    "load_avatars": "facemoji.gan.data",
    "train": "facemoji.gan.train",
    "TrainResult": "facemoji.gan.train",
    "CycleGAN": "facemoji.gan.cyclegan",
    "export_onnx": "facemoji.gan.export",
    "Translator": "facemoji.gan.translate",
}

if TYPE_CHECKING:  # pragma: no cover
    from .config import TrainConfig
    from .cyclegan import CycleGAN
    from .data import load_avatars, prepare_photos, synthesize_avatars
    from .export import export_onnx
    from .train import TrainResult, train
    from .translate import Translator


def require_torch() -> None:
    """Raise :class:`~facemoji.errors.MissingExtra` naming ``facemoji[gan]`` unless
    torch (and the ONNX exporter's packages) can be imported."""
    for package in ("torch", "onnx", "onnxscript"):
        try:
            importlib.import_module(package)
        except ImportError:
            raise missing_extra(package, "gan") from None


__getattr__ = lazy_exports(__name__, _LAZY, globals())


__all__ = [
    "CycleGAN",
    "TrainConfig",
    "TrainResult",
    "Translator",
    "export_onnx",
    "load_avatars",
    "prepare_photos",
    "require_torch",
    "synthesize_avatars",
    "train",
]
