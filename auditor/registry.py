"""The rule registry: every rule module under ``auditor.rules`` registers its class here.

Rules are discovered by importing every module of the ``auditor.rules`` package once; the
``@register`` decorator adds each class under its id. The jurisdictions' profiles
(:mod:`auditor.profiles`) give each rule its weight per jurisdiction.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import TypeVar

from auditor.models import Severity
from auditor.profiles import profile
from auditor.rule import Rule

_RULES: dict[str, type[Rule]] = {}

R = TypeVar("R", bound=type[Rule])

#: Weight of a rule by severity when no profile names it (requirements.md, section 8).
SEVERITY_WEIGHT: dict[Severity, float] = {
    Severity.CRITICAL: 5.0,
    Severity.HIGH: 3.0,
    Severity.MEDIUM: 2.0,
    Severity.LOW: 1.0,
    Severity.INFO: 0.0,
}


def register(cls: R) -> R:
    """Class decorator: add a rule to the catalogue under its ``meta.id``."""
    rule_id = cls.meta.id
    if rule_id in _RULES and _RULES[rule_id] is not cls:
        raise ValueError(f"two rules share the id {rule_id!r}")
    _RULES[rule_id] = cls
    return cls


@cache
def _discover() -> None:
    import auditor.rules as package

    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        importlib.import_module(info.name)


def all_rules() -> list[type[Rule]]:
    """Every registered rule, in catalogue order (category, then id)."""
    _discover()
    return sorted(_RULES.values(), key=lambda r: (r.meta.category.value, r.meta.id))


def get_rule(rule_id: str) -> type[Rule]:
    """One rule by id; KeyError with the known ids if there is none."""
    _discover()
    try:
        return _RULES[rule_id]
    except KeyError:
        raise KeyError(f"no rule {rule_id!r}; known: {', '.join(sorted(_RULES))}") from None


def weight_of(rule: type[Rule], jurisdiction: str) -> float:
    """The weight a rule carries in the score of a jurisdiction."""
    return profile(jurisdiction).get(rule.meta.id, SEVERITY_WEIGHT[rule.meta.severity])
