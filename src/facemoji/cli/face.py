"""``facemoji analyze``: detect a face in a photo and print what facemoji reads from it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..avatar.schema import rgb_to_hex
from ..outputs import check_file
from ..report import save_image
from . import app
from .common import print_json


@app.command()
def analyze(
    photo: Annotated[Path, typer.Argument(help="Photo of a face (JPEG, PNG, WebP, …).")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the analysis as one JSON document.")
    ] = False,
    debug_image: Annotated[
        Path | None,
        typer.Option("--debug-image", help="Write the photo annotated with what was measured."),
    ] = None,
    face_index: Annotated[
        int | None,
        typer.Option("--face-index", help="Which face, 0 = the largest (the default).", min=0),
    ] = None,
    detector: Annotated[
        str, typer.Option("--detector", help="Face detector: auto | hog | cnn.")
    ] = "auto",
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace an existing file.")] = False,
) -> None:
    """Detect the face in PHOTO and print its box, landmarks and attributes."""
    from ..face.analyze import analyze as analyze_photo  # dlib loads here, not at startup
    from ..face.image import load_image

    out = (check_file(debug_image, (".png", ".jpg", ".jpeg"), force=force) if debug_image
           else None)
    image = load_image(photo)
    analysis = analyze_photo(image, face_index=face_index, embed=False, method=detector,
                             name=str(photo))
    if out is not None:
        from ..face.debug import draw_debug

        save_image(draw_debug(image, analysis), out, force=force)
        typer.echo(f"wrote {out}", err=True)
    data = analysis.to_dict()
    if as_json:
        print_json(data)
    else:
        typer.echo(_summary(data))


def _summary(data: dict[str, Any]) -> str:
    """A few human-readable lines from the ``--json`` document."""
    from ..face.hair import graying_hair

    x0, y0, x1, y1 = data["box"]
    lines = [
        f"faces: {data['faces']} (showing #{data['face_index']}, largest first)",
        f"box: ({x0}, {y0}) – ({x1}, {y1}), {x1 - x0}×{y1 - y0} px",
    ]
    skin = data.get("skin") or {}
    if skin:
        lines.append(f"skin: {_hex(skin.get('rgb'))}  Monk tone {skin.get('monk')}")
    hair = data.get("hair") or {}
    if hair:
        cues = [hair[k] for k in ("length", "type") if hair.get(k)]
        if hair.get("gray") is not None and graying_hair(hair.get("name"), hair["gray"]):
            cues.append("graying")
        if hair.get("receding"):
            cues.append("receding")
        if hair.get("bangs"):
            cues.append(f"{hair['fringe']} bangs" if hair.get("fringe") else "bangs")
        if hair.get("part"):
            cues.append("parted in the middle" if hair["part"] == "center"
                        else f"parted on the image's {hair['part']}")
        if hair.get("top"):
            cues.append(f"{hair['top']} on top")
        if hair.get("up"):
            cues.append("worn up")
        lines.append(f"hair: {hair.get('name')}  {_hex(hair.get('rgb'))}"
                     + "".join(f", {c}" for c in cues))
    eyes = data.get("eyes") or {}
    if eyes:
        lines.append(f"eyes: {eyes['name'] + '  ' if eyes.get('name') else ''}"
                     f"{_hex(eyes.get('rgb'))}")
    if "glasses" in data:
        frame, color = data.get("glasses_frame"), data.get("glasses_color")
        lines.append(f"glasses: {data['glasses']}"
                     + (f", {frame} frame" if frame and frame != "none" else "")
                     + (f" ({color})" if color else ""))
    if "facial_hair" in data:
        lines.append(f"facial hair: {data['facial_hair']}")
    if "headwear" in data:
        color = (data.get("headwear_color") or {}).get("confidence", 0.0) > 0
        lines.append(f"headwear: {data['headwear']}"
                     + (f"  {_hex(data['headwear_color'].get('rgb'))}" if color else ""))
    if data.get("smile"):
        lines.append(f"smile: {data['smile']}")
    person = data.get("age_gender") or {}
    if person.get("age") is not None:
        # the band is the learned model's reading, which may differ from the age network's
        # own estimate (shown as "age" in the JSON)
        lines.append(f"looks: {person['age_band']}, presents {person['gender']}")
    clothing = data.get("clothing") or {}
    if clothing:
        shirt, tie = clothing.get("shirt_color") or {}, clothing.get("tie_color") or {}
        lines.append(f"clothing: {_hex(clothing.get('rgb'))}"
                     + (", jacket" if clothing.get("jacket") else "")
                     + (f" over {_hex(shirt.get('rgb'))}" if shirt.get("confidence") else "")
                     + (f", tie {_hex(tie.get('rgb'))}" if clothing.get("tie") else ""))
    return "\n".join(lines)


def _hex(rgb: list[int] | None) -> str:
    return rgb_to_hex(rgb) if rgb else "?"
