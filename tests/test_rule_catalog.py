"""The rule catalogue keeps its conventions: the rule id is the join key of everything."""

from __future__ import annotations

import sys

import pytest

from auditor import profiles, registry
from auditor.models import FACT_NAMES

RULES = registry.all_rules()
SECTIONS = ("What it checks", "Why it matters", "Failing example", "Passing example", "Needs review when")


def test_the_walking_skeleton_rules_exist() -> None:
    ids = {r.meta.id for r in RULES}
    assert {"contact-email", "contact-phone", "contact-address", "trader-identity",
            "contact-page-findable"} <= ids


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.id for r in RULES])
def test_names_derive_from_the_id(rule: type) -> None:
    rule_id = rule.meta.id  # type: ignore[attr-defined]
    module = sys.modules[rule.__module__]
    assert rule.__module__.rsplit(".", 1)[-1] == rule_id.replace("-", "_")
    assert rule.__name__ == "".join(part.capitalize() for part in rule_id.split("-"))
    assert rule.__module__.split(".")[2] == rule.meta.category.value  # type: ignore[attr-defined]
    doc = module.__doc__ or ""
    for section in SECTIONS:
        assert section in doc, f"{rule_id}: docstring lacks '{section}'"


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.id for r in RULES])
def test_metadata_is_complete(rule: type) -> None:
    meta = rule.meta  # type: ignore[attr-defined]
    assert meta.legal_refs
    assert set(meta.requires) <= FACT_NAMES
    assert meta.id in profiles.profile("default"), f"{meta.id} has no weight in profiles/default.toml"
    assert meta.title != meta.failure_title


def test_docs_pages_are_current() -> None:
    """docs/rules/ is generated from the code: regenerate with `auditor rules --write-docs docs/rules`."""
    from pathlib import Path

    from auditor.catalogue import expected_docs

    folder = Path(__file__).parent.parent / "docs" / "rules"
    expected = expected_docs()
    present = {p.name for p in folder.glob("*.md")}
    assert present == set(expected), "docs/rules is out of date: run auditor rules --write-docs docs/rules"
    for name, text in expected.items():
        assert (folder / name).read_text(encoding="utf-8") == text, f"docs/rules/{name} is out of date"
