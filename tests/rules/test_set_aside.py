"""Nothing found is silently dropped (issue 18, item 9).

Over every fixture of the contact rules: when a rule fails or asks for review while the facts hold
an item of its kind (an email address, a phone number, a postal address, a legal name or
registration number), its message names one of them, so that a reader sees what the tool saw and
why it did not count. A rule never says "no email anywhere" while an email fact exists.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.engine import run_rules
from auditor.facts.site import gather_site
from auditor.models import Outcome, SiteFacts
from auditor.registry import get_rule
from auditor.rule import AuditContext
from tests.rules.harness import load_fixture

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules"


def _emails(facts: SiteFacts) -> list[str]:
    return [e.address for e in facts.emails]


def _phones(facts: SiteFacts) -> list[str]:
    return [p.raw for p in facts.phones]


def _addresses(facts: SiteFacts) -> list[str]:
    return [a.street or a.postal_code for a in facts.addresses]


def _identity(facts: SiteFacts) -> list[str]:
    return [n.name for n in facts.company_names] + [n.raw for n in facts.org_numbers]


#: The contact rules, and the items of their kind as a message would name them.
KINDS: dict[str, Callable[[SiteFacts], list[str]]] = {
    "contact-email": _emails,
    "contact-page-findable": _emails,
    "contact-phone": _phones,
    "contact-address": _addresses,
    "trader-identity": _identity,
}
CASES = sorted(path for rule in KINDS for path in (FIXTURES / rule).glob("*.html"))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_a_verdict_of_absence_names_what_was_set_aside(path: Path) -> None:
    rule_id = path.parent.name
    fixture = load_fixture(path)
    facts = gather_site(fixture.crawl, fixture.jurisdiction)
    [outcome] = run_rules(facts, AuditContext(jurisdiction=facts.jurisdiction, as_of=fixture.as_of),
                          [get_rule(rule_id)])
    items = [item for item in KINDS[rule_id](facts) if item]
    if outcome.outcome not in (Outcome.FAIL, Outcome.NEEDS_REVIEW) or not items:
        return
    assert any(item in outcome.message for item in items), (
        f"{outcome.outcome}: '{outcome.message}' names none of {items}"
    )
    assert "anywhere" not in outcome.message, outcome.message


def test_the_contact_rules_have_a_fixture_that_sets_something_aside() -> None:
    """The test above is not empty: each contact rule fails or asks for review on a fixture whose
    facts hold an item of its kind."""
    exercised: set[str] = set()
    for path in CASES:
        rule_id = path.parent.name
        fixture = load_fixture(path)
        facts = gather_site(fixture.crawl, fixture.jurisdiction)
        [outcome] = run_rules(facts, AuditContext(jurisdiction=facts.jurisdiction, as_of=fixture.as_of),
                              [get_rule(rule_id)])
        if outcome.outcome in (Outcome.FAIL, Outcome.NEEDS_REVIEW) and KINDS[rule_id](facts):
            exercised.add(rule_id)
    assert exercised == set(KINDS)
