"""The benchmark and maintenance scripts import facemoji names that exist.

They run outside the suite (they need ../shared or minutes of CPU) and import lazily inside
functions, so a renamed or moved name would only show when someone runs them.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted([*ROOT.glob("benchmarks/*.py"), *ROOT.glob("scripts/*.py")])


def _facemoji_imports(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text())
    return [(node.module, alias.name) for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("facemoji")
            for alias in node.names]


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_facemoji_name_a_script_imports_exists(path: Path) -> None:
    for module_name, name in _facemoji_imports(path):
        if module_name.startswith("facemoji.gan") or module_name.startswith("facemoji.web"):
            pytest.importorskip("torch" if "gan" in module_name else "fastapi")
        module = importlib.import_module(module_name)
        if not hasattr(module, name):  # a submodule imported by name
            importlib.import_module(f"{module_name}.{name}")


def test_the_scripts_are_found() -> None:
    assert any(p.name == "attributes.py" for p in SCRIPTS)
