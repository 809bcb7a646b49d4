"""Export a run's photo → cartoon generator to ONNX for :class:`~.translate.Translator`.

The model has one input ``image`` ``(N, C, S, S)`` float in [-1, 1] (C = 3, or 3 +
the heatmap channels with landmark conditioning) and one output ``cartoon``
``(N, 3, S, S)``. Metadata props tell the translator the size, the padding and
whether (and how) to feed heatmaps.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import onnx
import torch

from ..errors import BadArgument
from ..outputs import write_file
from .config import TrainConfig
from .cyclegan import build_generator
from .heatmaps import N_CHANNELS
from .train import CHECKPOINT_FILE, CONFIG_FILE, load_checkpoint
from .translate import METADATA_KEY

log = logging.getLogger(__name__)

OPSET = 18
"""ONNX opset: the lowest torch 2.13's exporter writes natively; onnxruntime ≥ 1.14 runs it."""


def export_onnx(run_dir: Path, output: Path, *, opset: int = OPSET, force: bool = False
                ) -> Path:
    """Write the run's ``G_A`` (photo → cartoon) as a self-contained ONNX file.

    Weights are stored inside the file (no side file). The file is written whole, never
    through a link, and replaces an existing one only with ``force``
    (:mod:`facemoji.outputs`). Returns ``output``.
    """
    if not (run_dir / CONFIG_FILE).is_file():
        raise BadArgument(f"{run_dir} is not a training run (no {CONFIG_FILE})")
    config = TrainConfig.load(run_dir / CONFIG_FILE)
    state = load_checkpoint(run_dir / CHECKPOINT_FILE)
    generator = build_generator(config)
    generator.load_state_dict(state["nets"]["G_A"])
    generator.eval()
    channels = 3 + (N_CHANNELS if config.landmarks else 0)
    example = torch.zeros(1, channels, config.size, config.size)
    batch = torch.export.Dim("batch", min=1, max=1024)
    program = torch.onnx.export(
        generator, (example,), input_names=["image"], output_names=["cartoon"],
        dynamic_shapes={"x": {0: batch}}, opset_version=opset, dynamo=True, verbose=False,
        external_data=False,
    )
    model = program.model_proto
    meta = {"size": config.size, "padding": config.padding, "landmarks": config.landmarks,
            "heatmap_sigma": config.heatmap_sigma, "step": int(state["step"]),
            "ngf": config.ngf, "n_blocks": config.n_blocks}
    onnx.helper.set_model_props(model, {METADATA_KEY: json.dumps(meta)})
    write_file(output, model.SerializeToString(), force=force)
    log.info("exported step %d of %s to %s", meta["step"], run_dir, output)
    return output
