"""The compiled build of the hot modules (auditor.native): used only when it is a build of these
very sources for this interpreter; the sources otherwise, with nothing to do by hand."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import auditor
from auditor import native
from auditor.facts import concepts, dom

ROOT = Path(auditor.__file__).resolve().parents[1]


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "sub" / "mod.py").write_text("X = 1\n", encoding="utf-8")
    (package / "data.toml").write_text("a = 1\n", encoding="utf-8")
    return package


def _build(tmp_path: Path, package: Path, name: str = "auditor_native_probe") -> Path:
    """A build of ``package`` as scripts/compile writes it, with a pure-Python file standing in
    for the extension (the finder loads whatever the manifest names)."""
    build = tmp_path / "build"
    build.mkdir()
    (build / "probe.py").write_text("WHERE = 'build'\n", encoding="utf-8")
    manifest = {"suffix": native.extension_suffix(), "sources": native.sources_digest(package),
                "files": {name: "probe.py"}}
    (build / native.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return build


def test_the_digest_follows_every_source_of_the_package_and_nothing_else(tmp_path: Path) -> None:
    package = _package(tmp_path)
    first = native.sources_digest(package)
    assert native.sources_digest(package) == first
    (package / "data.toml").write_text("a = 2\n", encoding="utf-8")  # data is read, not compiled
    assert native.sources_digest(package) == first
    (package / "sub" / "mod.py").write_text("X = 2\n", encoding="utf-8")  # a module a compiled one imports
    changed = native.sources_digest(package)
    assert changed != first
    (package / "sub" / "new.py").write_text("", encoding="utf-8")
    assert native.sources_digest(package) != changed


def test_a_build_of_these_sources_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path)
    build = _build(tmp_path, package)
    assert native.usable_build(build, package) == {"auditor_native_probe": str(build / "probe.py")}
    monkeypatch.delenv("AUDITOR_PURE_PYTHON", raising=False)
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if not isinstance(f, native._Finder)])
    assert native.install(build, package)
    assert not native.install(build, package)  # once
    monkeypatch.delitem(sys.modules, "auditor_native_probe", raising=False)
    assert importlib.import_module("auditor_native_probe").WHERE == "build"
    sys.modules.pop("auditor_native_probe", None)


def test_the_sources_are_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path)
    build = _build(tmp_path, package)
    monkeypatch.setenv("AUDITOR_PURE_PYTHON", "1")
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if not isinstance(f, native._Finder)])
    assert not native.install(build, package)


@pytest.mark.parametrize("spoil", ["missing", "not json", "half-written", "stale", "other python", "file gone"])
def test_a_build_that_is_not_of_these_sources_is_not_used(tmp_path: Path, spoil: str) -> None:
    package = _package(tmp_path)
    build = _build(tmp_path, package)
    manifest = build / native.MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if spoil == "missing":
        manifest.unlink()
    elif spoil == "not json":
        manifest.write_text("{", encoding="utf-8")
    elif spoil == "half-written":
        manifest.write_text(json.dumps({"suffix": data["suffix"]}), encoding="utf-8")
    elif spoil == "stale":
        (package / "sub" / "mod.py").write_text("X = 3\n", encoding="utf-8")
    elif spoil == "other python":
        manifest.write_text(json.dumps({**data, "suffix": ".cpython-39-x86_64-linux-gnu.so"}), encoding="utf-8")
    else:
        (build / "probe.py").unlink()
    assert native.usable_build(build, package) is None


def test_the_package_is_all_compiled_or_all_sources() -> None:
    """Whatever this run uses, it uses for every listed module (a build is not used in part), and
    the modules that cannot be compiled are always sources."""
    compiled = {name: native.is_compiled(importlib.import_module(name)) for name in native.COMPILED}
    assert len(set(compiled.values())) == 1, compiled
    assert compiled["auditor.facts.concepts"] == native.is_compiled(concepts)
    assert not native.is_compiled(dom)
    assert native.is_compiled(concepts) == (native.usable_build() is not None and not native.settings.pure_python())


def test_pure_python_is_asked_for_in_a_fresh_process() -> None:
    code = "import auditor.facts.concepts as c; from auditor import native; print(native.is_compiled(c))"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "AUDITOR_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(native.usable_build() is None, reason="no compiled build of these sources (scripts/compile)")
def test_a_stale_build_falls_back_to_the_sources(tmp_path: Path) -> None:
    """A copy of the package with one source changed: the same build is not used for it."""
    copy = tmp_path / "auditor"
    shutil.copytree(ROOT / "auditor", copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert native.usable_build(native.BUILD, copy) is not None
    target = copy / "facts" / "numbers.py"
    target.write_text(target.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert native.usable_build(native.BUILD, copy) is None
