"""``facemoji lineup`` and ``facemoji generate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import BadArgument
from ..outputs import check_file, check_folder
from ..report import save_image
from . import app
from .common import StageBar, print_json


@app.command()
def lineup(
    refs: Annotated[list[Path], typer.Option("--refs", help="A reference photo (repeatable).")],
    gallery: Annotated[
        Path | None, typer.Option("--gallery", help="Folder of avatar .json or images.")
    ] = None,
    style: Annotated[str | None, typer.Option("--style", "-s", help="Random avatars of this "
                                              "style (with -n).")] = None,
    n: Annotated[int, typer.Option("-n", help="Number of random avatars.", min=1)] = 63,
    seed: Annotated[int, typer.Option("--seed", help="First seed of the random avatars.")] = 0,
    top: Annotated[int, typer.Option("--top", help="How many to show.", min=1)] = 10,
    metric: Annotated[str, typer.Option("--metric", help="cosine, normalized-dot or "
                                        "euclidean.")] = "cosine",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Sheet (.png/.jpg).")]
    = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ranking as JSON.")] = False,
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace an existing file.")]
    = False,
) -> None:
    """Rank avatars against reference photos of one person."""
    from ..match.lineup import lineup as run_lineup

    if (gallery is None) == (style is None):
        raise BadArgument("give either --gallery DIR or --style S [-n N]")
    out = check_file(output, (".png", ".jpg", ".jpeg"), force=force) if output else None
    result = run_lineup(refs, gallery, style=style or "facemoji", n=n, seed=seed,
                        metric=metric)
    if out is not None:
        save_image(result.sheet(top), out, force=force)
        typer.echo(f"wrote {out}", err=True)
    if as_json:
        print_json(result.to_dict(top))
    else:
        for i, entry in enumerate(result.entries[:top]):
            typer.echo(f"{i + 1:3d}. {entry.label:<24} {entry.score:.4f}")


@app.command()
def generate(
    photos: Annotated[list[Path], typer.Argument(help="Photos of one person.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder.")],
    style: Annotated[str, typer.Option("--style", "-s", help="Avatar style.")] = "facemoji",
    method: Annotated[str | None, typer.Option(
        # the default is match.generate.DEFAULT_METHOD (a test keeps this help in step)
        "--method", "-m", help="attributes, greedy or search (default: greedy).",
        show_default=False)] = None,
    budget: Annotated[int | None, typer.Option("--budget", help="search: identity "
                                               "evaluations; greedy: rounds.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Search seed (0 .. 2**32 - 1).")] = 0,
    face_index: Annotated[
        list[int] | None,
        typer.Option("--face-index", help="Which face of a photo with several, 0 = the "
                     "largest (the default); once for every photo, or once per photo.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    via_gan: Annotated[Path | None, typer.Option("--via-gan", help="Translate the photos "
                                                 "with this GAN model (.onnx) first.")] = None,
    report: Annotated[bool, typer.Option(
        "--report/--no-report", help="Write report.html (about a second of small renders).")]
    = True,
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace existing avatar "
                                        "files.")] = False,
) -> None:
    """Make an editable avatar from photos: avatar.json/.svg/.png and report.html."""
    from ..match.generate import (
        DEFAULT_METHOD,
        METHODS,
        OUTPUT_NAMES,
        check_seed,
        face_indices,
    )
    from ..match.generate import generate as run_generate

    method = method or DEFAULT_METHOD
    if method not in METHODS:
        raise BadArgument(f"unknown method {method!r}; valid: {', '.join(METHODS)}")
    # every option and the output folder are checked before the slow part
    check_seed(seed)
    indices = face_indices(face_index, len(photos))
    check_folder(output, OUTPUT_NAMES.values(), force=force)
    with StageBar() as bar:
        result = run_generate([str(p) for p in photos], style=style, method=method,
                              budget=budget, seed=seed, via_gan=via_gan, stage=bar,
                              face_index=indices)
    files = result.save(output, force=force, report=report)
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if as_json:
        print_json(result.to_dict(files))
    else:
        typer.echo(f"avatar: {files['png']}\n"
                   + (f"report: {files['report']}\n" if report else "")
                   + f"edit:   facemoji render --params {files['json']} -o avatar.png")
