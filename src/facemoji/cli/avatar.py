"""``facemoji styles``, ``render`` and ``gallery``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..avatar.render import render_batch, save
from ..avatar.schema import Params
from ..avatar.style import get_style, list_styles, load_params
from ..errors import BadArgument
from ..outputs import check_file
from ..report import contact_sheet, save_image
from . import app
from .common import parse_sets, print_json, progress


@app.command()
def styles(
    as_json: Annotated[bool, typer.Option("--json", help="Print the schemas as JSON.")] = False,
) -> None:
    """List the avatar styles and their features."""
    described = [get_style(name).schema.describe() for name in list_styles()]
    if as_json:
        print_json({"styles": described})
        return
    for style in described:
        typer.echo(f"{style['name']}  ({len(style['features'])} features)")
        for feat in style["features"]:
            if feat["kind"] == "choice":
                detail = f"{len(feat['options'])} options: " + ", ".join(feat["options"][:6])
                detail += ", …" if len(feat["options"]) > 6 else ""
            elif feat["kind"] == "scalar":
                detail = f"{feat['range'][0]} … {feat['range'][1]}"
            else:
                detail = "any #rrggbb" + (f", follows {feat['follows']}" if feat["follows"] else "")
            typer.echo(f"  {feat['name']:<20} {feat['kind']:<7} {detail}")


def _coerce(params: Params, sets: dict[str, str]) -> Params:
    values: dict[str, object] = {}
    for name, text in sets.items():
        feature = params.schema.feature(name)
        if feature.kind == "scalar":
            try:
                values[name] = float(text)
            except ValueError:
                raise BadArgument(f"--set {name}: expected a number, got {text!r}") from None
        else:
            values[name] = text
    return params.update(values)


@app.command()
def render(
    output: Annotated[Path, typer.Option("-o", "--output", help="Output .svg, .png or .json.")],
    style: Annotated[
        str | None,
        typer.Option("--style", "-s", help="Style name [default: the params' style, or facemoji]."),
    ] = None,
    params: Annotated[
        Path | None, typer.Option("--params", "-p", help="Params JSON (e.g. avatar.json).")
    ] = None,
    random: Annotated[bool, typer.Option("--random", help="Random params.")] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for --random.")] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override one feature: feature=value (repeatable)."),
    ] = None,
    size: Annotated[int, typer.Option("--size", help="PNG size in pixels.")] = 512,
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace an existing file.")] = False,
) -> None:
    """Render one avatar to SVG, PNG or params JSON."""
    out = check_file(output, (".svg", ".png", ".json"), force=force)
    if params is not None and random:
        raise BadArgument("use either --params or --random, not both")
    if params is not None:
        try:
            text = params.read_text(encoding="utf-8")
        except OSError as exc:
            raise BadArgument(f"cannot read {params}: {exc.strerror or exc}") from None
        chosen = load_params(text, style=style)
    elif random:
        chosen = get_style(style or "facemoji").schema.random(seed=seed)
    else:
        chosen = get_style(style or "facemoji").schema.defaults()
    chosen = _coerce(chosen, parse_sets(set_))
    save(chosen, out, size=size, overwrite=force)
    typer.echo(f"wrote {out}", err=True)


@app.command()
def gallery(
    output: Annotated[Path, typer.Option("-o", "--output", help="Output sheet (.png/.jpg).")],
    style: Annotated[str, typer.Option("--style", "-s", help="Style name.")] = "facemoji",
    n: Annotated[int, typer.Option("-n", help="Number of avatars.", min=1, max=1000)] = 63,
    seed: Annotated[int, typer.Option("--seed", help="First seed; avatar i uses seed+i.")] = 0,
    size: Annotated[int, typer.Option("--size", help="Pixels per avatar.")] = 160,
    columns: Annotated[int | None, typer.Option("--columns", help="Grid columns.")] = None,
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace an existing file.")] = False,
) -> None:
    """A contact sheet of N random avatars (like the original 63-avatar lineup)."""
    out = check_file(output, (".png", ".jpg", ".jpeg"), force=force)
    schema = get_style(style).schema
    chosen = [schema.random(seed=seed + i) for i in range(n)]
    with progress(n, f"rendering {style}") as bar:
        images = render_batch(chosen, size=size, progress=bar.update)
    labels = [f"seed {seed + i}" for i in range(n)]
    columns = columns or (9 if n == 63 else None)
    sheet = contact_sheet(images, labels, columns=columns, cell=size,
                          title=f"{n} random '{style}' avatars")
    save_image(sheet, out, force=force)
    typer.echo(f"wrote {out}", err=True)
