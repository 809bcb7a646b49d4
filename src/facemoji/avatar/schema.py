"""Avatar parameters as data: feature kinds, the schema of a style, and immutable params.

A :class:`Schema` lists a style's named features. There are three kinds:

- :class:`Choice`: one option id out of a list (hair style, glasses, ...);
- :class:`Scalar`: a float in a closed range (face width, eye size, ...);
- :class:`Color`: any sRGB color ``#rrggbb``, with named presets. A color may
  *follow* another color feature (eyebrows follow the hair by default): its value is
  then ``None`` and :meth:`Params.color` resolves it.

Random sampling, search, the CLI's ``--set`` and the web page's controls all read the
schema; none of them knows a style's internals.
"""

from __future__ import annotations

import json
import math
import re
import reprlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeAlias

import numpy as np

from ..errors import BadArgument, InvalidParams, UnknownFeature, UnknownOption

Value: TypeAlias = str | float | None
"""A feature's value: an option id, a float, a ``#rrggbb`` color or ``None`` (follow)."""

_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
"""A decimal number written out (``float()`` also takes ``"nan"`` and ``"inf"``)."""

_SHOWN = reprlib.Repr()  # how messages show a bad value: short, whatever its size or nesting
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict = 2, 4, 4
_SHOWN.maxstring = _SHOWN.maxother = _SHOWN.maxlong = 40


def shown(value: object) -> str:
    """A short ``repr`` of ``value`` for a one-line message."""
    return _SHOWN.repr(value)


def _real(value: object) -> float | None:
    """``value`` as a finite float if it is a real number (not a bool), else ``None``."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        return None
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):  # ints of 309+ digits, complex
        return None
    return number if math.isfinite(number) else None


def normalize_hex(text: str) -> str | None:
    """``'#ABC'``, ``'aabbcc'`` → ``'#aabbcc'``; ``None`` if ``text`` is not a hex color."""
    m = _HEX.match(text.strip())
    if not m:
        return None
    digits = m.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``'#rrggbb'`` → ``(r, g, b)`` ints in 0..255."""
    h = normalize_hex(color)
    if h is None:
        raise InvalidParams(f"not a #rrggbb color: {color!r}")
    return int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)


def rgb_to_hex(rgb: Sequence[float]) -> str:
    """``(r, g, b)`` in 0..255 (floats are rounded and clipped) → ``'#rrggbb'``."""
    r, g, b = (round(min(255.0, max(0.0, float(c)))) for c in rgb[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


@dataclass(frozen=True)
class Option:
    """One option of a :class:`Choice`. ``weight`` is its relative probability in
    random sampling (0: never sampled, e.g. winks; still selectable)."""

    id: str
    label: str = ""
    weight: float = 1.0
    tags: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.id.replace("_", " "))


@dataclass(frozen=True)
class Preset:
    """A named color of a :class:`Color` feature; ``weight`` as for :class:`Option`."""

    id: str
    hex: str
    weight: float = 1.0
    label: str = ""

    def __post_init__(self) -> None:
        h = normalize_hex(self.hex)
        if h is None:
            raise ValueError(f"preset {self.id!r}: bad color {self.hex!r}")
        object.__setattr__(self, "hex", h)
        if not self.label:
            object.__setattr__(self, "label", self.id.replace("_", " "))


@dataclass(frozen=True)
class Choice:
    """A feature whose value is one option id."""

    name: str
    options: tuple[Option, ...]
    default: str
    label: str = ""
    group: str = ""
    kind: str = field(default="choice", init=False)

    def __post_init__(self) -> None:
        if not self.options:
            raise ValueError(f"choice {self.name!r} has no options")
        if self.default not in self.ids:
            raise ValueError(f"choice {self.name!r}: default {self.default!r} is not an option")
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("_", " "))

    @property
    def ids(self) -> tuple[str, ...]:
        """The option ids, in schema order."""
        return tuple(o.id for o in self.options)

    def option(self, option_id: str) -> Option:
        """The :class:`Option` with this id."""
        for o in self.options:
            if o.id == option_id:
                return o
        raise UnknownOption(self._bad(option_id))

    def _bad(self, value: object) -> str:
        return f"{self.name}: unknown option {shown(value)}; valid options: {', '.join(self.ids)}"

    def validate(self, value: Any) -> str:
        if not isinstance(value, str) or value not in self.ids:
            raise UnknownOption(self._bad(value))
        return value

    def sample(self, rng: np.random.Generator) -> str:
        weights = np.array([o.weight for o in self.options], dtype=float)
        return self.options[int(rng.choice(len(weights), p=weights / weights.sum()))].id

    def mutate(self, value: Value, rng: np.random.Generator, scale: float) -> str:
        others = [o for o in self.options if o.id != value and o.weight > 0]
        if not others:
            return str(value)
        weights = np.array([o.weight for o in others], dtype=float)
        return others[int(rng.choice(len(others), p=weights / weights.sum()))].id

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "label": self.label,
            "group": self.group,
            "options": list(self.ids),
            "labels": [o.label for o in self.options],
            "default": self.default,
        }


@dataclass(frozen=True)
class Scalar:
    """A feature whose value is a float in ``[lo, hi]``.

    Random samples follow a normal law around ``default`` with standard deviation
    ``spread * (hi - lo)``, clipped to the range.
    """

    name: str
    lo: float
    hi: float
    default: float
    label: str = ""
    group: str = ""
    spread: float = 0.18
    kind: str = field(default="scalar", init=False)

    def __post_init__(self) -> None:
        if not self.lo <= self.default <= self.hi or self.lo >= self.hi:
            raise ValueError(f"scalar {self.name!r}: need lo < hi and default in range")
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("_", " "))

    def validate(self, value: Any) -> float:
        number = _real(float(value) if isinstance(value, str) and _NUMBER.match(value)
                       else value)
        if number is None:
            raise InvalidParams(
                f"{self.name}: expected a number in [{self.lo}, {self.hi}], got {shown(value)}"
            )
        if not (self.lo <= number <= self.hi):
            raise InvalidParams(
                f"{self.name}: {number:g} is out of range; valid range: [{self.lo}, {self.hi}]"
            )
        return number

    def clip(self, value: float) -> float:
        """``value`` clipped into the range."""
        return float(min(self.hi, max(self.lo, value)))

    def sample(self, rng: np.random.Generator) -> float:
        return round(self.clip(rng.normal(self.default, self.spread * (self.hi - self.lo))), 4)

    def mutate(self, value: Value, rng: np.random.Generator, scale: float) -> float:
        base = float(value) if value is not None else self.default
        return round(self.clip(base + rng.normal(0.0, scale * (self.hi - self.lo))), 4)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "label": self.label,
            "group": self.group,
            "range": [self.lo, self.hi],
            "default": self.default,
        }


@dataclass(frozen=True)
class Color:
    """A feature whose value is any sRGB color ``#rrggbb``.

    ``presets`` name typical colors (``--set hair_color=ginger`` works) and drive
    random sampling by their weights. With ``follows`` set, the value may be ``None``
    (the default), meaning "the resolved color of that other feature".
    ``random_hue_weight`` is the relative weight of a random saturated color in
    sampling (dyed hair), next to the presets' weights; a following color is sampled
    as ``None`` (follow) with ``follow_probability``.
    """

    name: str
    presets: tuple[Preset, ...]
    default: str | None
    label: str = ""
    group: str = ""
    follows: str | None = None
    random_hue_weight: float = 0.0
    follow_probability: float = 0.9
    kind: str = field(default="color", init=False)

    def __post_init__(self) -> None:
        if self.default is None:
            if self.follows is None:
                raise ValueError(f"color {self.name!r}: default None needs `follows`")
        else:
            h = normalize_hex(self.default)
            if h is None:
                h = self.preset_hex(self.default)
            object.__setattr__(self, "default", h)
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("_", " "))

    def preset_hex(self, preset_id: str) -> str:
        for p in self.presets:
            if p.id == preset_id:
                return p.hex
        raise UnknownOption(self._bad(preset_id))

    def _bad(self, value: object) -> str:
        names = ", ".join(p.id for p in self.presets)
        follow = " or null (follow " + self.follows + ")" if self.follows else ""
        return (f"{self.name}: {shown(value)} is not a color; use #rrggbb, [r, g, b] in "
                f"0..255, a preset ({names}){follow}")

    def validate(self, value: Any) -> str | None:
        if value is None or (isinstance(value, str) and value.lower() in ("", "follow", "auto")):
            if self.follows is None:
                raise InvalidParams(self._bad(value))
            return None
        if isinstance(value, tuple | list):
            rgb = [_real(c) for c in value]
            if len(rgb) != 3 or any(c is None or not 0 <= c <= 255 for c in rgb):
                raise InvalidParams(self._bad(value))
            return rgb_to_hex(rgb)  # type: ignore[arg-type]
        if not isinstance(value, str):
            raise InvalidParams(self._bad(value))
        h = normalize_hex(value)
        if h is not None:
            return h
        for p in self.presets:
            if p.id == value:
                return p.hex
        raise UnknownOption(self._bad(value))

    def sample(self, rng: np.random.Generator) -> str | None:
        if self.follows is not None and rng.random() < self.follow_probability:
            return None
        weights = np.array([p.weight for p in self.presets] + [self.random_hue_weight], float)
        k = int(rng.choice(len(weights), p=weights / weights.sum()))
        if k < len(self.presets):
            return self.presets[k].hex
        from colorsys import hsv_to_rgb

        r, g, b = hsv_to_rgb(rng.random(), rng.uniform(0.55, 0.85), rng.uniform(0.55, 0.9))
        return rgb_to_hex((r * 255, g * 255, b * 255))

    def mutate(self, value: Value, rng: np.random.Generator, scale: float) -> str | None:
        if value is None or rng.random() < 0.3:
            others = [p for p in self.presets if p.hex != value and p.weight > 0]
            if others:
                weights = np.array([p.weight for p in others], dtype=float)
                return others[int(rng.choice(len(others), p=weights / weights.sum()))].hex
        rgb = np.array(hex_to_rgb(str(value)), float)
        return rgb_to_hex(rgb + rng.normal(0.0, 255 * scale, 3))

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "label": self.label,
            "group": self.group,
            "presets": {p.id: p.hex for p in self.presets},
            "default": self.default,
            "follows": self.follows,
        }


Feature: TypeAlias = Choice | Scalar | Color


def _no_constant(name: str) -> None:
    raise InvalidParams(f"params are not valid JSON: {name} is not a JSON number")


def parse_json_object(text: str) -> dict[str, Any]:
    """Parse params JSON text; :class:`InvalidParams` unless it is a JSON object (no
    ``NaN``/``Infinity``, no nesting deeper than Python's recursion limit, no integer
    over 4300 digits)."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except InvalidParams:
        raise
    except RecursionError:
        raise InvalidParams("params are not valid JSON: nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, and integers over 4300 digits
        raise InvalidParams(f"params are not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidParams("params JSON must be an object")
    return data

Constraint: TypeAlias = Callable[[dict[str, Value], np.random.Generator], None]
"""Adjusts a freshly sampled ``values`` dict in place so the combination is plausible."""


class Schema:
    """The named features of one style, in a fixed order, plus sampling constraints.

    ``version`` changes whenever the meaning of saved params changes; it is written
    into params JSON. ``constraints`` run in order after independent sampling in
    :meth:`random` (e.g. "no hair under a headscarf"); they are the only place where
    features depend on each other.
    """

    def __init__(
        self,
        style: str,
        version: str,
        features: Sequence[Feature],
        constraints: Sequence[Constraint] = (),
    ) -> None:
        self.style = style
        self.version = version
        self.features: tuple[Feature, ...] = tuple(features)
        self.constraints = tuple(constraints)
        self._by_name = {f.name: f for f in self.features}
        if len(self._by_name) != len(self.features):
            raise ValueError(f"schema {style!r} has duplicate feature names")
        for f in self.features:
            if isinstance(f, Color) and f.follows is not None:
                target = self._by_name.get(f.follows)
                if not isinstance(target, Color):
                    raise ValueError(f"{f.name} follows {f.follows!r}, which is not a color")

    def __repr__(self) -> str:
        return f"Schema({self.style!r}, version={self.version!r}, {len(self.features)} features)"

    def __iter__(self) -> Iterator[Feature]:
        return iter(self.features)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    @property
    def names(self) -> tuple[str, ...]:
        """Feature names in schema order."""
        return tuple(f.name for f in self.features)

    def feature(self, name: str) -> Feature:
        """The feature called ``name``; :class:`UnknownFeature` lists the valid names."""
        try:
            return self._by_name[name]
        except KeyError:
            raise UnknownFeature(
                f"style {self.style!r} has no feature {shown(name)}; valid features: "
                + ", ".join(self.names)
            ) from None

    def options(self, name: str) -> tuple[str, ...]:
        """The option ids of a choice feature, or the preset colors of a color feature."""
        f = self.feature(name)
        if isinstance(f, Choice):
            return f.ids
        if isinstance(f, Color):
            return tuple(p.hex for p in f.presets)
        raise InvalidParams(f"{name} is a scalar in [{f.lo}, {f.hi}]; it has no options")

    def of_kind(self, kind: str) -> tuple[Feature, ...]:
        """The features of one kind (``"choice"``, ``"scalar"`` or ``"color"``)."""
        return tuple(f for f in self.features if f.kind == kind)

    def defaults(self) -> Params:
        """Params with every feature at its default."""
        return Params(self, {f.name: f.default for f in self.features}, _trusted=True)

    def params(self, values: Mapping[str, Any] | None = None, **more: Any) -> Params:
        """Validated params: defaults overridden by ``values`` and keyword arguments."""
        merged = {f.name: f.default for f in self.features}
        for name, value in {**(values or {}), **more}.items():
            merged[name] = self.feature(name).validate(value)
        return Params(self, merged, _trusted=True)

    def random(
        self, seed: int | None = None, *, rng: np.random.Generator | None = None
    ) -> Params:
        """A plausible random avatar. The same ``seed`` (an integer >= 0) gives the same
        params."""
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)
                                 or seed < 0):
            raise BadArgument(f"seed must be an integer >= 0, got {shown(seed)}")
        rng = rng if rng is not None else np.random.default_rng(seed)
        values: dict[str, Value] = {f.name: f.sample(rng) for f in self.features}
        for constraint in self.constraints:
            constraint(values, rng)
        return self.params(values)

    def from_dict(self, data: Mapping[str, Any]) -> Params:
        """Params from :meth:`Params.to_dict` output (or a bare ``{feature: value}`` map).

        Features missing from the data take their defaults, so params saved by an
        older schema version still load; unknown features are an error.
        """
        if "values" in data and isinstance(data["values"], Mapping):
            style = data.get("style", self.style)
            if style != self.style:
                raise InvalidParams(f"these params are for style {style!r}, not {self.style!r}")
            return self.params(data["values"])
        return self.params(data)

    def from_json(self, text: str) -> Params:
        """Params from :meth:`Params.to_json` output."""
        return self.from_dict(parse_json_object(text))

    def describe(self) -> dict[str, Any]:
        """The schema as JSON-ready data (used by ``facemoji styles --json`` and the web page)."""
        return {
            "name": self.style,
            "version": self.version,
            "features": [f.describe() for f in self.features],
        }


class Params(Mapping[str, Value]):
    """Immutable, validated values of every feature of a schema.

    A read-only mapping ``{feature: value}``. Build them with
    :meth:`Schema.params`, :meth:`Schema.random` or :meth:`Schema.from_json`;
    derive new ones with :meth:`set` and :meth:`mutate`.
    """

    __slots__ = ("_key", "_values", "schema")

    def __init__(
        self, schema: Schema, values: Mapping[str, Value], *, _trusted: bool = False
    ) -> None:
        if not _trusted:
            values = dict(schema.params(values))
        self.schema = schema
        self._values = MappingProxyType(dict(values))
        self._key = tuple(self._values[n] for n in schema.names)

    def __getitem__(self, name: str) -> Value:
        try:
            return self._values[name]
        except KeyError:
            self.schema.feature(name)  # raises UnknownFeature naming the valid ones
            raise

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash((self.schema.style, self._key))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Params):
            return NotImplemented
        return self.schema.style == other.schema.style and self._key == other._key

    def __repr__(self) -> str:
        return f"Params({self.schema.style!r}, {dict(self._values)!r})"

    @property
    def style(self) -> str:
        """The name of the style these params belong to."""
        return self.schema.style

    def choice(self, name: str) -> str:
        """The option id of a choice feature."""
        return str(self[name])

    def scalar(self, name: str) -> float:
        """The value of a scalar feature."""
        return float(self[name])  # type: ignore[arg-type]

    def color(self, name: str) -> str:
        """The resolved ``#rrggbb`` of a color feature (following ``follows`` links)."""
        seen = set()
        while True:
            value = self[name]
            if value is not None:
                return str(value)
            seen.add(name)
            feature = self.schema.feature(name)
            assert isinstance(feature, Color) and feature.follows
            name = feature.follows
            if name in seen:
                raise InvalidParams(f"color features follow each other in a loop: {seen}")

    def set(self, name: str, value: Any) -> Params:
        """A copy with one feature changed (validated)."""
        return self.update({name: value})

    def update(self, values: Mapping[str, Any]) -> Params:
        """A copy with several features changed (validated)."""
        merged = dict(self._values)
        for name, value in values.items():
            merged[name] = self.schema.feature(name).validate(value)
        return Params(self.schema, merged, _trusted=True)

    def mutate(
        self, rng: np.random.Generator, *, rate: float = 0.15, scale: float = 0.1
    ) -> Params:
        """A copy where each feature changes with probability ``rate`` (at least one does).

        Choices jump to another option (weighted as in sampling), scalars move by a
        normal step of ``scale`` × their range, colors jitter or jump to a preset.
        """
        names = list(self.schema.names)
        new = dict(self._values)
        for _ in range(20):  # a step can land where it started (a scalar at its bound)
            changed = [n for n in names if rng.random() < rate] or [names[rng.integers(len(names))]]
            for name in changed:
                new[name] = self.schema.feature(name).mutate(new[name], rng, scale)
            if new != self._values:
                break
        return Params(self.schema, new, _trusted=True)

    def to_dict(self) -> dict[str, Any]:
        """``{"style", "schema_version", "values"}``, ready for JSON."""
        return {
            "style": self.schema.style,
            "schema_version": self.schema.version,
            "values": dict(self._values),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """JSON text that :meth:`Schema.from_json` (and ``facemoji render --params``) reads."""
        return json.dumps(self.to_dict(), indent=indent)
