"""``facemoji gan synth|train|export|translate``: the CycleGAN path.

Training and export need ``facemoji[gan]`` (torch); this module imports torch only
inside those commands, so ``facemoji --help`` works without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import BadArgument, BadImage, NoFaceFound
from ..outputs import check_file, check_folder, write_file
from . import app
from .common import print_json, progress

gan_app = typer.Typer(
    help="Photo → cartoon translation with a CycleGAN: synth, train, export, translate.",
    no_args_is_help=True,
)
app.add_typer(gan_app, name="gan")


@gan_app.command()
def synth(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the avatar chips.")],
    style: Annotated[str, typer.Option("--style", "-s", help="Avatar style.")] = "facemoji",
    n: Annotated[int, typer.Option("-n", help="Number of avatars.", min=1)] = 1000,
    size: Annotated[int, typer.Option("--size", help="Chip side in pixels.")] = 128,
    seed: Annotated[int, typer.Option("--seed", help="First seed; avatar i uses seed+i.")] = 0,
    padding: Annotated[float, typer.Option(help="Face margin, as in training.")] = 0.5,
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace a previous synth.")]
    = False,
) -> None:
    """Render N random avatars as cartoon-domain training chips (+ landmarks.json)."""
    from ..gan.data import LANDMARKS_FILE, synth_name, synthesize_avatars

    names = [synth_name(style, seed + i) for i in range(n)]
    check_folder(output, [*names, LANDMARKS_FILE], force=force)

    with progress(n, f"rendering {style}") as bar:
        count = synthesize_avatars(style, n, output, size, seed=seed, padding=padding,
                                   progress=bar.update)
    typer.echo(f"wrote {count} avatars to {output}", err=True)


@gan_app.command()
def train(
    photos: Annotated[Path, typer.Option("--photos", help="Folder of photos (domain A).")],
    avatars: Annotated[Path, typer.Option("--avatars", help="Folder of cartoon chips (B).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Run folder.")],
    size: Annotated[int, typer.Option(help="Image side in pixels.")] = 128,
    epochs: Annotated[int | None, typer.Option(help="Passes over the larger domain.")] = None,
    max_steps: Annotated[
        int | None, typer.Option(help="Training steps.", show_default="5000")] = None,
    batch_size: Annotated[int, typer.Option(help="Images per step and domain.")] = 1,
    ngf: Annotated[int, typer.Option(help="Generator width.")] = 32,
    ndf: Annotated[int, typer.Option(help="Discriminator width.")] = 32,
    n_blocks: Annotated[int, typer.Option(help="ResNet blocks in the generator.")] = 5,
    landmarks: Annotated[bool, typer.Option(help="Landmark heatmaps as extra input.")] = False,
    sample_every: Annotated[int, typer.Option(help="Steps between sample grids.")] = 100,
    save_every: Annotated[int, typer.Option(help="Steps between checkpoints.")] = 100,
    seed: Annotated[int, typer.Option(help="Seed of weights and data order.")] = 0,
    device: Annotated[str, typer.Option(help="cpu or cuda.")] = "cpu",
    precision: Annotated[
        str | None,
        typer.Option(help="fp32, or bf16 autocast (faster; weights stay fp32).",
                     show_default="fp32"),
    ] = None,
    workers: Annotated[int, typer.Option(help="Data-loading processes.")] = 1,
    threads: Annotated[
        int | None,
        typer.Option(help="Torch CPU threads (1 on a busy shared machine).",
                     show_default="all cores"),
    ] = None,
    resume: Annotated[bool, typer.Option(help="Continue the run in --out exactly.")] = False,
) -> None:
    """Train a photo → cartoon CycleGAN (stop with Ctrl-C, continue with --resume)."""
    from ..gan import require_torch

    require_torch()
    from ..gan.config import TrainConfig
    from ..gan.data import image_files
    from ..gan.train import CONFIG_FILE
    from ..gan.train import train as run_training

    if threads is not None:
        if threads < 1:
            raise BadArgument("--threads must be at least 1")
        import torch

        torch.set_num_threads(threads)
    if device not in ("cpu", "cuda"):
        raise BadArgument(f"--device must be cpu or cuda, not {device!r}")
    if epochs is not None and max_steps is not None:
        raise BadArgument("use either --epochs or --max-steps, not both")
    if resume:
        if max_steps is not None or epochs is not None:
            raise BadArgument("--resume follows the run's own schedule: "
                              "drop --max-steps/--epochs")
        if not (out / CONFIG_FILE).is_file():
            raise BadArgument(f"{out} is not a training run (no {CONFIG_FILE}) to resume")
        config = TrainConfig.load(out / CONFIG_FILE)
        if precision is not None and precision != config.precision:
            raise BadArgument(f"--precision {precision} does not match the run's "
                              f"{config.precision}: drop --precision to resume")
    else:
        if epochs is not None:
            per_epoch = max(len(image_files(photos)), len(image_files(avatars)))
            max_steps = max(1, epochs * per_epoch // batch_size)
        config = TrainConfig(size=size, max_steps=max_steps or 5000, batch_size=batch_size,
                             ngf=ngf, ndf=ndf, n_blocks=n_blocks, landmarks=landmarks,
                             sample_every=sample_every, save_every=save_every, seed=seed,
                             precision=precision or "fp32")  # type: ignore[arg-type]
    bars = []  # created at the first step, so data preparation does not skew the ETA

    def on_step(step: int, losses: dict[str, float]) -> None:
        if not bars:
            bars.append(progress(config.max_steps, "training"))
            bars[0].update(step - 1)
        bars[0].set_postfix({k: f"{v:.3f}" for k, v in losses.items()}, refresh=False)
        bars[0].update(1)

    try:
        result = run_training(config, photos, avatars, out, resume=resume, device=device,
                              workers=workers, on_step=on_step)
    finally:
        for bar in bars:
            bar.close()
    typer.echo(f"step {result.step}/{config.max_steps} in {result.seconds:.0f} s; "
               f"run in {out}", err=True)


@gan_app.command()
def export(
    run: Annotated[Path, typer.Argument(help="Run folder (from gan train).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output .onnx file.")],
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace an existing file.")] = False,
) -> None:
    """Export the run's photo → cartoon generator to ONNX."""
    from ..gan import require_torch

    require_torch()
    from ..gan.export import export_onnx

    export_onnx(run, check_file(output, (".onnx",), force=force), force=force)
    typer.echo(f"wrote {output}", err=True)


@gan_app.command()
def translate(
    photos: Annotated[list[Path], typer.Argument(help="Photos, or folders of photos.")],
    model: Annotated[Path, typer.Option("--model", "-m", help="Exported .onnx model.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace existing cartoons.")]
    = False,
) -> None:
    """Detect, align and translate photos to cartoons (PNG files in the output folder)."""
    from ..face.image import load_image
    from ..gan.data import image_files
    from ..gan.translate import Translator, cartoon_targets
    from ..report import encode_image

    files = [f for p in photos for f in (image_files(p) if p.is_dir() else [p])]
    targets = cartoon_targets(files, output)
    check_folder(output, [t.name for t in targets], force=force)
    translator = Translator(model)
    written, skipped = [], {}
    with progress(len(files), "translating") as bar:
        for path, target in zip(files, targets, strict=True):
            try:
                cartoon, _ = translator.translate_photo(load_image(path))
            except (BadImage, NoFaceFound) as exc:
                if len(files) == 1:
                    raise
                skipped[str(path)] = str(exc)
            else:
                write_file(target, encode_image(cartoon, ".png"), force=force)
                written.append(str(target))
            bar.update(1)
    if as_json:
        print_json({"written": written, "skipped": skipped})
    else:
        typer.echo(f"wrote {len(written)} cartoons to {output}"
                   + (f"; skipped {len(skipped)} (no face or unreadable)" if skipped else ""),
                   err=True)
