"""Colors derived in CIELAB from the params' few base colors.

Every shade is computed, never hard-coded per preset: shadows are the same hue with
lower lightness, highlights higher, lips shift the skin hue toward red, blush adds
chroma. So any skin or hair color gets matching tones.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ....avatar.color import hex_to_lab, lab_to_hex
from ....avatar.schema import Params


@lru_cache(maxsize=8192)
def from_lab(L: float, a: float, b: float) -> str:
    """CIELAB ``(L, a, b)`` → ``#rrggbb``, cached (callers round to 0.1 so it hits)."""
    return lab_to_hex((L, a, b))


def shift(color: str, dL: float = 0.0, da: float = 0.0, db: float = 0.0,
          chroma: float = 1.0) -> str:
    """``color`` with lightness moved by ``dL``, a/b moved by ``da``/``db`` and chroma scaled."""
    L, a, b = hex_to_lab(color)
    return from_lab(round(min(100.0, max(0.0, L + dL)), 1), round(a * chroma + da, 1),
                    round(b * chroma + db, 1))


def mix(c1: str, c2: str, t: float) -> str:
    """Mix two colors in CIELAB, ``t`` = 0 gives ``c1``."""
    L1, a1, b1 = hex_to_lab(c1)
    L2, a2, b2 = hex_to_lab(c2)
    return from_lab(round(L1 + (L2 - L1) * t, 1), round(a1 + (a2 - a1) * t, 1),
                    round(b1 + (b2 - b1) * t, 1))


def lightness(color: str) -> float:
    """CIELAB L* of ``color`` (0 black .. 100 white)."""
    return hex_to_lab(color)[0]


TOP_APART = 20.0
"""The least CIELAB distance (ΔE*ab) a top is drawn from the skin: a top in the skin's own
color read as a bare chest (a looks review named it; 14 of 378 labelled people's measured
tops are within 15 ΔE2000 of their skin)."""
TOP_APART_CHROMA = 0.6
"""How much of its chroma a top moved apart keeps: fabric of the skin's hue read as skin
even two steps lighter or darker; grayer, it reads as a beige or brown top."""


def apart_from_skin(top: str, skin: str) -> str:
    """``top`` as drawn beside ``skin``: unchanged when at least :data:`TOP_APART` from it,
    otherwise grayer and moved in lightness away from the skin (the way it already leans;
    the other way where that runs out of range) until it is that far."""
    tL, ta, tb = hex_to_lab(top)
    sL, sa, sb = hex_to_lab(skin)
    if ((tL - sL) ** 2 + (ta - sa) ** 2 + (tb - sb) ** 2) ** 0.5 >= TOP_APART:
        return top
    ta, tb = ta * TOP_APART_CHROMA, tb * TOP_APART_CHROMA
    step = max(0.0, TOP_APART ** 2 - (ta - sa) ** 2 - (tb - sb) ** 2) ** 0.5
    up = tL > sL or (tL == sL and sL < 70)
    L = sL + step if up else sL - step
    if not 8.0 <= L <= 97.0:
        L = sL - step if up else sL + step
    return from_lab(round(min(100.0, max(0.0, L)), 1), round(ta, 1), round(tb, 1))


# skin at or below this CIELAB L* (Monk 8-10) gets lighter lips and a lifted blush
DARK_SKIN_L = 45.0


@dataclass(frozen=True)
class Tones:
    """A base color with its shadow, deep shadow and highlight."""

    base: str
    shadow: str
    deep: str
    light: str

    @classmethod
    def of(cls, color: str, shadow: float = 10.0, light: float = 7.0) -> Tones:
        # very dark colors shade by less so that shading stays visible but not black
        L = lightness(color)
        s = min(shadow, max(3.0, L * 0.45))
        return cls(
            base=color,
            shadow=shift(color, -s, chroma=1.05),
            deep=shift(color, -1.9 * s, chroma=1.1),
            light=shift(color, light if L < 92 else 100 - L, chroma=0.95),
        )


GRAY_GAIN = 1.25
"""How strongly ``hair_gray`` grays the temples (fully from 0.8;
:func:`.parts.hair.kit.temples`)."""
SILVER_LIFT = 28.0
"""How much lighter than the hair (CIELAB L*, at least L* 68) its gray strands are."""


def silver(color: str) -> str:
    """The neutral gray that strands of ``color`` hair turn as they gray."""
    return from_lab(round(min(92.0, max(68.0, lightness(color) + SILVER_LIFT)), 1), 0.0, 0.0)


def graying(hair: Tones, share: float) -> Tones:
    """Hair graying past its temples (``hair_gray`` over 0.5): its light tone, which lights
    the mass and paints its strands and shine, turned toward :func:`silver`."""
    if share <= 0.5:
        return hair
    return Tones(hair.base, hair.shadow, hair.deep,
                 mix(hair.light, silver(hair.base), 2.0 * (share - 0.5)))


@dataclass(frozen=True)
class Palette:
    """Every color the native style paints with, derived from one set of params."""

    skin: Tones
    lips: Tones
    blush: str
    hair: Tones
    brows: str
    facial_hair: Tones
    iris: Tones
    glasses: str
    clothing: Tones
    tie: Tones
    line: str  # thin edges where similar colors meet (same hue as skin, darker)

    @classmethod
    def of(cls, params: Params) -> Palette:
        skin = params.color("skin")
        L, a, b = hex_to_lab(skin)
        dark = L <= DARK_SKIN_L
        # lips: skin hue turned toward red, darker for light skin; on dark skin lighter
        # and pinker than the skin, so that they still read
        lips = (from_lab(round(L + max(4.0, (DARK_SKIN_L - L) * 0.3), 1), round(a + 21, 1),
                         round(b - 1, 1)) if dark
                else from_lab(round(L - 14, 1), round(a + 16, 1), round(b + 2, 1)))
        if params["lip_color"] is not None:  # colored lips (lipstick) instead
            lips = params.color("lip_color")
        # blush: more chroma; on dark skin a darker blush reads as a bruise, so it is
        # lifted and warmed instead
        blush = shift(skin, 8, da=14, chroma=1.2) if dark else shift(skin, -4, da=12,
                                                                       chroma=1.25)
        hair = params.color("hair_color")
        return cls(
            skin=Tones.of(skin, shadow=10, light=6),
            lips=Tones.of(lips, shadow=9, light=8),
            blush=blush,
            hair=graying(Tones.of(hair, shadow=12, light=12), params.scalar("hair_gray")),
            brows=shift(params.color("brow_color"), -4),
            facial_hair=Tones.of(params.color("facial_hair_color"), shadow=10, light=8),
            iris=Tones.of(params.color("eye_color"), shadow=14, light=18),
            glasses=params.color("glasses_color"),
            clothing=Tones.of(apart_from_skin(params.color("clothing_color"), skin), shadow=11,
                              light=7),
            tie=Tones.of(params.color("tie_color"), shadow=12, light=10),
            line=shift(skin, -22, chroma=1.15),
        )
