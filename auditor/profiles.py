"""The jurisdictions, as data: one profile file each (``rules/profiles/<code>.toml``) over
``default.toml``, holding the rules' weights, the rules a jurisdiction switches off and the
parameters of its law (periods, dispute bodies, premium-rate prefixes, country codes).
Everything that knows about countries reads them from here."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def profile(jurisdiction: str) -> dict[str, float]:
    """Rule weights for a jurisdiction: ``default.toml`` overlaid with ``<jurisdiction>.toml``."""
    folder = resources.files("auditor") / "rules" / "profiles"
    weights: dict[str, float] = {}
    for name in ("default", jurisdiction):
        file = folder / f"{name}.toml"
        if file.is_file():
            data = tomllib.loads(file.read_text(encoding="utf-8"))
            weights.update({k: float(v) for k, v in data.get("weights", {}).items()})
    return weights


@cache
def params(jurisdiction: str) -> dict[str, Any]:
    """Per-jurisdiction parameters of the law (periods, ADR bodies, premium-rate prefixes):
    the ``[params]`` of ``default.toml`` overlaid with those of ``<jurisdiction>.toml``."""
    folder = resources.files("auditor") / "rules" / "profiles"
    merged: dict[str, Any] = {}
    for name in ("default", jurisdiction):
        file = folder / f"{name}.toml"
        if file.is_file():
            merged.update(tomllib.loads(file.read_text(encoding="utf-8")).get("params", {}))
    return merged


@cache
def disabled(jurisdiction: str) -> frozenset[str]:
    """Rules a jurisdiction's profile switches off (``[rules] disabled = [...]``)."""
    folder = resources.files("auditor") / "rules" / "profiles"
    off: set[str] = set()
    for name in ("default", jurisdiction):
        file = folder / f"{name}.toml"
        if file.is_file():
            off.update(tomllib.loads(file.read_text(encoding="utf-8")).get("rules", {}).get("disabled", []))
    return frozenset(off)


def jurisdictions() -> list[str]:
    """The jurisdictions that have a profile file."""
    folder = resources.files("auditor") / "rules" / "profiles"
    return sorted(f.name.removesuffix(".toml") for f in folder.iterdir()
                  if f.name.endswith(".toml") and f.name != "default.toml")
