"""Rendering speed: every registered style next to raw python-avatars, on one core.

For each style, ``facemoji.render(schema.random(seed=i), size)`` for i = 0..N-1 at 128,
256 and 512 px, with the SVG generation (``style.svg``) and the rasterization
(``rasterize_svg``) also timed apart. The peer, in the same run: python-avatars' own
``Avatar.random().render()`` (``random.seed(i)``), with the empty ``fill=""``
attributes dropped (the one fix it needs to rasterize right), rasterized by the same
libvips call. If ``resvg-py`` is installed, the same SVGs also go through resvg (to PNG,
compared with libvips to PNG). Times are CPU seconds of this process
(``time.process_time``) with ``VIPS_CONCURRENCY=1``, so other jobs on the machine
disturb them little.

Prints one table per size, the native/peer ratio at 256 px (target ≥ 0.8) and, when the
native style is below it (or with ``--layers``), what each of its layers costs to
rasterize (the time saved when that layer is left out) and where its SVG generation
spends its time (cProfile).

Usage: ``python benchmarks/render.py [--n 200] [--sizes 128 256 512] [--layers]``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

# one core for libvips; set before pyvips (imported by facemoji on first render) loads
os.environ["VIPS_CONCURRENCY"] = "1"

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PEER = "python-avatars (peer)"
TARGET = 0.8


@dataclass
class Timing:
    """CPU milliseconds per avatar for one source of SVGs."""

    svg_ms: float
    render_ms: dict[int, float] = field(default_factory=dict)  # end to end, by size
    raster_ms: dict[int, float] = field(default_factory=dict)  # libvips → numpy
    png_ms: dict[int, float] = field(default_factory=dict)  # libvips → PNG
    resvg_ms: dict[int, float] = field(default_factory=dict)  # resvg → PNG
    svg_kb: float = 0.0
    failed: int = 0


def _cpu_ms(fn: Callable[[], object], n: int, repeat: int = 1) -> float:
    """CPU milliseconds per item of ``fn()`` over ``n`` items; the best of ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best * 1000 / max(n, 1)


def _peer_svg(seed: int) -> str:
    import python_avatars as pa

    random.seed(seed)  # python-avatars samples with the global `random`
    return re.sub(r'\sfill=""', "", pa.Avatar.random().render())


def _resvg() -> Callable[[str, int], bytes] | None:
    try:
        import resvg_py
    except ImportError:
        return None

    def render(svg: str, size: int) -> bytes:
        return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size))

    return render


def _style_samples(name: str, n: int) -> tuple[list, int]:
    """Params of seeds 0..n-1 whose SVG the style can build, and how many it cannot."""
    from facemoji.avatar.style import get_style

    style = get_style(name)
    ok, failed = [], 0
    for seed in range(n):
        params = style.schema.random(seed=seed)
        try:
            style.svg(params)
        except Exception:  # a style under construction: measure what renders, count the rest
            failed += 1
            continue
        ok.append(params)
    return ok, failed


def measure(name: str, n: int, sizes: Sequence[int], resvg: Callable | None) -> Timing:
    """Time one style (or the peer) over ``n`` random avatars at each size."""
    from facemoji.avatar.render import rasterize_svg, render, svg_to_png
    from facemoji.avatar.style import get_style

    if name == PEER:
        seeds = range(n)
        svg_ms = _cpu_ms(lambda: [_peer_svg(s) for s in seeds], n)
        svgs = [_peer_svg(s) for s in seeds]
        failed = 0

        def pipeline(size: int) -> None:
            for s in seeds:
                rasterize_svg(_peer_svg(s), size)
    else:
        style = get_style(name)
        params, failed = _style_samples(name, n)
        svg_ms = _cpu_ms(lambda: [style.svg(p) for p in params], len(params))
        svgs = [style.svg(p) for p in params]

        def pipeline(size: int) -> None:
            for p in params:
                render(p, size)

    t = Timing(svg_ms, svg_kb=sum(map(len, svgs)) / len(svgs) / 1024, failed=failed)
    for size in sizes:
        t.render_ms[size] = _cpu_ms(lambda size=size: pipeline(size), len(svgs))
        t.raster_ms[size] = _cpu_ms(lambda size=size: [rasterize_svg(s, size) for s in svgs],
                                    len(svgs))
        t.png_ms[size] = _cpu_ms(lambda size=size: [svg_to_png(s, size) for s in svgs],
                                 len(svgs))
        if resvg is not None:
            t.resvg_ms[size] = _cpu_ms(lambda size=size: [resvg(s, size) for s in svgs],
                                       len(svgs))
    return t


def print_tables(timings: dict[str, Timing], sizes: Sequence[int], n: int) -> None:
    """One Markdown table per size."""
    for size in sizes:
        print(f"\n### {size} px ({n} random avatars per source; CPU ms per avatar)\n")
        head = "| source | renders/s | SVG ms | libvips ms | libvips→PNG ms | resvg→PNG ms |"
        print(head)
        print("|---|---:|---:|---:|---:|---:|")
        for name, t in timings.items():
            resvg = f"{t.resvg_ms[size]:.2f}" if size in t.resvg_ms else "n/a"
            print(f"| {name} | {1000 / t.render_ms[size]:.0f} | {t.svg_ms:.2f} | "
                  f"{t.raster_ms[size]:.2f} | {t.png_ms[size]:.2f} | {resvg} |")


# compose.py's layers (back to front) as (label, module, function) of the native style
_LAYERS = (
    ("hair gradients (defs)", "hair", "defs"),
    ("hair back", "hair", "back"), ("neck", "body", "neck"),
    ("clothing", "body", "clothing"), ("ears", "head", "ears"), ("face", "head", "face"),
    ("skin details", "head", "skin_details"), ("eyebrows", "brows", "brows"),
    ("eyes", "eyes", "eyes"), ("nose", "nose", "nose"), ("mouth", "mouth", "mouth"),
    ("facial hair", "facial_hair", "facial_hair"), ("hair front", "hair", "front"),
    ("glasses", "glasses", "glasses"), ("headwear front", "headwear", "front"),
)


_CONTROL = "(control: nothing left out)"


@contextlib.contextmanager
def _without(module: object, attr: str) -> Iterator[None]:
    """The native style with one layer function drawing nothing."""
    if attr in ("back", "front") and hasattr(module, "PARTS"):  # hair: (back, front) pairs
        k = 0 if attr == "back" else 1
        parts = {key: tuple((lambda ctx: "") if i == k else f for i, f in enumerate(pair))
                 for key, pair in module.PARTS.items()}
        with mock.patch.dict(module.PARTS, parts):
            yield
    else:
        with mock.patch.object(module, attr, lambda *a, **k: ""):
            yield


def layer_costs(n: int, size: int, repeat: int = 5) -> None:
    """Rasterization time saved at ``size`` by leaving out each native layer in turn.

    Each layer's saving is measured against the full SVGs timed right beside it (best of
    ``repeat`` runs each), so that a busy machine shifts both alike.
    """
    import importlib

    from facemoji.avatar.render import rasterize_svg
    from facemoji.avatar.style import get_style

    style = get_style("facemoji")
    params, _ = _style_samples("facemoji", n)
    parts = importlib.import_module("facemoji.avatar.styles.facemoji.parts")
    full_svgs = [style.svg(p) for p in params]
    full_kb = sum(map(len, full_svgs)) / len(params) / 1024

    def cost(svgs: list[str]) -> float:
        return _cpu_ms(lambda: [rasterize_svg(s, size) for s in svgs], len(svgs), repeat)

    rows, fulls = [], []
    for label, mod_name, attr in (*_LAYERS, (_CONTROL, "", "")):
        if label == _CONTROL:  # the same SVGs twice: how much the timing itself wanders
            full, without = cost(full_svgs), cost(full_svgs)
            fulls.append(full)
            rows.append((full - without, label, 0.0))
            continue
        module = getattr(parts, mod_name, None)
        if module is None or not (hasattr(module, attr) or attr in ("back", "front")):
            rows.append((float("nan"), label, float("nan")))
            continue
        with _without(module, attr):
            svgs = [style.svg(p) for p in params]
        full, without = cost(full_svgs), cost(svgs)
        fulls.append(full)
        rows.append((full - without, label, full_kb - sum(map(len, svgs)) / len(params) / 1024))
    full = sum(fulls) / len(fulls)
    print(f"\n### Native layers at {size} px: rasterization cost of each ({len(params)} "
          f"avatars, best of {repeat}; all layers: {full:.2f} ms, {full_kb:.1f} kB)\n")
    print("| layer | ms saved without it | share | kB of SVG |")
    print("|---|---:|---:|---:|")
    for saved, label, kb in sorted(rows, key=lambda r: -r[0] if r[0] == r[0] else 0.0):
        if saved != saved:  # nan: compose no longer has this layer
            print(f"| {label} | (not found) | | |")
        else:
            print(f"| {label} | {saved:.2f} | {saved / full:.0%} | {kb:.1f} |")


def svg_profile(n: int, top: int = 12) -> None:
    """Where the native style's SVG generation spends its time (cProfile, cumulative)."""
    import cProfile
    import pstats

    from facemoji.avatar.style import get_style

    style = get_style("facemoji")
    params, _ = _style_samples("facemoji", n)
    profile = cProfile.Profile()
    profile.enable()
    for p in params:
        style.svg(p)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in stats.values())  # own time of every function
    rows = sorted(((row[3], row[2], row[1], key) for key, row in stats.items()), reverse=True)
    print(f"\n### Native SVG generation under cProfile ({len(params)} avatars; shares of "
          "the profiled time, which the profiler inflates)\n")
    print("| function | calls per avatar | cumulative share | own share |")
    print("|---|---:|---:|---:|")
    shown = 0
    for cumulative, own, calls, (file, line, func) in rows:
        if "styles/facemoji" not in file.replace("\\", "/") and "numpy" not in file:
            continue
        if func in ("svg", "svg_document"):  # the whole call
            continue
        where = file.replace("\\", "/").split("styles/facemoji/")[-1].split("site-packages/")[-1]
        print(f"| `{where}:{line} {func}` | {calls / len(params):.0f} | "
              f"{cumulative / total:.0%} | {own / total:.0%} |")
        shown += 1
        if shown == top:
            break


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="random avatars per source and size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[128, 256, 512])
    parser.add_argument("--layers", action="store_true",
                        help="always print the native style's per-layer costs")
    parser.add_argument("--no-resvg", action="store_true", help="skip resvg even if installed")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found")
        return 0

    import pyvips

    from facemoji.avatar.style import list_styles

    resvg = None if args.no_resvg else _resvg()
    print(f"# Rendering benchmark: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, "
          f"libvips {pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}, "
          f"VIPS_CONCURRENCY=1, resvg-py {'yes' if resvg else 'not installed'}")
    timings: dict[str, Timing] = {}
    for name in [*list_styles(), PEER]:
        t0 = time.perf_counter()
        timings[name] = measure(name, args.n, args.sizes, resvg)
        note = f", {timings[name].failed} seeds failed to build" if timings[name].failed else ""
        print(f"measured {name} in {time.perf_counter() - t0:.0f} s wall{note}",
              file=sys.stderr)
    print_tables(timings, args.sizes, args.n)
    for name, t in timings.items():
        if t.failed:
            print(f"\n{name}: {t.failed} of {args.n} seeds raised while building the SVG and "
                  "were left out")
    print("\nSVG size (kB): " + ", ".join(f"{k} {t.svg_kb:.1f}" for k, t in timings.items()))
    ratio_size = 256 if 256 in args.sizes else args.sizes[0]
    peer = 1000 / timings[PEER].render_ms[ratio_size]
    slow = False
    print(f"\nRenders/s relative to the peer at {ratio_size} px (target ≥ {TARGET}):")
    for name, t in timings.items():
        if name != PEER:
            ratio = 1000 / t.render_ms[ratio_size] / peer
            slow |= name == "facemoji" and ratio < TARGET
            print(f"- {name}: {ratio:.2f}" + ("  (below target)" if ratio < TARGET else ""))
    if "facemoji" in timings and (slow or args.layers):
        layer_costs(min(args.n, 60), ratio_size)
        svg_profile(args.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
