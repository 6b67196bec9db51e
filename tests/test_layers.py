"""The import contracts cover the whole package: a new top-level module must be given its layer in
``[tool.importlinter]`` (pyproject.toml), or the layering would silently not apply to it.
``lint-imports`` itself runs in scripts/test, before pytest."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import auditor
from tests import quiet_ast

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


def test_the_cli_only_parses_and_calls_the_pipeline() -> None:
    """cli.py turns options into one settings object and calls the pipeline: no function in it
    grows past 60 lines (the orchestration it once held lives in auditor/pipeline.py)."""
    import ast

    source = (Path(auditor.__file__).parent / "cli.py").read_text(encoding="utf-8")
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(quiet_ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None and node.end_lineno - node.lineno + 1 > 60
    ]
    assert not long, f"cli.py functions over 60 lines: {long}"
