"""Schema and Params: validation, JSON round trip, sampling, mutation."""

from __future__ import annotations

import json

import numpy as np
import pytest

from facemoji.avatar.schema import Choice, Color, Option, Preset, Scalar, Schema
from facemoji.errors import InvalidParams, UnknownFeature, UnknownOption


@pytest.fixture
def schema() -> Schema:
    return Schema(
        "toy",
        "3",
        [
            Choice("hat", (Option("none", weight=5), Option("cap"), Option("wink", weight=0)),
                   "none"),
            Scalar("size", -1.0, 1.0, 0.0),
            Color("hair", (Preset("black", "#111111"), Preset("red", "#c4301c")), "black"),
            Color("brows", (Preset("black", "#111111"),), None, follows="hair"),
        ],
    )


def test_defaults_and_follow(schema: Schema) -> None:
    p = schema.defaults()
    assert p["hat"] == "none" and p["size"] == 0.0 and p["hair"] == "#111111"
    assert p["brows"] is None and p.color("brows") == "#111111"
    assert p.set("hair", "red").color("brows") == "#c4301c"


def test_validation_names_valid_values(schema: Schema) -> None:
    p = schema.defaults()
    with pytest.raises(UnknownOption, match="valid options: none, cap, wink"):
        p.set("hat", "crown")
    with pytest.raises(UnknownFeature, match="valid features: hat, size, hair, brows"):
        p.set("nose", "big")
    with pytest.raises(InvalidParams, match=r"valid range: \[-1.0, 1.0\]"):
        p.set("size", 3)
    with pytest.raises(InvalidParams, match="not a color"):
        p.set("hair", "reddish")
    with pytest.raises(InvalidParams):
        p.set("size", True)


def test_color_forms(schema: Schema) -> None:
    p = schema.defaults()
    assert p.set("hair", "#ABC")["hair"] == "#aabbcc"
    assert p.set("hair", "red")["hair"] == "#c4301c"
    assert p.set("hair", (255, 0, 16))["hair"] == "#ff0010"
    assert p.set("brows", "#222222").set("brows", None).color("brows") == "#111111"
    with pytest.raises(InvalidParams):
        p.set("hair", None)  # hair follows nothing


def test_params_are_immutable_and_hashable(schema: Schema) -> None:
    p = schema.defaults()
    q = p.set("size", 0.5)
    assert p["size"] == 0.0 and q["size"] == 0.5
    with pytest.raises(TypeError):
        p["size"] = 1.0  # type: ignore[index]
    assert hash(p) == hash(schema.defaults()) and p == schema.defaults() and p != q
    assert len({p, q, schema.defaults()}) == 2


def test_json_round_trip(schema: Schema) -> None:
    p = schema.random(seed=4)
    data = json.loads(p.to_json())
    assert data["style"] == "toy" and data["schema_version"] == "3"
    assert schema.from_json(p.to_json()) == p
    # a bare {feature: value} mapping loads too, missing features take defaults
    assert schema.from_dict({"size": 0.25})["hat"] == "none"
    with pytest.raises(InvalidParams, match="not valid JSON"):
        schema.from_json("{")
    with pytest.raises(InvalidParams, match="style 'other'"):
        schema.from_dict({"style": "other", "values": {}})


def test_random_is_seeded_and_respects_zero_weights(schema: Schema) -> None:
    assert schema.random(seed=1) == schema.random(seed=1)
    samples = [schema.random(seed=i) for i in range(300)]
    assert all(s["hat"] != "wink" for s in samples)
    assert {s["hat"] for s in samples} == {"none", "cap"}
    assert all(-1.0 <= float(s["size"]) <= 1.0 for s in samples)  # type: ignore[arg-type]
    assert len({s["size"] for s in samples}) > 250


def test_mutate_changes_something_and_stays_valid(schema: Schema) -> None:
    rng = np.random.default_rng(0)
    p = schema.defaults()
    for _ in range(50):
        q = p.mutate(rng, rate=0.3)
        assert q != p
        schema.params(dict(q))  # still valid
        p = q


def test_options_and_describe(schema: Schema) -> None:
    assert schema.options("hat") == ("none", "cap", "wink")
    assert schema.options("hair") == ("#111111", "#c4301c")
    with pytest.raises(InvalidParams, match="scalar"):
        schema.options("size")
    described = schema.describe()
    assert [f["kind"] for f in described["features"]] == ["choice", "scalar", "color", "color"]
    assert described["features"][1]["range"] == [-1.0, 1.0]


def test_bad_schema_definitions_fail_early() -> None:
    with pytest.raises(ValueError):
        Choice("x", (Option("a"),), "b")
    with pytest.raises(ValueError):
        Scalar("x", 1.0, 0.0, 0.5)
    with pytest.raises(ValueError):
        Color("x", (), None)
    with pytest.raises(ValueError):
        Schema("s", "1", [Scalar("a", 0, 1, 0), Scalar("a", 0, 1, 0)])


# --- malformed values (issue 14, item 8): a short InvalidParams, never a TypeError -----

@pytest.mark.parametrize("value", [
    ["a", "b", "c"], [None, 1, 2], [[1], [2], [3]], [float("nan"), 1, 2],
    [float("inf"), float("-inf"), 0], [10 ** 309, 0, 0], [True, 0, 0], [256, 0, 0],
    [-1, 0, 0], [1, 2], [1, 2, 3, 4], {"r": 1}, 7,
])
def test_malformed_colors_are_invalid_params(schema: Schema, value: object) -> None:
    with pytest.raises(InvalidParams, match=r"hair: .* is not a color") as caught:
        schema.defaults().set("hair", value)
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "nan", "1e999", 10 ** 309,
                                   True, None, [0.5], "big"])
def test_malformed_scalars_are_invalid_params(schema: Schema, value: object) -> None:
    with pytest.raises(InvalidParams, match="size: expected a number") as caught:
        schema.defaults().set("size", value)
    assert len(str(caught.value)) < 200


def test_colors_and_scalars_still_take_numbers(schema: Schema) -> None:
    p = schema.defaults().update({"hair": (255, 0, 16.4), "size": "0.25"})
    assert p["hair"] == "#ff0010" and p["size"] == 0.25
    assert schema.defaults().set("hair", [np.uint8(1), np.float32(2), 3])["hair"] == "#010203"


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"values": {"size": ' + "1" * 5000 + "}}", "not valid JSON"),
    ('{"values": {"size": NaN}}', "NaN is not a JSON number"),
    ('{"values": {"hair": [Infinity, 1, 2]}}', "Infinity is not a JSON number"),
])
def test_hostile_params_json(schema: Schema, text: str, message: str) -> None:
    with pytest.raises(InvalidParams, match=message) as caught:
        schema.from_json(text)
    assert len(str(caught.value)) < 200


def test_a_huge_value_is_shown_short(schema: Schema) -> None:
    with pytest.raises(InvalidParams) as caught:
        schema.from_json('{"values": {"size": ' + "1" * 400 + "}}")
    assert len(str(caught.value)) < 120
    with pytest.raises(UnknownFeature) as caught:
        schema.params({"x" * 10_000: 1})
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize("seed", [-1, 1.5, "7"])
def test_random_seed_must_be_a_natural_number(schema: Schema, seed: object) -> None:
    from facemoji.errors import BadArgument

    with pytest.raises(BadArgument, match="seed must be an integer >= 0"):
        schema.random(seed=seed)  # type: ignore[arg-type]
    assert schema.random(seed=2 ** 64) == schema.random(seed=2 ** 64)
