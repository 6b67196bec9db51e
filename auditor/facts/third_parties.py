"""The companies on a shop's pages that are not the shop (payment, delivery, platforms), from
one data file, ``third_parties.toml``: their email domains for the facts, their names for the
rules that tell the trader's own company name and details from someone else's."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class ThirdParties:
    """Names (whole words in text) and registrable-domain labels of third parties."""

    names: tuple[str, ...]
    domains: frozenset[str]
    #: Any of the names as a whole word, any case.
    pattern: re.Pattern[str]

    def named_in(self, text: str) -> bool:
        """Whether ``text`` names a third party ("Klarna Bank AB", "… Powered by Shopify")."""
        return self.pattern.search(text) is not None


@cache
def third_parties() -> ThirdParties:
    """The third parties of ``third_parties.toml``, every group together."""
    file = resources.files("auditor") / "facts" / "third_parties.toml"
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    names: list[str] = []
    domains: set[str] = set()
    for group in data.values():
        for name in group.get("names", []):
            names.append(str(name).lower())
            domains.add(str(name).lower().replace(" ", ""))
        domains.update(str(label).lower() for label in group.get("domains", []))
    unique = tuple(dict.fromkeys(names))
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for name in unique) + r")\b", re.IGNORECASE)
    return ThirdParties(names=unique, domains=frozenset(domains), pattern=pattern)
