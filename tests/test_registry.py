"""The registry: decorator, lazy instances, entry points, errors listing valid names."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

import facemoji
from facemoji.errors import UnknownName
from facemoji.registry import Registry


def test_register_get_and_cache() -> None:
    reg: Registry[object] = Registry("widget", "facemoji.test-widgets")
    made = []

    @reg.register("plain")
    class Plain:
        def __init__(self) -> None:
            made.append(self)

    assert reg.names() == ["plain"]
    assert reg.get("plain") is reg.get("plain") and len(made) == 1
    with pytest.raises(UnknownName, match="unknown widget 'fancy'; valid widgets: plain"):
        reg.get("fancy")
    with pytest.raises(ValueError):
        reg.register("Upper")


def test_entry_points_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    reg: Registry[object] = Registry("widget", "facemoji.test-widgets")
    good = EntryPoint("ext", "collections:OrderedDict", "facemoji.test-widgets")
    broken = EntryPoint("bad", "no_such_module_xyz:Thing", "facemoji.test-widgets")
    monkeypatch.setattr("facemoji.registry.entry_points",
                        lambda group: [good, broken] if group == "facemoji.test-widgets" else [])
    assert reg.names() == ["ext"]  # the broken plugin is logged and skipped
    assert type(reg.get("ext")).__name__ == "OrderedDict"


def test_unknown_style_lists_valid_ones() -> None:
    with pytest.raises(UnknownName, match=r"valid styles: .*facemoji"):
        facemoji.get_style("nope")
