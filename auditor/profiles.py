"""The jurisdictions, as data: one profile file each (``rules/profiles/<code>.toml``) over
``default.toml``, holding the rules' weights, the rules a jurisdiction switches off, the
parameters of its law (periods, dispute bodies, premium-rate prefixes) and its country (region
code, top-level domains, languages). Everything that knows about countries reads them from here."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache
def _file(name: str) -> dict[str, Any]:
    """One profile file's tables; empty when there is no such file."""
    file = resources.files("auditor") / "rules" / "profiles" / f"{name}.toml"
    return tomllib.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}


def _table(jurisdiction: str, table: str) -> dict[str, Any]:
    """A table of ``default.toml`` overlaid key by key with the same table of the jurisdiction."""
    return {**_file("default").get(table, {}), **_file(jurisdiction).get(table, {})}


@cache
def profile(jurisdiction: str) -> dict[str, float]:
    """Rule weights for a jurisdiction: ``default.toml`` overlaid with ``<jurisdiction>.toml``."""
    return {k: float(v) for k, v in _table(jurisdiction, "weights").items()}


@cache
def params(jurisdiction: str) -> dict[str, Any]:
    """Per-jurisdiction parameters of the law (periods, ADR bodies, premium-rate prefixes):
    the ``[params]`` of ``default.toml`` overlaid with those of ``<jurisdiction>.toml``."""
    return _table(jurisdiction, "params")


@cache
def disabled(jurisdiction: str) -> frozenset[str]:
    """Rules a jurisdiction's profile switches off (``[rules] disabled = [...]``)."""
    off: set[str] = set()
    for name in ("default", jurisdiction):
        off.update(_file(name).get("rules", {}).get("disabled", []))
    return frozenset(off)


def jurisdictions() -> list[str]:
    """The jurisdictions that have a profile file."""
    folder = resources.files("auditor") / "rules" / "profiles"
    return sorted(f.name.removesuffix(".toml") for f in folder.iterdir()
                  if f.name.endswith(".toml") and f.name != "default.toml")


@dataclass(frozen=True)
class Country:
    """The ``[country]`` of a jurisdiction's profile."""

    #: ISO 3166-1 code whose national phone numbering and postcodes apply; "" for EU law only.
    region: str
    #: Country-code top-level domains that point to the jurisdiction.
    tlds: tuple[str, ...]
    #: Page languages (ISO 639-1) that point to the jurisdiction.
    languages: tuple[str, ...]


@cache
def country(jurisdiction: str) -> Country:
    """The country of a jurisdiction (empty for ``eu`` and for an unknown code)."""
    table = _table(jurisdiction, "country")
    return Country(
        region=str(table.get("region", "")),
        tlds=tuple(str(t) for t in table.get("tlds", [])),
        languages=tuple(str(lang) for lang in table.get("languages", [])),
    )


@cache
def jurisdiction_of_tld(tld: str) -> str | None:
    """The jurisdiction whose country uses a top-level domain (``se`` → ``se``), or None."""
    return next((j for j in jurisdictions() if tld in country(j).tlds), None)


@cache
def jurisdiction_of_language(lang: str) -> str | None:
    """The jurisdiction whose country speaks a page language (``nb`` → ``no``), or None."""
    return next((j for j in jurisdictions() if lang in country(j).languages), None)


def region_of_language(lang: str) -> str:
    """The country whose numbering a page in ``lang`` is read with where the jurisdiction names
    none (``[language_regions]`` of ``default.toml``), or ""."""
    return str(_file("default").get("language_regions", {}).get(lang, ""))
