"""The import contracts cover the whole package: a new top-level module must be given its layer in
``[tool.importlinter]`` (pyproject.toml), or the layering would silently not apply to it.
``lint-imports`` itself runs in scripts/test, before pytest."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import auditor

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _layered_modules() -> set[str]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    return {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}


def test_every_top_level_module_has_a_layer() -> None:
    modules = {f"auditor.{info.name}" for info in pkgutil.iter_modules(auditor.__path__)} - {"auditor.__main__"}
    missing = sorted(modules - _layered_modules())
    assert not missing, f"give these modules a layer in pyproject.toml [tool.importlinter]: {missing}"


def test_the_layers_name_only_modules_that_exist() -> None:
    modules = {f"auditor.{info.name}" for info in pkgutil.iter_modules(auditor.__path__)}
    stale = sorted(_layered_modules() - modules)
    assert not stale, f"layers name modules that no longer exist: {stale}"
