"""CycleGAN speed: seconds per training iteration and generator inference time.

    .venv/bin/python benchmarks/gan.py                    # CPU table (a few iterations each)
    .venv/bin/python benchmarks/gan.py --iters 5 --threads 2
    .venv/bin/python benchmarks/gan.py --sizes 128 --widths 32 --precisions fp32 bf16
    .venv/bin/python benchmarks/gan.py --runs RUN...      # summarize finished training runs

Training: one full iteration (both generators and discriminators, batch 1) at 64, 128
and 256 px for ngf = ndf = 32 and 64, on the CPU and, where torch sees one, on a CUDA
GPU (then also a real 2,000-step run on ../shared/data/faces at 256 px), in fp32 and with
bf16 autocast (``--precisions``; without ``--sizes``, bf16 only at 128 px to keep the run
short), with bf16's speed-up over fp32 beside it. Inference: the
photo → cartoon generator at 128 px, ngf 32, in torch and in onnxruntime. ``--runs``
prints, per run folder, the mean losses of its last 100 steps and its seconds per step.
Needs ``facemoji[gan]``. Skips (exit 0) where ../shared is absent.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FACES = SHARED / "data" / "faces"


def train_iteration_seconds(size: int, width: int, device: str, iters: int,
                            precision: str = "fp32") -> float:
    """Median seconds of one training iteration (after one warm-up iteration)."""
    import torch

    from facemoji.gan.config import TrainConfig
    from facemoji.gan.cyclegan import CycleGAN

    config = TrainConfig(size=size, ngf=width, ndf=width, precision=precision)  # type: ignore[arg-type]
    model = CycleGAN(config, device)
    model.set_input({k: torch.rand(1, 3, size, size) * 2 - 1 for k in ("A", "B")})
    times = []
    for _ in range(iters + 1):
        t0 = time.perf_counter()
        model.optimize()
        if device == "cuda":
            torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
    return statistics.median(times[1:])


def inference_ms(size: int, ngf: int, iters: int, threads: int) -> tuple[float, float]:
    """Median ms per image of the generator in torch and in onnxruntime (CPU)."""
    import numpy as np
    import torch

    from facemoji.gan.config import TrainConfig
    from facemoji.gan.cyclegan import CycleGAN
    from facemoji.gan.export import export_onnx
    from facemoji.gan.train import CHECKPOINT_FILE, CONFIG_FILE, save_checkpoint
    from facemoji.gan.translate import Translator

    config = TrainConfig(size=size, ngf=ngf)
    model = CycleGAN(config)
    x = torch.rand(1, 3, size, size) * 2 - 1
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp)
        (run / CONFIG_FILE).write_text(config.to_json())
        save_checkpoint(model, run / CHECKPOINT_FILE)
        translator = Translator(export_onnx(run, run / "g.onnx"), threads=threads)
        feed = {translator.input_name: x.numpy()}

        def median_ms(fn) -> float:  # type: ignore[no-untyped-def]
            fn()
            times = []
            for _ in range(iters):
                t0 = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t0)
            return 1000 * statistics.median(times)

        generator = model.G_A.eval()
        with torch.no_grad():
            torch_ms = median_ms(lambda: generator(x))
        ort_ms = median_ms(lambda: translator.session.run(None, feed))
        with torch.no_grad():
            (onnx_out,) = translator.session.run(None, feed)
            assert np.abs(onnx_out - generator(x).numpy()).max() < 1e-4
    return torch_ms, ort_ms


def gpu_training_run(steps: int) -> None:
    """A real run on the shared photos with synthesized avatars, on the GPU."""
    from facemoji.gan.config import TrainConfig
    from facemoji.gan.data import synthesize_avatars
    from facemoji.gan.train import train

    with tempfile.TemporaryDirectory() as tmp:
        avatars = Path(tmp) / "avatars"
        synthesize_avatars("facemoji", 2000, avatars, 256)
        config = TrainConfig(size=256, ngf=64, ndf=64, max_steps=steps, sample_every=steps,
                             save_every=steps)
        result = train(config, FACES, avatars, Path(tmp) / "run", device="cuda", workers=4)
    print(f"GPU run: {steps} steps at 256 px, ngf 64 in {result.seconds:.0f} s "
          f"({result.seconds / steps:.3f} s/step); last losses "
          + ", ".join(f"{k} {v:.3f}" for k, v in result.losses.items()))


def summarize(runs: list[Path]) -> None:
    """Mean of the last 100 logged steps of each run, and its seconds per step."""
    for run in runs:
        with open(run / "log.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        tail = rows[-100:]
        keys = [k for k in rows[0] if k not in ("step", "lr", "seconds")]
        means = {k: statistics.fmean(float(r[k]) for r in tail) for k in keys}
        sec = statistics.median(float(r["seconds"]) for r in rows)
        print(f"{run.name}: steps {rows[-1]['step']}, median {sec:.2f} s/step; "
              f"mean of last {len(tail)} steps: "
              + ", ".join(f"{k} {v:.3f}" for k, v in means.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iters", type=int, default=2, help="timed iterations per config")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    parser.add_argument("--sizes", type=int, nargs="+",
                        help="image sizes [default 64 128 256; bf16 only 128]")
    parser.add_argument("--widths", type=int, nargs="+", default=[32, 64])
    parser.add_argument("--precisions", nargs="+", choices=["fp32", "bf16"],
                        default=["fp32", "bf16"])
    parser.add_argument("--runs", type=Path, nargs="+", help="summarize these run folders")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipping: {SHARED} is absent")
        return 0
    if args.runs:
        summarize(args.runs)
        return 0
    try:
        import torch
    except ImportError:
        print("skipping: torch is not installed (pip install 'facemoji[gan]')")
        return 0
    torch.set_num_threads(args.threads)
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    print(f"torch {torch.__version__}, {args.threads} CPU thread(s), batch 1, "
          f"median of {args.iters} iterations after 1 warm-up")
    print("| device | precision | size | ngf=ndf | s / iteration | iterations / hour "
          "| speed-up over fp32 |")
    print("|---|---|---|---|---|---|---|")
    fp32_seconds: dict[tuple[str, int, int], float] = {}
    for device in devices:
        for precision in args.precisions:
            sizes = args.sizes or ([64, 128, 256] if precision == "fp32" else [128])
            for width in args.widths:
                for size in sizes:
                    sec = train_iteration_seconds(size, width, device, args.iters, precision)
                    key = (device, size, width)
                    if precision == "fp32":
                        fp32_seconds[key] = sec
                    speedup = f"{fp32_seconds[key] / sec:.2f}×" if key in fp32_seconds else "–"
                    print(f"| {device} | {precision} | {size} | {width} | {sec:.3f} "
                          f"| {3600 / sec:,.0f} | {speedup} |", flush=True)
    torch_ms, ort_ms = inference_ms(128, 32, max(5, 5 * args.iters), args.threads)
    print(f"generator inference, 128 px, ngf 32, 1 image, CPU: torch {torch_ms:.1f} ms, "
          f"onnxruntime {ort_ms:.1f} ms")
    if "cuda" in devices:
        gpu_training_run(2000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
