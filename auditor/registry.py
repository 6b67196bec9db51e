"""The rule registry: every rule module under ``auditor.rules`` registers its class here.

Rules are discovered by importing every module of the ``auditor.rules`` package once; the
``@register`` decorator (:mod:`auditor.rule`, so a rule never imports this module) adds each
class under its id. The jurisdictions' profiles
(:mod:`auditor.profiles`) give each rule its weight per jurisdiction.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Literal

from auditor import profiles
from auditor.models import Severity
from auditor.profiles import profile
from auditor.rule import REGISTERED, Rule

#: Weight of a rule by severity when no profile names it (requirements.md, section 8).
SEVERITY_WEIGHT: dict[Severity, float] = {
    Severity.CRITICAL: 5.0,
    Severity.HIGH: 3.0,
    Severity.MEDIUM: 2.0,
    Severity.LOW: 1.0,
    Severity.INFO: 0.0,
}


@cache
def _discover() -> None:
    import auditor.rules as package

    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        importlib.import_module(info.name)


def all_rules() -> list[type[Rule]]:
    """Every registered rule, in catalogue order (category, then id)."""
    _discover()
    return sorted(REGISTERED.values(), key=lambda r: (r.meta.category.value, r.meta.id))


def get_rule(rule_id: str) -> type[Rule]:
    """One rule by id; KeyError with the known ids if there is none."""
    _discover()
    try:
        return REGISTERED[rule_id]
    except KeyError:
        raise KeyError(f"no rule {rule_id!r}; known: {', '.join(sorted(REGISTERED))}") from None


def weight_of(rule: type[Rule], jurisdiction: str) -> float:
    """The weight a rule carries in the score of a jurisdiction."""
    return profile(jurisdiction).get(rule.meta.id, SEVERITY_WEIGHT[rule.meta.severity])


def switched_off(rule: type[Rule], jurisdiction: str) -> Literal["elsewhere", "profile"] | None:
    """Why the engine does not judge ``rule`` in ``jurisdiction``: its ``meta`` names other
    jurisdictions ("elsewhere"), or the jurisdiction's profile switches it off ("profile");
    None when it is judged. The engine and the rule catalogue both ask this one question."""
    meta = rule.meta
    if meta.jurisdictions and jurisdiction not in meta.jurisdictions:
        return "elsewhere"
    if meta.id in profiles.disabled(jurisdiction):
        return "profile"
    return None
